import Foundation

/// A parsed JSON value that remembers the line each value starts on and the order of object keys.
public indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONNode])
    case object([(key: String, value: JSONNode)])
}

/// A JSON value with the 1-based line it starts on.
public struct JSONNode: Sendable {
    public var value: JSONValue
    public var line: Int

    public init(value: JSONValue, line: Int) {
        self.value = value
        self.line = line
    }

    public var typeName: String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A small JSON parser for user files.
///
/// Own code rather than `JSONSerialization`, so that nesting deeper than the limit is refused
/// before any recursion can exhaust the stack, numbers that overflow (`1e400`) or bare `NaN` /
/// `Infinity` get a clear error with the line, invalid UTF-8 is named by line, and object key
/// order and duplicate keys are visible to the readers.
public struct JSONParser {
    private let bytes: [UInt8]
    private let path: String
    private let maxDepth: Int
    private var i = 0
    private var line = 1

    /// Reads and parses a whole JSON file, refusing it unread when it exceeds the JSON size limit.
    public static func parseFile(_ path: String, limits: InputLimits = .default) throws(InputError) -> JSONNode {
        let maxBytes = min(limits.maxFileBytes, limits.maxJSONBytes)
        let kind = " for a JSON file (CSV input is streamed and may be larger)"
        _ = try checkedFileSize(path, maxBytes: maxBytes, kind: kind)
        return try parse(try readAtMost(maxBytes, from: path, kind: kind), path: path, limits: limits)
    }

    /// Reads a file in 1 MiB chunks, refusing it as soon as it passes `maxBytes` (a file that grows after its
    /// size was checked, a device or a pipe): at most one limit's worth of bytes is ever held.
    static func readAtMost(_ maxBytes: Int, from path: String, kind: String) throws(InputError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(file: path, message: "cannot open the file for reading")
        }
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch {
                throw InputError(file: path, message: "read failed: \(error.localizedDescription)")
            }
            guard let chunk, !chunk.isEmpty else { return bytes }
            if bytes.count + chunk.count > maxBytes {
                throw InputError(file: path, message: "file is larger than the limit of \(maxBytes) bytes\(kind)")
            }
            bytes.append(contentsOf: chunk)
        }
    }

    /// Parses the bytes of a whole file.
    private static func parse(_ raw: [UInt8], path: String, limits: InputLimits) throws(InputError) -> JSONNode {
        var bytes = raw
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { bytes.removeFirst(3) }
        try validateUTF8(bytes, path: path)
        var parser = JSONParser(bytes: bytes, path: path, maxDepth: limits.maxJSONDepth)
        parser.skipSpace()
        if parser.i >= bytes.count { throw InputError(file: path, message: "file is empty") }
        let node = try parser.parseValue(depth: 1)
        parser.skipSpace()
        if parser.i < bytes.count {
            throw InputError(file: path, line: parser.line, "unexpected text after the end of the JSON value")
        }
        return node
    }

    /// Names the first line holding invalid UTF-8.
    private static func validateUTF8(_ bytes: [UInt8], path: String) throws(InputError) {
        if String(validating: bytes, as: UTF8.self) != nil { return }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): if s == "\n" { line += 1 }
            case .emptyInput: break loop
            case .error: throw InputError(file: path, line: line, "text is not valid UTF-8")
            }
        }
    }

    private init(bytes: [UInt8], path: String, maxDepth: Int) {
        self.bytes = bytes
        self.path = path
        self.maxDepth = maxDepth
    }

    private func fail(_ message: String) -> InputError { InputError(file: path, line: line, message) }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x0A: line += 1
            case 0x0D: if i + 1 < bytes.count, bytes[i + 1] == 0x0A {} else { line += 1 }
            case 0x20, 0x09: break
            default: return
            }
            i += 1
        }
    }

    private mutating func parseValue(depth: Int) throws(InputError) -> JSONNode {
        skipSpace()
        guard i < bytes.count else { throw fail("unexpected end of the file") }
        let startLine = line
        switch bytes[i] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            if depth > maxDepth { throw fail("JSON is nested deeper than the limit of \(maxDepth) levels") }
            return bytes[i] == UInt8(ascii: "{") ? try parseObject(depth: depth) : try parseArray(depth: depth)
        case UInt8(ascii: "\""):
            return JSONNode(value: .string(try parseString()), line: startLine)
        default:
            return JSONNode(value: try parseWord(), line: startLine)
        }
    }

    private mutating func parseObject(depth: Int) throws(InputError) -> JSONNode {
        let startLine = line
        i += 1
        var members: [(key: String, value: JSONNode)] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return JSONNode(value: .object([]), line: startLine) }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a quoted key in an object") }
            let key = try parseString()
            if members.contains(where: { $0.key == key }) { throw fail("duplicate key \"\(key)\"") }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after key \"\(key)\"") }
            i += 1
            members.append((key, try parseValue(depth: depth + 1)))
            skipSpace()
            guard i < bytes.count else { throw fail("object is not closed before the end of the file") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return JSONNode(value: .object(members), line: startLine) }
            throw fail("expected ',' or '}' in an object")
        }
    }

    private mutating func parseArray(depth: Int) throws(InputError) -> JSONNode {
        let startLine = line
        i += 1
        var items: [JSONNode] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return JSONNode(value: .array([]), line: startLine) }
        while true {
            items.append(try parseValue(depth: depth + 1))
            skipSpace()
            guard i < bytes.count else { throw fail("array is not closed before the end of the file") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return JSONNode(value: .array(items), line: startLine) }
            throw fail("expected ',' or ']' in an array")
        }
    }

    private mutating func parseString() throws(InputError) -> String {
        i += 1
        var out: [UInt8] = []
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            switch b {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard i < bytes.count else { break }
                let e = bytes[i]; i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), i + 1 < bytes.count,
                       bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail("invalid \\u surrogate pair in a string") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw fail("invalid \\u escape in a string") }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string")
                }
            case 0x0A, 0x0D:
                throw fail("string is not closed before the end of the line")
            default:
                out.append(b)
            }
        }
        throw fail("string is not closed before the end of the file")
    }

    private mutating func hex4() throws(InputError) -> UInt32 {
        guard i + 4 <= bytes.count,
              let v = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else {
            throw fail("invalid \\u escape in a string")
        }
        i += 4
        return v
    }

    private mutating func parseWord() throws(InputError) -> JSONValue {
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: ",") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}") || b == UInt8(ascii: ":")
                || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { break }
            i += 1
        }
        let word = String(decoding: bytes[start..<i], as: UTF8.self)
        switch word {
        case "null": return .null
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "": throw fail("expected a value")
        default: break
        }
        let lower = word.lowercased()
        if ["nan", "-nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"].contains(lower) {
            throw fail("\(word) is not a finite number")
        }
        let isNumber = word.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2B || $0 == 0x2E || $0 == 0x65 || $0 == 0x45 }
        guard isNumber, let v = Double(word) else { throw fail("unexpected text '\(word.prefix(40))'") }
        guard v.isFinite else { throw fail("\(word) is not a finite number (too large for a double)") }
        return .number(v)
    }
}
