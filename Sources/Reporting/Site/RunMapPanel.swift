import Plotting

/// The layout the overview's maps share (`SummaryMap`, `SystemMap`): one heat map over categories — runs as
/// columns, left to right, and labelled rows, top to bottom, one cell each — and the image-map areas that make
/// its run columns links.
enum RunMapPanel {
    /// A panel drawing `values[j][c]` (row j counted from the bottom, as a heat map draws) over `runs` × `rows`
    /// (`rows` top to bottom, shortened in the middle when long), without a legend.
    static func panel(_ values: [[Double]], runs: [String], rows: [String], colorMap: ColorMap, range: ColorRange,
                      colorbarLabel: String) -> Panel {
        var p = Panel()
        p.xLabel = "run"
        p.xRange = 0...Double(runs.count)
        p.yRange = 0...Double(rows.count)
        p.xCategories = runs
        p.yCategories = rows.reversed().map { SummaryMap.elided($0) }
        p.legend = .none
        p.add(.heatmap(values, xEdges: (0...runs.count).map(Double.init), yEdges: (0...rows.count).map(Double.init),
                       colorMap: colorMap, range: range, colorbarLabel: colorbarLabel))
        return p
    }

    /// Image-map coordinates of a rectangle given in points, as the displayed image's CSS pixels (points × 4/3).
    static func coords(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> String {
        [x0, y0, x1, y1].map { String(Int(($0 * 4 / 3).rounded())) }.joined(separator: ",")
    }

    /// An area over each run's column inside `frame` (the map's panel) that has a page, linking to it.
    static func runAreas(_ runs: [String], in frame: PanelFrame, runHref: (String) -> String?) -> [OverviewPage.MapArea] {
        let columnWidth = frame.width / Double(runs.count)
        return runs.enumerated().compactMap { j, run in
            guard let href = runHref(run) else { return nil }
            let left = frame.x + Double(j) * columnWidth
            return OverviewPage.MapArea(coords: coords(left, frame.y, left + columnWidth, frame.y + frame.height),
                                        href: href, title: "run \(run)")
        }
    }
}
