import Foundation

/// One monitored histogram quantity: a sequence of runs with identical binning (docs/inputs.md).
public struct HistogramInput: Sendable, Equatable {
    /// Display name (`--name`, the JSON `name`, or the file name).
    public var name: String
    /// Counts, `runs × bins`, row-major: run `r`, bin `b` is `counts[r * bins + b]`.
    public var counts: [Double]
    public var runs: Int
    public var bins: Int
    /// `bins + 1` strictly increasing edges, when known.
    public var binEdges: [Double]?
    /// Per-run ground truth: 0 good, 1 bad, nil unknown. Nil when the file has no labels.
    public var labels: [Int?]?
    /// Per-run identifiers, when the file has them.
    public var runIDs: [String]?
    /// The bins' column names (CSV header, or `"0"`, `"1"`, … for JSON and ROOT).
    public var columnNames: [String]
    /// The x and y edges of a TH2 read from ROOT run files, monitored flattened (`bins = nx · ny`, x index
    /// outermost); `binEdges` is then nil. Nil for every one-dimensional input.
    public var grid: HistogramGrid?

    public init(name: String, counts: [Double], runs: Int, bins: Int, binEdges: [Double]? = nil,
                labels: [Int?]? = nil, runIDs: [String]? = nil, columnNames: [String], grid: HistogramGrid? = nil) {
        self.name = name
        self.counts = counts
        self.runs = runs
        self.bins = bins
        self.binEdges = binEdges
        self.labels = labels
        self.runIDs = runIDs
        self.columnNames = columnNames
        self.grid = grid
    }

    /// The counts of run `r`.
    public func run(_ r: Int) -> ArraySlice<Double> { counts[r * bins..<(r + 1) * bins] }
}

/// The file formats the readers understand.
public enum InputFormat: Sendable, Equatable {
    case csv, json

    /// By extension (`.csv`, `.json`), else by the first non-blank byte (`{` or `[` means JSON).
    static func detect(path: String) -> InputFormat {
        switch (path as NSString).pathExtension.lowercased() {
        case "csv": return .csv
        case "json": return .json
        default: break
        }
        if let h = FileHandle(forReadingAtPath: path) {
            defer { try? h.close() }
            let head = (try? h.read(upToCount: 4096)) ?? Data()
            for b in head where !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0xEF || b == 0xBB || b == 0xBF) {
                return b == UInt8(ascii: "{") || b == UInt8(ascii: "[") ? .json : .csv
            }
        }
        return .csv
    }
}

extension HistogramInput {
    /// Reads a histogram file, CSV or JSON by extension (else sniffed).
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - name: the display name; defaults to the JSON `name`, else the file name.
    ///
    /// Bin edges from CSV: when every bin column name is a number and there are at least two bins,
    /// the names are taken as bin centres if they are equally spaced, else as lower edges (the last bin
    /// then gets the width of the one before it); edges are `centre ± width/2`. If the names are not
    /// strictly increasing no edges are derived. JSON `bin_edges` are used as given.
    public static func read(path: String, name: String? = nil, limits: InputLimits = .default) throws(InputError) -> HistogramInput {
        switch InputFormat.detect(path: path) {
        case .csv: return try readCSV(path: path, name: name, limits: limits)
        case .json: return try readJSON(path: path, name: name, limits: limits)
        }
    }

    public static func readCSV(path: String, name: String? = nil, limits: InputLimits = .default) throws(InputError) -> HistogramInput {
        let reader = try CSVReader(path: path, limits: limits)
        guard let header = try reader.next() else { throw InputError(file: path, message: "file is empty") }
        var seen: [String: Int] = [:]
        var runColumn: Int?, labelColumn: Int?
        var binColumns: [Int] = []
        for (k, raw) in header.fields.enumerated() {
            let col = raw
            if col.isEmpty { throw InputError(file: path, line: header.line, "column \(k + 1) of the header has no name") }
            if seen[col] != nil { throw InputError(file: path, line: header.line, "duplicate column name \"\(col)\"") }
            seen[col] = k
            switch col.lowercased() {
            case "run": runColumn = k
            case "label": labelColumn = k
            default: binColumns.append(k)
            }
        }
        if binColumns.isEmpty {
            throw InputError(file: path, line: header.line, "no bin columns: every column other than run and label is a bin count")
        }
        let width = header.fields.count
        reader.maxKeptFields = width
        var counts: [Double] = []
        var labels: [Int?] = []
        var runIDs: [String] = []
        var runs = 0
        var lines: ClosedRange<Int>?
        while let rec = try reader.next() {
            lines = (lines?.lowerBound ?? rec.line)...rec.line
            guard rec.fieldCount == width else {
                throw InputError(file: path, line: rec.line,
                                 "expected \(width) columns (\(binColumns.count) bin counts) as in the header, found \(rec.fieldCount)")
            }
            for k in binColumns {
                counts.append(try parseCount(rec.fields[k], column: header.fields[k], file: path, line: rec.line))
            }
            if let r = runColumn { runIDs.append(rec.fields[r]) }
            if let l = labelColumn {
                switch rec.fields[l] {
                case "": labels.append(nil)
                case "0": labels.append(0)
                case "1": labels.append(1)
                case let v: throw InputError(file: path, line: rec.line, "label must be 0, 1 or empty, found \"\(v)\"")
                }
            }
            runs += 1
        }
        if runs == 0 { throw InputError(file: path, line: header.line, "header only: the file has no runs") }
        if let lines, counts.allSatisfy({ $0 == 0 }) {
            throw InputError(file: path, line: lines.lowerBound, everyRunEmpty(runs) + " (lines \(lines.lowerBound)–\(lines.upperBound))")
        }
        let names = binColumns.map { header.fields[$0] }
        return HistogramInput(
            name: displayName(for: path, name: name), counts: counts, runs: runs, bins: binColumns.count,
            binEdges: derivedEdges(names), labels: labelColumn == nil ? nil : labels,
            runIDs: runColumn == nil ? nil : runIDs, columnNames: names)
    }

