import Plotting

/// A figure ready to be written: its spec, where it goes, what it says, and the numbers behind it.
public struct FigureArtifact: Sendable {
    /// File stem under `figures/`, unique in the report (e.g. `toy-dinamo-score-trend`); also the figure's id.
    public var stem: String
    public var title: String
    /// May use the figure-text markup (`σ_{μ}`, `TextMarkup`), shown as sub- and superscripts on the page;
    /// text from users must be passed through `TextMarkup.escaped` first.
    public var caption: String
    public var alt: String
    public var figure: Figure
    /// The numbers the figure shows, written as `data/<stem>.csv`.
    public var data: CSVTable?
    /// What the data link says on the page ("data (CSV)", "hmm per point").
    public var dataLabel: String

    public init(stem: String, title: String, caption: String, alt: String, figure: Figure, data: CSVTable?,
                dataLabel: String = "data (CSV)") {
        self.stem = stem
        self.title = title
        self.caption = caption
        self.alt = alt
        self.figure = figure
        self.data = data
        self.dataLabel = dataLabel
    }
}

/// A data file of a method's results (SPEC §4.3), written under `data/`.
public struct DataFile: Sendable {
    public var fileName: String
    public var label: String
    public var table: CSVTable
}

/// The latest runs of a histogram input, for the overview's run × histogram summary map.
public struct RunScores: Sendable, Codable, Equatable {
    /// At most this many of the latest runs are kept.
    public static let kept = 100
    public var ids: [String]
    public var scores: [Double?]
    public var flagged: [Bool]
    public var threshold: Double
}

/// Everything one monitored input contributes to the report: one value that the input page, the
/// overview record, `summary.json`, JUnit and `--fail-on` each read independently.
struct PublishedInput: Sendable {
    enum Section: Sendable {
        case dinamo(ReportPage.DinamoSection, Summary.DinamoEntry)
        case mcem(ReportPage.McemSection, Summary.McemEntry)
    }

    var section: Section
    var row: ReportPage.InputRow
    /// Every figure carries its own data file and link label.
    var figures: [FigureArtifact]
    /// The method's own tables (SPEC §4.3), beside the figures' data.
    var dataFiles: [DataFile]
    /// What `--fail-on` checks: one subject per input (DINAMO) or per approach (MC-EM).
    var subjects: [CheckSubject]
    /// The method's computation alone; nil when timings are left out (`SOURCE_DATE_EPOCH`).
    var seconds: Double?
    /// Runs or points, and how many were flagged (the overview's counts).
    var units: Int
    var flaggedUnits: Int
    /// The score the overview's sparkline draws (per run or per point), and the threshold it is judged by.
    var trend: [Double]
    var trendThreshold: Double?
    /// Histogram inputs: the latest runs' scores, for the summary map.
    var runScores: RunScores?
    /// One line for the provenance list, e.g. "DINAMO-S: α = 0.23 (auto), T = 1.2 (auto)".
    var settingsText: String
}
