import Foundation
import XCTest
@testable import ROOTFile

/// Seeded random mutations of our writer's files (zlib; uncompressed, plain and 64-bit with an extra
/// streamer record): bytes overwritten, bits flipped, lengths replaced by huge values. The reader must
/// return histograms or throw the `ROOTFileError` naming the file, never trap. `make fuzz` runs it for
/// `FUZZ_SECONDS` (its filter `ReaderFuzzTests` matches this class); the ordinary test run gives it one
/// second. `FUZZ_SEED` reproduces a run.
final class ROOTReaderFuzzTests: XCTestCase {
    func sampleBytes() throws -> [UInt8] {
        var w = ROOTFileWriter()
        for h in WriterTests.sample() { try w.add(h) }
        return w.bytes(fileName: "run_42.root")
    }

    func testTheROOTReaderNeverTrapsOnMutatedFiles() throws {
        let seconds = Double(ProcessInfo.processInfo.environment["FUZZ_SECONDS"] ?? "") ?? 1
        var state: UInt64 = UInt64(ProcessInfo.processInfo.environment["FUZZ_SEED"] ?? "") ?? 20261129
        func next() -> UInt64 { state &+= 0x9E37_79B9_7F4A_7C15; var z = state; z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9; z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB; return z ^ (z >> 31) }
        let seeds = [try sampleBytes(), try {
            var w = ROOTFileWriter(compression: .none); for h in WriterTests.sample() { try w.add(h) }; return w.bytes()
        }(), try {
            // Uncompressed, 64-bit, with a pair<string,double> record (a TStreamerSTLstring element) in its streamer list.
            var w = ROOTFileWriter(compression: .none); w.extraStreamers = [.pairStringDouble]; w.largeFile = true
            for h in WriterTests.sample() { try w.add(h) }; return w.bytes()
        }()]
        // A file ROOT 6.14 wrote (TH1F, TH2F, its own streamer list) joins the seeds.
        let rootWritten = try [UInt8](Data(contentsOf: FixtureTests.fixtures.appendingPathComponent("uproot-issue213.root")))
        let patterns = [try ROOTPathPattern("*/*/*/*"), try ROOTPathPattern("*")]
        let deadline = Date().addingTimeInterval(seconds)
        var n = 0
        while Date() < deadline {
            var b = n % 4 == 3 ? rootWritten : seeds[n % 4]
            for _ in 0..<(1 + Int(next() % 4)) {
                let at = Int(next() % UInt64(b.count))
                switch next() % 3 {
                case 0: b[at] = UInt8(truncatingIfNeeded: next())
                case 1: b[at] ^= UInt8(1 << (next() % 8))
                default: b.replaceSubrange(at..<min(b.count, at + 4), with: [0xFF, 0xFF, 0xFF, 0x7F].prefix(min(4, b.count - at)))
                }
            }
            do { _ = try ROOTFile(path: "fuzz.root", bytes: b).histograms(matching: patterns[n % 4 == 3 ? 1 : 0]) } catch let e as ROOTFileError {
                XCTAssertTrue(e.description.hasPrefix("fuzz.root"))
            }
            n += 1
        }
        XCTAssertGreaterThan(n, 0)
    }
}
