import CCairo

/// Where a panel's plotting area lies on the page, in points (origin top-left, y down).
public struct PanelFrame: Sendable, Hashable {
    public var x: Double, y: Double, width: Double, height: Double
}

extension Figure {
    /// The plotting areas of the panels as they are drawn, in row-major order: what an HTML image map over
    /// the figure needs to make its cells clickable. Measured with the same text metrics as every output.
    public func panelFrames() -> [PanelFrame] {
        let surface = CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1))
        let renderer = CairoRenderer(surface: surface, scale: 1, fontFamily: theme.fontFamily, marksGroups: false)
        return layout(using: renderer).panels.map {
            PanelFrame(x: $0.frame.x, y: $0.frame.y, width: $0.frame.width, height: $0.frame.height)
        }
    }
}
