import Dinamo
import Foundation
import Inputs
import MonteCarloEM
import Plotting

/// A `run --config FILE`: several inputs and their settings (SPEC §1), JSON or YAML (`ConfigDocument`),
/// decoded straight into the same job specs the command line builds.
///
/// ```yaml
/// seed: 0
/// figure_width: column      # optional: also font_size (pt) and dpi, as --figure-width, --font-size, --dpi
/// dinamo:
///   - {input: h.csv, alpha: auto, threshold: 3.0, historical: 10}
/// series:
///   - {input: s.csv, column: value, labels: s-labels.json, approach: all}
/// ```
/// Relative paths are resolved against the config's folder. Unknown keys are errors naming their key path,
/// so a typo is never silently ignored; every error names the file and the line or key.
public enum ConfigFile {
    public struct Content: Sendable, Equatable {
        public var seed: UInt64?
        /// The config's `figure_width`, `font_size` and `dpi` (unset fields are nil).
        public var figureStyle = FigureStyle.standard
        public var dinamo: [DinamoJobSpec]
        public var series: [SeriesJobSpec]
    }

    /// Reads the config into `request` (its seed, when given, and its inputs).
    public static func apply(_ url: URL, to request: inout ReportRequest) throws {
        let content = try read(path: url.path)
        if let seed = content.seed { request.seed = seed }
        request.figureStyle = content.figureStyle.overridden(by: request.figureStyle)
        request.dinamo = content.dinamo
        request.series = content.series
        request.configFile = url
    }

    public static func read(path: String, limits: InputLimits = .default) throws(InputError) -> Content {
        let root = try ConfigDocument.read(path: path, limits: limits)
        try root.allowOnly(["seed", "figure_width", "font_size", "dpi", "dinamo", "series"])
        let base = (path as NSString).deletingLastPathComponent
        let configName = (path as NSString).lastPathComponent
        func resolve(_ p: JSONReader) throws(InputError) -> URL {
            let s = try p.string()
            if s.trimmingCharacters(in: .whitespaces).isEmpty { throw p.fail("path is empty") }
            let expanded = (s as NSString).expandingTildeInPath
            if expanded.hasPrefix("/") || base.isEmpty { return URL(fileURLWithPath: expanded) }
            return URL(fileURLWithPath: (base as NSString).appendingPathComponent(expanded))
        }
        func count(_ n: JSONReader, allowZero: Bool = false) throws(InputError) -> Int {
            let v = try n.integer()
            guard v > 0 || (allowZero && v == 0) else {
                throw n.fail("expected a \(allowZero ? "non-negative" : "positive") integer, found \(v)")
            }
            return v
        }
        func autoOr(_ n: JSONReader, range: String, _ valid: (Double) -> Bool) throws(InputError) -> Double? {
            switch n.node.value {
            case .string(let s) where s == "auto": return nil
            case .number(let v):
                guard valid(v) else { throw n.fail("\(v) is out of range (expected \(range) or \"auto\")") }
                return v
            default: throw n.fail("expected a number or \"auto\", found \(n.describe())")
            }
        }
        func name(_ job: JSONReader) throws(InputError) -> String? {
            guard let n = try job.optional("name") else { return nil }
            let s = try n.string()
            if s.trimmingCharacters(in: .whitespaces).isEmpty { throw n.fail("name is empty") }
            return s
        }

        var content = Content(seed: nil, dinamo: [], series: [])
        content.figureStyle = try figureStyle(root)
        if let s = try root.optional("seed") {
            guard case .number(let v) = s.node.value, v >= 0, v == v.rounded(), v < 1.8e19 else {
                throw s.fail("expected a non-negative integer, found \(s.describe())")
            }
            content.seed = UInt64(v)
        }
        if let list = try root.optional("dinamo") {
            for (k, job) in try list.array().enumerated() {
                try job.allowOnly(["input", "name", "alpha", "threshold", "historical", "init_counts", "debias",
                                   "histogram", "histograms", "run_pattern", "labels"])
                guard let input = try job.optional("input") else { throw job.fail("missing key \"input\"") }
                var source = try runFilesSource(job, input: input, resolve: resolve)
                if source == nil { source = .file(try resolve(input)) }
                var d = DinamoJobSpec(source: source!, name: try name(job))
                d.origin = "\(configName), dinamo[\(k)]"
                if let a = try job.optional("alpha") {
                    d.alpha = try autoOr(a, range: "a number strictly between 0 and 1") { $0 > 0 && $0 < 1 }.map { .value($0) } ?? .auto
                }
                if let t = try job.optional("threshold") {
                    d.threshold = try autoOr(t, range: "a finite number (a threshold on ln(χ²/ν) may be negative)") { $0.isFinite }.map { .value($0) } ?? .auto
                }
                if let h = try job.optional("historical") { d.historical = try count(h) }
                if let c = try job.optional("init_counts") {
                    let v = try c.number()
                    guard v > 0 else { throw c.fail("expected a positive number, found \(v)") }
                    d.initCounts = v
                }
                if let b = try job.optional("debias") { d.debias = try count(b, allowZero: true) }
                content.dinamo.append(d)
            }
        }
        if let list = try root.optional("series") {
            for (k, job) in try list.array().enumerated() {
                try job.allowOnly(["input", "name", "column", "labels", "approach", "epochs", "samples", "missing",
                                   "context", "vus_window"])
                guard let input = try job.optional("input") else { throw job.fail("missing key \"input\"") }
                var s = SeriesJobSpec(source: .file(try resolve(input)), name: try name(job))
                s.origin = "\(configName), series[\(k)]"
                if let c = try job.optional("column") {
                    s.column = try c.string()
                    if s.column.isEmpty { throw c.fail("the column name is empty") }
                }
                if let l = try job.optional("labels") { s.labels = try resolve(l) }
                if let a = try job.optional("approach") {
                    let text = try a.string()
                    do { s.approaches = try SettingText.approaches(text) } catch {
                        throw a.fail("unknown approach \"\(text)\" (expected one of baseline, topk, mixture, hmm, all, or a comma list)")
                    }
                }
                if let e = try job.optional("epochs") { s.epochs = try count(e) }
                if let n = try job.optional("samples") { s.samples = try count(n) }
                if let c = try job.optional("context") { s.context = try count(c) }
                if let w = try job.optional("vus_window") { s.vusWindow = try count(w) }
                if let m = try job.optional("missing") {
                    let text = try m.string()
                    guard let policy = MissingPolicy(rawValue: text) else {
                        throw m.fail("expected \"drop\", \"interpolate\" or \"error\", found \"\(text)\"")
                    }
                    s.missing = policy
                }
                content.series.append(s)
            }
        }
        return content
    }

