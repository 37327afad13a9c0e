import Foundation

/// A figure saved beside its rendered files so it can be drawn again at another size or in another format
/// without recomputing what it shows: a small versioned JSON document holding the figure as built (before
/// `styled(_:)`), its data included, and the style it was written at. Numbers are written in the shortest form
/// that reads back as the same double; non-finite ones (gaps in lines, empty heat-map cells) as the strings
/// `"nan"`, `"inf"` and `"-inf"`, since JSON has no such numbers.
///
/// Given the numbers written beside the figure (`FigureData`: its CSV's columns, its `.npy` arrays), an array
/// of a mark that a column holds exactly is written as a reference to it instead of the numbers (version 2), so
/// a report does not keep every figure's numbers twice; reading such a spec needs the same columns.
///
/// ```swift
/// let json = try FigureSpec(figure: fig).encoded(data: table)
/// let columns = try FigureSpec.Header(decoding: json).dataColumns     // the CSV columns to read back
/// let again = try FigureSpec(decoding: json, data: table).figure      // draws the same bytes as `fig`
/// ```
public struct FigureSpec: Sendable, Codable {
    /// The format of this document; a reader refuses other versions rather than guessing. Version 2 added
    /// column references (version 1, always inline, still reads).
    public static let currentVersion = 2
    public static let readableVersions = 1...currentVersion
    public var version: Int
    /// The figure as built, before any style.
    public var figure: Figure
    /// The style its files were rendered at (`figure.styled(style)`, PNG at `style.png`).
    public var style: FigureStyle
    /// The file name of the table its column references read, when it is not the one its writer names by
    /// default (a table the figure shares with other readers); a bare file name, never a path.
    public var table: String?

    public init(figure: Figure, style: FigureStyle = .standard) {
        version = FigureSpec.currentVersion
        self.figure = figure
        self.style = style
    }

    /// The figure as its files show it.
    public var styledFigure: Figure { style == .standard ? figure : figure.styled(style) }

    /// What a reader needs before the figure: the version, and the data columns the spec refers to.
    public struct Header: Sendable, Decodable {
        public var version: Int
        /// The length of each data column that arrays refer to, when the spec was written; empty when every
        /// array is inline. A column of another length has been changed since.
        public var dataLengths: [String: Int]
        /// The data columns arrays refer to, sorted.
        public var dataColumns: [String] { dataLengths.keys.sorted() }
        /// The spec's `table` (`FigureSpec.table`): checked to be a bare file name.
        public var table: String?

        private enum Keys: String, CodingKey { case version, data, table }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            version = try c.decode(Int.self, forKey: .version)
            dataLengths = try c.decodeIfPresent([String: Int].self, forKey: .data) ?? [:]
            table = try c.decodeIfPresent(String.self, forKey: .table)
            if let table, !FigureSpec.isBareFileName(table) {
                throw DecodingError.dataCorruptedError(forKey: .table, in: c, debugDescription: "table \(table) is not a bare file name")
            }
        }

