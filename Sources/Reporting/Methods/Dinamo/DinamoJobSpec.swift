import Dinamo
import Foundation
import Inputs

/// One monitored histogram and its settings: the same value whether it came from the command line or from a
/// config file (`ConfigFile`), so both paths share every default and every check.
public struct DinamoJobSpec: MethodJob, Equatable {
    /// Where a DINAMO input comes from.
    public enum Source: Sendable, Equatable {
        /// A histogram file (CSV or JSON, docs/inputs.md).
        case file(URL)
        /// The published toy generator, with the report's seed; fewer runs for short runs.
        case toy(runs: Int, bins: Int)
        /// Per-run ROOT files (a file, a directory or a glob) and the histogram(s) read from each.
        case runFiles(RunFilesSource)
    }

    public var source: Source
    public var name: String?
    /// nil: the published pipeline's choice, `auto` when the input has labels and 0.5 otherwise.
    public var alpha: AlphaSetting?
    public var threshold: ThresholdSetting = .auto
    public var historical: Int?
    public var initCounts: Double = 100
    public var debias: Int = 0
    /// The share of good historical runs an automatic threshold may flag (`--false-alarm-rate`,
    /// `false_alarm_rate`; docs/methods/dinamo.md).
    public var falseAlarmRate: Double = DinamoSettings.defaultFalseAlarmRate
    /// The detector system the histogram belongs to (config `system`); nil: for ROOT run files, the first path
    /// component under the run directory (`DQMData/Run */Muons/…` is Muons), else none.
    public var system: String?
    /// DINAMO-S, DINAMO-ML or both (`DinamoVariant`).
    public var variant: DinamoVariant = .s
    /// Set on the DINAMO-ML member of a `--variant both` input (`DinamoMLRunner.planBoth`): it also runs
    /// DINAMO-S on the same histograms, with the DINAMO-S member's seed, and its page shows the two side by side
    /// (`DinamoComparison`). Its `name` is the input's own, so both members draw from the same identity.
    public var sideBySide = false

    /// The system of this input: as set, or from its run-files path.
    public var resolvedSystem: String? {
        if let system { return system }
        guard case .runFiles(let files) = source else { return nil }
        return RunFilesSource.displayName(of: files.histogram).split(separator: "/").first.map(String.init)
    }
    /// Where the job was declared, e.g. `monitors.json, dinamo[2]`, so an error in its input can name the entry.
    public var origin: String?

    public init(source: Source, name: String? = nil) {
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
                               "out of range: α, the weight of the past, must lie strictly between 0 and 1")
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
        if case .runFiles(let files) = source {
            guard !files.histogram.split(separator: "/").isEmpty else {
                throw SettingError(key: files.eachMatch ? "histograms" : "histogram", flag: "--histogram", value: "",
                                   "the histogram path is empty")
            }
            if let pattern = files.runPattern {
                guard let regex = try? NSRegularExpression(pattern: pattern), regex.numberOfCaptureGroups >= 1 else {
                    throw SettingError(key: "run_pattern", flag: "--run-pattern", value: pattern,
                                       "expected a regular expression whose first group is the run number")
                }
            }
        }
        guard falseAlarmRate > 0, falseAlarmRate < 0.5 else {
            throw SettingError(key: "false_alarm_rate", flag: "--false-alarm-rate", value: ReportFormat.plain(falseAlarmRate),
                               "out of range: the share of good runs a threshold may flag must lie strictly between 0 and 0.5")
        }
        guard debias >= 0 else {
            throw SettingError(key: "debias", flag: "--debias", value: String(debias),
                               "the number of resamples cannot be negative")
        }
    }
}