    /// A file whose runs are all empty can neither build a reference nor be judged against one; one empty run
    /// among others is fine (it is scored as `empty` and never updates the reference, docs/methods/dinamo.md).
    static func everyRunEmpty(_ runs: Int) -> String {
        runs == 1 ? "the only run is empty (all counts are zero): there is nothing to monitor"
            : "all \(runs) runs are empty (every count is zero): there is nothing to monitor"
    }

    static func parseCount(_ cell: String, column: String, file: String, line: Int) throws(InputError) -> Double {
        if cell.isEmpty { throw InputError(file: file, line: line, "column \"\(column)\": missing count") }
        guard let v = Double(cell) else {
            throw InputError(file: file, line: line, "column \"\(column)\": \"\(cell.prefix(40))\" is not a number")
        }
        guard v.isFinite else { throw InputError(file: file, line: line, "column \"\(column)\": count \(cell) is not finite") }
        guard v >= 0 else { throw InputError(file: file, line: line, "column \"\(column)\": count \(cell) is negative") }
        return v
    }

    /// Bin edges from numeric column names (see `read(path:name:limits:)`), or nil.
    static func derivedEdges(_ names: [String]) -> [Double]? {
        let values = names.compactMap { Double($0) }
        guard values.count == names.count, values.count >= 2, values.allSatisfy(\.isFinite) else { return nil }
        for k in 1..<values.count where values[k] <= values[k - 1] { return nil }
        let widths = (1..<values.count).map { values[$0] - values[$0 - 1] }
        let w0 = widths[0]
        let equal = widths.allSatisfy { abs($0 - w0) <= 1e-9 * max(abs(w0), 1) }
        if equal {
            return [values[0] - w0 / 2] + values.map { $0 + w0 / 2 }
        }
        return values + [values[values.count - 1] + widths[widths.count - 1]]
    }

    public static func readJSON(path: String, name: String? = nil, limits: InputLimits = .default) throws(InputError) -> HistogramInput {
        let root = try JSONParser.parseFile(path, limits: limits)
        let doc = try JSONReader(file: path, node: root, path: "")
        try doc.allowOnly(["name", "bin_edges", "runs", "labels", "run_ids"])
        let jsonName = try doc.optional("name")?.string()
        guard let runsNode = try doc.optional("runs") else {
            throw InputError(file: path, message: "missing key \"runs\" (an array of arrays of bin counts)")
        }
        let runRows = try runsNode.array()
        if runRows.isEmpty { throw InputError(file: path, keyPath: "runs", "no runs: the array is empty") }
        var counts: [Double] = []
        var bins = -1
        for row in runRows {
            let cells = try row.array()
            if bins < 0 {
                bins = cells.count
                if bins == 0 { throw InputError(file: path, keyPath: row.path, "run has no bins") }
            } else if cells.count != bins {
                throw InputError(file: path, keyPath: row.path, "expected \(bins) bin counts as in runs[0], found \(cells.count)")
            }
            for c in cells {
                let v = try c.number()
                if v < 0 { throw InputError(file: path, keyPath: c.path, "count \(v) is negative") }
                counts.append(v)
            }
        }
        let runs = runRows.count
        if counts.allSatisfy({ $0 == 0 }) { throw InputError(file: path, keyPath: "runs", everyRunEmpty(runs)) }
        var edges: [Double]?
        if let e = try doc.optional("bin_edges") {
            let items = try e.array()
            guard items.count == bins + 1 else {
                throw InputError(file: path, keyPath: e.path, "expected \(bins + 1) bin edges for \(bins) bins, found \(items.count)")
            }
            let values = try items.map { (n) throws(InputError) in try n.number() }
            for k in 1..<values.count where values[k] <= values[k - 1] {
                throw InputError(file: path, keyPath: items[k].path, "bin edges must be strictly increasing (\(values[k]) follows \(values[k - 1]))")
            }
            edges = values
        }
        var labels: [Int?]?
        if let l = try doc.optional("labels") {
            let items = try l.array()
            guard items.count == runs else {
                throw InputError(file: path, keyPath: l.path, "expected \(runs) labels (one per run), found \(items.count)")
            }
            labels = try items.map { (n) throws(InputError) -> Int? in
                if n.isNull { return nil }
                let v = try n.number()
                guard v == 0 || v == 1 else { throw InputError(file: path, keyPath: n.path, "label must be 0, 1 or null, found \(v)") }
                return Int(v)
            }
        }
        var ids: [String]?
        if let r = try doc.optional("run_ids") {
            let items = try r.array()
            guard items.count == runs else {
                throw InputError(file: path, keyPath: r.path, "expected \(runs) run ids (one per run), found \(items.count)")
            }
            ids = try items.map { (n) throws(InputError) -> String in
                if case .number(let v) = n.node.value { return v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }
                return try n.string()
            }
        }
        return HistogramInput(
            name: name.flatMap { $0.isEmpty ? nil : $0 } ?? jsonName ?? displayName(for: path, name: nil),
            counts: counts, runs: runs, bins: bins, binEdges: edges, labels: labels, runIDs: ids,
            columnNames: (0..<bins).map(String.init))
    }
}