        /// Reads the header of a spec; throws when it is not one or its version is not readable.
        public init(decoding data: Data) throws(FigureSpecError) {
            do { self = try JSONDecoder().decode(Header.self, from: data) } catch {
                throw FigureSpecError.unreadable(FigureSpecError.explain(error))
            }
            guard FigureSpec.readableVersions.contains(version) else { throw FigureSpecError.unsupportedVersion(version) }
        }
    }

    private enum Keys: String, CodingKey { case version, figure, style, data, table }

    /// A name without a folder: no `/` or `\\`, not `.` or `..`, not empty; what a spec may name its table by,
    /// so a damaged or hostile spec cannot point a reader outside the folder it reads tables from.
    public static func isBareFileName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\\") && !name.contains("\0")
    }
    static let matcherKey = CodingUserInfoKey(rawValue: "anomaly-report.figure-data-matcher")!
    static let dataKey = CodingUserInfoKey(rawValue: "anomaly-report.figure-data")!

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        version = try c.decode(Int.self, forKey: .version)
        style = try c.decode(FigureStyle.self, forKey: .style)
        figure = try c.decode(Figure.self, forKey: .figure)
        table = try c.decodeIfPresent(String.self, forKey: .table)
    }

    /// Writes the version, the style and the figure, then the length of each data column the figure's
    /// references used (`"data": {"mu": 25000, …}`).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(version, forKey: .version)
        try c.encode(style, forKey: .style)
        try c.encode(figure, forKey: .figure)
        try c.encodeIfPresent(table, forKey: .table)
        if let matcher = encoder.userInfo[FigureSpec.matcherKey] as? FigureDataMatcher, !matcher.usedColumns.isEmpty {
            let lengths = matcher.usedColumns.map { ($0, matcher.data.column(named: $0)?.count ?? 0) }
            try c.encode(Dictionary(uniqueKeysWithValues: lengths), forKey: .data)
        }
    }

    /// Compact JSON (no indentation, keys sorted, so the same figure always gives the same bytes). With `data`,
    /// arrays a column holds exactly are written as references to it.
    public func encoded(data: FigureData? = nil) throws(FigureSpecError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        if let data { encoder.userInfo[FigureSpec.matcherKey] = FigureDataMatcher(data) }
        do { return try encoder.encode(self) } catch { throw FigureSpecError.unreadable(String(describing: error)) }
    }

    /// Reads a spec written by `encoded(data:)`, resolving its column references in `data` (the same columns,
    /// as their files read back); throws `FigureSpecError` saying what is wrong.
    public init(decoding data: Data, data table: FigureData? = nil) throws(FigureSpecError) {
        let header = try Header(decoding: data)
        if !header.dataColumns.isEmpty {
            guard let table else {
                throw FigureSpecError.data("the spec draws from the data columns \(header.dataColumns.joined(separator: ", ")), which were not given")
            }
            for name in header.dataColumns {
                guard let column = table.column(named: name) else { throw FigureSpecError.data("there is no data column \(name)") }
                let length = header.dataLengths[name]!
                guard column.count == length else {
                    throw FigureSpecError.data("column \(name) has \(column.count) values where the figure was drawn from \(length): its file has been changed since")
                }
            }
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        if let table { decoder.userInfo[FigureSpec.dataKey] = table }
        do { self = try decoder.decode(FigureSpec.self, from: data) } catch {
            throw FigureSpecError.unreadable(FigureSpecError.explain(error))
        }
        version = FigureSpec.currentVersion
    }
}

/// Why a figure spec could not be written or read.
public enum FigureSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(String)
    case unsupportedVersion(Int)
    /// The data table a spec refers to is missing or does not fit it.
    case data(String)

    public var description: String {
        switch self {
        case .unreadable(let why): "not a figure spec: \(why)"
        case .unsupportedVersion(let v):
            "figure spec version \(v) is not supported (this version reads versions \(FigureSpec.readableVersions.lowerBound) to \(FigureSpec.currentVersion))"
        case .data(let why): "figure data: \(why)"
        }
    }

    /// A decoding error as one line: what was expected, at which key path.
    static func explain(_ error: any Error) -> String {
        guard let e = error as? DecodingError else { return String(describing: error) }
        func path(_ p: [any CodingKey]) -> String {
            p.isEmpty ? "the top level" : p.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        }
        switch e {
        case .dataCorrupted(let ctx): return "\(ctx.debugDescription) at \(path(ctx.codingPath))"
        case .keyNotFound(let key, let ctx): return "missing key \"\(key.stringValue)\" at \(path(ctx.codingPath))"
        case .typeMismatch(let type, let ctx): return "expected \(type) at \(path(ctx.codingPath))"
        case .valueNotFound(let type, let ctx): return "expected \(type) at \(path(ctx.codingPath)), found null"
        @unknown default: return String(describing: e)
        }
    }
}
