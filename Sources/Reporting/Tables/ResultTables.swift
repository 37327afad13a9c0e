import Foundation

/// `anomaly-report table`: a finished report's results as tables, from its `summary.json` alone. Each method's
/// entries are decoded through the method registry and tabulated by their own type (`TabulatedEntry`), in
/// registry order.
public enum ResultTables {
    /// What to tabulate and how to write it.
    public struct Request: Sendable {
        /// The report directory (the one holding `summary.json`).
        public var report: URL
        public var format: TableFormat
        /// The quantities to show (`vus_pr`, `alpha`, …); nil: each method's defaults.
        public var quantities: [String]?

        public init(report: URL, format: TableFormat, quantities: [String]? = nil) {
            self.report = report
            self.format = format
            self.quantities = quantities
        }
    }

    /// Every quantity some method can tabulate, in registry order, each once.
    public static var knownQuantities: [String] {
        var seen: [String] = []
        for method in MethodRegistry.all {
            guard let type = method.entryType as? any TabulatedEntry.Type else { continue }
            for q in type.tableQuantities where !seen.contains(q) { seen.append(q) }
        }
        return seen
    }

    /// The quantity a user's name stands for: a quantity's own name, or a metric's alias (`auc`, `ap`),
    /// case-insensitively; nil for a name no method tabulates.
    public static func quantity(named name: String) -> String? {
        let lower = name.lowercased()
        let key = MetricKey(userName: lower)?.rawValue ?? lower
        return knownQuantities.contains(key) ? key : nil
    }

    /// The report's tables, as `request.format` writes them. Throws `ReportError.usage` (exit 2) naming
    /// `summary.json` when the directory holds none or it cannot be read, and naming the quantity when no
    /// method tabulates it.
    public static func render(_ request: Request) throws -> String {
        let summary = try loadSummary(report: request.report)
        let tables = try self.tables(of: summary, quantities: request.quantities)
        return request.format.render(tables)
    }

    /// The tables of `summary`, methods in registry order.
    public static func tables(of summary: Summary, quantities: [String]?) throws -> [ResultTable] {
        let selection = try quantities.map { names -> [String] in
            try names.map { name in
                guard let q = quantity(named: name) else {
                    throw ReportError.usage("--metric \(name): no table shows it (known: \(knownQuantities.joined(separator: ", ")))")
                }
                return q
            }
        }
        var tables: [ResultTable] = []
        for method in MethodRegistry.all {
            guard let type = method.entryType as? any TabulatedEntry.Type,
                  let entries = summary.entries[method.info.id], !entries.isEmpty else { continue }
            tables += type.erasedTables(of: entries.map(\.value), showing: selection)
        }
        return tables
    }

    /// `DIR/summary.json`, decoded as the report wrote it.
    static func loadSummary(report: URL) throws -> Summary {
        let file = report.appendingPathComponent("summary.json")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: report.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReportError.usage("\(report.path) is not a directory: expected a report directory holding summary.json")
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw ReportError.usage("\(file.path): no such file; is \(report.path) a report directory (the --output of run, dinamo, mcem or merge)?")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do { return try decoder.decode(Summary.self, from: data) } catch {
            throw ReportError.usage("\(file.path) is not a summary this version can read: \(describe(error))")
        }
    }

    /// A decoding error in words: what is wrong and at which key path.
    private static func describe(_ error: Error) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
        }
        switch error as? DecodingError {
        case .dataCorrupted(let c): return "\(c.debugDescription) at \(path(c.codingPath))"
        case .keyNotFound(let key, let c): return "missing key \(key.stringValue) at \(path(c.codingPath + [key]))"
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "\(c.debugDescription) at \(path(c.codingPath))"
        default: return "\(error)"
        }
    }
}
