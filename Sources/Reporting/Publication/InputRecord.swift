import Foundation

/// The small record one input leaves once its figures, data files and page are written and its arrays are
/// freed: everything the overview, `summary.json`, JUnit and `--fail-on` need, and nothing more. A sharded
/// run writes these records into its part directory, and `merge` assembles a report from them alone.
public struct InputRecord: Sendable, Codable, Equatable {
    public var position: Int
    public var stem: String
    public var name: String
    /// "DINAMO-S" or "MC-EM".
    public var method: String
    public var size: String
    public var flagged: String
    public var keyMetric: String
    /// "ok", "alert" or "failed".
    public var status: String
    /// Overview sort key: higher is worse; a failed input sorts first.
    public var severity: Double
    public var units: Int
    public var flaggedUnits: Int
    public var seconds: Double?
    public var dinamo: Summary.DinamoEntry?
    public var mcem: Summary.McemEntry?
    public var figures: [Summary.FigureEntry]
    public var checks: [CheckSubject]
    /// The score trend for the overview's sparkline, at most `Sparkline.points` values (max-pooled).
    public var sparkline: [Double]
    public var sparklineThreshold: Double?
    public var runs: RunScores?
    public var settingsText: String
    /// Why the input could not be processed (`--keep-going`).
    public var failure: String?

    /// The input page, relative to the report's root.
    public var page: String { "inputs/\(stem).html" }
}

extension PublishedInput {
    /// The record of a published input whose figures were written as `figures` (id → file).
    func record(position: Int, stem: String, figures written: [Summary.FigureEntry]) -> InputRecord {
        var dinamo: Summary.DinamoEntry?
        var mcem: Summary.McemEntry?
        switch section {
        case .dinamo(_, let entry): dinamo = entry
        case .mcem(_, let entry): mcem = entry
        }
        return InputRecord(
            position: position, stem: stem, name: row.name, method: row.method, size: row.size, flagged: row.flagged,
            keyMetric: row.keyMetric, status: row.statusClass, severity: row.severity, units: units,
            flaggedUnits: flaggedUnits, seconds: seconds, dinamo: dinamo, mcem: mcem, figures: written,
            checks: subjects, sparkline: Sparkline.pooled(trend), sparklineThreshold: trendThreshold, runs: runScores,
            settingsText: settingsText, failure: nil)
    }
}

extension InputRecord {
    /// The record of an input that failed under `--keep-going`.
    static func failed(position: Int, stem: String, name: String, method: String, reason: String) -> InputRecord {
        InputRecord(position: position, stem: stem, name: name, method: method, size: "—", flagged: "—",
                    keyMetric: "failed: " + reason, status: "failed", severity: 2, units: 0, flaggedUnits: 0,
                    seconds: nil, dinamo: nil, mcem: nil, figures: [], checks: [], sparkline: [],
                    sparklineThreshold: nil, runs: nil, settingsText: "\(method): failed", failure: reason)
    }
}
