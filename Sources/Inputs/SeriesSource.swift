import Foundation

/// Where one time series comes from: a series CSV, its value column and `missing` policy, and optionally a
/// labels file of anomaly windows (`AnomalyWindows`, JSON) that replaces the series' own label column.
///
/// As every source: `check()` looks at the heads up front, `load()` reads in full when the series' turn comes.
public struct SeriesSource: Sendable, Equatable {
    public var path: String
    /// The display name; nil: the file name.
    public var name: String?
    public var column: String
    /// The time column; nil: found by name (docs/inputs.md#time-columns).
    public var timeColumn: String?
    public var missing: MissingPolicy
    /// The anomaly-windows file, when ground truth comes from one.
    public var labels: String?
    /// Fewer points (after dropping missing ones) is an error: the method's context window plus one.
    public var minimumLength: Int

    public init(path: String, name: String? = nil, column: String = "value", timeColumn: String? = nil,
                missing: MissingPolicy = .error, labels: String? = nil,
                minimumLength: Int = SeriesInput.defaultMinimumLength) {
        self.path = path
        self.name = name
        self.column = column
        self.timeColumn = timeColumn
        self.missing = missing
        self.labels = labels
        self.minimumLength = minimumLength
    }

    /// A series read in full, with its ground truth resolved and what a reader of the report should know.
    public struct Loaded: Sendable, Equatable {
        public var series: SeriesInput
        /// Per point: from the labels file when there is one, else the series' label column, else nil.
        public var labels: [Bool]?
        /// Sentences for the report: missing values handled, label windows clipped, a label column ignored.
        public var notes: [String]
        /// Problems that did not stop the run (a label window clipped to the series), for stderr and the page.
        public var warnings: [String]
    }

    /// The up-front check: the series' head (`InputHead.checkSeries`: the value column is in the header and the
    /// first row is as wide) and that the labels file can be opened.
    public func check() throws(InputError) {
        try InputHead.checkSeries(path: path, column: column, timeColumn: timeColumn)
        if let labels { try InputHead.checkReadable(path: labels) }
    }

    /// Reads the series in full and resolves its labels.
    public func load(limits: InputLimits = .default) throws(InputError) -> Loaded {
        let series = try SeriesInput.read(path: path, name: name, column: column, timeColumn: timeColumn,
                                          missing: missing, minimumLength: minimumLength, limits: limits)
        var loaded = Loaded(series: series, labels: series.labels, notes: [], warnings: [])
        if let times = series.times {
            loaded.warnings += times.warnings
            loaded.notes += times.warnings.map { "Warning: " + $0 + "." } + times.notes
        }
        if let labels {
            let seriesFile = (path as NSString).lastPathComponent
            let resolved = try AnomalyWindows.resolve(path: labels, seriesFile: seriesFile, series: series, limits: limits)
            loaded.labels = resolved.labels(count: series.values.count)
            loaded.warnings = resolved.warnings
            loaded.notes += resolved.warnings.map { "Warning: " + $0 + "." }
            if series.labels != nil {
                let file = (labels as NSString).lastPathComponent
                loaded.notes.append("Ground truth from \(file) (the label column of the series was ignored).")
            }
        }
        if series.missingCount > 0 {
            loaded.notes.append("\(series.missingCount) missing or non-numeric values were handled by the missing-value policy \(missing.rawValue).")
        }
        return loaded
    }
}
