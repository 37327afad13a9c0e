/// A table written as RFC 4180 CSV: a header, then rows of cells. Numbers are written in Swift's shortest
/// round-trip form (so they read back exactly); non-finite numbers and missing values are empty cells.
public struct CSVTable: Sendable, Equatable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
        case integer(Int)
        case missing
    }

    public var header: [String]
    public private(set) var rows: [[Cell]] = []

    public init(header: [String]) {
        self.header = header
    }

    public mutating func append(_ row: [Cell]) {
        precondition(row.count == header.count, "CSV row has \(row.count) cells for \(header.count) columns")
        rows.append(row)
    }

    /// The CSV text, with `\n` line ends.
    public var text: String {
        var out = header.map(CSVTable.quote).joined(separator: ",") + "\n"
        out.reserveCapacity(rows.count * header.count * 12)
        for row in rows {
            var first = true
            for cell in row {
                if !first { out += "," }
                first = false
                switch cell {
                case .text(let s): out += CSVTable.quote(s)
                // Written straight into the text as `ReportFormat.csv` gives it, without a string of its own.
                case .number(let x): if x.isFinite { x.write(to: &out) }
                case .integer(let i): out += String(i)
                case .missing: break
                }
            }
            out += "\n"
        }
        return out
    }

    /// Quotes a field when it holds a comma, a quote, a line end or leading/trailing space; a field that a
    /// spreadsheet would run as a formula (`=`, `+`, `-`, `@` followed by a non-digit) is prefixed with `'`.
    static func quote(_ field: String) -> String {
        var field = field
        if let first = field.first, "=+-@".contains(first) {
            let rest = field.dropFirst()
            if rest.isEmpty || !(rest.first!.isNumber || rest.first == ".") { field = "'" + field }
        }
        let needsQuotes = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation
import Inputs
