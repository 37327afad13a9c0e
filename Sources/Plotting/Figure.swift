import Foundation

/// Where a panel's legend goes.
public enum LegendPlacement: Sendable, Hashable, Codable {
    /// The corner hiding the fewest data points (ties: upper right, upper left, lower left, lower right); when
    /// every corner hides some on a linear y axis, the axis is extended upward to make room (at most half of
    /// the panel), keeping the whole requested range.
    case auto
    case upperRight, upperLeft, lowerLeft, lowerRight
    /// Above the panel, outside its frame, entries side by side in as many rows as the panel's width needs.
    /// Automatic and corner legends move here when they do not fit inside the frame or would hide data.
    case above
    /// No legend.
    case none
}

/// One set of axes with its marks.
public struct Panel: Sendable, Hashable {
    public var title = ""
    public var xLabel = ""
    public var yLabel = ""
    public var xScale = Scale.linear
    public var yScale = Scale.linear
    /// Fixed axis ranges; `nil` fits the data (non-finite values ignored).
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    public var legend = LegendPlacement.auto
    /// Names of the cells 0…n along x (or y), shown at the cell centres instead of numeric ticks, e.g. the
    /// runs and histograms of a summary map; the axis range should then be 0…n.
    public var xCategories: [String]?
    public var yCategories: [String]?
    /// x values are seconds since 1970-01-01 UTC: ticks on round calendar instants, labelled as dates and
    /// clock times (`Figure+TimeAxis.swift`).
    public var xIsTime = false
    /// x values are whole numbers such as run numbers: ticks that fall on whole numbers are labelled in full
    /// (300200), never with a common factor or offset (3.002 ×10⁵).
    public var xIntegers = false
    public private(set) var marks: [Mark] = []

    public init() {}

    /// Adds a mark on top of those already added.
    public mutating func add(_ mark: Mark) { marks.append(mark) }
}

/// A figure: a page of panels laid out in points (1/72 in), rendered to PNG, SVG or PDF.
///
/// ```swift
/// var fig = Figure(width: 6.5 * 72, height: 4 * 72, title: "Score trend")
/// fig.rows(heightRatios: [3, 1], sharedX: true)
/// fig.panels[0].add(.line(x: t, y: y, label: "series"))
/// try fig.write(to: url, format: .png(scale: 2))
/// ```
public struct Figure: Sendable, Hashable {
    public var width: Double
    public var height: Double
    public var title: String
    public var theme: Theme
    /// Panels in row-major order.
    public var panels: [Panel]
    public private(set) var rowCount = 1
    public private(set) var columnCount = 1
    public private(set) var heightRatios: [Double] = [1]
    /// When true, panels in a column share one x range and only the lowest panel of each column shows x tick
    /// labels and the x label.
    public private(set) var sharedX = false
    /// When true, panels in a row share one y range and only the first column shows y tick labels and the y
    /// label: maps of the same histogram side by side, say. Kept when `styled(_:)` rearranges the grid.
    public private(set) var sharedY = false

    /// A one-panel figure; `width` and `height` in points.
    public init(width: Double = 6.5 * 72, height: Double = 4 * 72, title: String = "", theme: Theme = .standard) {
        self.width = width; self.height = height; self.title = title; self.theme = theme
        panels = [Panel()]
    }

    /// Stacks `heightRatios.count` panels vertically with those relative heights (e.g. `[3, 1]`).
    public mutating func rows(heightRatios: [Double], sharedX: Bool = true) {
        let ratios = heightRatios.isEmpty ? [1] : heightRatios.map { $0 > 0 && $0.isFinite ? $0 : 1 }
        grid(rows: ratios.count, columns: 1, sharedX: sharedX, sharedY: false)
        self.heightRatios = ratios
    }

    /// A grid of equally sized panels in row-major order. The last row may hold fewer panels than `columns`
    /// (remove the extra ones from `panels`): its empty cells stay blank.
    public mutating func grid(rows: Int, columns: Int, sharedX: Bool = false, sharedY: Bool = false) {
        rowCount = max(1, rows); columnCount = max(1, columns)
        heightRatios = Array(repeating: 1, count: rowCount)
        self.sharedX = sharedX
        self.sharedY = sharedY
        let n = rowCount * columnCount
        if panels.count < n { panels += Array(repeating: Panel(), count: n - panels.count) }
        if panels.count > n { panels.removeLast(panels.count - n) }
    }
}

/// A figure file's format: PNG and SVG for screens, PDF for papers.
public enum FigureFormat: String, Sendable, CaseIterable, Comparable, Codable {
    case png, svg, pdf
    public static func < (a: FigureFormat, b: FigureFormat) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// What to render: a `FigureFormat` with the parameters its renderer needs.
public enum RenderTarget: Sendable, Hashable {
    /// A raster image, `scale` device pixels per point (2 gives crisp screen figures).
    case png(scale: Double = 2)
    /// Vector SVG; every internal id (glyphs, clips, patterns) gets `idPrefix` so several figures can be
    /// inlined in one HTML page. An empty prefix keeps cairo's ids.
    case svg(idPrefix: String = "fig")
    /// Vector PDF with fonts embedded, dated `creationDate` (seconds since 1970, e.g. the caller's
    /// `SOURCE_DATE_EPOCH`): the same figure and date give the same bytes. Plotting reads no environment.
    case pdf(creationDate: Int)

    public static var png: RenderTarget { .png(scale: 2) }
    /// PDF dated 2020-01-01T00:00:00Z, a fixed date, so output is byte-stable when the caller names none.
    public static var pdf: RenderTarget { .pdf(creationDate: 1_577_836_800) }

    /// The file format rendered.
    public var format: FigureFormat {
        switch self {
        case .png: return .png
        case .svg: return .svg
        case .pdf: return .pdf
        }
    }
}

/// Errors thrown by rendering and writing.
public enum PlotError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file could not be written.
    case unwritable(path: String, reason: String)
    /// Cairo reported an error.
    case cairo(String)
    /// The figure size is not positive and finite.
    case invalidSize(width: Double, height: Double)

    public var description: String {
        switch self {
        case .unwritable(let path, let reason): "cannot write figure to \(path): \(reason)"
        case .cairo(let message): "cairo error: \(message)"
        case .invalidSize(let w, let h): "invalid figure size \(w) × \(h) pt"
        }
    }
}
