import XCTest
@testable import Plotting

/// Heat maps: a regular grid is one unsmoothed image (a pixel per cell), anything else rectangles.
final class HeatmapTests: XCTestCase {
    private func heatmap(_ values: [[Double]], xEdges: [Double], yEdges: [Double], yScale: Scale = .linear) -> Figure {
        var fig = Figure(width: 300, height: 200)
        fig.panels[0].add(.heatmap(values, xEdges: xEdges, yEdges: yEdges, colorbarLabel: "σ_{μ}"))
        fig.panels[0].yScale = yScale
        return fig
    }

    /// The images drawn inside the heat map's group (the colour bar, an image too, is outside it).
    private func images(_ fig: Figure) -> [(columns: Int, rows: Int, rect: Rect)] {
        let r = RecordingRenderer()
        fig.draw(on: r)
        var inHeatmap = false
        var found: [(Int, Int, Rect)] = []
        for call in r.calls {
            switch call {
            case .beginGroup(let name): inHeatmap = name.hasPrefix("heatmap")
            case .endGroup: inHeatmap = false
            case .image(let c, let n, let rect) where inHeatmap: found.append((c, n, rect))
            default: break
            }
        }
        return found
    }

    func testColourBarIsOneImageOf256Steps() {
        let r = RecordingRenderer()
        heatmap([[1, 2]], xEdges: [0, 1, 3], yEdges: [0, 1]).draw(on: r)
        let bars = r.calls.filter { if case .image(1, 256, _) = $0 { true } else { false } }
        XCTAssertEqual(bars.count, 1)
    }

    // MARK: which path

    func testRegularGridIsOneImageWithAPixelPerCell() {
        let fig = heatmap([[1, 2, 3], [4, 5, 6]], xEdges: [0, 1, 2, 3], yEdges: [10, 20, 30])
        let drawn = images(fig)
        XCTAssertEqual(drawn.count, 1)
        XCTAssertEqual(drawn.first?.columns, 3)
        XCTAssertEqual(drawn.first?.rows, 2)
    }

    func testUnequalBinsAndLogAxesAreOneImageSampledFinerThanTheCells() {
        // Unequal on the page: the unequal axis is sampled four times a point, the equal one a pixel per cell.
        let unequal = images(heatmap([[1, 2]], xEdges: [0, 1, 3], yEdges: [0, 1]))
        XCTAssertEqual(unequal.count, 1, "unequal x bins")
        XCTAssertGreaterThan(unequal.first?.columns ?? 0, 100)
        XCTAssertEqual(unequal.first?.rows, 1)
        let log = images(heatmap([[1], [2]], xEdges: [0, 1], yEdges: [1, 2, 3], yScale: .log))
        XCTAssertEqual(log.count, 1, "equal bins on a log axis are unequal on the page")
        XCTAssertEqual(log.first?.columns, 1)
        XCTAssertGreaterThan(log.first?.rows ?? 0, 100)
    }

    func testUniformityAllowsRoundingButNotRealSteps() {
        XCTAssertTrue(Figure.isUniform([0, 0.1, 0.2, 0.30000000000000004]))
        XCTAssertFalse(Figure.isUniform([0, 1, 2.01]))
        XCTAssertFalse(Figure.isUniform([0, .nan, 2]))
        XCTAssertFalse(Figure.isUniform([1]))
    }

    // MARK: pixels

    func testEachCellHasItsColourAndTheFirstRowIsAtTheBottom() {
        // Row 0 (lower y) holds the minimum (viridis' dark purple), row 1 the maximum (yellow).
        let fig = heatmap([[0, 0], [1, 1]], xEdges: [0, 1, 2], yEdges: [0, 1, 2])
        var pl: PanelLayout?
        let img = CairoOutput.pixels(width: fig.width, height: fig.height, scale: 2, fontFamily: "DejaVu Sans") { r in
            pl = fig.layout(using: r).panels[0]
            fig.draw(on: r)
        }
        func rgb(_ x: Double, _ y: Double) -> (Int, Int, Int) {
            let o = Int(pl!.py(y) * 2) * img.stride + Int(pl!.px(x) * 2) * 4
            return (Int(img.data[o + 2]), Int(img.data[o + 1]), Int(img.data[o]))
        }
        let low = rgb(0.5, 0.5), high = rgb(1.5, 1.5)
        XCTAssertLessThan(low.1, 40, "viridis starts dark: \(low)")
        XCTAssertGreaterThan(high.0, 200, "viridis ends yellow: \(high)")
        XCTAssertGreaterThan(high.1, 200)
    }

    // MARK: SVG

    func testSVGEmbedsOneUnsmoothedImageAndStaysSmall() throws {
        let values = (0..<100).map { j in (0..<250).map { i in sin(Double(i) / 9) * cos(Double(j) / 7) } }
        let fig = heatmap(values, xEdges: (0...250).map(Double.init), yEdges: (0...100).map(Double.init))
        let svg = String(decoding: try fig.render(.svg(idPrefix: "h")), as: UTF8.self)
        XCTAssertEqual(svg.components(separatedBy: "<image ").count - 1, 2, "the heat map and its colour bar")
        XCTAssertTrue(svg.contains("style=\"image-rendering:pixelated\""))
        XCTAssertTrue(svg.contains("id=\"h-image0\""), "image ids numbered per file")
        XCTAssertTrue(svg.contains("class=\"heatmap panel0\""))
        XCTAssertLessThan(svg.utf8.count, 300_000, "25,000 cells as rectangles would be several MB")
    }

    func testHeatmapOutputIsByteIdenticalAcrossRenders() throws {
        // cairo numbers image surfaces per process; the SVG must not show it.
        let fig = heatmap([[1, 2], [3, 4]], xEdges: [0, 1, 2], yEdges: [0, 1, 2])
        for f in [RenderTarget.png(scale: 2), .svg(idPrefix: "a"), .svg(idPrefix: ""), .pdf] {
            XCTAssertTrue(try fig.render(f) == fig.render(f), "\(f)")
        }
    }
}
