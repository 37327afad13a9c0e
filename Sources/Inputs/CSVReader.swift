import Foundation

/// One CSV record: its fields and the 1-based line on which it starts.
struct CSVRecord: Sendable, Equatable {
    var line: Int
    /// The fields kept: all of them, or the first `CSVReader.maxKeptFields`.
    var fields: [String]
    /// How many fields the record has, kept or not.
    var fieldCount: Int

    init(line: Int, fields: [String], fieldCount: Int? = nil) {
        self.line = line
        self.fields = fields
        self.fieldCount = fieldCount ?? fields.count
    }
}

/// A small streaming RFC 4180 CSV tokenizer.
///
/// Own code rather than a package, because the readers need three things at once:
/// row-precise errors (every record carries the editor line it starts on, counting the
/// newlines inside quoted fields), a per-line byte limit that refuses a pathological line
/// before it is held in memory, and streaming in 64 KiB chunks through `FileHandle` so a
/// multi-gigabyte file is never loaded whole.
///
/// Accepted: a UTF-8 byte-order mark, LF, CRLF and lone CR line ends, quoted fields with
/// commas, doubled quotes and newlines. Unquoted fields are trimmed of spaces and tabs;
/// blank lines are skipped. Invalid UTF-8 is an error naming the line.
final class CSVReader {
    private let path: String
    private let limits: InputLimits
    private let handle: FileHandle
    private var chunk: [UInt8] = []
    private var index = 0
    private var atEOF = false
    private var startedFile = false

    /// The current physical line (1-based).
    private var line = 1
    private var lineBytes = 0
    private var pendingCR = false

    private static let chunkSize = 1 << 16

    /// Fields past this many are counted but not kept. The readers set it to the header's width once the
    /// header is read: a row with more fields is an error anyway, and a line of millions of tiny cells would
    /// otherwise cost far more memory as strings than the line limit allows as bytes.
    var maxKeptFields = Int.max

    init(path: String, limits: InputLimits = .default) throws(InputError) {
        _ = try checkedFileSize(path, maxBytes: limits.maxFileBytes)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(file: path, message: "cannot open the file for reading")
        }
        self.path = path
        self.limits = limits
        self.handle = handle
    }

    deinit { try? handle.close() }

    private func nextByte() throws(InputError) -> UInt8? {
        if index >= chunk.count {
            if atEOF { return nil }
            let data: Data?
            do { data = try handle.read(upToCount: Self.chunkSize) } catch {
                throw InputError(file: path, line: line, "read failed: \(error.localizedDescription)")
            }
            guard let data, !data.isEmpty else { atEOF = true; return nil }
            chunk = [UInt8](data)
            index = 0
            if !startedFile {
                startedFile = true
                if chunk.count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { index = 3 }
                if index >= chunk.count { return try nextByte() }
            }
        }
        let b = chunk[index]
        index += 1
        return b
    }

    /// Counts a byte against the line limit and advances the line counter on line ends.
    /// Returns true when the byte ends a line (LF, CR, or the LF of a CRLF returns false: it was already counted).
    private func account(_ b: UInt8) throws(InputError) -> (isNewline: Bool, skip: Bool) {
        if pendingCR {
            pendingCR = false
            if b == 0x0A { return (false, true) }   // the LF of a CRLF
        }
        if b == 0x0A || b == 0x0D {
            if b == 0x0D { pendingCR = true }
            line += 1
            lineBytes = 0
            return (true, false)
        }
        lineBytes += 1
        if lineBytes > limits.maxLineBytes {
            throw InputError(file: path, line: line, "line is longer than the limit of \(limits.maxLineBytes) bytes")
        }
        return (false, false)
    }

    private func makeString(_ bytes: [UInt8], line: Int) throws(InputError) -> String {
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw InputError(file: path, line: line, "text is not valid UTF-8")
        }
        return s
    }

    private static func trimmed(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var lo = bytes.startIndex, hi = bytes.endIndex
        while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
        return bytes[lo..<hi]
    }

    /// The next non-blank record, or nil at the end of the file.
    func next() throws(InputError) -> CSVRecord? {
        while true {
            guard let record = try nextRaw() else { return nil }
            if record.fields.count == 1, record.fields[0].isEmpty, !lastRecordHadQuotes { continue }
            return record
        }
    }

    private var lastRecordHadQuotes = false

    private func nextRaw() throws(InputError) -> CSVRecord? {
        var fields: [String] = []
        var dropped = 0
        var field: [UInt8] = []
        var inQuotes = false
        var wasQuoted = false
        var afterClosingQuote = false
        var sawAnything = false
        var recordLine = line
        var fieldLine = line
        lastRecordHadQuotes = false

        func finishField() throws(InputError) {
            let bytes = wasQuoted ? field[...] : Self.trimmed(field)
            if fields.count < maxKeptFields {
                fields.append(try makeString(Array(bytes), line: fieldLine))
            } else {
                dropped += 1
            }
            if wasQuoted { lastRecordHadQuotes = true }
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
            afterClosingQuote = false
            fieldLine = line
        }

        while true {
            guard let b = try nextByte() else {
                if inQuotes {
                    throw InputError(file: path, line: fieldLine, "quoted field is not closed before the end of the file")
                }
                if !sawAnything { return nil }
                try finishField()
                return CSVRecord(line: recordLine, fields: fields, fieldCount: fields.count + dropped)
            }
            let startLine = line
            let (isNewline, skip) = try account(b)
            if skip { continue }
            if !sawAnything { recordLine = startLine; fieldLine = startLine }
            if inQuotes {
                if b == 0x22 {
                    // A doubled quote is a literal quote; a single one closes the field.
                    guard let n = try nextByte() else { inQuotes = false; afterClosingQuote = true; sawAnything = true; continue }
                    if n == 0x22 {
                        _ = try account(n)
                        field.append(0x22)
                        continue
                    }
                    inQuotes = false
                    afterClosingQuote = true
                    index -= 1   // re-read n outside the quotes (it is still in the current chunk)
                    continue
                }
                field.append(b)   // includes newlines inside quotes
                sawAnything = true
                continue
            }
            if isNewline {
                if !sawAnything && fields.isEmpty && dropped == 0 {
                    // A blank line: report it as an empty record (skipped by next()).
                    return CSVRecord(line: startLine, fields: [""])
                }
                try finishField()
                return CSVRecord(line: recordLine, fields: fields, fieldCount: fields.count + dropped)
            }
            sawAnything = true
            if b == 0x2C {
                try finishField()
                continue
            }
            if afterClosingQuote {
                if b == 0x20 || b == 0x09 { continue }
                throw InputError(file: path, line: line, "unexpected character after a closing quote (a quote inside a quoted field must be doubled)")
            }
            if b == 0x22, Self.trimmed(field).isEmpty {
                field.removeAll(keepingCapacity: true)
                inQuotes = true
                wasQuoted = true
                continue
            }
            field.append(b)
        }
    }
}
