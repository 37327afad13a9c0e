/// Writes TH1D/TH1F/TH2D/TH2F histograms into a ROOT file with nested directories and the streamer
/// records of every class it writes (enough for ROOT, uproot and our reader).
///
/// Layout: the 100-byte header; the TFile key and top directory record at `fBEGIN` = 100; each
/// histogram as a key with its (compressed) payload; per directory a TDirectory key and, after its
/// children, its key list; the streamer list; the free-segments record. Files use 32-bit seek pointers
/// unless `largeFile` is set. Every key carries one fixed date, so the same histograms give the same bytes.
public struct ROOTFileWriter {
    public var compression: ROOTCompression
    /// The largest uncompressed block; smaller values split payloads over several blocks (tests).
    public var maxBlockBytes: Int = ROOTCompression.maxBlock
    /// Writes 64-bit seek pointers everywhere (keys version 1004, directories 1005, header fVersion
    /// 1 000 000 + version), as ROOT does for files beyond 2 GB; readers must handle both.
    public var largeFile = false
    /// Streamer records of classes that hold no histogram, written before the writer's own (tests: such records
    /// in other frameworks' files must not stop the histograms from reading).
    var extraStreamers: [StreamerRecords.Extra] = []
    private var keyVersion: Int { largeFile ? 1004 : 4 }
    private var histograms: [ROOTHistogram] = []

    public init(compression: ROOTCompression = .zlib(level: 1)) {
        self.compression = compression
    }

    /// Adds a histogram at its `path` (directories are created as needed). Only TH1D, TH1F, TH2D and
    /// TH2F are written; the edges must increase and the contents match the edges.
    public mutating func add(_ histogram: ROOTHistogram) throws {
        func bad(_ why: String) -> ROOTFileError { ROOTFileError(.unsupported, file: "(writer)", object: histogram.path, why) }
        switch histogram.kind {
        case .th1("D"), .th1("F"), .th2("D"), .th2("F"): break
        default: throw bad("the writer writes TH1D, TH1F, TH2D and TH2F, not \(histogram.className)")
        }
        let axes = histogram.dimension == 2 ? [histogram.xEdges, histogram.yEdges] : [histogram.xEdges]
        for e in axes where e.count < 2 || !zip(e, e.dropFirst()).allSatisfy({ $0 < $1 }) || !e.allSatisfy(\.isFinite) {
            throw bad("bin edges must be at least two finite, increasing values")
        }
        guard histogram.contents.count == histogram.xBins * histogram.yBins else {
            throw bad("\(histogram.contents.count) contents for \(histogram.xBins * histogram.yBins) bins")
        }
        guard !histogram.path.split(separator: "/").isEmpty else { throw bad("empty path") }
        histograms.append(histogram)
    }

