import Foundation
import XCTest
@testable import ROOTFile

/// Typed errors with their messages, truncation at every 97th byte and path patterns (DQM run numbers are
/// Inputs' `RunNumber`, tested there).
final class ErrorAndPatternTests: XCTestCase {
    func sampleBytes() throws -> [UInt8] {
        var w = ROOTFileWriter()
        for h in WriterTests.sample() { try w.add(h) }
        return w.bytes(fileName: "run_42.root")
    }

    // MARK: - Errors

    func testAFileThatCannotBeOpenedSaysSo() {
        XCTAssertThrowsError(try ROOTFile(path: "/nonexistent/run_1.root")) { e in
            XCTAssertEqual((e as? ROOTFileError)?.kind, .unreadable)
            XCTAssertTrue("\(e)".hasPrefix("/nonexistent/run_1.root: cannot be read"), "\(e)")
        }
    }

    func testAFileThatIsNotROOTSaysSo() {
        XCTAssertThrowsError(try ROOTFile(path: "notes.root", bytes: Array("hello, world".utf8))) { e in
            XCTAssertEqual("\(e)", "notes.root: is not a ROOT file (it does not start with 'root')")
        }
    }

    func testAMissingPathListsWhatTheDirectoryHolds() throws {
        let file = try ROOTFile(path: "run_42.root", bytes: try sampleBytes())
        XCTAssertThrowsError(try file.histogram(at: "DQMData/Run 42/Muons/phi")) { e in
            XCTAssertEqual((e as? ROOTFileError)?.kind, .pathMissing)
            XCTAssertEqual("\(e)", "run_42.root: DQMData/Run 42/Muons/phi: not found; 'DQMData/Run 42/Muons' holds pt (TH1D), eta (TH1F)")
        }
    }

    func testADirectoryIsNotAHistogram() throws {
        let file = try ROOTFile(path: "run_42.root", bytes: try sampleBytes())
        XCTAssertThrowsError(try file.histogram(at: "DQMData/Run 42/Muons")) { e in
            XCTAssertEqual("\(e)", "run_42.root: DQMData/Run 42/Muons is a TDirectory, not a TH1 or TH2 histogram")
        }
    }

    func testATTreeIsNotAHistogram() throws {
        let path = FixtureTests.fixtures.appendingPathComponent("uproot-issue-250.root").path
        XCTAssertThrowsError(try ROOTFile(path: path).histograms(matching: ROOTPathPattern("B4"))) { e in
            XCTAssertEqual((e as? ROOTFileError)?.kind, .notAHistogram)
            XCTAssertTrue("\(e)".hasSuffix("B4 is a TTree, not a TH1 or TH2 histogram"), "\(e)")
        }
    }

    func testABadDecompressedLengthIsCorruption() throws {
        var w = ROOTFileWriter(compression: .zlib(level: 1))
        try w.add(WriterTests.sample()[0])
        var bytes = w.bytes(fileName: "x.root")
        let zl = try XCTUnwrap((0..<(bytes.count - 1)).first { bytes[$0] == 0x5A && bytes[$0 + 1] == 0x4C })
        bytes[zl + 6] &+= 1
        XCTAssertThrowsError(try ROOTFile(path: "x.root", bytes: bytes).histogram(at: "DQMData/Run 42/Muons/pt")) { e in
            XCTAssertEqual((e as? ROOTFileError)?.kind, .corrupt)
            XCTAssertTrue("\(e)".hasPrefix("x.root: DQMData/Run 42/Muons/pt: is truncated or corrupt: bad decompressed length"), "\(e)")
        }
    }

    func testAFileTruncatedAtEvery97thByteThrowsTheTypedError() throws {
        let bytes = try sampleBytes()
        let pattern = try ROOTPathPattern("DQMData/Run */*/*")
        for cut in stride(from: 0, to: bytes.count, by: 97) {
            do {
                _ = try ROOTFile(path: "cut.root", bytes: Array(bytes.prefix(cut))).histograms(matching: pattern)
                XCTFail("a file cut at \(cut) of \(bytes.count) bytes was read")
            } catch let e as ROOTFileError {
                XCTAssertTrue(e.description.hasPrefix("cut.root"), "\(e)")
            }
        }
    }

    // MARK: - Patterns

    func testAStarMatchesWithinOneComponentOnly() throws {
        let p = try ROOTPathPattern("DQMData/Run */Muons/Run summary/pt")
        XCTAssertTrue(p.matches("DQMData/Run 319176/Muons/Run summary/pt"))
        XCTAssertFalse(p.matches("DQMData/Run 1/x/Muons/Run summary/pt"))
        XCTAssertFalse(p.matches("DQMData/Run 1/Muons/Run summary/eta"))
        XCTAssertTrue(try ROOTPathPattern("a/*x*y").matches("a/1x2y"))
        XCTAssertFalse(try ROOTPathPattern("a/*x*y").matches("a/1y2x"))
        XCTAssertThrowsError(try ROOTPathPattern("//")) { e in
            XCTAssertEqual("\(e)", "histogram path '//': names no object (it has no component)")
        }
    }

    func testAPatternReadsEveryRunDirectoryOfAFile() throws {
        let file = try ROOTFile(path: "run_42.root", bytes: try sampleBytes())
        let hs = try file.histograms(matching: ROOTPathPattern("DQMData/Run */*/*"))
        XCTAssertEqual(hs.map(\.path), ["DQMData/Run 42/Muons/pt", "DQMData/Run 42/Muons/eta", "DQMData/Run 42/Tracker/occupancy"])
    }
}
