/// The value range a heat map's colours span.
public enum ColorRange: Sendable, Hashable, Codable {
    /// Minimum to maximum of the finite values.
    case auto
    /// −m…+m with m the largest finite |value|: zero sits at the centre of a diverging map.
    case symmetric
    /// A fixed range; values outside are clipped to the end colours.
    case fixed(Double, Double)
    /// A fixed symmetric range −m…+m (e.g. pulls clipped at ±5).
    case symmetricClipped(Double)
}

/// One layer of a panel. Build marks with the static functions (`.line(x:y:)`, `.band(…)`, …);
/// a `nil` colour takes the next colour of the theme's palette.
public struct Mark: Sendable, Hashable, Codable {
    enum Kind: Sendable, Hashable, Codable {
        case line(x: [Double], y: [Double], width: Double?, dashed: Bool)
        case scatter(x: [Double], y: [Double], radius: Double?)
        case band(x: [Double], lower: [Double], upper: [Double])
        case stepBand(edges: [Double], lower: [Double], upper: [Double])
        case stairs(edges: [Double], values: [Double], errors: [Double]?, width: Double?)
        case bars(x: [Double], heights: [Double], width: Double?)
        case span(from: Double, to: Double)
        case hRule(y: Double, dashed: Bool)
        case vRule(x: Double, dashed: Bool)
        case text(String, x: Double, y: Double)
        case heatmap(values: [[Double]], xEdges: [Double], yEdges: [Double], colorMap: ColorMap,
                     range: ColorRange, colorbarLabel: String)
    }
    var kind: Kind
    /// Legend text; marks without a label do not appear in the legend.
    public var label: String?
    public var color: Color?

    /// A polyline through (x, y); non-finite values break the line. Decimated per pixel column when long.
    public static func line(x: [Double], y: [Double], label: String? = nil, color: Color? = nil,
                            width: Double? = nil, dashed: Bool = false) -> Mark {
        Mark(kind: .line(x: x, y: y, width: width, dashed: dashed), label: label, color: color)
    }
    /// Filled circles at (x, y); non-finite points are skipped.
    public static func scatter(x: [Double], y: [Double], label: String? = nil, color: Color? = nil,
                               radius: Double? = nil) -> Mark {
        Mark(kind: .scatter(x: x, y: y, radius: radius), label: label, color: color)
    }
    /// The area between `lower` and `upper` over `x` (e.g. mean ± 2σ); a non-finite bound splits the band.
    public static func band(x: [Double], lower: [Double], upper: [Double], label: String? = nil,
                            color: Color? = nil) -> Mark {
        Mark(kind: .band(x: x, lower: lower, upper: upper), label: label, color: color)
    }
    /// A band over bins: the area between `lower[i]` and `upper[i]` over `edges[i]…edges[i+1]` (so
    /// `edges.count == lower.count + 1`), flat across each bin as `stairs` draws a histogram (matplotlib's
    /// `fill_between(…, step="post")`): a reference histogram's μ ± σ band, or a metric that holds between the
    /// thresholds where it changes. A non-finite bound leaves its bin empty.
    public static func stepBand(edges: [Double], lower: [Double], upper: [Double], label: String? = nil,
                                color: Color? = nil) -> Mark {
        Mark(kind: .stepBand(edges: edges, lower: lower, upper: upper), label: label, color: color)
    }
    /// A histogram outline: `values[i]` over `edges[i]…edges[i+1]` (so `edges.count == values.count + 1`),
    /// with optional ±`errors[i]` bars at the bin centres; `width` in points (default: the theme's line width).
    public static func stairs(edges: [Double], values: [Double], errors: [Double]? = nil, label: String? = nil,
                              color: Color? = nil, width: Double? = nil) -> Mark {
        Mark(kind: .stairs(edges: edges, values: values, errors: errors, width: width), label: label, color: color)
    }
    /// Vertical bars from 0 to `heights[i]` centred on `x[i]`; `width` in data units (default 80 % of the spacing).
    public static func bars(x: [Double], heights: [Double], width: Double? = nil, label: String? = nil,
                            color: Color? = nil) -> Mark {
        Mark(kind: .bars(x: x, heights: heights, width: width), label: label, color: color)
    }
    /// A shaded vertical strip over the x interval `from…to` (e.g. a true anomaly or the historical region).
    public static func span(from: Double, to: Double, label: String? = nil, color: Color? = nil) -> Mark {
        Mark(kind: .span(from: from, to: to), label: label, color: color)
    }
    /// A horizontal line across the panel at `y` (e.g. a threshold).
    public static func hRule(y: Double, dashed: Bool = true, label: String? = nil, color: Color? = nil) -> Mark {
        Mark(kind: .hRule(y: y, dashed: dashed), label: label, color: color)
    }
    /// A vertical line across the panel at `x`.
    public static func vRule(x: Double, dashed: Bool = true, label: String? = nil, color: Color? = nil) -> Mark {
        Mark(kind: .vRule(x: x, dashed: dashed), label: label, color: color)
    }
    /// A text annotation whose left baseline sits at the data point (x, y).
    public static func text(_ text: String, x: Double, y: Double, color: Color? = nil) -> Mark {
        Mark(kind: .text(text, x: x, y: y), label: nil, color: color)
    }
    /// A heat map: `values[j][i]` fills the cell `xEdges[i]…xEdges[i+1]` × `yEdges[j]…yEdges[j+1]`
    /// (rows are y). Non-finite cells stay empty. A colour bar is drawn right of the panel.
    public static func heatmap(_ values: [[Double]], xEdges: [Double], yEdges: [Double],
                               colorMap: ColorMap = .viridis, range: ColorRange = .auto,
                               colorbarLabel: String = "") -> Mark {
        Mark(kind: .heatmap(values: values, xEdges: xEdges, yEdges: yEdges, colorMap: colorMap, range: range,
                            colorbarLabel: colorbarLabel), label: nil, color: nil)
    }

    /// A CSS-friendly name of the mark kind (used as the SVG group class).
    var kindName: String {
        switch kind {
        case .line: "line"
        case .scatter: "scatter"
        case .band: "band"
        case .stepBand: "step-band"
        case .stairs: "stairs"
        case .bars: "bars"
        case .span: "span"
        case .hRule: "hrule"
        case .vRule: "vrule"
        case .text: "text"
        case .heatmap: "heatmap"
        }
    }

    /// Whether the mark fills an area between two bounds (drawn at the theme's band opacity).
    var isBand: Bool {
        switch kind {
        case .band, .stepBand: true
        default: false
        }
    }

    /// Whether the mark takes a palette colour when none is given.
    var usesPalette: Bool {
        switch kind {
        case .line, .scatter, .band, .stepBand, .stairs, .bars: true
        default: false
        }
    }
}
