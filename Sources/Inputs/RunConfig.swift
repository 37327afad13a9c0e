import Foundation

/// A number, or `"auto"` to let the method choose.
public enum AutoOrNumber: Sendable, Equatable {
    case auto
    case value(Double)
}

/// The MC-EM training approaches a series job may ask for.
public enum ApproachChoice: String, Sendable, Equatable, CaseIterable {
    case baseline, topk, mixture, hmm, all
}

/// One DINAMO-S job of a config file. Nil settings mean "the method's default".
public struct DinamoJob: Sendable, Equatable {
    /// The histogram file, resolved against the config file's directory.
    public var input: String
    public var name: String?
    public var alpha: AutoOrNumber?
    public var threshold: AutoOrNumber?
    public var historical: Int?
    public var initCounts: Double?
    public var debias: Int?

    public init(input: String, name: String? = nil, alpha: AutoOrNumber? = nil, threshold: AutoOrNumber? = nil,
                historical: Int? = nil, initCounts: Double? = nil, debias: Int? = nil) {
        self.input = input
        self.name = name
        self.alpha = alpha
        self.threshold = threshold
        self.historical = historical
        self.initCounts = initCounts
        self.debias = debias
    }
}

/// One MC-EM job of a config file. Nil settings mean "the method's default".
public struct SeriesJob: Sendable, Equatable {
    /// The series file, resolved against the config file's directory.
    public var input: String
    public var name: String?
    public var column: String?
    /// A labels (anomaly windows) file, resolved against the config file's directory.
    public var labels: String?
    public var approach: ApproachChoice?
    public var epochs: Int?
    public var samples: Int?
    public var missing: MissingPolicy?

    public init(input: String, name: String? = nil, column: String? = nil, labels: String? = nil,
                approach: ApproachChoice? = nil, epochs: Int? = nil, samples: Int? = nil, missing: MissingPolicy? = nil) {
        self.input = input
        self.name = name
        self.column = column
        self.labels = labels
        self.approach = approach
        self.epochs = epochs
        self.samples = samples
        self.missing = missing
    }
}

/// A `run --config FILE` file: several inputs and their settings (SPEC §1).
///
/// ```json
/// {"seed": 0,
///  "dinamo": [{"input": "h.csv", "alpha": "auto", "threshold": 3.0, "historical": 10}],
///  "series": [{"input": "s.csv", "column": "value", "labels": "s-labels.json", "approach": "all"}]}
/// ```
/// Unknown keys are errors naming their key path, so a typo is never silently ignored.
public struct RunConfig: Sendable, Equatable {
    /// The config file itself.
    public var file: String
    public var seed: UInt64?
    public var dinamo: [DinamoJob]
    public var series: [SeriesJob]

    public init(file: String, seed: UInt64? = nil, dinamo: [DinamoJob] = [], series: [SeriesJob] = []) {
        self.file = file
        self.seed = seed
        self.dinamo = dinamo
        self.series = series
    }

    public static func read(path: String, limits: InputLimits = .default) throws(InputError) -> RunConfig {
        let root = try JSONReader(file: path, node: try JSONParser.parseFile(path, limits: limits), path: "")
        try root.allowOnly(["seed", "dinamo", "series"])
        let base = (path as NSString).deletingLastPathComponent
        func resolve(_ p: JSONReader) throws(InputError) -> String {
            let s = try p.string()
            if s.trimmingSpaces().isEmpty { throw p.fail("path is empty") }
            let expanded = (s as NSString).expandingTildeInPath
            if expanded.hasPrefix("/") || base.isEmpty { return expanded }
            return (base as NSString).appendingPathComponent(expanded)
        }
        func positive(_ n: JSONReader, allowZero: Bool = false) throws(InputError) -> Int {
            let v = try n.integer()
            guard allowZero ? v >= 0 : v > 0 else {
                throw n.fail("expected \(allowZero ? "a non-negative" : "a positive") integer, found \(v)")
            }
            return v
        }
        func autoOr(_ n: JSONReader, range: String, _ valid: (Double) -> Bool) throws(InputError) -> AutoOrNumber {
            switch n.node.value {
            case .string(let s) where s == "auto": return .auto
            case .number(let v):
                guard valid(v) else { throw n.fail("\(v) is out of range (expected \(range) or \"auto\")") }
                return .value(v)
            default: throw n.fail("expected a number or \"auto\", found \(n.describe())")
            }
        }
        func name(_ job: JSONReader) throws(InputError) -> String? {
            guard let n = try job.optional("name") else { return nil }
            let s = try n.string()
            if s.trimmingSpaces().isEmpty { throw n.fail("name is empty") }
            return s
        }

        var config = RunConfig(file: path)
        if let s = try root.optional("seed") {
            guard case .number(let v) = s.node.value, v >= 0, v == v.rounded(), v < 1.8e19 else {
                throw s.fail("expected a non-negative integer, found \(s.describe())")
            }
            config.seed = UInt64(v)
        }
        if let list = try root.optional("dinamo") {
            for job in try list.array() {
                try job.allowOnly(["input", "name", "alpha", "threshold", "historical", "init_counts", "debias"])
                guard let input = try job.optional("input") else { throw job.fail("missing key \"input\"") }
                var d = DinamoJob(input: try resolve(input), name: try name(job))
                if let a = try job.optional("alpha") { d.alpha = try autoOr(a, range: "a number strictly between 0 and 1") { $0 > 0 && $0 < 1 } }
                if let t = try job.optional("threshold") { d.threshold = try autoOr(t, range: "a finite number (a threshold on ln(χ²/ν) may be negative)") { $0.isFinite } }
                if let h = try job.optional("historical") { d.historical = try positive(h) }
                if let k = try job.optional("init_counts") {
                    let v = try k.number()
                    guard v > 0 else { throw k.fail("expected a positive number, found \(v)") }
                    d.initCounts = v
                }
                if let b = try job.optional("debias") { d.debias = try positive(b, allowZero: true) }
                config.dinamo.append(d)
            }
        }
        if let list = try root.optional("series") {
            for job in try list.array() {
                try job.allowOnly(["input", "name", "column", "labels", "approach", "epochs", "samples", "missing"])
                guard let input = try job.optional("input") else { throw job.fail("missing key \"input\"") }
                var s = SeriesJob(input: try resolve(input), name: try name(job))
                if let c = try job.optional("column") { s.column = try c.string() }
                if let l = try job.optional("labels") { s.labels = try resolve(l) }
                if let a = try job.optional("approach") {
                    let text = try a.string()
                    guard let choice = ApproachChoice(rawValue: text) else {
                        throw a.fail("unknown approach \"\(text)\" (expected one of \(ApproachChoice.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    s.approach = choice
                }
                if let e = try job.optional("epochs") { s.epochs = try positive(e) }
                if let n = try job.optional("samples") { s.samples = try positive(n) }
                if let m = try job.optional("missing") {
                    let text = try m.string()
                    guard text == "drop" || text == "interpolate" || text == "error", let policy = MissingPolicy(rawValue: text) else {
                        throw m.fail("expected \"drop\", \"interpolate\" or \"error\", found \"\(text)\"")
                    }
                    s.missing = policy
                }
                config.series.append(s)
            }
        }
        return config
    }
}
