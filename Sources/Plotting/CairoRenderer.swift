import CCairo
import Foundation

/// Applies the layout font options: unhinted metrics so PNG, SVG and PDF measure text identically.
private func applyFontOptions(_ cr: UnsafeMutablePointer<cairo_t>, family: String) {
    let options = cairo_font_options_create()
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
    cairo_set_font_options(cr, options)
    cairo_font_options_destroy(options)
    cairo_select_font_face(cr, family, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
}

/// The Cairo implementation of `Renderer`. Text is measured on a separate 1×1 image context with the same
/// font options (as matplotlib does), so the layout does not depend on the output format.
final class CairoRenderer: Renderer {
    private let surface: CairoSurface
    private let context: CairoContext
    private let measureSurface: CairoSurface
    private let measureContext: CairoContext
    private let family: String
    /// When true, groups are marked with sentinel rectangles that the SVG post-processor turns into `<g>`.
    private let marksGroups: Bool
    private(set) var groupNames: [String] = []
    private var metricsCache: [String: TextMetrics] = [:]
    let drawsCellsAsRectangles: Bool

    static let sentinelBegin = Rect(x: 0.5, y: 0.5, width: 0.25, height: 0.25)
    static let sentinelEnd = Rect(x: 0.25, y: 0.25, width: 0.25, height: 0.25)
    static let sentinelColor = Color(red: 1, green: 0, blue: 1, alpha: 0.5)

    init(surface: CairoSurface, scale: Double, fontFamily: String, marksGroups: Bool, cellsAsRectangles: Bool = false) {
        self.surface = surface
        drawsCellsAsRectangles = cellsAsRectangles
        context = CairoContext(surface: surface)
        measureSurface = CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1))
        measureContext = CairoContext(surface: measureSurface)
        family = fontFamily
        self.marksGroups = marksGroups
        applyFontOptions(context.pointer, family: family)
        applyFontOptions(measureContext.pointer, family: family)
        cairo_scale(context.pointer, scale, scale)
        cairo_set_line_join(context.pointer, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(context.pointer, CAIRO_LINE_CAP_BUTT)
    }

    private var cr: UnsafeMutablePointer<cairo_t> { context.pointer }

    private func setColor(_ c: Color) { cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha) }

    private func build(_ path: Path) {
        cairo_new_path(cr)
        for e in path.elements {
            switch e {
            case .move(let p): cairo_move_to(cr, p.x, p.y)
            case .line(let p): cairo_line_to(cr, p.x, p.y)
            case .close: cairo_close_path(cr)
            }
        }
    }

    /// Text extents; markup (`TextMarkup`) counts the width of each run at its own size. Ascent and descent stay
    /// the font's, so labels with and without scripts stack alike.
    func measure(_ text: String, size: Double) -> TextMetrics {
        let key = "\(size)|\(text)"
        if let m = metricsCache[key] { return m }
        let mc = measureContext.pointer
        cairo_set_font_size(mc, size)
        var fe = cairo_font_extents_t()
        cairo_font_extents(mc, &fe)
        var width = 0.0
        for run in Self.runs(text) {
            cairo_set_font_size(mc, run.position == .normal ? size : size * TextMarkup.scriptScale)
            var te = cairo_text_extents_t()
            cairo_text_extents(mc, run.text, &te)
            width += te.x_advance
        }
        cairo_set_font_size(mc, size)
        var digit = cairo_text_extents_t()
        cairo_text_extents(mc, "0", &digit)
        let m = TextMetrics(width: width, ascent: fe.ascent, descent: fe.descent, capHeight: digit.height)
        metricsCache[key] = m
        return m
    }

    /// The runs of a label: one plain run unless it holds markup.
    private static func runs(_ text: String) -> [TextMarkup.Run] {
        TextMarkup.hasMarkup(text) ? TextMarkup.runs(text) : [TextMarkup.Run(text: text, position: .normal)]
    }

    func fill(_ path: Path, color: Color) {
        build(path)
        setColor(color)
        cairo_fill(cr)
    }

    func stroke(_ path: Path, color: Color, width: Double, dash: [Double]) {
        build(path)
        setColor(color)
        cairo_set_line_width(cr, width)
        cairo_set_dash(cr, dash, Int32(dash.count), 0)
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }

    func text(_ text: String, at point: Point, size: Double, color: Color, anchor: TextAnchor, rotation: Double) {
        guard !text.isEmpty else { return }
        let m = measure(text, size: size)
        cairo_save(cr)
        cairo_set_font_size(cr, size)
        cairo_translate(cr, point.x, point.y)
        if rotation != 0 { cairo_rotate(cr, -rotation * .pi / 180) }
        let (dx, dy) = anchor.origin(for: m)
        cairo_move_to(cr, dx, dy)
        setColor(color)
        // Each run continues from where the previous one ended (show_text advances the current point);
        // scripts are smaller and shifted off the baseline, then the baseline is restored.
        for run in Self.runs(text) {
            let shift: Double
            switch run.position {
            case .normal: shift = 0
            case .subscript: shift = TextMarkup.subscriptDrop * size
            case .superscript: shift = -TextMarkup.superscriptRise * size
            }
            cairo_set_font_size(cr, run.position == .normal ? size : size * TextMarkup.scriptScale)
            if shift != 0 { cairo_rel_move_to(cr, 0, shift) }
            cairo_show_text(cr, run.text)
            if shift != 0 { cairo_rel_move_to(cr, 0, -shift) }
        }
        cairo_new_path(cr)
        cairo_restore(cr)
    }

    /// The grid becomes a `columns × rows` ARGB32 image, scaled onto `rect` with nearest-neighbour filtering:
    /// exact cell edges at any zoom in PNG (and PDF, `/Interpolate false`, though PDF draws cells as
    /// rectangles), and in SVG one embedded PNG that the SVG post-processor marks `image-rendering: pixelated`
    /// — far smaller than one rectangle per cell.
    func image(_ argb: [UInt32], columns: Int, rows: Int, in rect: Rect) {
        guard columns > 0, rows > 0, columns <= 32_767, rows <= 32_767, argb.count == columns * rows,
              rect.width > 0, rect.height > 0 else { return }
        let surface = CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(columns), Int32(rows)))
        let image = surface.pointer
        guard surface.status == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(image) else { return }
        cairo_surface_flush(image)
        let stride = Int(cairo_image_surface_get_stride(image))
        argb.withUnsafeBufferPointer { cells in
            data.withMemoryRebound(to: UInt32.self, capacity: stride / 4 * rows) { words in
                for y in 0..<rows {
                    for x in 0..<columns { words[y * (stride / 4) + x] = cells[y * columns + x] }
                }
            }
        }
        cairo_surface_mark_dirty(image)
        cairo_save(cr)
        cairo_translate(cr, rect.x, rect.y)
        cairo_scale(cr, rect.width / Double(columns), rect.height / Double(rows))
        cairo_set_source_surface(cr, image, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST)
        cairo_new_path(cr)
        cairo_rectangle(cr, 0, 0, Double(columns), Double(rows))
        cairo_fill(cr)
        cairo_restore(cr)
    }

    func pushClip(_ rect: Rect) {
        cairo_save(cr)
        cairo_new_path(cr)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(cr)
    }

    func popClip() { cairo_restore(cr) }

    func beginGroup(_ name: String) {
        guard marksGroups else { return }
        groupNames.append(name)
        fill(.rect(CairoRenderer.sentinelBegin), color: CairoRenderer.sentinelColor)
    }

    func endGroup() {
        guard marksGroups else { return }
        fill(.rect(CairoRenderer.sentinelEnd), color: CairoRenderer.sentinelColor)
    }

    var status: cairo_status_t { cairo_status(cr) }
}
