/// A method's `summary.json` entry that offers its results as tables (`anomaly-report table`). The table
/// command reads `summary.json`, decodes each method's entries through the registry, and asks each entry type
/// for its tables: it never asks which method it is reading.
public protocol TabulatedEntry: SummaryEntry {
    /// The quantities the method's tables can show, by their `summary.json` names (`vus_pr`, `alpha`, …), in
    /// the order its tables come; `tableDefaults` is what a table shows when no `--metric` is given.
    static var tableQuantities: [String] { get }
    static var tableDefaults: [String] { get }

    /// The method's tables of `entries` (in report order), showing the quantities of `selection` this method
    /// has (some of `tableQuantities`); none when it has none of them.
    static func tables(of entries: [Self], showing selection: [String]) -> [ResultTable]
}

extension TabulatedEntry {
    /// `tables(of:showing:)` for entries as the summary holds them (type-erased); entries of another type are
    /// skipped.
    static func erasedTables(of entries: [any SummaryEntry], showing selection: [String]?) -> [ResultTable] {
        tables(of: entries.compactMap { $0 as? Self }, showing: selection ?? tableDefaults)
    }
}
