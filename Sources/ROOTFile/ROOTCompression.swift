import CLZ4
import CLZMA
import CZlib
import CZstd

/// The compression of an object's payload. ROOT splits a payload into blocks of at most 2^24 − 1
/// uncompressed bytes, each behind a 9-byte header: two letters naming the algorithm (`ZL`, `L4`,
/// `ZS`, `XZ`, or the old `CS`), one method byte, then the compressed and the uncompressed size of the
/// block as 3-byte little-endian numbers. An `L4` block starts with the 8-byte big-endian xxHash64 of
/// the LZ4 data that follows it. A payload whose compression would not shrink it is stored as is.
public enum ROOTCompression: Equatable, Sendable {
    case none
    case zlib(level: Int)
    case lz4(level: Int)
    case zstd(level: Int)
    case lzma(level: Int)

    /// ROOT's `fCompress` setting: 100 × algorithm + level (1 zlib, 2 LZMA, 4 LZ4, 5 ZSTD).
    var setting: Int32 {
        switch self {
        case .none: return 0
        case .zlib(let l): return Int32(100 + l)
        case .lzma(let l): return Int32(200 + l)
        case .lz4(let l): return Int32(400 + l)
        case .zstd(let l): return Int32(500 + l)
        }
    }

    /// The largest uncompressed block ROOT writes (kMAXZIPBUF).
    static let maxBlock = 0xFF_FFFF
}

// MARK: - Decompression

enum Decompression {
    /// Inflates the compressed blocks of one payload into exactly `objectLength` bytes.
    static func inflate(_ source: UnsafeRawBufferPointer, objectLength: Int) throws -> [UInt8] {
        guard objectLength >= 0 else { throw ParseFailure("bad key: negative object length \(objectLength)") }
        // The block headers must add up to the object length before anything is allocated, so a
        // corrupt length cannot ask for gigabytes.
        var scan = 0, total = 0
        while total < objectLength, source.count - scan >= 9 {
            let compressed = Int(source[scan + 3]) | Int(source[scan + 4]) << 8 | Int(source[scan + 5]) << 16
            total += Int(source[scan + 6]) | Int(source[scan + 7]) << 8 | Int(source[scan + 8]) << 16
            scan += 9 + compressed
        }
        guard total == objectLength else {
            throw ParseFailure("bad decompressed length: the block headers announce \(total) bytes, the key says \(objectLength)")
        }
        var out = [UInt8](repeating: 0, count: objectLength)
        var inPos = 0, outPos = 0
        try out.withUnsafeMutableBytes { dst in
            while outPos < objectLength {
                guard source.count - inPos >= 9 else {
                    throw ParseFailure("bad decompressed length: the compressed blocks end after \(outPos) of \(objectLength) bytes")
                }
                let b = source.baseAddress!.advanced(by: inPos).assumingMemoryBound(to: UInt8.self)
                let algorithm = String(decoding: [b[0], b[1]], as: UTF8.self)
                let compressed = Int(b[3]) | Int(b[4]) << 8 | Int(b[5]) << 16
                let uncompressed = Int(b[6]) | Int(b[7]) << 8 | Int(b[8]) << 16
                inPos += 9
                guard compressed <= source.count - inPos else {
                    throw ParseFailure("truncated: a compressed block claims \(compressed) bytes, \(source.count - inPos) left")
                }
                guard uncompressed > 0, uncompressed <= objectLength - outPos else {
                    throw ParseFailure("bad decompressed length: a block of \(uncompressed) bytes overruns the object length \(objectLength) at \(outPos)")
                }
                let input = UnsafeRawBufferPointer(rebasing: source[inPos..<(inPos + compressed)])
                let output = UnsafeMutableRawBufferPointer(rebasing: dst[outPos..<(outPos + uncompressed)])
                let produced: Int
                switch algorithm {
                case "ZL": produced = try zlibBlock(input, output)
                case "L4": produced = try lz4Block(input, output)
                case "ZS": produced = try zstdBlock(input, output)
                case "XZ": produced = try lzmaBlock(input, output)
                case "CS": throw ParseFailure("the object uses ROOT's old 'CS' compression (ROOT 3), which this reader does not implement", kind: .unsupported)
                default: throw ParseFailure("bad compressed block: unknown algorithm bytes \(b[0]) \(b[1]) at payload offset \(inPos - 9)")
                }
                guard produced == uncompressed else {
                    throw ParseFailure("bad decompressed length: a \(algorithm) block gave \(produced) bytes, its header says \(uncompressed)")
                }
                inPos += compressed
                outPos += uncompressed
            }
        }
        return out
    }

