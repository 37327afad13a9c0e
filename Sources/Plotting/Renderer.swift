/// A point in page coordinates: points (1/72 in), origin top-left, y down.
struct Point: Hashable, Sendable {
    var x: Double
    var y: Double
}

/// An axis-aligned rectangle in page coordinates.
struct Rect: Hashable, Sendable {
    var x: Double, y: Double, width: Double, height: Double
    var minX: Double { x }
    var maxX: Double { x + width }
    var minY: Double { y }
    var maxY: Double { y + height }
    func contains(_ p: Point) -> Bool { p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY }
}

/// A vector path: sub-paths of straight segments.
struct Path: Hashable, Sendable {
    enum Element: Hashable, Sendable {
        case move(Point)
        case line(Point)
        case close
    }
    var elements: [Element] = []

    mutating func move(to p: Point) { elements.append(.move(p)) }
    mutating func line(to p: Point) { elements.append(.line(p)) }
    mutating func close() { elements.append(.close) }

    /// An open polyline through `points`.
    static func polyline(_ points: [Point]) -> Path {
        var p = Path()
        p.elements.reserveCapacity(points.count)
        for (i, q) in points.enumerated() { i == 0 ? p.move(to: q) : p.line(to: q) }
        return p
    }

    static func rect(_ r: Rect) -> Path {
        var p = Path()
        p.move(to: Point(x: r.minX, y: r.minY)); p.line(to: Point(x: r.maxX, y: r.minY))
        p.line(to: Point(x: r.maxX, y: r.maxY)); p.line(to: Point(x: r.minX, y: r.maxY)); p.close()
        return p
    }

    mutating func append(_ other: Path) { elements.append(contentsOf: other.elements) }
}

/// How a text is placed relative to its anchor point.
struct TextAnchor: Hashable, Sendable {
    enum Horizontal: Hashable, Sendable { case start, middle, end }
    enum Vertical: Hashable, Sendable { case top, center, baseline, bottom }
    var horizontal: Horizontal
    var vertical: Vertical

    /// Where text measuring `m` starts, relative to the anchor point, in the text's own frame (x along the text,
    /// y down): the pen position that puts the anchor where it was asked for.
    func origin(for m: TextMetrics) -> (dx: Double, dy: Double) {
        let dx: Double
        switch horizontal {
        case .start: dx = 0
        case .middle: dx = -m.width / 2
        case .end: dx = -m.width
        }
        let dy: Double
        switch vertical {
        case .top: dy = m.ascent
        case .center: dy = m.capHeight / 2
        case .baseline: dy = 0
        case .bottom: dy = -m.descent
        }
        return (dx, dy)
    }
}

/// Text extents in points. `ascent`/`descent` are the font's (constant per size), so stacked labels align;
/// `capHeight` is the height of a digit, used to centre numbers on ticks.
struct TextMetrics: Hashable, Sendable {
    var width: Double
    var ascent: Double
    var descent: Double
    var capHeight: Double
    var height: Double { ascent + descent }
}

/// The only drawing interface layout uses (after plotters' backend): paths, fills, strokes, text, text measure,
/// rectangular clips and named groups. A Cairo implementation renders, a recording one backs tests.
protocol Renderer: AnyObject {
    /// Whether heat-map cells and colour bars are drawn as filled rectangles rather than as one image (PDF:
    /// everything vector; see `Figure.drawMark` for why SVG keeps the image).
    var drawsCellsAsRectangles: Bool { get }
    func measure(_ text: String, size: Double) -> TextMetrics
    func fill(_ path: Path, color: Color)
    func stroke(_ path: Path, color: Color, width: Double, dash: [Double])
    /// Draws `text` so that `anchor` of its box sits at `point`; `rotation` in degrees, counter-clockwise.
    func text(_ text: String, at point: Point, size: Double, color: Color, anchor: TextAnchor, rotation: Double)
    /// Draws a grid of `columns × rows` cells stretched over `rect`, without smoothing: `argb` holds one
    /// premultiplied `0xAARRGGBB` per cell, row-major from the top row; alpha 0 leaves a cell empty.
    func image(_ argb: [UInt32], columns: Int, rows: Int, in rect: Rect)
    func pushClip(_ rect: Rect)
    func popClip()
    /// Starts a named group (one per mark): an SVG `<g class=…>` in vector output, nothing in raster output.
    func beginGroup(_ name: String)
    func endGroup()
}

/// A renderer that draws nothing and records every call, with deterministic text metrics
/// (0.6 em per visible character, markup not counted) so layout can be tested without Cairo, or with the
/// metrics of another renderer (`measuringWith:`, e.g. Cairo's fonts) to check a layout as it will be drawn.
final class RecordingRenderer: Renderer {
    private let measurer: Renderer?

    init(measuringWith measurer: Renderer? = nil) { self.measurer = measurer }

    /// Records with the metrics of the installed fonts (Cairo), drawing nothing.
    static func withFontMetrics(_ theme: Theme = .standard) -> RecordingRenderer {
        RecordingRenderer(measuringWith: CairoOutput.measurer(fontFamily: theme.fontFamily))
    }

    enum Call: Hashable {
        case fill(Path, Color)
        case stroke(Path, Color, width: Double, dash: [Double])
        case text(String, Point, size: Double, anchor: TextAnchor, rotation: Double)
        case image(columns: Int, rows: Int, Rect)
        case pushClip(Rect)
        case popClip
        case beginGroup(String)
        case endGroup
    }
    private(set) var calls: [Call] = []
    var drawsCellsAsRectangles = false

    func measure(_ text: String, size: Double) -> TextMetrics {
        if let measurer { return measurer.measure(text, size: size) }
        return TextMetrics(width: 0.6 * size * Double(TextMarkup.plain(text).count), ascent: 0.93 * size, descent: 0.24 * size,
                    capHeight: 0.73 * size)
    }
    func fill(_ path: Path, color: Color) { calls.append(.fill(path, color)) }
    func stroke(_ path: Path, color: Color, width: Double, dash: [Double]) {
        calls.append(.stroke(path, color, width: width, dash: dash))
    }
    func text(_ text: String, at point: Point, size: Double, color: Color, anchor: TextAnchor, rotation: Double) {
        calls.append(.text(text, point, size: size, anchor: anchor, rotation: rotation))
    }
    func image(_ argb: [UInt32], columns: Int, rows: Int, in rect: Rect) { calls.append(.image(columns: columns, rows: rows, rect)) }
    func pushClip(_ rect: Rect) { calls.append(.pushClip(rect)) }
    func popClip() { calls.append(.popClip) }
    func beginGroup(_ name: String) { calls.append(.beginGroup(name)) }
    func endGroup() { calls.append(.endGroup) }

    /// The texts drawn, in order.
    var texts: [String] {
        calls.compactMap { if case .text(let s, _, _, _, _) = $0 { return s } else { return nil } }
    }
}
