import Core
import Foundation

/// `summary.json` (docs/output.md): the machine-readable results of one report.
///
/// Keys are written in snake_case, sorted, so two runs with the same inputs give the same bytes.
/// A metric that cannot be computed (no labels, no positives) is `null`, never invented; every number
/// is finite by construction (`Summary.finite`) and the encoder refuses NaN as a last line of defence.
public struct Summary: Codable, Sendable, Equatable {
    public struct Tool: Codable, Sendable, Equatable {
        public var name: String
        public var version: String
    }

    public struct FigureEntry: Codable, Sendable, Equatable {
        /// The figure's id (`anomaly-report figure DIR --id ID`), also its file stem.
        public var id: String
        public var file: String
        public var title: String
        public var alt: String
    }

    public var tool: Tool
    public var seed: UInt64
    public var quick: Bool
    /// The inputs' entries by method id (`dinamo`, `mcem`), each list in report order; every registered method
    /// has its key, empty when it ran on nothing.
    public var entries: [MethodID: [MethodEntry]]
    public var figures: [FigureEntry]
    /// Every run flagged by any input (empty when no input scores runs).
    public var runs: [RunEntry]
    /// Inputs that could not be processed (`--keep-going`), with the reason.
    public var failed: [FailedInput]
    /// How the report was made: the command line, the shard, the merged parts. The only key that differs
    /// between a sharded-and-merged report and the unsharded one.
    public var invocation: Invocation
    /// Total wall time; `null` when SOURCE_DATE_EPOCH asks for byte-reproducible output.
    public var seconds: Double?

    /// A run flagged by at least one input: who flagged it, with what score, the systems that broke, its page.
    public struct RunEntry: Codable, Sendable, Equatable {
        public struct Flag: Codable, Sendable, Equatable {
            public var input: String
            public var score: Double?
        }
        public var run: String
        public var flaggedBy: [Flag]
        public var systems: [String]
        /// Nil in a self-contained report, which has no run pages.
        public var page: String?
    }

    public struct FailedInput: Codable, Sendable, Equatable {
        public var name: String
        public var error: String
    }

    public struct Invocation: Codable, Sendable, Equatable {
        public var commandLine: String
        /// `I/N` of a partial run.
        public var shard: String?
        /// The part directories a `merge` assembled, in shard order.
        public var mergedParts: [String]?
    }

    /// `x` when finite, else `nil` (written as `null`).
    public static func finite(_ x: Double?) -> Double? {
        guard let x, x.isFinite else { return nil }
        return x
    }

    public init(tool: Tool, seed: UInt64, quick: Bool, entries: [MethodID: [MethodEntry]], figures: [FigureEntry],
                runs: [RunEntry], failed: [FailedInput], invocation: Invocation, seconds: Double?) {
        self.tool = tool
        self.seed = seed
        self.quick = quick
        self.entries = entries
        self.figures = figures
        self.runs = runs
        self.failed = failed
        self.invocation = invocation
        self.seconds = seconds
    }

    /// The fixed keys, and one key per registered method holding its entries.
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
        static let tool = Key("tool"), seed = Key("seed"), quick = Key("quick"), figures = Key("figures")
        static let failed = Key("failed"), invocation = Key("invocation"), seconds = Key("seconds"), runs = Key("runs")
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(tool, forKey: .tool)
        try c.encode(seed, forKey: .seed)
        try c.encode(quick, forKey: .quick)
        for method in MethodRegistry.all {
            try c.encode((entries[method.info.id] ?? []).map { MethodEntry.Wrapped($0.value) }, forKey: Key(method.info.id.rawValue))
        }
        try c.encode(figures, forKey: .figures)
        try c.encode(runs, forKey: .runs)
        try c.encode(failed, forKey: .failed)
        try c.encode(invocation, forKey: .invocation)
        try c.encodeIfPresent(seconds, forKey: .seconds)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        tool = try c.decode(Tool.self, forKey: .tool)
        seed = try c.decode(UInt64.self, forKey: .seed)
        quick = try c.decode(Bool.self, forKey: .quick)
        var entries: [MethodID: [MethodEntry]] = [:]
        for method in MethodRegistry.all {
            var list = try c.nestedUnkeyedContainer(forKey: Key(method.info.id.rawValue))
            var values: [MethodEntry] = []
            while !list.isAtEnd {
                values.append(MethodEntry(method: method.info.id, value: try method.entryType.init(from: list.superDecoder())))
            }
            entries[method.info.id] = values
        }
        self.entries = entries
        figures = try c.decode([FigureEntry].self, forKey: .figures)
        runs = try c.decodeIfPresent([RunEntry].self, forKey: .runs) ?? []
        failed = try c.decode([FailedInput].self, forKey: .failed)
        invocation = try c.decode(Invocation.self, forKey: .invocation)
        seconds = try c.decodeIfPresent(Double.self, forKey: .seconds)
    }
}