    /// The top-level `figure_width` (a string: `column`, `page`, `3.5in`, `8.9cm`, `252pt`), `font_size`
    /// (points) and `dpi`, each checked as its command-line flag is, errors naming the key.
    static func figureStyle(_ root: JSONReader) throws(InputError) -> FigureStyle {
        var width: FigureWidth?
        var fontSize: Double?
        var dpi: Double?
        if let w = try root.optional("figure_width") {
            guard case .string(let text) = w.node.value else {
                throw w.fail("expected a width with its unit as a string, e.g. \"3.5in\", \"8.9cm\", \"252pt\", \"column\" or \"page\"; found \(w.describe())")
            }
            do { width = try FigureWidth(parsing: text) } catch { throw w.fail(error.description) }
        }
        if let f = try root.optional("font_size") {
            let v = try f.number()
            do { _ = try FigureStyle(fontSize: v) } catch { throw f.fail(error.description) }
            fontSize = v
        }
        if let d = try root.optional("dpi") {
            let v = try d.number()
            do { _ = try FigureStyle(dpi: v) } catch { throw d.fail(error.description) }
            dpi = v
        }
        do { return try FigureStyle(width: width, fontSize: fontSize, dpi: dpi) } catch {
            throw root.fail(error.description)
        }
    }

    /// The run-files source of a dinamo entry naming `histogram` (one path) or `histograms` (a pattern, each
    /// match its own input), with optional `run_pattern` and `labels`; nil for a CSV/JSON entry.
    static func runFilesSource(_ job: JSONReader, input: JSONReader,
                               resolve: (JSONReader) throws(InputError) -> URL) throws(InputError) -> DinamoSource? {
        let one = try job.optional("histogram"), each = try job.optional("histograms")
        guard one != nil || each != nil else {
            for key in ["run_pattern", "labels"] {
                if let k = try job.optional(key) { throw k.fail("\"\(key)\" applies to ROOT run files: give \"histogram\" or \"histograms\" too") }
            }
            return nil
        }
        if one != nil, let each { throw each.fail("give either \"histogram\" (one path) or \"histograms\" (a pattern), not both") }
        let pathNode = (one ?? each)!
        let path = try pathNode.string()
        if path.split(separator: "/").isEmpty { throw pathNode.fail("the histogram path is empty") }
        var source = RunFilesSource(input: try resolve(input).path, histogram: path, eachMatch: each != nil)
        if let p = try job.optional("run_pattern") {
            let text = try p.string()
            guard let regex = try? NSRegularExpression(pattern: text), regex.numberOfCaptureGroups >= 1 else {
                throw p.fail("\"\(text)\" is not a regular expression with a capture group for the run number")
            }
            source.runPattern = text
        }
        if let l = try job.optional("labels") { source.labels = try resolve(l) }
        return .runFiles(source)
    }
}

