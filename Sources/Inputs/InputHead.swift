import Foundation

/// Cheap checks of a file's head, for failing fast before a long run (the sources' `check()`, which Reporting's
/// `Preflight` calls): existence, readability, and the header and first row of a CSV. The full readers repeat
/// every check on the whole file.
public enum InputHead {
    /// Exists, is a regular file, can be opened.
    public static func checkReadable(path: String) throws(InputError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, message: "file not found")
        }
        guard !isDirectory.boolValue else { throw InputError(file: path, message: "is a directory, not a file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(file: path, message: "cannot open the file for reading")
        }
        try? handle.close()
    }

    /// A histogram file: a JSON document that starts as an object, or a CSV whose header has bin columns and
    /// whose first run is as wide as the header.
    public static func checkHistograms(path: String) throws(InputError) {
        try checkReadable(path: path)
        switch InputFormat.detect(path: path) {
        case .json:
            try checkJSONObject(path: path)
        case .csv:
            let reader = try CSVReader(path: path)
            guard let header = try reader.next() else { throw InputError(file: path, message: "file is empty") }
            let bins = header.fields.filter { !["run", "label"].contains($0.lowercased()) }
            guard !bins.isEmpty else {
                throw InputError(file: path, line: header.line, "no bin columns: every column other than run and label is a bin count")
            }
            reader.maxKeptFields = header.fields.count
            guard let first = try reader.next() else { throw InputError(file: path, line: header.line, "header only: the file has no runs") }
            guard first.fieldCount == header.fields.count else {
                throw InputError(file: path, line: first.line, "expected \(header.fields.count) columns as in the header, found \(first.fieldCount)")
            }
        }
    }

    /// A series CSV whose header has the value column (and the time column when one is named) and whose first
    /// row is as wide as the header.
    public static func checkSeries(path: String, column: String, timeColumn: String? = nil) throws(InputError) {
        try checkReadable(path: path)
        let reader = try CSVReader(path: path)
        guard let header = try reader.next() else { throw InputError(file: path, message: "file is empty") }
        guard header.fields.contains(column) else {
            let found = header.fields.map { "\"\($0)\"" }.joined(separator: ", ")
            throw InputError(file: path, line: header.line, "no value column \"\(column)\"; columns found: \(found) (choose one with --column, or column in a config entry)")
        }
        if let timeColumn, !header.fields.contains(timeColumn) {
            throw SeriesInput.noTimeColumn(timeColumn, header: header.fields, path: path, line: header.line)
        }
        reader.maxKeptFields = header.fields.count
        guard let first = try reader.next() else { throw InputError(file: path, line: header.line, "header only: the file has no values") }
        guard first.fieldCount == header.fields.count else {
            throw InputError(file: path, line: first.line, "expected \(header.fields.count) columns as in the header, found \(first.fieldCount)")
        }
    }

    private static func checkJSONObject(path: String) throws(InputError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(file: path, message: "cannot open the file for reading")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()
        var bytes = Array(head)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let first = bytes.first(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) else {
            throw InputError(file: path, message: "file is empty")
        }
        // The full reader names every other fault; an array is refused here already, in its words.
        if first == UInt8(ascii: "[") {
            throw InputError(file: path, line: 1, "expected an object, found an array")
        }
    }
}
