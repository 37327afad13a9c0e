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
    /// The numbers the figure shows, written as `data/<stem>.csv` (or as `dataFile`).
    public var data: CSVTable?
    /// The file under `data/` the table is written as when it is one of the method's own tables
    /// (`<name>-scores.csv`, say) rather than the figure's alone: a table the figure draws from and a script
    /// reads is then written once, not once per purpose. Nil: `<stem>.csv`.
    public var dataFile: String?
    /// What the data link says on the page ("data (CSV)", "hmm per point").
    public var dataLabel: String
    /// The run the figure shows alone (a run against its reference), for the run pages.
    public var run: String?
    /// Shown on the input page; false for figures only the run pages show.
    public var onInputPage = true
    /// Large arrays kept whole beside the figure when `data` holds only what is drawn (a TH2's reference over
    /// every run and bin): each written as `data/<stem>-<name>.npy` and linked from the page (`NumericArray`).
    public var fullData: [NumericArray]

    public init(stem: String, run: String? = nil, title: String, caption: String, alt: String, figure: Figure,
                data: CSVTable?, dataFile: String? = nil, dataLabel: String = "data (CSV)", fullData: [NumericArray] = []) {
        self.stem = stem
        self.run = run
        self.title = title
        self.caption = caption
        self.alt = alt
        self.figure = figure
        self.data = data
        self.dataFile = dataFile
        self.dataLabel = dataLabel
        self.fullData = fullData
    }
}

/// A data file of a method's results (docs/output.md), written under `data/`.
public struct DataFile: Sendable {
    public var fileName: String
    public var label: String
    public var table: CSVTable
}

/// Everything one monitored input contributes to the report, whatever the method: the page section, the
/// figures (each with its data), the method's own data files, and the facts its record carries. The input page,
/// the overview, `summary.json`, JUnit and `--fail-on` each read what they need of it.
struct PublishedInput: Sendable {
    var section: SectionContent
    /// Every figure carries its own data file and link label.
    var figures: [FigureArtifact]
    /// The method's own tables (docs/output.md), beside the figures' data.
    var dataFiles: [DataFile]
    var facts: InputFacts
    /// One line for the progress display when the input is done.
    var progressLine: String
}

/// The typed facts of one computed input: what its record keeps once its arrays are gone.
struct InputFacts: Sendable {
    var name: String
    var method: MethodInfo
    var size: [Quantity]
    var unit: FlaggedUnit
    var units: Int
    var flagged: Int
    var flaggedBy: String? = nil
    var keyMetric: KeyMetric?
    var status: InputStatus
    var severity: Double
    /// The method's computation alone; nil when timings are left out (`SOURCE_DATE_EPOCH`).
    var seconds: Double?
    var entry: MethodEntry
    /// What `--fail-on` checks: one subject per input, or per part the method judges separately.
    var checks: [CheckSubject]
    /// The score the overview's sparkline draws (per run or per point), and the threshold it is judged by.
    var trend: [Double]
    var trendThreshold: Double?
    /// Run-scoring inputs: every run's score and flag, for the summary map and the run pages.
    var runs: RunScores?
    /// The detector system the input belongs to, when it has one.
    var system: String? = nil
    /// One line for the provenance list, e.g. "DINAMO-S: α = 0.23 (auto), T = 1.2 (auto)".
    var settingsText: String
}

extension PublishedInput {
    /// The record of a published input whose figures were written as `figures` (id → file).
    func record(position: Int, stem: String, figures written: [Summary.FigureEntry],
                runFigures: [String: String] = [:], comparison: InputComparison? = nil) -> InputRecord {
        let f = facts
        return InputRecord(
            position: position, stem: stem, name: f.name, method: f.method, size: f.size, unit: f.unit, units: f.units,
            flaggedUnits: f.flagged, flaggedBy: f.flaggedBy, keyMetric: f.keyMetric, status: f.status,
            severity: f.severity, seconds: f.seconds, entry: f.entry, figures: written, checks: f.checks,
            sparkline: Sparkline.pooled(f.trend), sparklineThreshold: f.trendThreshold, runs: f.runs,
            system: f.system, runFigures: runFigures, settingsText: f.settingsText, failure: nil,
            comparison: comparison)
    }
}
