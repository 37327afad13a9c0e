import Foundation
import XCTest
@testable import ROOTFile

/// Key lists whose own record and their directory's `fNbytesKeys` disagree, in files with the 64-bit header
/// (as ROOT 6.18 wrote some): read by the list's own record, within the longest stated length plus 8 bytes.
final class KeyListTests: XCTestCase {
    /// Where each directory's record and key list lie in `bytes`: the top directory's record sits at
    /// `fBEGIN + fNbytesName` of the header, a subdirectory's after its key's header.
    func directories(_ bytes: [UInt8]) throws -> [(recordAt: Int, seekKeys: Int)] {
        func i32(_ at: Int) -> Int { Int(Int32(bitPattern: bytes[at..<(at + 4)].reduce(0) { $0 << 8 | UInt32($1) })) }
        let big = i32(4) >= 1_000_000
        let topAt = i32(8) + i32(big ? 36 : 28)
        let file = try ROOTFile(path: "layout.root", bytes: bytes)
        var out: [(Int, Int)] = [(topAt, file.top.seekKeys)]
        var pending = [file.top]
        while let record = pending.popLast() {
            for k in try file.keys(of: record) where k.isDirectory {
                let sub = try file.directory(of: k)
                out.append((k.seekKey + k.keyLength, sub.seekKeys))
                pending.append(sub)
            }
        }
        return out
    }

    func patch(_ bytes: inout [UInt8], at: Int, adding delta: Int) {
        let old = bytes[at..<(at + 4)].reduce(0) { $0 << 8 | UInt32($1) }
        let new = UInt32(bitPattern: Int32(bitPattern: old) + Int32(delta))
        for i in 0..<4 { bytes[at + i] = UInt8(truncatingIfNeeded: new >> (24 - 8 * i)) }
    }

    /// The sample histograms in a file with the 64-bit header and 64-bit keys, every directory's key-list record
    /// (its key's `Nbytes` and `ObjLen`) changed by `record` bytes and its `fNbytesKeys` by `directory` bytes.
    func bigFile(record: Int, directory: Int) throws -> [UInt8] {
        var w = ROOTFileWriter()
        w.largeFile = true
        for h in WriterTests.sample() { try w.add(h) }
        var bytes = w.bytes(fileName: "big.root")
        for d in try directories(bytes) {
            patch(&bytes, at: d.seekKeys, adding: record)          // the key list's Nbytes
            patch(&bytes, at: d.seekKeys + 6, adding: record)      // and its ObjLen
            patch(&bytes, at: d.recordAt + 10, adding: directory)  // the directory's fNbytesKeys
        }
        return bytes
    }

    func assertReadsBack(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
        let f = try ROOTFile(path: "big.root", bytes: bytes)
        XCTAssertEqual(f.rootVersion, 62806, file: file, line: line)
        for want in WriterTests.sample() { XCTAssertEqual(try f.histogram(at: want.path), want, file: file, line: line) }
        XCTAssertEqual(try f.entries(in: "DQMData/Run 42").map(\.name), ["Muons", "Tracker"], file: file, line: line)
    }

    func testAKeyListRecordShorterThanTheDirectorysLengthReads() throws {
        try assertReadsBack(try bigFile(record: -8, directory: 0))
    }

    func testAKeyListRecordAndADirectoryLengthBothEightBytesShortRead() throws {
        try assertReadsBack(try bigFile(record: -8, directory: -8))
    }

    func testADirectoryLengthShorterOrLongerThanTheRecordReads() throws {
        try assertReadsBack(try bigFile(record: 0, directory: -8))
        try assertReadsBack(try bigFile(record: 0, directory: 4000))
    }

    func testKeysBeyondEveryStatedLengthAreStillCorruptionNamingTheFileAndDirectory() throws {
        var bytes = try bigFile(record: 0, directory: 0)
        let seekKeys = try ROOTFile(path: "big.root", bytes: bytes).directory(at: ["DQMData", "Run 42", "Muons"]).seekKeys
        let muons = try XCTUnwrap(try directories(bytes).first { $0.seekKeys == seekKeys })
        patch(&bytes, at: muons.seekKeys, adding: -40)
        patch(&bytes, at: muons.seekKeys + 6, adding: -40)
        patch(&bytes, at: muons.recordAt + 10, adding: -40)
        let f = try ROOTFile(path: "big.root", bytes: bytes)
        XCTAssertThrowsError(try f.histogram(at: "DQMData/Run 42/Muons/pt")) { error in
            guard let e = error as? ROOTFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.kind, .corrupt)
            XCTAssertTrue(e.description.hasPrefix("big.root"), e.description)
            XCTAssertTrue(e.description.contains("DQMData/Run 42/Muons: is truncated or corrupt: the key list at offset"), e.description)
        }
        XCTAssertEqual(try f.histogram(at: "summary"), WriterTests.sample()[3], "the other directories still read")
    }
}
