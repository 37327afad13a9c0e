import CCairo
import Foundation

/// Renders page content through `draw` into bytes of the requested format.
enum CairoOutput {
    /// A renderer that only measures text (it draws onto a 1×1 image nobody reads): for sizing a figure
    /// before its page exists, with the same metrics as every output format.
    static func measurer(fontFamily: String) -> Renderer {
        let surface = CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1))
        return CairoRenderer(surface: surface, scale: 1, fontFamily: fontFamily, marksGroups: false)
    }

    /// Device pixels for a length in points at `scale` pixels per point: rounded up so nothing is cut, but a
    /// product a rounding error above a whole number stays that number (3 in at 600 dpi is 1800 px, not 1801).
    static func pixelCount(_ points: Double, _ scale: Double) -> Int {
        max(1, Int((points * scale * (1 - 1e-12)).rounded(.up)))
    }

    static func png(width: Double, height: Double, scale: Double, fontFamily: String,
                    draw: (Renderer) -> Void) throws(PlotError) -> [UInt8] {
        let w = Int32(CairoOutput.pixelCount(width, scale)), h = Int32(CairoOutput.pixelCount(height, scale))
        // Opaque RGB24: figures have an opaque background, and a PNG without an alpha channel is a quarter
        // less data to compress. Encoded by `PNGEncoder` (why not cairo's own writer: see there).
        let surface = CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h))
        guard surface.status == CAIRO_STATUS_SUCCESS else { throw PlotError.cairo("image surface: \(describe(surface.status))") }
        do {
            let r = CairoRenderer(surface: surface, scale: scale, fontFamily: fontFamily, marksGroups: false)
            draw(r)
            guard r.status == CAIRO_STATUS_SUCCESS else { throw PlotError.cairo("drawing: \(describe(r.status))") }
        }
        cairo_surface_flush(surface.pointer)
        guard let data = cairo_image_surface_get_data(surface.pointer) else { throw PlotError.cairo("image surface has no pixels") }
        // Pixels per metre for the PNG's pHYs chunk: `scale` pixels per point, 72 points per inch.
        let pixelsPerMetre = Int((scale * 72 / 0.0254).rounded())
        guard let png = PNGEncoder.encodeRGB24(data, width: Int(w), height: Int(h),
                                               stride: Int(cairo_image_surface_get_stride(surface.pointer)),
                                               pixelsPerMetre: pixelsPerMetre) else {
            throw PlotError.cairo("PNG encoding: out of memory")
        }
        return png
    }

    /// Renders into an ARGB32 image and returns its pixels (for tests and probes): row-major, 4 bytes per pixel.
    static func pixels(width: Double, height: Double, scale: Double, fontFamily: String,
                       draw: (Renderer) -> Void) -> (width: Int, height: Int, stride: Int, data: [UInt8]) {
        let w = Int32(CairoOutput.pixelCount(width, scale)), h = Int32(CairoOutput.pixelCount(height, scale))
        let surface = CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h))
        do {
            let r = CairoRenderer(surface: surface, scale: scale, fontFamily: fontFamily, marksGroups: false)
            draw(r)
        }
        cairo_surface_flush(surface.pointer)
        let stride = Int(cairo_image_surface_get_stride(surface.pointer))
        let data = cairo_image_surface_get_data(surface.pointer)!
        let bytes = Array(UnsafeBufferPointer(start: data, count: stride * Int(h)))
        return (Int(w), Int(h), stride, bytes)
    }

    static func svg(width: Double, height: Double, fontFamily: String,
                    draw: (Renderer) -> Void) throws(PlotError) -> (bytes: [UInt8], groups: [String]) {
        let sink = ByteSink()
        var groups: [String] = []
        do {
            let surface = CairoSurface(cairo_svg_surface_create_for_stream(
                ByteSink.write, Unmanaged.passUnretained(sink).toOpaque(), width, height))
            guard surface.status == CAIRO_STATUS_SUCCESS else { throw PlotError.cairo("SVG surface: \(describe(surface.status))") }
            cairo_svg_surface_restrict_to_version(surface.pointer, CAIRO_SVG_VERSION_1_1)
            do {
                let r = CairoRenderer(surface: surface, scale: 1, fontFamily: fontFamily, marksGroups: true)
                draw(r)
                groups = r.groupNames
                guard r.status == CAIRO_STATUS_SUCCESS else { throw PlotError.cairo("drawing: \(describe(r.status))") }
            }
            surface.finish()
            guard surface.status == CAIRO_STATUS_SUCCESS else { throw PlotError.cairo("SVG output: \(describe(surface.status))") }
        }
        return (sink.bytes, groups)
    }

    static func pdf(width: Double, height: Double, fontFamily: String, date: String,
                    draw: (Renderer) -> Void) throws(PlotError) -> [UInt8] {
        let sink = ByteSink()
        do {
            let surface = CairoSurface(cairo_pdf_surface_create_for_stream(
                ByteSink.write, Unmanaged.passUnretained(sink).toOpaque(), width, height))
            guard surface.status == CAIRO_STATUS_SUCCESS else { throw PlotError.cairo("PDF surface: \(describe(surface.status))") }
            cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_CREATE_DATE, date)
            cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_MOD_DATE, date)
            cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_CREATOR, "anomaly-report Plotting")
            do {
                let r = CairoRenderer(surface: surface, scale: 1, fontFamily: fontFamily, marksGroups: false,
                                      cellsAsRectangles: true)
                draw(r)
                guard r.status == CAIRO_STATUS_SUCCESS else { throw PlotError.cairo("drawing: \(describe(r.status))") }
            }
            surface.finish()
            guard surface.status == CAIRO_STATUS_SUCCESS else { throw PlotError.cairo("PDF output: \(describe(surface.status))") }
        }
        return sink.bytes
    }

    static func describe(_ s: cairo_status_t) -> String { String(cString: cairo_status_to_string(s)) }
}

/// Collects the bytes cairo writes to a stream.
final class ByteSink {
    var bytes: [UInt8] = []
    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }
}
