import CCairo
import CZlib
import XCTest
@testable import Plotting

/// The PNG encoder against an independent decoder (libpng, through cairo's PNG reader).
final class PNGEncoderTests: XCTestCase {
    // MARK: fixtures

    /// An RGB24 image with padded rows (stride > 4 × width) and pseudo-random pixels, so every byte position
    /// and the row padding are exercised.
    private func noiseImage(width: Int, height: Int, padding: Int) -> (stride: Int, data: [UInt8]) {
        let stride = 4 * width + padding
        var data = [UInt8](repeating: 0xAB, count: stride * height)   // padding and X bytes hold junk
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for y in 0..<height {
            for x in 0..<width {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let o = y * stride + 4 * x
                data[o] = UInt8(truncatingIfNeeded: state >> 24)       // B
                data[o + 1] = UInt8(truncatingIfNeeded: state >> 32)   // G
                data[o + 2] = UInt8(truncatingIfNeeded: state >> 40)   // R
            }
        }
        return (stride, data)
    }

    /// Decodes PNG bytes with libpng (cairo's reader) into 0xRRGGBB values, row-major.
    private func decode(_ png: [UInt8]) throws -> (width: Int, height: Int, rgb: [UInt32]) {
        final class Source { var bytes: [UInt8]; var at = 0; init(_ b: [UInt8]) { bytes = b } }
        let source = Source(png)
        let read: cairo_read_func_t = { closure, data, length in
            let s = Unmanaged<Source>.fromOpaque(closure!).takeUnretainedValue()
            guard s.at + Int(length) <= s.bytes.count else { return CAIRO_STATUS_READ_ERROR }
            for k in 0..<Int(length) { data![k] = s.bytes[s.at + k] }
            s.at += Int(length)
            return CAIRO_STATUS_SUCCESS
        }
        let surface = cairo_image_surface_create_from_png_stream(read, Unmanaged.passUnretained(source).toOpaque())!
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw NSError(domain: "png", code: 1, userInfo: [NSLocalizedDescriptionKey: String(cString: cairo_status_to_string(cairo_surface_status(surface)))])
        }
        let w = Int(cairo_image_surface_get_width(surface)), h = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let base = cairo_image_surface_get_data(surface)!
        var rgb: [UInt32] = []
        for y in 0..<h {
            for x in 0..<w {
                let o = y * stride + 4 * x
                rgb.append(UInt32(base[o + 2]) << 16 | UInt32(base[o + 1]) << 8 | UInt32(base[o]))
            }
        }
        return (w, h, rgb)
    }

    /// The chunks of a PNG: type and data, after checking the signature.
    private func chunks(_ png: [UInt8]) -> [(type: String, data: [UInt8])] {
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var out: [(String, [UInt8])] = []
        var i = 8
        func u32(_ k: Int) -> Int { Int(png[k]) << 24 | Int(png[k + 1]) << 16 | Int(png[k + 2]) << 8 | Int(png[k + 3]) }
        while i + 12 <= png.count {
            let n = u32(i)
            out.append((String(decoding: png[(i + 4)..<(i + 8)], as: UTF8.self), Array(png[(i + 8)..<(i + 8 + n)])))
            i += 12 + n
        }
        XCTAssertEqual(i, png.count, "trailing bytes after the last chunk")
        return out
    }

    // MARK: round trips

    func testNoiseRoundTripsThroughLibpngPixelForPixel() throws {
        for (w, h, pad) in [(1, 1, 0), (37, 23, 12), (256, 3, 4)] {
            let img = noiseImage(width: w, height: h, padding: pad)
            let png = try XCTUnwrap(img.data.withUnsafeBufferPointer {
                PNGEncoder.encodeRGB24($0.baseAddress!, width: w, height: h, stride: img.stride)
            })
            let back = try decode(png)
            XCTAssertEqual(back.width, w); XCTAssertEqual(back.height, h)
            for y in 0..<h {
                for x in 0..<w {
                    let o = y * img.stride + 4 * x
                    let expected = UInt32(img.data[o + 2]) << 16 | UInt32(img.data[o + 1]) << 8 | UInt32(img.data[o])
                    XCTAssertEqual(back.rgb[y * w + x], expected, "pixel (\(x), \(y)) of \(w)×\(h)")
                }
            }
        }
    }

    func testAnImageOfManyStreamingChunksRoundTripsAndEqualsOneShotDeflate() throws {
        // 300 px rows are 901 bytes of scanline: 72 rows per 64 KiB chunk, so 250 rows take four chunks, the last short.
        let (w, h) = (300, 250)
        XCTAssertGreaterThan(h * (1 + 3 * w), 3 * PNGEncoder.chunkBytes)
        let img = noiseImage(width: w, height: h, padding: 8)
        let png = try XCTUnwrap(img.data.withUnsafeBufferPointer {
            PNGEncoder.encodeRGB24($0.baseAddress!, width: w, height: h, stride: img.stride)
        })
        let back = try decode(png)
        var differing = 0
        for y in 0..<h {
            for x in 0..<w {
                let o = y * img.stride + 4 * x
                let expected = UInt32(img.data[o + 2]) << 16 | UInt32(img.data[o + 1]) << 8 | UInt32(img.data[o])
                if back.rgb[y * w + x] != expected { differing += 1 }
            }
        }
        XCTAssertEqual(differing, 0)
        // The same scanlines deflated by zlib in one call, with its own header and checksum, at the same level:
        // the bytes must not depend on the chunking, and our header and Adler-32 trailer must be zlib's.
        var scanlines: [UInt8] = []
        for y in 0..<h {
            scanlines.append(0)
            for x in 0..<w {
                let o = y * img.stride + 4 * x
                scanlines += [img.data[o + 2], img.data[o + 1], img.data[o]]
            }
        }
        var stream = z_stream()
        XCTAssertEqual(deflateInit2_(&stream, PNGEncoder.defaultLevel, Z_DEFLATED, MAX_WBITS, PNGEncoder.memoryLevel,
                                     Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)), Z_OK)
        defer { deflateEnd(&stream) }
        var oneShot = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(scanlines.count))))
        let status = scanlines.withUnsafeMutableBufferPointer { input in
            oneShot.withUnsafeMutableBufferPointer { output in
                stream.next_in = input.baseAddress; stream.avail_in = uInt(input.count)
                stream.next_out = output.baseAddress; stream.avail_out = uInt(output.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        XCTAssertEqual(status, Z_STREAM_END)
        XCTAssertEqual(chunks(png).first { $0.type == "IDAT" }?.data, Array(oneShot.prefix(Int(stream.total_out))))
    }

    func testRenderedFigureDecodesToTheDrawnPixels() throws {
        var fig = Figure(width: 240, height: 160, title: "χ² per run")
        let x = (0..<200).map(Double.init)
        fig.panels[0].add(.band(x: x, lower: x.map { sin($0 / 20) - 0.3 }, upper: x.map { sin($0 / 20) + 0.3 }))
        fig.panels[0].add(.line(x: x, y: x.map { sin($0 / 20) }))
        let drawn = CairoOutput.pixels(width: fig.width, height: fig.height, scale: 2, fontFamily: fig.theme.fontFamily) { fig.draw(on: $0) }
        let back = try decode(try fig.render(.png(scale: 2)))
        XCTAssertEqual(back.width, drawn.width); XCTAssertEqual(back.height, drawn.height)
        var differing = 0
        for y in 0..<drawn.height {
            for x in 0..<drawn.width {
                let o = y * drawn.stride + 4 * x
                let expected = UInt32(drawn.data[o + 2]) << 16 | UInt32(drawn.data[o + 1]) << 8 | UInt32(drawn.data[o])
                if back.rgb[y * drawn.width + x] != expected { differing += 1 }
            }
        }
        XCTAssertEqual(differing, 0, "the PNG must hold exactly the pixels cairo drew")
    }

    // MARK: chunks

    func testChunksAreHeaderPhysicalSizeDataEnd() throws {
        let png = try Figure(width: 100, height: 50).render(.png(scale: 2))
        let list = chunks(png)
        XCTAssertEqual(list.map(\.type), ["IHDR", "pHYs", "IDAT", "IEND"])
        XCTAssertEqual(list[0].data, [0, 0, 0, 200, 0, 0, 0, 100, 8, 2, 0, 0, 0], "200×100, 8-bit RGB")
        // 2 pixels per point, 72 points per inch: 144 dpi = 5669 pixels per metre, unit metre.
        XCTAssertEqual(list[1].data, [0, 0, 0x16, 0x25, 0, 0, 0x16, 0x25, 1])
        XCTAssertEqual(list[3].data, [])
    }

    func testEmptyOrInconsistentSizesAreRefusedNotTrapped() {
        let bytes = [UInt8](repeating: 0, count: 64)
        bytes.withUnsafeBufferPointer { b in
            XCTAssertNil(PNGEncoder.encodeRGB24(b.baseAddress!, width: 0, height: 1, stride: 4))
            XCTAssertNil(PNGEncoder.encodeRGB24(b.baseAddress!, width: 4, height: 1, stride: 8))
            XCTAssertNil(PNGEncoder.encodeRGB24(b.baseAddress!, width: 1 << 20, height: 1 << 20, stride: 4 << 20),
                         "larger than zlib's 32-bit lengths: refused before reading a pixel")
        }
    }
}
