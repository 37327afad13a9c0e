import Foundation
import Inputs

/// Figure file formats (SPEC §4.1). PNG and SVG are always useful; PDF is for papers.
public enum FigureFormat: String, Sendable, CaseIterable, Comparable {
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

/// A number or `auto`, as `--alpha` and `--threshold` take it.
public enum AutoOr: Sendable, Equatable, CustomStringConvertible {
    case auto
    case value(Double)

    public init(parsing text: String, option: String) throws {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "auto" { self = .auto; return }
        guard let v = Double(t), v.isFinite else {
            throw ReportError.usage("\(option) \(text): expected a number or 'auto'")
        }
        self = .value(v)
    }

    public var description: String {
        switch self {
        case .auto: return "auto"
        case .value(let v): return ReportFormat.plain(v)
        }
    }
}

/// Where a DINAMO input comes from.
public enum DinamoSource: Sendable, Equatable {
    /// A histogram file (CSV or JSON, SPEC §2).
    case file(URL)
    /// The published toy generator, with its seed and, for short runs, fewer runs.
    case toy(runs: Int, bins: Int)
}

/// One monitored histogram and its settings.
public struct DinamoJobSpec: Sendable, Equatable {
    public var source: DinamoSource
    public var name: String?
    public var alpha: AutoOr = .value(0.5)
    public var threshold: AutoOr = .auto
    public var historical: Int?
    public var initCounts: Double = 100
    public var debias: Int = 0
    /// Where the job was declared, e.g. `monitors.json, dinamo[2]`, so an error in its input can name the entry.
    public var origin: String?

    public init(source: DinamoSource, name: String? = nil) {
        self.source = source
        self.name = name
    }
}

/// Where a series comes from.
public enum SeriesSource: Sendable, Equatable {
    case file(URL)
    /// The notebook's toy series (SPEC §3.4).
    case toy(length: Int)
}

/// One monitored series and its settings.
public struct SeriesJobSpec: Sendable, Equatable {
    public var source: SeriesSource
    public var name: String?
    public var column: String = "value"
    public var labels: URL?
    public var approaches: [String] = ["baseline", "topk", "mixture", "hmm"]
    public var epochs: Int?
    public var samples: Int?
    public var missing: MissingPolicy = .error
    /// Where the job was declared, e.g. `monitors.json, series[0]`, so an error in its input can name the entry.
    public var origin: String?

    public init(source: SeriesSource, name: String? = nil) {
        self.source = source
        self.name = name
    }

    public static let allApproaches = ["baseline", "topk", "mixture", "hmm"]

    /// Parses `--approach baseline|topk|mixture|hmm|all` (a comma list is accepted too).
    public static func parseApproaches(_ text: String) throws -> [String] {
        var out: [String] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            if part == "all" { return allApproaches }
            guard allApproaches.contains(part) else {
                throw ReportError.usage("--approach \(text): unknown approach '\(part)'; choose from baseline, topk, mixture, hmm, all")
            }
            if !out.contains(part) { out.append(part) }
        }
        guard !out.isEmpty else { throw ReportError.usage("--approach: name at least one approach") }
        return allApproaches.filter(out.contains)
    }
}

/// Everything one report needs: what to monitor and how to publish it.
public struct ReportRequest: Sendable {
    public var dinamo: [DinamoJobSpec] = []
    public var series: [SeriesJobSpec] = []
    public var output: URL
    public var seed: UInt64 = 0
    public var formats: [FigureFormat] = [.png, .svg, .pdf]
    public var selfContained = false
    public var quick = false
    public var templates: URL?
    public var failOn: [FailCondition] = []
    public var junit: URL?
    public var title = "Anomaly report"
    public var commandLine: String
    public var quiet = false

    public init(output: URL, commandLine: String) {
        self.output = output
        self.commandLine = commandLine
    }
}
