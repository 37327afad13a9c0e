/// What a method says about one input on its page, as values: the page builder (`InputPageBuilder`) formats
/// the numbers and lists, and the templates print the result.
struct SectionContent: Sendable {
    /// The method's name as the heading shows it ("DINAMO-S reference-histogram monitoring").
    var methodTitle: String
    var method: MethodID
    /// The facts line's parts, joined with " · " ("120 runs × 20 bins", "α = 0.5", …).
    var facts: [String]
    var notes: [String]
    var tables: [Table]
    /// Said where the tables would be when there are none ("No labels: …").
    var tablesNote: String?
    /// The flagged units as the input names them ("Flagged runs": run ids), listed when the method lists them.
    var flaggedLabel: String
    var flagged: [String]?

    /// A table of metrics: `header` names the columns (the first heads the row names).
    struct Table: Sendable {
        var header: [String]
        var rows: [Row]
    }

    struct Row: Sendable {
        var name: String
        var cells: [Cell]
    }

    /// One value of a table, formatted by the page: a metric (3 decimals, "—" when absent), a count, a time, text;
    /// or one of these marked with a word of warning the page prints beside it ("0.412 (below 0.5)").
    indirect enum Cell: Sendable, Equatable {
        case metric(Double?)
        case count(Int?)
        case seconds(Double?)
        case text(String)
        case marked(Cell, String)
    }
}
