import Foundation
import XCTest
@testable import ROOTFile

/// Our writer's files read back through the streamer-driven reader, in every compression.
final class WriterTests: XCTestCase {
    static func sample() -> [ROOTHistogram] {
        let pt = ROOTHistogram(path: "DQMData/Run 42/Muons/pt", title: "muon p_{T}", kind: .th1("D"), xEdges: (0...50).map { Double($0) * 2 },
                               contents: (0..<50).map { Double(($0 * 37) % 11) }, flow: [3, 4], entries: 250)
        let eta = ROOTHistogram(path: "DQMData/Run 42/Muons/eta", title: "", kind: .th1("F"), xEdges: [-2.5, -1, 0, 0.5, 2.5],
                                contents: [1.5, 2, 3, 4], flow: [0, 1])
        let map = ROOTHistogram(path: "DQMData/Run 42/Tracker/occupancy", title: "occupancy", kind: .th2("D"),
                                xEdges: (0...6).map(Double.init), yEdges: [0, 0.5, 2, 3.25],
                                contents: (0..<18).map { Double($0 * $0) }, flow: (0..<22).map { Double($0) / 4 })
        let top = ROOTHistogram(path: "summary", title: "s", kind: .th2("F"), xEdges: [0, 1, 2], yEdges: [0, 1, 2, 3, 4],
                                contents: (0..<8).map(Double.init))
        return [pt, eta, map, top]
    }

    func roundTrip(_ compression: ROOTCompression, maxBlock: Int = ROOTCompression.maxBlock) throws {
        var w = ROOTFileWriter(compression: compression)
        w.maxBlockBytes = maxBlock
        for h in Self.sample() { try w.add(h) }
        let file = try ROOTFile(path: "mem.root", bytes: w.bytes(fileName: "mem.root"))
        for want in Self.sample() {
            let got = try file.histogram(at: want.path)
            XCTAssertEqual(got, want, "\(compression) \(want.path)")
        }
        XCTAssertEqual(try file.entries(in: "DQMData/Run 42").map(\.description), ["Muons (TDirectory)", "Tracker (TDirectory)"])
    }

    // MARK: - Round trips

    func testEveryHistogramRoundTripsUncompressed() throws { try roundTrip(.none) }
    func testEveryHistogramRoundTripsThroughZlib() throws { try roundTrip(.zlib(level: 1)) }
    func testEveryHistogramRoundTripsThroughLZ4WithItsChecksum() throws { try roundTrip(.lz4(level: 1)) }
    func testEveryHistogramRoundTripsThroughZstd() throws { try roundTrip(.zstd(level: 3)) }
    func testEveryHistogramRoundTripsThroughLZMA() throws { try roundTrip(.lzma(level: 1)) }
    func testObjectsSplitOverManySmallBlocksReadBack() throws {
        for c in [ROOTCompression.zlib(level: 6), .lz4(level: 1), .zstd(level: 1), .lzma(level: 0)] { try roundTrip(c, maxBlock: 100) }
    }

    func testTheSameHistogramsGiveTheSameBytes() throws {
        var a = ROOTFileWriter(), b = ROOTFileWriter()
        for h in Self.sample() { try a.add(h); try b.add(h) }
        XCTAssertEqual(a.bytes(), b.bytes())
    }

    func testAFlippedLZ4ChecksumIsCorruption() throws {
        var w = ROOTFileWriter(compression: .lz4(level: 1))
        try w.add(Self.sample()[0])
        var bytes = w.bytes(fileName: "x.root")
        let l4 = try XCTUnwrap((0..<(bytes.count - 1)).first { bytes[$0] == 0x4C && bytes[$0 + 1] == 0x34 })
        bytes[l4 + 9] ^= 0xFF
        let file = try ROOTFile(path: "x.root", bytes: bytes)
        XCTAssertThrowsError(try file.histogram(at: "DQMData/Run 42/Muons/pt")) { e in
            XCTAssertEqual((e as? ROOTFileError)?.kind, .corrupt)
            XCTAssertTrue("\(e)".contains("checksum"), "\(e)")
        }
    }

    func testTheWriterRefusesClassesItCannotWrite() {
        var w = ROOTFileWriter()
        XCTAssertThrowsError(try w.add(ROOTHistogram(path: "a", kind: .th1("I"), xEdges: [0, 1], contents: [1])))
        XCTAssertThrowsError(try w.add(ROOTHistogram(path: "a", kind: .th1("D"), xEdges: [1, 0], contents: [1])))
    }
}

/// Files with 64-bit seek pointers and repeated names (cycles).
final class WriterLayoutTests: XCTestCase {
    func testALargeFileWith64BitSeekPointersReadsBack() throws {
        var w = ROOTFileWriter(compression: .zstd(level: 1))
        w.largeFile = true
        for h in WriterTests.sample() { try w.add(h) }
        let bytes = w.bytes(fileName: "big.root")
        let file = try ROOTFile(path: "big.root", bytes: bytes)
        XCTAssertEqual(file.rootVersion, 62806)
        for want in WriterTests.sample() { XCTAssertEqual(try file.histogram(at: want.path), want) }
        var small = ROOTFileWriter(compression: .zstd(level: 1))
        for h in WriterTests.sample() { try small.add(h) }
        XCTAssertGreaterThan(bytes.count, small.bytes(fileName: "big.root").count, "64-bit pointers take more room")
    }

    func testTheHighestCycleOfANameWins() throws {
        var w = ROOTFileWriter()
        let first = ROOTHistogram(path: "dir/h", kind: .th1("D"), xEdges: [0, 1, 2], contents: [1, 2])
        var second = first
        second.contents = [7, 8]
        try w.add(first)
        try w.add(second)
        let file = try ROOTFile(path: "cycles.root", bytes: w.bytes())
        XCTAssertEqual(try file.histogram(at: "dir/h").contents, [7, 8])
        XCTAssertEqual(try file.entries(in: "dir"), [ROOTEntry(name: "h", className: "TH1D", cycle: 2)])
    }

    func testAFixtureListsTheHighestCycleOfEachName() throws {
        let file = try ROOTFile(path: FixtureTests.fixtures.appendingPathComponent("uproot-issue64.root").path)
        let entries = try file.entries(in: "detector/materials/DeuteriumGas")
        XCTAssertEqual(entries.first { $0.name == "f_Deuterium" }?.cycle, 2)
        XCTAssertEqual(Set(entries.map(\.name)).count, entries.count)
    }
}
