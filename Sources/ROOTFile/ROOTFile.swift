import Foundation

/// An open ROOT file: its header, its top directory, and its streamer records (read on first need).
///
/// Opening maps the file (no bytes are copied, and no descriptor is held) and parses the header and the top
/// directory record; directory key lists are parsed when first walked and kept, so a caller that lists a file
/// and later reads histograms from it (a run file checked up front, then read) parses each key list once.
/// Resident memory is the pages actually touched plus these small parsed records, not the file's size.
///
/// The header (big-endian) is `root`, `fVersion` (above 1 000 000 the file is "large" and the seek
/// pointers are 64-bit), `fBEGIN`, `fEND`, `fSeekFree`, `fNbytesFree`, `nfree`, `fNbytesName`, `fUnits`,
/// `fCompress`, `fSeekInfo`, `fNbytesInfo`. The top directory's record sits at `fBEGIN + fNbytesName`;
/// the streamer list is the key at `fSeekInfo`. The file is mapped once; a key's payload is copied
/// (or decompressed) alone when its object is read.
public final class ROOTFile: @unchecked Sendable {
    /// The path as given by the caller; every error names it.
    public let path: String
    /// `fVersion` modulo 1 000 000, e.g. 62806 for ROOT 6.28/06.
    public let rootVersion: Int
    let data: Data
    let top: DirectoryRecord
    let seekInfo: Int
    private var streamerCache: StreamerCatalogue?
    /// Parsed key lists by the offset of their directory's key list (`fSeekKeys`).
    private var keyListCache: [Int: [ROOTKey]] = [:]
    private let lock = NSLock()

    /// Opens and maps the file, checks the header and reads the top directory record.
    public convenience init(path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw ROOTFileError(.unreadable, file: path, "cannot be read (\((error as NSError).localizedDescription))")
        }
        try self.init(path: path, data: data)
    }

    /// Reads a ROOT file held in memory; `path` names it in errors.
    public convenience init(path: String, bytes: [UInt8]) throws {
        try self.init(path: path, data: Data(bytes))
    }

    private init(path: String, data: Data) throws {
        self.path = path
        self.data = data
        guard data.count >= 4, data.prefix(4).elementsEqual(Array("root".utf8)) else {
            throw ROOTFileError(.notROOTFile, file: path, "is not a ROOT file (it does not start with 'root')")
        }
        do {
            var c = ByteCursor(Array(data.prefix(64)), position: 4)
            let version = Int(try c.i32())
            let big = version >= 1_000_000
            let begin = Int(try c.i32())
            let end = big ? Int(try c.i64()) : Int(try c.i32())   // fEND: the file's length
            guard end <= data.count else { throw ParseFailure("truncated: the header says \(end) bytes, the file has \(data.count)") }
            _ = big ? try c.i64() : Int64(try c.i32())   // fSeekFree
            _ = try c.i32()                               // fNbytesFree
            _ = try c.i32()                               // nfree
            let nbytesName = Int(try c.i32())
            _ = try c.u8()                                // fUnits
            _ = try c.i32()                               // fCompress
            let seekInfo = big ? Int(try c.i64()) : Int(try c.i32())
            rootVersion = version % 1_000_000
            self.seekInfo = seekInfo
            guard begin > 0, nbytesName > 0, seekInfo >= 0, seekInfo < 1 << 48 else { throw ParseFailure("bad header: fBEGIN \(begin), fNbytesName \(nbytesName)") }
            top = try DirectoryRecord.read(at: begin + nbytesName, in: data)
        } catch let f as ParseFailure {
            throw ROOTFileError(f.kind, file: path, "is a truncated or corrupt ROOT file (\(f.detail))")
        }
    }

    /// The bytes `range` of the file, bounds-checked.
    func bytes(_ range: Range<Int>) throws -> [UInt8] {
        guard range.lowerBound >= 0, range.upperBound <= data.count else {
            throw ParseFailure("truncated: bytes \(range.lowerBound)..<\(range.upperBound) lie beyond the end of the file (\(data.count) bytes)")
        }
        return [UInt8](data[range])
    }

    /// The key header at `seek`.
    func key(at seek: Int) throws -> ROOTKey {
        guard seek >= 0, seek < data.count else { throw ParseFailure("truncated: a key at offset \(seek) lies beyond the end of the file (\(data.count) bytes)") }
        var c = ByteCursor(try bytes(seek..<min(data.count, seek + 4096 + 64)))
        if let k = try? ROOTKey.read(&c) { return k }
        c = ByteCursor(try bytes(seek..<data.count))
        return try ROOTKey.read(&c)
    }

    /// The uncompressed payload of `key`, with a cursor whose displacement counts from the key start.
    func payload(of key: ROOTKey) throws -> ByteCursor {
        let start = key.seekKey + key.keyLength
        let stored = key.totalBytes - key.keyLength
        guard start >= 0, stored >= 0, start <= data.count, stored <= data.count - start else {
            throw ParseFailure("truncated: the key '\(key.name)' claims \(stored) bytes at offset \(start), the file has \(data.count)")
        }
        if !key.isCompressed {
            guard stored == key.objectLength else { throw ParseFailure("bad key '\(key.name)': ObjLen \(key.objectLength) but \(stored) stored bytes") }
            return ByteCursor(try bytes(start..<(start + stored)), origin: key.keyLength)
        }
        let out = try data.withUnsafeBytes { raw in
            try Decompression.inflate(UnsafeRawBufferPointer(rebasing: raw[start..<(start + stored)]), objectLength: key.objectLength)
        }
        return ByteCursor(out, origin: key.keyLength)
    }

    /// The file's streamer records, parsed once. A fault in them is reported as such (it stops every object
    /// of the file, so the message says where it lies, not only which object was being read).
    func streamers() throws -> StreamerCatalogue {
        lock.lock(); defer { lock.unlock() }
        if let s = streamerCache { return s }
        var catalogue = StreamerCatalogue()
        if seekInfo > 0 {
            do {
                let k = try key(at: seekInfo)
                var c = try payload(of: k)
                catalogue = try StreamerCatalogue.read(&c)
            } catch let f as ParseFailure {
                throw ParseFailure("its streamer records (the TStreamerInfo list at offset \(seekInfo)): \(f.detail)", kind: f.kind)
            }
        }
        streamerCache = catalogue
        return catalogue
    }

    /// The key list at `seekKeys`, parsed by `parse` on first need and kept.
    func cachedKeyList(at seekKeys: Int, _ parse: () throws -> [ROOTKey]) throws -> [ROOTKey] {
        lock.lock()
        if let keys = keyListCache[seekKeys] { lock.unlock(); return keys }
        lock.unlock()
        let keys = try parse()
        lock.lock(); keyListCache[seekKeys] = keys; lock.unlock()
        return keys
    }

    /// Wraps a parse failure about `object` into the typed error naming this file.
    func failure(_ f: ParseFailure, object: String?) -> ROOTFileError {
        ROOTFileError(f.kind, file: path, object: object, f.kind == .corrupt ? "is truncated or corrupt: \(f.detail)" : f.detail)
    }
}
