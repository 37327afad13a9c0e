import Dinamo
import Foundation
import Inputs
import MonteCarloEM
import Plotting

/// Figure file formats (SPEC §4.1). PNG and SVG are always useful; PDF is for papers.
public enum FigureFormat: String, Sendable, CaseIterable, Comparable, Codable {
    case png, svg, pdf
    public static func < (a: FigureFormat, b: FigureFormat) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Parses `png,svg,pdf`; throws a usage error naming the unknown format.
    public static func parseList(_ text: String) throws -> [FigureFormat] {
        var formats: [FigureFormat] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !part.isEmpty {
            guard let format = FigureFormat(rawValue: part) else {
                throw ReportError.usage("--formats: unknown format '\(part)'; choose from png, svg, pdf")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        guard !formats.isEmpty else { throw ReportError.usage("--formats: name at least one of png, svg, pdf") }
        return formats.sorted()
    }
}

/// Where a DINAMO input comes from.
public enum DinamoSource: Sendable, Equatable {
    /// A histogram file (CSV or JSON, SPEC §2).
    case file(URL)
    /// The published toy generator, with the report's seed; fewer runs for short runs.
    case toy(runs: Int, bins: Int)
    /// Per-run ROOT files (a file, a directory or a glob) and the histogram(s) read from each.
    case runFiles(RunFilesSource)
}

/// One monitored histogram and its settings: the same value whether it came from the command line or from a
/// config file (`ConfigFile`), so both paths share every default and every check.
public struct DinamoJobSpec: Sendable, Equatable {
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

/// Where a series comes from.
public enum SeriesSource: Sendable, Equatable {
    case file(URL)
    /// The notebook's toy series (SPEC §3.4).
    case toy(length: Int)
}

/// One monitored series and its settings (command line and config file alike).
public struct SeriesJobSpec: Sendable, Equatable {
    public var source: SeriesSource
    public var name: String?
    public var column: String = "value"
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

    public init(source: SeriesSource, name: String? = nil) {
        self.source = source
        self.name = name
    }
}

/// Which part of a config's inputs one process computes: shard `index` of `count` (array-job indices count
/// from 0). Input `k` (by position in the config) belongs to shard `k mod count`, a fixed assignment that
/// needs no coordination between the shards.
public struct Shard: Sendable, Equatable, Codable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, index >= 0, index < count else {
            throw ReportError.usage("--shard \(index)/\(count): expected I/N with 0 ≤ I < N (array-job indices count from 0)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `I/N`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let n = Int(parts[1].trimmingCharacters(in: .whitespaces)) else {
            throw ReportError.usage("--shard \(text): expected I/N, e.g. 0/4 (I counts from 0)")
        }
        try self.init(index: i, count: n)
    }

    public func owns(_ position: Int) -> Bool { position % count == index }
    public var description: String { "\(index)/\(count)" }
}

/// Everything one report needs: what to monitor and how to publish it.
public struct ReportRequest: Sendable {
    public var dinamo: [DinamoJobSpec] = []
    public var series: [SeriesJobSpec] = []
    public var output: URL
    public var seed: UInt64 = 0
    public var formats: [FigureFormat] = [.png, .svg, .pdf]
    public var selfContained = false
    /// The width, font size and PNG resolution of every figure written (`--figure-width`, `--font-size`,
    /// `--dpi`, or the config's `figure_width`, `font_size`, `dpi`); the standard style keeps figures as built.
    public var figureStyle = FigureStyle.standard
    public var quick = false
    public var templates: URL?
    public var failOn: [FailCondition] = []
    public var junit: URL?
    public var title = "Anomaly report"
    public var commandLine: String
    public var quiet = false
    /// Inputs in flight at once (load → compute → figures); nil: the number of cores.
    public var jobs: Int?
    /// A fault in one input is reported and the others are published (the run still exits 2).
    public var keepGoing = false
    /// Compute only this shard's inputs and write a partial result directory (`merge` assembles them).
    public var shard: Shard?
    /// `SOURCE_DATE_EPOCH`, read once by the command line: when set, output is byte-reproducible — timings
    /// are left out everywhere and every date written is this one.
    public var sourceDate: Int?
    /// The config file the inputs came from, when any (recorded so `merge` can check the parts belong together).
    public var configFile: URL?

    public init(output: URL, commandLine: String) {
        self.output = output
        self.commandLine = commandLine
    }
}