    /// The file's bytes; `fileName` is stored as the TFile's name.
    public func bytes(fileName: String = "histograms.root") -> [UInt8] {
        var s = ByteSink()
        s.bytes = [UInt8](repeating: 0, count: 100)
        let tree = DirectoryNode.build(histograms)
        // The TFile key: header, name and title (fNbytesName), then the top directory record.
        let fileKeyLength = ROOTKey.headerLength(className: "TFile", name: fileName, title: "", big: largeFile)
        let nbytesName = fileKeyLength + 1 + fileName.utf8.count + 1
        let recordLength = 2 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 18 + 12
        var fileKey = ROOTKey(totalBytes: nbytesName + recordLength, version: keyVersion, objectLength: nbytesName + recordLength - fileKeyLength,
                              keyLength: fileKeyLength, cycle: 1, seekKey: 100, seekParent: 0, className: "TFile", name: fileName, title: "")
        fileKey.write(&s)
        s.string(fileName); s.string("")
        let topRecord = s.count
        s.bytes.append(contentsOf: [UInt8](repeating: 0, count: recordLength))
        writeDirectory(tree, seekDir: 100, seekParent: 0, nbytesName: nbytesName, recordAt: topRecord,
                       keyName: fileName, keyClass: "TFile", &s)
        // Streamer list.
        let streamerSeek = s.count
        let streamerKeyLength = ROOTKey.headerLength(className: "TList", name: "StreamerInfo", title: "Doubly linked list", big: largeFile)
        let list = StreamerRecords.list(keyLength: streamerKeyLength, extra: extraStreamers)
        let stored = Compression.deflate(list, compression, maxBlock: maxBlockBytes)
        ROOTKey(totalBytes: streamerKeyLength + stored.count, version: keyVersion, objectLength: list.count, keyLength: streamerKeyLength, cycle: 1,
                seekKey: streamerSeek, seekParent: 100, className: "TList", name: "StreamerInfo", title: "Doubly linked list").write(&s)
        s.bytes.append(contentsOf: stored)
        let streamerBytes = s.count - streamerSeek
        // Free segments: one TFree record (version 1, first = fEND, last = 2 000 000 000).
        let freeSeek = s.count
        let freeKeyLength = ROOTKey.headerLength(className: "TFile", name: fileName, title: "", big: largeFile)
        let freeBytes = freeKeyLength + (largeFile ? 18 : 10)
        let end = freeSeek + freeBytes
        fileKey = ROOTKey(totalBytes: freeBytes, version: keyVersion, objectLength: freeBytes - freeKeyLength, keyLength: freeKeyLength, cycle: 1, seekKey: freeSeek,
                          seekParent: 100, className: "TFile", name: fileName, title: "")
        fileKey.write(&s)
        if largeFile { s.append(Int16(1001)); s.append(Int64(end)); s.append(Int64(2_000_000_000)) } else {
            s.append(Int16(1)); s.append(Int32(end)); s.append(Int32(2_000_000_000))
        }
        // Header.
        var h = ByteSink()
        h.bytes.append(contentsOf: Array("root".utf8))
        if largeFile {
            h.append(Int32(1_062_806)); h.append(Int32(100)); h.append(Int64(end)); h.append(Int64(freeSeek)); h.append(Int32(freeBytes))
            h.append(Int32(1)); h.append(Int32(nbytesName)); h.append(UInt8(8)); h.append(compression.setting)
            h.append(Int64(streamerSeek)); h.append(Int32(streamerBytes))
        } else {
            h.append(Int32(62806)); h.append(Int32(100)); h.append(Int32(end)); h.append(Int32(freeSeek)); h.append(Int32(freeBytes))
            h.append(Int32(1)); h.append(Int32(nbytesName)); h.append(UInt8(4)); h.append(compression.setting)
            h.append(Int32(streamerSeek)); h.append(Int32(streamerBytes))
        }
        h.append(Int16(4)); h.bytes.append(contentsOf: [UInt8](repeating: 0, count: 16))
        s.bytes.replaceSubrange(0..<h.count, with: h.bytes)
        return s.bytes
    }

    /// Writes the file to `path`.
    public func write(to path: String) throws {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let data = bytes(fileName: name)
        guard let f = fopen(path, "wb") else { throw ROOTFileError(.unreadable, file: path, "cannot be created for writing") }
        defer { fclose(f) }
        guard fwrite(data, 1, data.count, f) == data.count else { throw ROOTFileError(.unreadable, file: path, "could not be written in full") }
    }

    // MARK: - Directories

    /// A directory of the tree being written: its histograms and subdirectories in insertion order.
    final class DirectoryNode {
        var name: String
        var children: [DirectoryNode] = []
        var histograms: [ROOTHistogram] = []
        init(_ name: String) { self.name = name }

