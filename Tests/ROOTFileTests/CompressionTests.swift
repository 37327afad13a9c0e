import CLZ4
import Foundation
import XCTest
@testable import ROOTFile

/// ROOT's compressed blocks, built here directly from the C libraries where the writer is not involved.
final class CompressionTests: XCTestCase {
    // MARK: - xxHash64

    func testXXHash64MatchesTheReferenceVectors() {
        func h(_ b: [UInt8]) -> UInt64 { b.withUnsafeBytes { XXHash64.hash($0) } }
        XCTAssertEqual(h([]), 0xEF46_DB37_51D8_E999)
        XCTAssertEqual(h(Array("abc".utf8)), 0x44BC_2CF5_AD77_0999)
        XCTAssertEqual(h(Array(repeating: Array(0...255) as [UInt8], count: 3).flatMap { $0 }), 0x8E03_C838_C596_036F)
    }

    // MARK: - Hand-built blocks

    /// An L4 block assembled by hand: 9-byte header, big-endian xxHash64, LZ4 data from liblz4.
    func l4Block(_ data: [UInt8]) -> [UInt8] {
        var compressed = [UInt8](repeating: 0, count: data.count + 64)
        let n = Int(data.withUnsafeBytes { src in compressed.withUnsafeMutableBytes { dst in
            LZ4_compress_default(src.baseAddress?.assumingMemoryBound(to: CChar.self), dst.baseAddress!.assumingMemoryBound(to: CChar.self),
                                 Int32(data.count), Int32(dst.count))
        } })
        compressed = Array(compressed.prefix(n))
        let hash = compressed.withUnsafeBytes { XXHash64.hash($0) }
        let c = n + 8, u = data.count
        var block: [UInt8] = Array("L4".utf8) + [1, UInt8(c & 0xFF), UInt8(c >> 8 & 0xFF), UInt8(c >> 16), UInt8(u & 0xFF), UInt8(u >> 8 & 0xFF), UInt8(u >> 16)]
        block += (0..<8).map { UInt8(truncatingIfNeeded: hash >> UInt64(56 - 8 * $0)) }
        return block + compressed
    }

    func testTwoLZ4BlocksInflateIntoOneObject() throws {
        let a = Array(repeating: Array("histogram ".utf8), count: 40).flatMap { $0 }
        let b = (0..<300).map { UInt8($0 % 7) }
        let blocks = l4Block(a) + l4Block(b)
        let out = try blocks.withUnsafeBytes { try Decompression.inflate($0, objectLength: a.count + b.count) }
        XCTAssertEqual(out, a + b)
    }

    func testAnObjectLengthTheBlocksDoNotAddUpToIsRefused() {
        let blocks = l4Block(Array(repeating: 7, count: 500))
        XCTAssertThrowsError(try blocks.withUnsafeBytes { try Decompression.inflate($0, objectLength: 501) }) { e in
            XCTAssertTrue((e as? ParseFailure)?.detail.contains("bad decompressed length") ?? false, "\(e)")
        }
    }

    func testOldCSCompressionIsNamedAsUnsupported() {
        let block: [UInt8] = Array("CS".utf8) + [8, 1, 0, 0, 4, 0, 0, 0]
        XCTAssertThrowsError(try block.withUnsafeBytes { try Decompression.inflate($0, objectLength: 4) }) { e in
            XCTAssertEqual((e as? ParseFailure)?.kind, .unsupported)
        }
    }
}
