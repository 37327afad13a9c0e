import Foundation

/// What to do with missing or non-numeric values in a series.
public enum MissingPolicy: String, Sendable, Equatable, CaseIterable {
    /// Missing values are input errors (the default).
    case error
    /// Rows with a missing value are removed (their timestamps and labels with them).
    case drop
    /// Missing values are interpolated linearly between their neighbours; a leading or trailing
    /// gap takes the nearest present value.
    case interpolate
}

/// One time series for MC-EM (docs/inputs.md).
public struct SeriesInput: Sendable, Equatable {
    /// Display name (`--name` or the file name).
    public var name: String
    public var values: [Double]
    /// The time column as text, when there is one (`SeriesTimes`).
    public var timestamps: [String]?
    /// Seconds since 1970 UTC per point, in file order, when every time parses (ISO-8601, NAB's
    /// `2014-02-19 10:50:00.000000`, epoch seconds or milliseconds: `Timestamp.seriesTime`).
    public var dates: [Double]?
    /// The time column's name and what its cells said (steps back, repeats, a cell that is not a time).
    public var times: SeriesTimes?
    /// Ground truth per point, from a `label` / `is_anomaly` column or a labels file.
    public var labels: [Bool]?
    /// The value column used.
    public var valueColumn: String
    /// 1-based file lines of the kept points (for error messages downstream).
    public var lines: [Int]
    /// How many values were missing and dropped or interpolated.
    public var missingCount: Int

    public init(name: String, values: [Double], timestamps: [String]? = nil, dates: [Double]? = nil,
                labels: [Bool]? = nil, valueColumn: String = "value", lines: [Int] = [], missingCount: Int = 0,
                times: SeriesTimes? = nil) {
        self.name = name
        self.values = values
        self.timestamps = timestamps
        self.dates = dates
        self.times = times
        self.labels = labels
        self.valueColumn = valueColumn
        self.lines = lines
        self.missingCount = missingCount
    }

    /// The default minimum length: the MC-EM context window (25) plus one point to forecast.
    public static let defaultMinimumLength = 26

    /// Reads a series CSV.
    ///
    /// - Parameters:
    ///   - column: the value column (default `value`).
    ///   - timeColumn: the time column; nil: found by name (`SeriesTimes.columnIndex`).
    ///   - missing: what to do with empty or non-numeric values.
    ///   - minimumLength: fewer points (after dropping) is an error.
    public static func read(path: String, name: String? = nil, column: String? = nil, timeColumn: String? = nil,
                            missing: MissingPolicy = .error, minimumLength: Int = defaultMinimumLength,
                            limits: InputLimits = .default) throws(InputError) -> SeriesInput {
        let reader = try CSVReader(path: path, limits: limits)
        guard let header = try reader.next() else { throw InputError(file: path, message: "file is empty") }
        var index: [String: Int] = [:]
        for (k, col) in header.fields.enumerated() {
            if index[col] != nil { throw InputError(file: path, line: header.line, "duplicate column name \"\(col)\"") }
            index[col] = k
        }
        let wanted = column.flatMap { $0.isEmpty ? nil : $0 } ?? "value"
        guard let valueCol = index[wanted] else {
            let found = header.fields.map { "\"\($0)\"" }.joined(separator: ", ")
            let hint = column == nil ? " (choose one with --column, or column in a config entry)" : ""
            throw InputError(file: path, line: header.line, "no value column \"\(wanted)\"; columns found: \(found)\(hint)")
        }
        let timeCol = SeriesTimes.columnIndex(header: header.fields, asked: timeColumn, valueColumn: wanted)
        if let timeColumn, timeCol == nil { throw noTimeColumn(timeColumn, header: header.fields, path: path, line: header.line) }
        let labelCol = index["label"] ?? index["is_anomaly"]
        let width = header.fields.count
        reader.maxKeptFields = width

        var raw: [Double?] = []
        var stamps: [String] = []
        var labels: [Bool] = []
        var lines: [Int] = []
        var dropped = 0
        while let rec = try reader.next() {
            guard rec.fieldCount == width else {
                throw InputError(file: path, line: rec.line, "expected \(width) columns as in the header, found \(rec.fieldCount)")
            }
            let cell = rec.fields[valueCol]
            let value = Double(cell).flatMap { $0.isFinite ? $0 : nil }
            if value == nil, missing == .error {
                let what = cell.isEmpty ? "value is missing" : "\"\(cell.prefix(40))\" is not a finite number"
                throw InputError(file: path, line: rec.line,
                                 "column \"\(wanted)\": \(what) (--missing drop or interpolate, or missing in a config entry, accepts gaps)")
            }
            if value == nil, missing == .drop { dropped += 1; continue }
            raw.append(value)
            lines.append(rec.line)
            if let t = timeCol { stamps.append(rec.fields[t]) }
            if let l = labelCol {
                switch rec.fields[l] {
                case "0", "0.0", "false", "False": labels.append(false)
                case "1", "1.0", "true", "True": labels.append(true)
                case let v:
                    throw InputError(file: path, line: rec.line, "column \"\(header.fields[l])\": label must be 0 or 1, found \"\(v.prefix(40))\"")
                }
            }
        }
        if lines.isEmpty && dropped == 0 {
            throw InputError(file: path, line: header.line, "header only: the file has no values")
        }
        if lines.isEmpty {
            throw InputError(file: path, message: "column \"\(wanted)\": every value is missing")
        }
        let missingCount = raw.count(where: { $0 == nil })
        let values: [Double]
        do throws(InterpolationError) {
            values = try interpolate(raw)
        } catch {
            throw InputError(file: path, message: "column \"\(wanted)\": every value is missing")
        }
        if values.count < minimumLength {
            let suffix = missing == .drop ? " after dropping missing values" : ""
            throw InputError(file: path, message: "series has \(values.count) value\(values.count == 1 ? "" : "s")\(suffix); at least \(minimumLength) are needed (context window + 1)")
        }
        let times = timeCol.map { SeriesTimes.read(stamps, column: header.fields[$0], lines: lines) }
        return SeriesInput(name: displayName(for: path, name: name), values: values,
                           timestamps: timeCol == nil ? nil : stamps, dates: times?.dates,
                           labels: labelCol == nil ? nil : labels, valueColumn: wanted,
                           lines: lines, missingCount: missing == .drop ? dropped : missingCount, times: times)
    }

    /// The error of a `--time-column` (config `time_column`) the header does not have.
    static func noTimeColumn(_ asked: String, header: [String], path: String, line: Int) -> InputError {
        let found = header.map { "\"\($0)\"" }.joined(separator: ", ")
        return InputError(file: path, line: line, "no time column \"\(asked)\"; columns found: \(found) (--time-column, or time_column in a config entry)")
    }

    struct InterpolationError: Error {}

    /// Fills nil values linearly between present neighbours; ends take the nearest present value.
    static func interpolate(_ raw: [Double?]) throws(InterpolationError) -> [Double] {
        if raw.isEmpty { return [] }
        let present = raw.indices.filter { raw[$0] != nil }
        guard let first = present.first, let last = present.last else { throw InterpolationError() }
        var out = [Double](repeating: 0, count: raw.count)
        for k in 0..<first { out[k] = raw[first]! }
        for k in last..<raw.count { out[k] = raw[last]! }
        for (a, b) in zip(present, present.dropFirst()) {
            let va = raw[a]!, vb = raw[b]!
            out[a] = va
            for k in (a + 1)..<b {
                out[k] = va + (vb - va) * Double(k - a) / Double(b - a)
            }
        }
        out[last] = raw[last]!
        return out
    }
}
