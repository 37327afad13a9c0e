/// A growable big-endian byte buffer, the writer's mirror of `ByteCursor`.
struct ByteSink {
    var bytes: [UInt8] = []
    var count: Int { bytes.count }

    mutating func append<T: FixedWidthInteger>(_ v: T) {
        let size = MemoryLayout<T>.size
        for i in stride(from: size - 1, through: 0, by: -1) { bytes.append(UInt8(truncatingIfNeeded: v >> (i * 8))) }
    }
    mutating func f32(_ v: Float) { append(v.bitPattern) }
    mutating func f64(_ v: Double) { append(v.bitPattern) }
    mutating func string(_ s: String) {
        let u = Array(s.utf8)
        if u.count < 255 { append(UInt8(u.count)) } else { append(UInt8(255)); append(Int32(u.count)) }
        bytes.append(contentsOf: u)
    }
    mutating func cString(_ s: String) {
        bytes.append(contentsOf: Array(s.utf8))
        bytes.append(0)
    }
    /// Overwrites a big-endian value at `offset` (patching sizes and seek pointers once known).
    mutating func patch<T: FixedWidthInteger>(_ v: T, at offset: Int) {
        let size = MemoryLayout<T>.size
        for i in 0..<size { bytes[offset + i] = UInt8(truncatingIfNeeded: v >> ((size - 1 - i) * 8)) }
    }
}
