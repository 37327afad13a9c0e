import Dinamo
import Foundation
import Inputs

/// Where a DINAMO input comes from.
public enum DinamoSource: Sendable, Equatable {
    /// A histogram file (CSV or JSON, docs/inputs.md).
    case file(URL)
    /// The published toy generator, with the report's seed; fewer runs for short runs.
    case toy(runs: Int, bins: Int)
    /// Per-run ROOT files (a file, a directory or a glob) and the histogram(s) read from each.
    case runFiles(RunFilesSource)
}

/// One monitored histogram and its settings: the same value whether it came from the command line or from a
/// config file (`ConfigFile`), so both paths share every default and every check.
public struct DinamoJobSpec: MethodJob, Equatable {
    public var source: DinamoSource
    public var name: String?
    /// nil: the published pipeline's choice, `auto` when the input has labels and 0.5 otherwise.
    public var alpha: AlphaSetting?
    public var threshold: ThresholdSetting = .auto
    public var historical: Int?
    public var initCounts: Double = 100
    public var debias: Int = 0
    /// Where the job was declared, e.g. `monitors.json, dinamo[2]`, so an error in its input can name the entry.
    public var origin: String?

    public init(source: DinamoSource, name: String? = nil) {
        self.source = source
        self.name = name
    }

    /// α for an input: as set, else `auto` when there are labels to tune it on (as the published pipeline does).
    public func resolvedAlpha(hasLabels: Bool) -> AlphaSetting {
        alpha ?? (hasLabels ? .auto : .value(DinamoSettings.fallbackAlpha))
    }
}

extension DinamoJobSpec {
    public var method: MethodID { DinamoMethod.info.id }

    /// Checks the settings, before any input is read; the error names the setting (the caller words it as the
    /// flag or the config key the user wrote).
    public func validate() throws(SettingError) {
        if case .value(let a)? = alpha, !(a > 0 && a < 1) {
            throw SettingError(key: "alpha", flag: "--alpha", value: ReportFormat.plain(a),
                               "α is the weight of the past and must lie strictly between 0 and 1")
        }
        if case .value(let t) = threshold, !t.isFinite {
            throw SettingError(key: "threshold", flag: "--threshold", value: ReportFormat.plain(t),
                               "expected a finite number or 'auto'")
        }
        if let historical, historical < 1 {
            throw SettingError(key: "historical", flag: "--historical", value: String(historical),
                               "needs at least one historical run")
        }
        guard initCounts.isFinite, initCounts > 0 else {
            throw SettingError(key: "init_counts", flag: "--init-counts", value: ReportFormat.plain(initCounts),
                               "the pseudo-count must be a positive number")
        }
        guard debias >= 0 else {
            throw SettingError(key: "debias", flag: "--debias", value: String(debias),
                               "the number of resamples cannot be negative")
        }
    }
}
