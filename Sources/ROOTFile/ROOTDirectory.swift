/// A directory record: version (i16; above 1000 the seek pointers are 64-bit), creation and modification
/// datimes, `fNbytesKeys`, `fNbytesName`, `fSeekDir`, `fSeekParent`, `fSeekKeys`. The key list at
/// `fSeekKeys` is a key header followed by the number of keys (i32) and that many key headers; `fNbytesKeys`
/// is its length as the directory states it (see `keys(of:)` for when the two disagree).
struct DirectoryRecord: Sendable {
    var seekDir: Int
    var seekKeys: Int
    var nbytesKeys: Int

    static func read(at offset: Int, in data: some Collection<UInt8>) throws -> DirectoryRecord {
        guard offset >= 0, offset < 1 << 48, offset + 42 <= data.count else { throw ParseFailure("truncated: a directory record at offset \(offset) lies beyond the end of the file") }
        let start = data.index(data.startIndex, offsetBy: offset)
        var c = ByteCursor(Array(data[start..<data.index(start, offsetBy: min(data.count - offset, 64))]))
        let version = Int(try c.i16())
        _ = try c.u32(); _ = try c.u32()
        let nbytesKeys = Int(try c.i32())
        _ = try c.i32()
        let big = version > 1000
        let seekDir = big ? Int(try c.i64()) : Int(try c.i32())
        _ = big ? Int(try c.i64()) : Int(try c.i32())
        let seekKeys = big ? Int(try c.i64()) : Int(try c.i32())
        guard seekKeys >= 0, seekKeys < 1 << 48, seekDir < 1 << 48 else { throw ParseFailure("bad directory record: seek pointer \(seekKeys)") }
        return DirectoryRecord(seekDir: seekDir, seekKeys: seekKeys, nbytesKeys: nbytesKeys)
    }
}

/// What a directory holds, as a listing for users and error messages.
public struct ROOTEntry: Equatable, Sendable, CustomStringConvertible {
    /// The key name.
    public var name: String
    /// The ROOT class name, e.g. `TH1F`, `TDirectory`, `TTree`.
    public var className: String
    /// The highest cycle of this name (the one read).
    public var cycle: Int

    public var isDirectory: Bool { className == "TDirectory" || className == "TDirectoryFile" }
    public var isHistogram: Bool { ROOTHistogram.Kind(className: className) != nil }
    public var description: String { "\(name) (\(className))" }
}

extension ROOTFile {
    /// The keys of the directory whose record is `record`; of several cycles of one name the highest wins.
    /// Parsed once per file (`cachedKeyList`): walking the same directory again costs a dictionary look-up.
    func keys(of record: DirectoryRecord) throws -> [ROOTKey] {
        guard record.seekKeys > 0 else { return [] }
        return try cachedKeyList(at: record.seekKeys) {
            do { return try parseKeys(of: record) } catch let f as ParseFailure {
                let which = record.seekKeys == top.seekKeys ? "the top directory's key list" : "the key list"
                throw ParseFailure("\(which) at offset \(record.seekKeys): \(f.detail)", kind: f.kind)
            }
        }
    }

    /// Slack past the longest stated length of a key list, as uproot allows: 8 bytes (as much as one key header
    /// grows by with 64-bit seek pointers).
    static let keyListSlack = 8

    /// Parses a key list (docs/root-inputs.md: small and large files alike). It is read by its own record: its key
    /// header (whose `KeyLen` says where the list starts), then the key count and that many key headers, each
    /// read by its own lengths, uncompressed.
    ///
    /// Its length is stated three times: by its key header (`Nbytes`, and `KeyLen` + `ObjLen`) and by the
    /// directory's `fNbytesKeys`. They should agree, but files with the 64-bit header (version ≥ 1 000 000)
    /// written by ROOT 6.18 have been met where they do not: a directory's `fNbytesKeys` larger than the key-list
    /// record that is there, or the reverse. Readers do not compare them: ROOT reads `fNbytesKeys` bytes, and
    /// uproot reads `fNbytesKeys` + 8 and never looks at the record's lengths. So the mismatch is tolerated here
    /// too: the keys must fit within the longest of the three stated lengths plus `keyListSlack`, bounded by the
    /// file's end. Keys that do not fit even so are still corruption (naming the file and the directory), and
    /// every key is checked as any other (`ROOTKey.read`).
    private func parseKeys(of record: DirectoryRecord) throws -> [ROOTKey] {
        let header = try key(at: record.seekKeys)
        let stated = max(header.totalBytes, header.keyLength + header.objectLength, record.nbytesKeys, header.keyLength + 4)
        var c = ByteCursor(try bytes(record.seekKeys..<min(data.count, record.seekKeys + stated + Self.keyListSlack)))
        try c.move(to: header.keyLength)
        let n = Int(try c.i32())
        guard n >= 0, n <= c.remaining / 26 else { throw ParseFailure("bad key list: \(n) keys in \(c.remaining) bytes") }
        var best: [String: Int] = [:]
        var out: [ROOTKey] = []
        for _ in 0..<n {
            let k = try ROOTKey.read(&c)
            if let i = best[k.name] {
                if k.cycle > out[i].cycle { out[i] = k }
            } else {
                best[k.name] = out.count
                out.append(k)
            }
        }
        return out
    }

    /// The record of the subdirectory held by `key`.
    func directory(of key: ROOTKey) throws -> DirectoryRecord {
        try DirectoryRecord.read(at: key.seekKey + key.keyLength, in: data)
    }

    /// The directory at `components` (empty: the top directory), or the typed error naming the missing part.
    func directory(at components: [String]) throws -> DirectoryRecord {
        var record = top
        for (i, name) in components.enumerated() {
            let here = components[..<i].joined(separator: "/")
            let keys: [ROOTKey]
            do { keys = try self.keys(of: record) } catch let f as ParseFailure { throw failure(f, object: here) }
            guard let k = keys.first(where: { $0.name == name }) else {
                throw missing(components[...i].joined(separator: "/"), in: here, keys: keys)
            }
            guard k.isDirectory else {
                throw ROOTFileError(.pathMissing, file: path, object: components[...i].joined(separator: "/"),
                                    "is a \(k.className), not a directory")
            }
            do { record = try directory(of: k) } catch let f as ParseFailure { throw failure(f, object: components[...i].joined(separator: "/")) }
        }
        return record
    }

    func missing(_ object: String, in directory: String, keys: [ROOTKey]) -> ROOTFileError {
        let where_ = directory.isEmpty ? "the top directory" : "'\(directory)'"
        let listing = keys.isEmpty ? "nothing" : keys.prefix(40).map { "\($0.name) (\($0.className))" }.joined(separator: ", ")
            + (keys.count > 40 ? ", … (\(keys.count) in all)" : "")
        return ROOTFileError(.pathMissing, file: path, object: object, "not found; \(where_) holds \(listing)")
    }

    /// What the directory at `directoryPath` (`/`-separated; empty for the top) holds.
    public func entries(in directoryPath: String = "") throws -> [ROOTEntry] {
        let components = directoryPath.split(separator: "/").map(String.init)
        let record = try directory(at: components)
        do {
            return try keys(of: record).map { ROOTEntry(name: $0.name, className: $0.className, cycle: $0.cycle) }
        } catch let f as ParseFailure { throw failure(f, object: directoryPath) }
    }
}