        static func build(_ hs: [ROOTHistogram]) -> DirectoryNode {
            let root = DirectoryNode("")
            for h in hs {
                var node = root
                for part in h.path.split(separator: "/").dropLast().map(String.init) {
                    if let child = node.children.first(where: { $0.name == part }) { node = child } else {
                        let child = DirectoryNode(part); node.children.append(child); node = child
                    }
                }
                node.histograms.append(h)
            }
            return root
        }
    }

    /// Writes a directory's objects and subdirectories, then its key list, and fills its record at `recordAt`.
    private func writeDirectory(_ node: DirectoryNode, seekDir: Int, seekParent: Int, nbytesName: Int, recordAt: Int,
                                keyName: String, keyClass: String, _ s: inout ByteSink) {
        var keys: [ROOTKey] = []
        for h in node.histograms {
            let payload = HistogramStreamer.payload(h)
            let keyLength = ROOTKey.headerLength(className: h.className, name: h.name, title: h.title, big: largeFile)
            let stored = Compression.deflate(payload, compression, maxBlock: maxBlockBytes)
            // A name written again in one directory gets the next cycle, as ROOT's repeated Write() does.
            let cycle = keys.filter { $0.name == h.name }.map(\.cycle).max().map { $0 + 1 } ?? 1
            let key = ROOTKey(totalBytes: keyLength + stored.count, version: keyVersion, objectLength: payload.count, keyLength: keyLength, cycle: cycle,
                              seekKey: s.count, seekParent: seekDir, className: h.className, name: h.name, title: h.title)
            key.write(&s)
            s.bytes.append(contentsOf: stored)
            keys.append(key)
        }
        for child in node.children {
            let recordLength = 2 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 18 + 12
            let keyLength = ROOTKey.headerLength(className: "TDirectory", name: child.name, title: "", big: largeFile)
            let key = ROOTKey(totalBytes: keyLength + recordLength, version: keyVersion, objectLength: recordLength, keyLength: keyLength, cycle: 1,
                              seekKey: s.count, seekParent: seekDir, className: "TDirectory", name: child.name, title: "")
            key.write(&s)
            let record = s.count
            s.bytes.append(contentsOf: [UInt8](repeating: 0, count: recordLength))
            keys.append(key)
            writeDirectory(child, seekDir: key.seekKey, seekParent: seekDir, nbytesName: keyLength, recordAt: record,
                           keyName: child.name, keyClass: "TDirectory", &s)
        }
        // The key list: a key header, the number of keys, and their headers.
        let seekKeys = s.count
        let listKeyLength = ROOTKey.headerLength(className: keyClass, name: keyName, title: "", big: largeFile)
        var body = ByteSink()
        body.append(Int32(keys.count))
        for k in keys { k.write(&body) }
        let listKey = ROOTKey(totalBytes: listKeyLength + body.count, version: keyVersion, objectLength: body.count, keyLength: listKeyLength, cycle: 1,
                              seekKey: seekKeys, seekParent: seekDir, className: keyClass, name: keyName, title: "")
        listKey.write(&s)
        s.bytes.append(contentsOf: body.bytes)
        // The directory record: version 5 (32-bit seeks) or 1005 (64-bit), datimes, fNbytesKeys,
        // fNbytesName, fSeekDir, fSeekParent, fSeekKeys, UUID; small records keep 12 spare bytes.
        var r = ByteSink()
        r.append(Int16(largeFile ? 1005 : 5)); r.append(ROOTKey.fixedDatime); r.append(ROOTKey.fixedDatime)
        r.append(Int32(listKey.totalBytes)); r.append(Int32(nbytesName))
        if largeFile { r.append(Int64(seekDir)); r.append(Int64(seekParent)); r.append(Int64(seekKeys)) } else {
            r.append(Int32(seekDir)); r.append(Int32(seekParent)); r.append(Int32(seekKeys))
        }
        r.append(Int16(1)); r.bytes.append(contentsOf: [UInt8](repeating: 0, count: 16))
        s.bytes.replaceSubrange(recordAt..<(recordAt + r.count), with: r.bytes)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
