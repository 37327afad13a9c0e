import Foundation

/// The small record one input leaves once its figures, data files and page are written and its arrays are
/// freed: the typed facts the overview, the summary map, `summary.json`, JUnit, `--fail-on` and `merge` read,
/// each on its own, and nothing more. A sharded run writes these records into its part directory, and `merge`
/// assembles a report from them alone. No consumer asks which method made a record.
public struct InputRecord: Sendable, Codable, Equatable {
    public var position: Int
    public var stem: String
    public var name: String
    public var method: MethodInfo
    /// The input's extent, e.g. 120 runs × 20 bins, or 4032 points.
    public var size: [Quantity]
    /// What is flagged (runs or points), how many there are, and how many were flagged.
    public var unit: FlaggedUnit
    public var units: Int
    public var flaggedUnits: Int
    /// The part of the method whose flags are counted when it has several (an MC-EM approach).
    public var flaggedBy: String?
    /// The metric the overview shows for the input; nil when none can be computed (no labels).
    public var keyMetric: KeyMetric?
    public var status: InputStatus
    /// Overview sort key: higher is worse; a failed input sorts first.
    public var severity: Double
    /// The method's computation alone; nil when timings are left out (`SOURCE_DATE_EPOCH`).
    public var seconds: Double?
    /// The input's `summary.json` entry; nil for a failed input.
    public var entry: MethodEntry?
    public var figures: [Summary.FigureEntry]
    public var checks: [CheckSubject]
    /// The score trend for the overview's sparkline, at most `Sparkline.points` values (max-pooled).
    public var sparkline: [Double]
    public var sparklineThreshold: Double?
    /// Run-scoring inputs: every run's score and flag, for the summary map and the run pages.
    public var runs: RunScores?
    /// The detector system the input belongs to (a DQM histogram's first path component under the run
    /// directory, or as a config entry names it), for the run pages' grouping.
    public var system: String?
    /// The figure of each flagged run against its reference, by run id (the file the pages show).
    public var runFigures: [String: String] = [:]
    /// One line for the provenance list, e.g. "DINAMO-S: α = 0.23 (auto), T = 1.2 (auto)".
    public var settingsText: String
    /// Why the input could not be processed (`--keep-going`).
    public var failure: String?
    /// The comparison group the input belongs to (`dinamo --variant both`), read by the overview's
    /// which-member-flagged-what list; nil for an input compared with none (and then absent from `part.json`).
    public var comparison: InputComparison? = nil

    /// The input page, relative to the report's root.
    public var page: String { "inputs/\(stem).html" }
}

/// A count with its noun: "120 runs", "20 bins".
public struct Quantity: Sendable, Codable, Equatable {
    public var count: Int
    public var noun: String

    public init(_ count: Int, _ noun: String) {
        self.count = count
        self.noun = noun
    }
}

/// The metric an input is summed up by on the overview, e.g. balanced accuracy 0.912, or best VUS-PR 0.433 (hmm).
public struct KeyMetric: Sendable, Codable, Equatable {
    public var name: String
    public var value: Double
    /// The part of the method that reached it, when the method has several.
    public var by: String?

    public init(name: String, value: Double, by: String? = nil) {
        self.name = name
        self.value = value
        self.by = by
    }
}

extension InputRecord {
    /// The record of an input that failed under `--keep-going`.
    static func failed(position: Int, stem: String, name: String, method: MethodInfo, unit: FlaggedUnit,
                       reason: String) -> InputRecord {
        InputRecord(position: position, stem: stem, name: name, method: method, size: [], unit: unit, units: 0,
                    flaggedUnits: 0, flaggedBy: nil, keyMetric: nil, status: .failed, severity: 2, seconds: nil,
                    entry: nil, figures: [], checks: [], sparkline: [], sparklineThreshold: nil, runs: nil,
                    system: nil, runFigures: [:], settingsText: "\(method.title): failed", failure: reason)
    }

    // MARK: text, as the overview and JUnit print it

    /// "120 runs × 20 bins"; "—" for a failed input.
    var sizeText: String {
        failure != nil ? "—" : size.map { "\($0.count) \($0.noun)" }.joined(separator: " × ")
    }

    /// "3 runs", "12 points (hmm)"; "—" for a failed input.
    var flaggedText: String {
        failure != nil ? "—" : "\(flaggedUnits) \(unit.plural)" + (flaggedBy.map { " (\($0))" } ?? "")
    }

    /// "balanced accuracy 0.912", "best VUS-PR 0.433 (hmm)", "no labels", or why the input failed.
    var keyMetricText: String {
        if let failure { return "failed: " + failure }
        guard let keyMetric else { return "no labels" }
        return keyMetric.name + " " + ReportFormat.metric(keyMetric.value) + (keyMetric.by.map { " (\($0))" } ?? "")
    }
}
