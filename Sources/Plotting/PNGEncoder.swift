import CZlib

/// Encodes an opaque cairo image (`CAIRO_FORMAT_RGB24`) as an 8-bit RGB PNG.
///
/// Own code over zlib rather than cairo's `cairo_surface_write_to_png_stream`, because libpng's defaults (a per-row
/// adaptive filter search and level-6 deflate) cost more than drawing a typical figure (measured: docs/performance.md).
/// A figure is mostly flat background crossed by thin lines, so no filter and a fast deflate level compress it
/// nearly as well in a fraction of the time.
///
/// The format (ISO/IEC 15948): the 8-byte signature, then chunks `length · type · data · CRC-32(type · data)`:
/// - `IHDR`: width, height, bit depth 8, colour type 2 (RGB), deflate, filter method 0, no interlace;
/// - `pHYs`: pixels per metre, so a 2× figure keeps its size in points when placed in a document;
/// - `IDAT`: the zlib stream of all scanlines, each prefixed with its filter type;
/// - `IEND`.
///
/// Every scanline uses filter type *None*: the long runs and repeated rows of a figure are what deflate's LZ77
/// matches catch anyway, and antialiased edges defeat the predictors, so a filter search costs time for few
/// bytes (measured: docs/performance.md).
/// The same pixels, level and zlib give the same bytes.
enum PNGEncoder {
    /// The deflate level: 1–9 trade time for size. Level 4 is the first with lazy matching (a match is kept only
    /// if the next byte does not start a longer one), which on a report's figures saves about an eighth of the
    /// bytes of levels 2–3 for about twice their deflate time; levels 5–9 save little more for much more time
    /// (measured: docs/performance.md).
    static let defaultLevel: Int32 = 4

    /// zlib's `memLevel` (1–9): its hash table has 2^(memoryLevel + 7) entries and it emits a block every
    /// 2^(memoryLevel + 6) symbols. zlib's default, 8: at level 4 the smaller tables of 6 were no faster
    /// (measured: docs/performance.md).
    static let memoryLevel: Int32 = 8

    /// Scanlines are converted and handed to zlib this many bytes at a time (whole rows, at least one).
    /// Streaming keeps the working set small: a whole-image scanline buffer and a `deflateBound`-sized output
    /// buffer would be two fresh, zero-filled allocations per figure, whose page faults (the allocator hands such
    /// blocks back to the kernel after each figure) and zero-filling cost more than the chunks' extra calls
    /// (measured: docs/performance.md); the bytes are the same.
    static let chunkBytes = 1 << 16