    private static func zlibBlock(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer) throws -> Int {
        var length = uLongf(output.count)
        let status = uncompress(output.baseAddress!.assumingMemoryBound(to: Bytef.self), &length,
                                input.baseAddress!.assumingMemoryBound(to: Bytef.self), uLong(input.count))
        guard status == Z_OK else { throw ParseFailure("corrupt zlib block (zlib status \(status))") }
        return Int(length)
    }

    private static func lz4Block(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer) throws -> Int {
        guard input.count >= 8 else { throw ParseFailure("truncated: an LZ4 block shorter than its 8-byte checksum") }
        var expected: UInt64 = 0
        for i in 0..<8 { expected = expected << 8 | UInt64(input[i]) }
        let data = UnsafeRawBufferPointer(rebasing: input[8...])
        let actual = XXHash64.hash(data)
        guard actual == expected else { throw ParseFailure("corrupt LZ4 block: xxHash64 checksum mismatch") }
        let n = LZ4_decompress_safe(data.baseAddress?.assumingMemoryBound(to: CChar.self), output.baseAddress!.assumingMemoryBound(to: CChar.self),
                                    Int32(data.count), Int32(output.count))
        guard n >= 0 else { throw ParseFailure("corrupt LZ4 block (LZ4 error \(n))") }
        return Int(n)
    }

    private static func zstdBlock(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = ZSTD_decompress(output.baseAddress, output.count, input.baseAddress, input.count)
        guard ZSTD_isError(n) == 0 else { throw ParseFailure("corrupt ZSTD block (\(String(cString: ZSTD_getErrorName(n))))") }
        return n
    }

    private static func lzmaBlock(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer) throws -> Int {
        var memlimit: UInt64 = 1 << 30
        var inPos = 0, outPos = 0
        let status = lzma_stream_buffer_decode(&memlimit, 0, nil, input.baseAddress?.assumingMemoryBound(to: UInt8.self), &inPos, input.count,
                                               output.baseAddress!.assumingMemoryBound(to: UInt8.self), &outPos, output.count)
        guard status == LZMA_OK else { throw ParseFailure("corrupt XZ block (lzma status \(status.rawValue))") }
        return outPos
    }
}

// MARK: - Compression

