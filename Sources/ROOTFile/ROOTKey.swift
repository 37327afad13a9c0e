/// One entry of a directory's key list: where an object lives in the file and what it is.
/// A key header is `Nbytes` (i32), version (i16; above 1000 the seek pointers are 64-bit), `ObjLen` (i32,
/// the uncompressed payload length), datime (u32), `KeyLen` (i16), cycle (i16), `SeekKey`, `SeekPdir`,
/// then class name, name and title as TStrings. The payload follows the header: compressed exactly
/// when `ObjLen` > `Nbytes` − `KeyLen`.
struct ROOTKey: Sendable {
    var totalBytes: Int
    var version: Int
    var objectLength: Int
    var keyLength: Int
    var cycle: Int
    var seekKey: Int
    var seekParent: Int
    var className: String
    var name: String
    var title: String

    var isCompressed: Bool { objectLength > totalBytes - keyLength }
    var isDirectory: Bool { className == "TDirectory" || className == "TDirectoryFile" }

    static func read(_ c: inout ByteCursor) throws -> ROOTKey {
        let nbytes = Int(try c.i32())
        let version = Int(try c.i16())
        let objLen = Int(try c.i32())
        _ = try c.u32()
        let keyLen = Int(try c.i16())
        let cycle = Int(try c.i16())
        let big = version > 1000
        let seekKey = big ? Int(try c.i64()) : Int(try c.i32())
        let seekPdir = big ? Int(try c.i64()) : Int(try c.i32())
        let className = try c.string()
        let name = try c.string()
        let title = try c.string()
        guard nbytes >= keyLen, keyLen > 0, objLen >= 0, seekKey >= 0, seekKey < 1 << 48, seekPdir < 1 << 48 else {
            throw ParseFailure("bad key '\(name)': sizes Nbytes \(nbytes), KeyLen \(keyLen), ObjLen \(objLen) are inconsistent")
        }
        return ROOTKey(totalBytes: nbytes, version: version, objectLength: objLen, keyLength: keyLen, cycle: cycle,
                       seekKey: seekKey, seekParent: seekPdir, className: className, name: name, title: title)
    }

    func write(_ s: inout ByteSink) {
        s.append(Int32(totalBytes)); s.append(Int16(version)); s.append(Int32(objectLength)); s.append(ROOTKey.fixedDatime)
        s.append(Int16(keyLength)); s.append(Int16(cycle))
        if version > 1000 { s.append(Int64(seekKey)); s.append(Int64(seekParent)) } else { s.append(Int32(seekKey)); s.append(Int32(seekParent)) }
        s.string(className); s.string(name); s.string(title)
    }

    /// Header length for these names with 32-bit (version 4) or 64-bit (1004) seek pointers.
    static func headerLength(className: String, name: String, title: String, big: Bool) -> Int {
        func ts(_ s: String) -> Int { let n = s.utf8.count; return n < 255 ? 1 + n : 5 + n }
        return 4 + 2 + 4 + 4 + 2 + 2 + (big ? 16 : 8) + ts(className) + ts(name) + ts(title)
    }

    /// The writer stamps every key with one fixed date (2026-01-01 00:00:00), so the same histograms
    /// give the same bytes. ROOT packs it as (year−1995)<<26 | month<<22 | day<<17 | hour<<12 | min<<6 | s.
    static let fixedDatime: UInt32 = UInt32(2026 - 1995) << 26 | 1 << 22 | 1 << 17
}
