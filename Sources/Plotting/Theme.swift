/// Which side of the axis line tick marks point to.
public enum TickDirection: Sendable, Hashable, Codable { case inward, outward }

/// The one object holding every font, size and colour of a figure. Sizes are in points (1/72 in).
///
/// The defaults are tuned for a 6.5 × 4 in figure and stay readable at a 3.4 in column width.
public struct Theme: Sendable, Hashable, Codable {
    /// Font family; only DejaVu fonts are installed on the build machines.
    public var fontFamily = "DejaVu Sans"
    public var titleSize = 10.0
    public var panelTitleSize = 9.0
    public var labelSize = 9.0
    public var tickLabelSize = 8.0
    public var legendSize = 8.0
    public var annotationSize = 8.0
    /// Axis frame and tick line width.
    public var axisLineWidth = 0.8
    public var majorTickLength = 3.5
    public var minorTickLength = 2.0
    public var tickDirection = TickDirection.inward
    public var minorTicks = true
    /// Draws ticks on all four sides of the frame (mirrored), as is common in physics papers.
    public var mirrorTicks = true
    public var lineWidth = 1.2
    public var markerRadius = 1.8
    /// Space between text and the thing it labels.
    public var padding = 3.5
    /// Space around the whole figure.
    public var outerMargin = 4.0
    public var foreground = Color(hex: 0x000000)
    public var background = Color.white
    public var spanColor = Color(hex: 0x000000, alpha: 0.10)
    public var ruleColor = Color(hex: 0x444444)
    public var palette = Palette.okabeIto
    /// Opacity used for band fills when the colour given is opaque.
    public var bandOpacity = 0.25

    public init() {}

    /// The default theme.
    public static let standard = Theme()
}
