import Foundation
import Inputs
import MonteCarloEM

/// One monitored series and its settings (command line and config file alike).
public struct SeriesJobSpec: MethodJob, Equatable {
    /// Where a series comes from.
    public enum Source: Sendable, Equatable {
        case file(URL)
        /// The notebook's toy series (docs/methods/mcem.md).
        case toy(length: Int)
    }

    public var source: Source
    public var name: String?
    public var column: String = "value"
    /// The time column (`--time-column`, config `time_column`); nil: found by name (docs/inputs.md#time-columns).
    public var timeColumn: String?
    public var labels: URL?
    public var approaches: [Approach] = Approach.allCases
    public var epochs: Int?
    public var samples: Int?
    /// Forecaster context (points before each target); nil: the series' dominant period (`MCEMSettings.defaults`).
    public var context: Int?
    /// VUS window (points); nil: TSB-AD's choice from the autocorrelation (`Autocorrelation.tsbADWindow`).
    public var vusWindow: Int?
    public var missing: MissingPolicy = .error
    /// Where the job was declared, e.g. `monitors.json, series[0]`, so an error in its input can name the entry.
    public var origin: String?

    public init(source: Source, name: String? = nil) {
        self.source = source
        self.name = name
    }
}

extension SeriesJobSpec {
    public var method: MethodID { MonteCarloEMMethod.info.id }

    /// Checks the settings, before any input is read; the error names the setting (the caller words it as the
    /// flag or the config key the user wrote).
    public func validate() throws(SettingError) {
        if let epochs, epochs < 1 {
            throw SettingError(key: "epochs", flag: "--epochs", value: String(epochs), "needs at least one epoch")
        }
        if let samples, samples < 1 {
            throw SettingError(key: "samples", flag: "--samples", value: String(samples),
                               "needs at least one Monte Carlo sample")
        }
        if let context, !(1...4096).contains(context) {
            throw SettingError(key: "context", flag: "--context", value: String(context),
                               "the forecaster's context must be 1…4096 points")
        }
        if let vusWindow, vusWindow < 1 {
            throw SettingError(key: "vus_window", flag: "--vus-window", value: String(vusWindow),
                               "the VUS window needs at least one point")
        }
        guard !column.isEmpty else {
            throw SettingError(key: "column", flag: "--column", value: "", "the column name is empty")
        }
        if let timeColumn, timeColumn.isEmpty {
            throw SettingError(key: "time_column", flag: "--time-column", value: "", "the time column's name is empty")
        }
        guard !approaches.isEmpty else {
            throw SettingError(key: "approach", flag: "--approach", value: "", "name at least one approach")
        }
    }
}
