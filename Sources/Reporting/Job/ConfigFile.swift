import Foundation
import Inputs
import Plotting

/// A `run --config FILE`: several inputs and their settings (docs/inputs.md), JSON or YAML (`ConfigDocument`),
/// decoded straight into the same job specs the command line builds: each method's list (`dinamo`, `series`)
/// is read by its method (`DetectionMethod.decode`), and every entry is validated as the command line's job is.
///
/// ```yaml
/// seed: 0
/// figure_width: column      # optional: also font_size (pt), dpi and titles, as --figure-width, --font-size, --dpi, --no-titles
/// dinamo:
///   - {input: h.csv, alpha: auto, threshold: 3.0, historical: 10}
/// series:
///   - {input: s.csv, column: value, labels: s-labels.json, approach: all}
/// ```
/// Relative paths are resolved against the config's folder. Unknown keys are errors naming their key path,
/// so a typo is never silently ignored; every error names the file and the line or key.
public enum ConfigFile {
    public struct Content: Sendable {
        public var seed: UInt64?
        /// The config's `figure_width`, `font_size`, `dpi` and `titles` (unset fields are nil).
        public var figureStyle = FigureStyle.standard
        /// The inputs, the methods in registry order, each list in config order.
        public var inputs: [any MethodJob] = []

        /// The inputs of one job type, e.g. `jobs(DinamoJobSpec.self)`.
        public func jobs<T: MethodJob>(_ type: T.Type) -> [T] { inputs.compactMap { $0 as? T } }
    }

    /// What every method's decoder shares: paths resolved against the config's folder, and the value forms
    /// (counts, `auto` or a number, names) with errors naming the key and line.
    public struct Context: Sendable {
        /// The config's folder ("" for a bare file name).
        var base: String

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

        /// A number, or nil for "auto".
        func autoOr(_ n: JSONReader) throws(InputError) -> Double? {
            switch n.node.value {
            case .string(let s) where s == "auto": return nil
            case .number(let v): return v
            default: throw n.fail("expected a number or \"auto\", found \(n.describe())")
            }
        }

        func name(_ job: JSONReader) throws(InputError) -> String? {
            guard let n = try job.optional("name") else { return nil }
            let s = try n.string()
            if s.trimmingCharacters(in: .whitespaces).isEmpty { throw n.fail("name is empty") }
            return s
        }

        /// The job's one validation; a problem is reported at the key that set it (else at the entry).
        func validate(_ job: some MethodJob, _ entry: JSONReader) throws(InputError) {
            do { try job.validate() } catch {
                let node = try? entry.optional(error.key)
                throw (node ?? entry).fail(error.value.isEmpty ? error.message : "\(error.value): \(error.message)")
            }
        }
    }

    /// Reads the config into `request` (its seed, when given, and its inputs).
    public static func apply(_ url: URL, to request: inout ReportRequest) throws {
        let content = try read(path: url.path)
        if let seed = content.seed { request.seed = seed }
        request.figureStyle = content.figureStyle.overridden(by: request.figureStyle)
        request.inputs = content.inputs
        request.configFile = url
    }

    public static func read(path: String, limits: InputLimits = .default) throws(InputError) -> Content {
        let root = try ConfigDocument.read(path: path, limits: limits)
        try root.allowOnly(Set(["seed", "figure_width", "font_size", "dpi", "titles"] + MethodRegistry.all.map { $0.configKey }))
        let context = Context(base: (path as NSString).deletingLastPathComponent)
        let configName = (path as NSString).lastPathComponent
        var content = Content()
        content.figureStyle = try figureStyle(root)
        if let s = try root.optional("seed") {
            guard case .number(let v) = s.node.value, v >= 0, v == v.rounded(), v < 1.8e19 else {
                throw s.fail("expected a non-negative integer, found \(s.describe())")
            }
            content.seed = UInt64(v)
        }
        do { content.inputs = try inputs(root, configName: configName, context: context) } catch let error as InputError {
            throw error
        } catch {
            throw root.fail("\(error)")
        }
        return content
    }

    /// Each registered method's list, read by the method.
    private static func inputs(_ root: JSONReader, configName: String, context: Context) throws -> [any MethodJob] {
        var inputs: [any MethodJob] = []
        for method in MethodRegistry.all {
            guard let list = try root.optional(method.configKey) else { continue }
            for (k, entry) in try list.array().enumerated() {
                inputs.append(try method.decode(entry, origin: "\(configName), \(method.configKey)[\(k)]", config: context))
            }
        }
        return inputs
    }

    /// The top-level `figure_width` (a string: `column`, `page`, `3.5in`, `8.9cm`, `252pt`), `font_size`
    /// (points), `dpi` and `titles` (a boolean; false as `--no-titles`), each checked as its command-line flag
    /// is, errors naming the key.
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
        var titles: Bool?
        if let t = try root.optional("titles") {
            guard case .bool(let shown) = t.node.value else { throw t.fail("expected true or false, found \(t.describe())") }
            titles = shown
        }
        do { return try FigureStyle(width: width, fontSize: fontSize, dpi: dpi, titles: titles) } catch {
            throw root.fail(error.description)
        }
    }
}
