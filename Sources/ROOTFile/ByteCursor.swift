/// A bounds-checked big-endian reader over a byte buffer (ROOT writes every number big-endian).
/// Every read past the end throws `ParseFailure` instead of trapping.
struct ByteCursor {
    let bytes: [UInt8]
    var position: Int
    /// The displacement of `bytes[0]` from the start of the key that holds them: ROOT's object and class
    /// references are byte offsets counted from the key start (plus `kMapOffset`).
    let origin: Int

    init(_ bytes: [UInt8], position: Int = 0, origin: Int = 0) {
        self.bytes = bytes
        self.position = position
        self.origin = origin
    }

    var remaining: Int { bytes.count - position }
    /// The position as ROOT counts it for references: from the start of the key.
    var displacement: Int { position + origin }

    @inline(__always)
    mutating func need(_ n: Int, _ what: @autoclosure () -> String = "data") throws {
        guard n >= 0, n <= bytes.count - position else {
            throw ParseFailure("truncated: \(what()) needs \(n) bytes at offset \(position), \(max(0, bytes.count - position)) left")
        }
    }

    mutating func skip(_ n: Int) throws {
        try need(n, "a skipped field")
        position += n
    }

    mutating func move(to p: Int) throws {
        guard p >= 0, p <= bytes.count else { throw ParseFailure("truncated: jump to offset \(p) beyond \(bytes.count) bytes") }
        position = p
    }

    @inline(__always)
    private mutating func bigEndian<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        try need(size, "a \(size)-byte number")
        var v: T = 0
        for i in 0..<size { v = (v << 8) | T(truncatingIfNeeded: bytes[position + i]) }
        position += size
        return v
    }

    mutating func u8() throws -> UInt8 { try bigEndian(UInt8.self) }
    mutating func i8() throws -> Int8 { Int8(bitPattern: try u8()) }
    mutating func u16() throws -> UInt16 { try bigEndian(UInt16.self) }
    mutating func i16() throws -> Int16 { Int16(bitPattern: try u16()) }
    mutating func u32() throws -> UInt32 { try bigEndian(UInt32.self) }
    mutating func i32() throws -> Int32 { Int32(bitPattern: try u32()) }
    mutating func u64() throws -> UInt64 { try bigEndian(UInt64.self) }
    mutating func i64() throws -> Int64 { Int64(bitPattern: try u64()) }
    mutating func f32() throws -> Float { Float(bitPattern: try u32()) }
    mutating func f64() throws -> Double { Double(bitPattern: try u64()) }

    /// A `TString`: one length byte, or 255 followed by a 4-byte length, then the characters.
    mutating func string() throws -> String {
        var n = Int(try u8())
        if n == 255 { n = Int(try i32()) }
        try need(n, "a string of \(n) bytes")
        let s = String(decoding: bytes[position..<(position + n)], as: UTF8.self)
        position += n
        return s
    }

    /// A NUL-terminated C string (class names after a new-class tag).
    mutating func cString() throws -> String {
        guard let end = bytes[position...].firstIndex(of: 0) else { throw ParseFailure("truncated: unterminated class name at offset \(position)") }
        let s = String(decoding: bytes[position..<end], as: UTF8.self)
        position = end + 1
        return s
    }

    /// `n` big-endian values converted to Double (histogram contents of any TArray type).
    mutating func doubles<T: FixedWidthInteger>(_ n: Int, as _: T.Type) throws -> [Double] {
        let size = MemoryLayout<T>.size
        guard n >= 0, n <= remaining / size else { throw ParseFailure("truncated: an array of \(n) values needs \(n * size) bytes, \(remaining) left") }
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n { out[i] = Double(try bigEndian(T.self)) }
        return out
    }

    mutating func floats(_ n: Int) throws -> [Double] {
        guard n >= 0, n <= remaining / 4 else { throw ParseFailure("truncated: an array of \(n) floats needs \(n * 4) bytes, \(remaining) left") }
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n { out[i] = Double(Float(bitPattern: try bigEndian(UInt32.self))) }
        return out
    }

    mutating func float64s(_ n: Int) throws -> [Double] {
        guard n >= 0, n <= remaining / 8 else { throw ParseFailure("truncated: an array of \(n) doubles needs \(n * 8) bytes, \(remaining) left") }
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n { out[i] = Double(bitPattern: try bigEndian(UInt64.self)) }
        return out
    }
}
