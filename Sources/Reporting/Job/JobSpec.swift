import Dinamo
import Foundation
import Inputs
import MonteCarloEM
import Plotting

/// Figure file formats (docs/output.md). PNG and SVG are always useful; PDF is for papers.
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
                throw ReportError.usage("unknown format '\(part)'; choose from png, svg, pdf")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        guard !formats.isEmpty else { throw ReportError.usage("name at least one of png, svg, pdf") }
        return formats.sorted()
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
    /// The inputs to monitor, each with its method and settings (from the command line or a config file).
    public var inputs: [any MethodJob] = []
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
