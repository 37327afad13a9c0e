import Foundation
import Plotting

/// A figure's data table as numbers a figure spec may refer to (`FigureData`), and those numbers read back from
/// the CSV file: the two must agree value for value, which they do because a number cell is written in its
/// shortest round-trip form (`ReportFormat.csv`) and every cell that is not a finite number reads back as NaN.
extension CSVTable {
    /// Column names of this suffix are left to a figure's `.npy` arrays (`FigureArtifact.figureData`).
    static let arraySuffix = ".npy"

    /// The numeric columns as the written CSV reads back: a number cell as its value (NaN when not finite,
    /// since it is written empty), an integer cell as its value, a missing cell as NaN. Columns holding text,
    /// and columns whose name the CSV would quote, another column shares or ends in `.npy`, are left out: a
    /// reference names a column, so its name must read back as written and be unique.
    public var figureData: FigureData {
        var data = FigureData()
        let counts = Dictionary(header.map { ($0, 1) }, uniquingKeysWith: +)
        for (c, name) in header.enumerated()
        where counts[name] == 1 && CSVTable.quote(name) == name && !name.isEmpty && !name.hasSuffix(Self.arraySuffix) {
            var values: [Double] = []
            values.reserveCapacity(rows.count)
            var numeric = true
            for row in rows {
                switch row[c] {
                case .number(let x): values.append(x.isFinite ? x : .nan)
                case .integer(let i): values.append(Double(i))
                case .missing: values.append(.nan)
                case .text: numeric = false
                }
                if !numeric { break }
            }
            if numeric { try? data.add(column: name, values: values) }
        }
        return data
    }

    /// Reads the named columns of a CSV written by `text` back as numbers: an empty cell is NaN, any other
    /// must be a number. Quoted fields (with commas, doubled quotes, line ends) and CRLF line ends are read.
    /// Throws `CSVReadError` naming the line and column of what cannot be read.
    public static func numericColumns(_ bytes: Data, named names: [String]) throws(CSVReadError) -> FigureData {
        var records = CSVRecords(bytes)
        guard let header = records.next() else { throw CSVReadError(line: 1, message: "the file is empty") }
        var positions: [Int] = []
        for name in names {
            guard let i = header.fields.firstIndex(of: name) else {
                throw CSVReadError(line: 1, message: "no column \(name) in the header")
            }
            positions.append(i)
        }
        var columns = [[Double]](repeating: [], count: names.count)
        while let record = records.next() {
            for (k, i) in positions.enumerated() {
                guard i < record.fields.count else {
                    throw CSVReadError(line: record.line, message: "the row has \(record.fields.count) fields; column \(names[k]) is field \(i + 1)")
                }
                let field = record.fields[i]
                if field.isEmpty { columns[k].append(.nan); continue }
                guard let x = Double(field) else {
                    throw CSVReadError(line: record.line, message: "column \(names[k]): '\(field)' is not a number")
                }
                columns[k].append(x)
            }
        }
        var data = FigureData()
        for (k, name) in names.enumerated() {
            do { try data.add(column: name, values: columns[k]) } catch { throw CSVReadError(line: 1, message: error.description) }
        }
        return data
    }
}

extension FigureArtifact {
    /// The numbers written beside the figure, as a spec may refer to them: the CSV's numeric columns
    /// (`CSVTable.figureData`), and each `fullData` array flattened, named `<name>.npy`, as its file reads back
    /// (a `float32` array rounded to float). Nil when the figure writes no numbers beside it.
    var figureData: FigureData? {
        guard data != nil || !fullData.isEmpty else { return nil }
        var columns = data?.figureData ?? FigureData()
        for array in fullData { try? columns.add(column: array.name + CSVTable.arraySuffix, values: array.storedValues) }
        return columns
    }
}

/// What is wrong with a CSV file being read back, and on which line (1-based; the header is line 1).
public struct CSVReadError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// The records of a CSV text as `CSVTable.text` writes it, one at a time: fields unquoted, with the line each
/// record starts on. Unlike the input reader (`Inputs`), which is lenient with what people write, every line is
/// a record and fields are not trimmed: the file is read back exactly as it was written.
private struct CSVRecords {
    private let bytes: [UInt8]
    private var i = 0
    private var line = 1

    init(_ data: Data) {
        var b = [UInt8](data)
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
        bytes = b
    }

    mutating func next() -> (line: Int, fields: [String])? {
        // Every line is a record (an empty line is one empty field: a one-column table's missing cell).
        guard i < bytes.count else { return nil }
        let start = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            if quoted {
                if b == 0x22 {
                    if i < bytes.count, bytes[i] == 0x22 { field.append(0x22); i += 1 } else { quoted = false }
                } else {
                    if b == 0x0A { line += 1 }
                    field.append(b)
                }
            } else if b == 0x22 && field.isEmpty {
                quoted = true
            } else if b == 0x2C {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else if b == 0x0A || b == 0x0D {
                if b == 0x0D, i < bytes.count, bytes[i] == 0x0A { i += 1 }
                line += 1
                break
            } else {
                field.append(b)
            }
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return (start, fields)
    }
}
