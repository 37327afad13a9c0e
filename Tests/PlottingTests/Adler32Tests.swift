import CZlib
import XCTest
@testable import Plotting

/// Our 16-bytes-at-a-time Adler-32 against zlib's own `adler32`.
final class Adler32Tests: XCTestCase {
    // MARK: fixtures

    private func noise(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    private func zlibAdler(_ start: UInt32, _ bytes: [UInt8]) -> UInt32 {
        UInt32(bytes.withUnsafeBufferPointer { adler32(uLong(start), $0.baseAddress, uInt($0.count)) })
    }

    // MARK: agreement with zlib

    func testEveryLengthAroundTheBlockAndReductionBoundariesMatchesZlib() {
        // 16-byte blocks, and 5552 bytes (347 blocks) between reductions: lengths on and beside both.
        for count in [0, 1, 15, 16, 17, 31, 33, 5551, 5552, 5553, 5552 * 2 + 7, 100_003] {
            let random = noise(count, seed: UInt64(count) + 1)
            let saturated = [UInt8](repeating: 0xFF, count: count)   // the largest sums: overflow would show here
            for bytes in [random, saturated] {
                let ours = bytes.withUnsafeBytes { Adler32.update(Adler32.initial, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, count: count) }
                XCTAssertEqual(ours, zlibAdler(1, bytes), "\(count) bytes")
            }
        }
    }

    func testContinuingAChecksumEqualsChecksummingTheWhole() {
        let bytes = noise(70_001, seed: 42)
        var running = Adler32.initial
        var at = 0
        for piece in [1, 4095, 16, 20_000, 5552, 40_337] {
            running = bytes.withUnsafeBytes { Adler32.update(running, $0.baseAddress! + at, count: piece) }
            at += piece
        }
        XCTAssertEqual(at, bytes.count)
        XCTAssertEqual(running, zlibAdler(1, bytes))
        XCTAssertEqual(bytes.withUnsafeBytes { Adler32.update(0xDEAD_BEEF % 65521, $0.baseAddress!, count: 999) },
                       zlibAdler(0xDEAD_BEEF % 65521, Array(bytes.prefix(999))), "any starting checksum")
    }
}
