import Plotting

/// A figure ready to be written: its spec, where it goes, what it says, and the numbers behind it.
public struct FigureArtifact: Sendable {
    /// File stem under `figures/`, unique in the report (e.g. `toy-dinamo-score-trend`).
    public var stem: String
    public var title: String
    /// May use the figure-text markup (`σ_{μ}`, `TextMarkup`), shown as sub- and superscripts on the page;
    /// text from users must be passed through `TextMarkup.escaped` first.
    public var caption: String
    public var alt: String
    public var figure: Figure
    /// The numbers the figure shows, written as `data/<stem>.csv`.
    public var data: CSVTable?
}

/// A data file of a method's results (SPEC §4.3), written under `data/`.
public struct DataFile: Sendable {
    public var fileName: String
    public var label: String
    public var table: CSVTable
}

/// Everything one monitored input contributes to the report.
struct PublishedInput: Sendable {
    enum Section: Sendable {
        case dinamo(ReportPage.DinamoSection, Summary.DinamoEntry)
        case mcem(ReportPage.McemSection, Summary.McemEntry)
    }

    var section: Section
    var row: ReportPage.InputRow
    var figures: [FigureArtifact]
    var dataFiles: [DataFile]
    /// What `--fail-on` checks: one subject per input (DINAMO) or per approach (MC-EM).
    var subjects: [CheckSubject]
    var seconds: Double
    /// Runs or points, and how many were flagged (the page's counts).
    var units: Int
    var flaggedUnits: Int
}