enum Compression {
    /// The payload as ROOT stores it: compressed blocks when they are smaller, else the bytes unchanged.
    static func deflate(_ payload: [UInt8], _ compression: ROOTCompression, maxBlock: Int = ROOTCompression.maxBlock) -> [UInt8] {
        if compression == .none || payload.isEmpty { return payload }
        var out: [UInt8] = []
        var start = 0
        while start < payload.count {
            let end = min(payload.count, start + max(1, min(maxBlock, ROOTCompression.maxBlock)))
            guard let block = payload[start..<end].withUnsafeBytes({ compressBlock($0, compression) }), block.count <= 0xFF_FFFF else { return payload }
            let (tag, method): (String, UInt8) = {
                switch compression {
                case .zlib: return ("ZL", 8)
                case .lz4: return ("L4", 1)
                case .zstd: return ("ZS", 1)
                case .lzma: return ("XZ", 0)
                case .none: return ("", 0)
                }
            }()
            out.append(contentsOf: Array(tag.utf8))
            out.append(method)
            for v in [block.count, end - start] { out.append(contentsOf: [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF)]) }
            out.append(contentsOf: block)
            start = end
        }
        return out.count < payload.count ? out : payload
    }

    private static func compressBlock(_ input: UnsafeRawBufferPointer, _ compression: ROOTCompression) -> [UInt8]? {
        let capacity = input.count + input.count / 2 + 1024
        var out = [UInt8](repeating: 0, count: capacity)
        let n: Int? = out.withUnsafeMutableBytes { dst -> Int? in
            switch compression {
            case .none: return nil
            case .zlib(let level):
                var length = uLongf(capacity)
                let s = compress2(dst.baseAddress!.assumingMemoryBound(to: Bytef.self), &length, input.baseAddress?.assumingMemoryBound(to: Bytef.self),
                                  uLong(input.count), Int32(level))
                return s == Z_OK ? Int(length) : nil
            case .lz4:
                let n = LZ4_compress_default(input.baseAddress?.assumingMemoryBound(to: CChar.self),
                                             dst.baseAddress!.advanced(by: 8).assumingMemoryBound(to: CChar.self), Int32(input.count), Int32(capacity - 8))
                guard n > 0 else { return nil }
                let hash = XXHash64.hash(UnsafeRawBufferPointer(rebasing: dst[8..<(8 + Int(n))]))
                for i in 0..<8 { dst[i] = UInt8(truncatingIfNeeded: hash >> UInt64(56 - 8 * i)) }
                return Int(n) + 8
            case .zstd(let level):
                let n = ZSTD_compress(dst.baseAddress, capacity, input.baseAddress, input.count, Int32(level))
                return ZSTD_isError(n) == 0 ? n : nil
            case .lzma(let level):
                var outPos = 0
                let s = lzma_easy_buffer_encode(UInt32(level), LZMA_CHECK_CRC64, nil, input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count,
                                                dst.baseAddress!.assumingMemoryBound(to: UInt8.self), &outPos, capacity)
                return s == LZMA_OK ? outPos : nil
            }
        }
        guard let n else { return nil }
        return Array(out[0..<n])
    }
}

// MARK: - xxHash64

/// xxHash64 (seed 0), the checksum ROOT puts before each LZ4 block.
enum XXHash64 {
    private static let p1: UInt64 = 11_400_714_785_074_694_791
    private static let p2: UInt64 = 14_029_467_366_897_019_727
    private static let p3: UInt64 = 1_609_587_929_392_839_161
    private static let p4: UInt64 = 9_650_029_242_287_828_579
    private static let p5: UInt64 = 2_870_177_450_012_600_261

    @inline(__always) private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }
    @inline(__always) private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 { rotl(acc &+ input &* p2, 31) &* p1 }
    @inline(__always) private static func merge(_ acc: UInt64, _ v: UInt64) -> UInt64 { (acc ^ round(0, v)) &* p1 &+ p4 }

    static func hash(_ data: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let n = data.count
        @inline(__always) func le64(_ i: Int) -> UInt64 { var v: UInt64 = 0; for k in 0..<8 { v |= UInt64(data[i + k]) << UInt64(8 * k) }; return v }
        @inline(__always) func le32(_ i: Int) -> UInt64 { var v: UInt64 = 0; for k in 0..<4 { v |= UInt64(data[i + k]) << UInt64(8 * k) }; return v }
        var i = 0
        var h: UInt64
        if n >= 32 {
            var v1 = seed &+ p1 &+ p2, v2 = seed &+ p2, v3 = seed, v4 = seed &- p1
            while i + 32 <= n {
                v1 = round(v1, le64(i)); v2 = round(v2, le64(i + 8)); v3 = round(v3, le64(i + 16)); v4 = round(v4, le64(i + 24))
                i += 32
            }
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            h = merge(h, v1); h = merge(h, v2); h = merge(h, v3); h = merge(h, v4)
        } else {
            h = seed &+ p5
        }
        h = h &+ UInt64(n)
        while i + 8 <= n { h ^= round(0, le64(i)); h = rotl(h, 27) &* p1 &+ p4; i += 8 }
        if i + 4 <= n { h ^= le32(i) &* p1; h = rotl(h, 23) &* p2 &+ p3; i += 4 }
        while i < n { h ^= UInt64(data[i]) &* p5; h = rotl(h, 11) &* p1; i += 1 }
        h ^= h >> 33; h = h &* p2; h ^= h >> 29; h = h &* p3; h ^= h >> 32
        return h
    }
}