    /// Encodes `height` rows of `width` pixels, each row `stride` bytes apart, every pixel a native-endian
    /// 32-bit `0x00RRGGBB` (cairo's RGB24). `pixelsPerMetre` goes into `pHYs` when given.
    /// Returns nil for an empty or inconsistent size, or when zlib fails (out of memory).
    ///
    /// The deflate stream is fed a few rows at a time without flushing in between; zlib's output does not
    /// depend on how its input is split, so the bytes are those of compressing all scanlines in one call.
    static func encodeRGB24(_ pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int,
                            pixelsPerMetre: Int? = nil, level: Int32 = defaultLevel) -> [UInt8]? {
        let rowBytes = 1 + 3 * width
        // A PNG chunk holds at most 2³¹ − 1 bytes; keeping the raw scanlines within that keeps the one IDAT too.
        guard width > 0, height > 0, stride >= 4 * width, rowBytes <= Int(Int32.max) / height else { return nil }

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        appendBigEndian(UInt32(width), to: &header)
        appendBigEndian(UInt32(height), to: &header)
        header += [8, 2, 0, 0, 0]
        appendChunk("IHDR", header, to: &png)
        if let ppm = pixelsPerMetre, ppm > 0, ppm <= Int(UInt32.max) {
            var phys: [UInt8] = []
            appendBigEndian(UInt32(ppm), to: &phys)
            appendBigEndian(UInt32(ppm), to: &phys)
            phys.append(1)   // unit: metre
            appendChunk("pHYs", phys, to: &png)
        }
        // IDAT: its length is patched in once the stream is complete; the compressed bytes go straight after.
        let idatStart = png.count
        appendBigEndian(0, to: &png)
        png += Array("IDAT".utf8)
        guard deflateScanlines(pixels, width: width, height: height, stride: stride, level: level, into: &png) else {
            return nil
        }
        let dataLength = png.count - idatStart - 8
        png.withUnsafeMutableBufferPointer { b in
            let n = UInt32(dataLength)
            b[idatStart] = UInt8(n >> 24); b[idatStart + 1] = UInt8((n >> 16) & 0xFF)
            b[idatStart + 2] = UInt8((n >> 8) & 0xFF); b[idatStart + 3] = UInt8(n & 0xFF)
        }
        let crc = png.withUnsafeBufferPointer { b in
            crc32(0, b.baseAddress! + idatStart + 4, UInt32(4 + dataLength))
        }
        appendBigEndian(UInt32(truncatingIfNeeded: crc), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// Appends the zlib stream (RFC 1950) of all scanlines (filter byte 0, then R G B per pixel) to `out`,
    /// converting `chunkBytes` of rows at a time. False when zlib fails.
    ///
    /// zlib writes only the raw deflate data (negative window bits); the two-byte header and the Adler-32
    /// trailer are ours, written as zlib writes them, so the stream's bytes are those of zlib's own wrapper —
    /// but the checksum goes 16 bytes at a time (`Adler32`) instead of zlib's byte-at-a-time loop.
    private static func deflateScanlines(_ pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int,
                                         level: Int32, into out: inout [UInt8]) -> Bool {
        var stream = z_stream()
        guard deflateInit2_(&stream, level, Z_DEFLATED, -MAX_WBITS, memoryLevel, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return false }
        defer { deflateEnd(&stream) }
        out += zlibHeader(level: level, windowBits: MAX_WBITS)
        var checksum = Adler32.initial
        let rowBytes = 1 + 3 * width
        let rowsPerChunk = max(1, min(height, chunkBytes / rowBytes))
        // One spare byte: each pixel is stored as 4 bytes, the fourth overwritten by the next pixel (or by the
        // next row's filter byte), so the last pixel of the chunk reaches one byte past its rows.
        let scanlines = UnsafeMutablePointer<UInt8>.allocate(capacity: rowsPerChunk * rowBytes + 1)
        defer { scanlines.deallocate() }
        let outCapacity = chunkBytes
        let compressed = UnsafeMutablePointer<UInt8>.allocate(capacity: outCapacity)
        defer { compressed.deallocate() }

        /// Runs deflate over the input already set, moving everything it writes to `out`.
        func drain(_ flush: Int32) -> Int32 {
            var status: Int32
            repeat {
                stream.next_out = compressed
                stream.avail_out = uInt(outCapacity)
                status = CZlib.deflate(&stream, flush)
                let produced = outCapacity - Int(stream.avail_out)
                if produced > 0 { out.append(contentsOf: UnsafeBufferPointer(start: compressed, count: produced)) }
            } while status == Z_OK && (stream.avail_out == 0 || (flush == Z_FINISH && status != Z_STREAM_END))
            return status
        }

        var y = 0
        while y < height {
            let rows = min(rowsPerChunk, height - y)
            for k in 0..<rows {
                convertRow(pixels + (y + k) * stride, width: width, to: scanlines + k * rowBytes)
            }
            y += rows
            checksum = Adler32.update(checksum, scanlines, count: rows * rowBytes)
            stream.next_in = scanlines
            stream.avail_in = uInt(rows * rowBytes)
            let status = drain(y == height ? Z_FINISH : Z_NO_FLUSH)
            if y == height {
                appendBigEndian(checksum, to: &out)
                return status == Z_STREAM_END
            }
            guard status == Z_OK || status == Z_BUF_ERROR, stream.avail_in == 0 else { return false }
        }
        return false
    }

    /// The zlib header (RFC 1950 §2.2) zlib itself writes: CMF = deflate with a 2^windowBits window, FLG = the
    /// level class zlib reports (0 below level 2, 1 up to 5, 2 at 6, 3 above) and the check bits that make
    /// CMF·256 + FLG a multiple of 31.
    static func zlibHeader(level: Int32, windowBits: Int32) -> [UInt8] {
        let level = level == Z_DEFAULT_COMPRESSION ? 6 : level
        let levelFlags: Int32 = level < 2 ? 0 : (level < 6 ? 1 : (level == 6 ? 2 : 3))
        var header = (Z_DEFLATED + ((windowBits - 8) << 4)) << 8 | levelFlags << 6
        header += 31 - header % 31
        return [UInt8(header >> 8), UInt8(header & 0xFF)]
    }

    /// One scanline: filter type None, then each native-endian `0x00RRGGBB` as the bytes R G B. Every pixel is
    /// written as one 4-byte store (R G B and a byte the next store overwrites), which the compiler keeps in
    /// registers instead of three byte stores; `row` must have one writable byte past `1 + 3 × width`.
    @inline(__always)
    private static func convertRow(_ source: UnsafePointer<UInt8>, width: Int, to row: UnsafeMutablePointer<UInt8>) {
        row[0] = 0
        let target = UnsafeMutableRawPointer(row + 1)
        let raw = UnsafeRawPointer(source)
        for x in 0..<width {
            let p = raw.loadUnaligned(fromByteOffset: 4 * x, as: UInt32.self)
            // 0x00RRGGBB → 0xRRGGBB00, stored big-endian: the bytes RR GG BB 00.
            target.storeBytes(of: (p << 8).bigEndian, toByteOffset: 3 * x, as: UInt32.self)
        }
    }

    private static func appendBigEndian(_ v: UInt32, to out: inout [UInt8]) {
        out += [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to out: inout [UInt8]) {
        appendBigEndian(UInt32(data.count), to: &out)
        let typeBytes = Array(type.utf8)
        var crc = crc32(0, typeBytes, UInt32(typeBytes.count))
        if !data.isEmpty { crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) } }
        out += typeBytes
        out += data
        appendBigEndian(UInt32(truncatingIfNeeded: crc), to: &out)
    }
}
