import XCTest
import Foundation
@testable import Plotting

private func textBoxes(_ r: RecordingRenderer) -> [FigureAudit.TextBox] { FigureAudit.textBoxes(r) }

private let widthsInInches = [3.0, 3.5, 7.0, 10.0]

final class AdaptiveLayoutTests: XCTestCase {
    // MARK: Helpers

    /// Draws `fig` at `style` and audits it (`FigureAudit`): text inside the page, no two boxes overlapping, none
    /// smaller than the style's font size, frames on the page and readable, at most 1.5 × as tall as wide.
    private func checkText(_ name: String, _ fig: Figure, _ style: FigureStyle, file: StaticString = #filePath, line: UInt = #line) {
        let styled = fig.styled(style)
        let where_ = "\(name) at \(style.width?.description ?? "built width")"
        XCTAssertEqual(styled.width, style.width?.points ?? fig.width, accuracy: 1e-9, where_, file: file, line: line)
        for problem in FigureAudit(styled, fontSize: style.resolvedFontSize).problems {
            XCTFail("\(where_): \(problem)", file: file, line: line)
        }
    }

    // MARK: Text never overlaps, is never cut, never shrinks

    func testCatalogueFiguresFitAtPaperWidthsWithEightPointText() throws {
        for inches in widthsInInches {
            let style = try FigureStyle(width: FigureWidth(points: inches * 72), fontSize: 8)
            for (name, fig) in CatalogueShapes.all() { checkText(name, fig, style) }
        }
    }

    func testCatalogueFiguresFitAtTheColumnPresetWithNineAndTenPointText() throws {
        for size in [9.0, 10.0] {
            let style = try FigureStyle(width: .column, fontSize: size)
            for (name, fig) in CatalogueShapes.all() { checkText(name, fig, style) }
        }
    }

    // MARK: The layout adapts

    func testTickCountFollowsTheAxisLength() throws {
        let fig = CatalogueShapes.scoreTrend()
        let r = RecordingRenderer.withFontMetrics()
        let narrow = fig.styled(try FigureStyle(width: FigureWidth(points: 3 * 72))).layout(using: r).panels[0]
        let broad = fig.styled(try FigureStyle(width: FigureWidth(points: 10 * 72))).layout(using: r).panels[0]
        XCTAssertLessThan(narrow.xTicks.major.count, broad.xTicks.major.count)
    }

    func testPanelsSideBySideAreStackedInAColumnAndKeptSideBySideAcrossThePage() {
        let fig = CatalogueShapes.rocPR()
        let column = fig.styled(FigureStyle.column), page = fig.styled(FigureStyle.page)
        XCTAssertEqual(column.columnCount, 1); XCTAssertEqual(column.rowCount, 2)
        XCTAssertEqual(page.columnCount, 2)
        XCTAssertEqual(column.panels.map(\.title), ["ROC", "precision–recall"])
    }

    func testLegendThatDoesNotFitMovesAboveThePanel() throws {
        var fig = Figure(width: 3 * 72, height: 2.2 * 72)
        let x = (0..<50).map(Double.init)
        fig.panels[0].add(.line(x: x, y: x, label: "a rather long legend entry for a narrow panel"))
        fig.panels[0].add(.line(x: x, y: x.map { 50 - $0 }, label: "another entry"))
        let r = RecordingRenderer.withFontMetrics()
        let pl = fig.layout(using: r).panels[0]
        XCTAssertTrue(pl.legendAbove)
        fig.draw(on: r)
        let entry = try XCTUnwrap(textBoxes(r).first { $0.text.hasPrefix("a rather") })
        XCTAssertLessThanOrEqual(entry.rect.maxY, pl.frame.minY)
        // A legend that fits stays in its corner.
        var small = Figure(width: 7 * 72, height: 3 * 72)
        small.panels[0].add(.line(x: x, y: x.map { sin($0 / 5) }, label: "sine"))
        XCTAssertFalse(small.layout(using: r).panels[0].legendAbove)
    }

    func testLongTitleWrapsThenShortensAtItsEnd() {
        let r = RecordingRenderer.withFontMetrics()
        let fig = CatalogueShapes.scoreTrend().styled(FigureStyle.column)
        let lines = fig.layout(using: r).titleLines
        XCTAssertEqual(lines.count, 2, "\(lines)")
        for line in lines { XCTAssertLessThanOrEqual(r.measure(line, size: fig.theme.titleSize).width, fig.width - 2 * fig.theme.outerMargin) }
        let wide = CatalogueShapes.alphaScan().styled(try! FigureStyle(width: FigureWidth(points: 10 * 72)))
        XCTAssertEqual(wide.layout(using: r).titleLines.count, 1)
    }

    // MARK: Panels that do not fit side by side

    func testThreeMapsBecomeTwoWithOneBeneathSharingAxesAndTheRunAndReferenceColourBar() throws {
        let r = RecordingRenderer.withFontMetrics()
        let column = CatalogueShapes.runMaps().styled(.column)
        XCTAssertEqual([column.rowCount, column.columnCount, column.panels.count], [2, 2, 3])
        XCTAssertEqual(column.panels.map(\.title), ["run x", "reference μ", "pull (x − μ)/σ"])
        let layout = column.layout(using: r).panels
        // The run and the reference share one colour bar (the reference's); the pulls have their own.
        XCTAssertEqual(layout.prefix(3).map { $0.colorbar != nil }, [false, true, true])
        // y tick labels on the left edge, x tick labels under the lowest map of each column.
        XCTAssertEqual(layout.prefix(3).map(\.showYTickLabels), [true, false, true])
        XCTAssertEqual(layout.prefix(3).map(\.showXTickLabels), [false, true, true])
        // Square cells (20 × 20 bins): each frame within a tenth of square.
        for pl in layout.prefix(3) { XCTAssertEqual(pl.frame.height / pl.frame.width, 1, accuracy: 0.1, "\(pl.frame)") }
        // Across a page the three stay in a row.
        let page = CatalogueShapes.runMaps().styled(.page)
        XCTAssertEqual([page.rowCount, page.columnCount], [1, 3])
    }

    func testMapsOfAFlatHistogramAreHalfAsTallAsWideNotSlivers() throws {
        // 40 × 8 bins: square cells would make 5:1 slivers; the frames stop at 1:2 (or at their least height).
        let r = RecordingRenderer.withFontMetrics()
        for inches in widthsInInches {
            let fig = CatalogueShapes.runMaps(nx: 40, ny: 8).styled(try FigureStyle(width: FigureWidth(points: inches * 72)))
            for pl in fig.layout(using: r).panels.prefix(3) {
                let aspect = pl.frame.height / pl.frame.width
                let least = Figure.minimumFrameHeightInFontSizes * fig.theme.fontSize / pl.frame.width
                XCTAssertEqual(aspect, max(0.5, least), accuracy: 0.03, "at \(inches) in, frame \(pl.frame)")
            }
        }
    }

    func testAFigureThatWouldBeTooTallKeepsTwoColumnsInsteadOfStackingFour() throws {
        // Four zoomed panels stacked would be 5.3 in tall at 3.5 in; two by two they fit.
        let zoom = CatalogueShapes.zoom(windows: 4).styled(.column)
        XCTAssertEqual([zoom.rowCount, zoom.columnCount], [2, 2])
        XCTAssertLessThanOrEqual(zoom.height, Figure.maximumHeightToWidth * zoom.width)
        // Three zoomed panels fit stacked (their own x axes, flattened frames).
        let three = CatalogueShapes.zoom(windows: 3).styled(.column)
        XCTAssertEqual([three.rowCount, three.columnCount], [3, 1])
        XCTAssertLessThanOrEqual(three.height, Figure.maximumHeightToWidth * three.width + 0.01)
    }

    func testEveryCatalogueFigureIsAtMostOneAndAHalfTimesAsTallAsWideFromThreeToTenInches() throws {
        for inches in stride(from: 3.0, through: 10.0, by: 0.5) {
            let style = try FigureStyle(width: FigureWidth(points: inches * 72))
            for (name, fig) in CatalogueShapes.all() {
                let s = fig.styled(style)
                XCTAssertLessThanOrEqual(s.height, Figure.maximumHeightToWidth * s.width + 0.01, "\(name) at \(inches) in")
            }
        }
    }

    // MARK: Titles left to the caption

    func testWithoutTitlesNoTitleIsDrawnAndItsRoomGoesToThePanels() throws {
        let r = RecordingRenderer.withFontMetrics()
        let fig = CatalogueShapes.thresholdScan()
        let titled = fig.styled(.column), bare = fig.styled(try FigureStyle(width: .column, titles: false))
        bare.draw(on: r)
        XCTAssertFalse(r.texts.contains { $0.contains("choosing the threshold") })
        XCTAssertTrue(bare.layout(using: r).titleLines.isEmpty)
        // At a width the frames keep their shape and the figure is shorter by the title.
        XCTAssertLessThan(bare.height, titled.height - 10)
        XCTAssertEqual(bare.layout(using: r).panels[0].frame.height, titled.layout(using: r).panels[0].frame.height, accuracy: 0.5)
        // As built, the page keeps its size and the frame grows into the title's room.
        let asBuilt = fig.styled(try FigureStyle(titles: false))
        XCTAssertEqual(asBuilt.height, fig.height)
        XCTAssertGreaterThan(asBuilt.layout(using: r).panels[0].frame.height, fig.layout(using: r).panels[0].frame.height + 10)
        // Panel titles stay: they tell the panels apart.
        XCTAssertEqual(CatalogueShapes.rocPR().styled(try FigureStyle(width: .column, titles: false)).panels.map(\.title),
                       ["ROC", "precision–recall"])
    }

    // MARK: Heights follow the figure's aspect

    func testStyledFigureKeepsItsFrameAspectAndEightPointText() {
        let fig = CatalogueShapes.thresholdScan()
        let r = RecordingRenderer.withFontMetrics()
        let before = fig.layout(using: r).panels[0].frame
        let column = fig.styled(.column)
        let after = column.layout(using: r).panels[0].frame
        XCTAssertEqual(after.height / after.width, before.height / before.width, accuracy: 0.01)
        XCTAssertEqual(column.theme.tickLabelSize, 8)
        XCTAssertEqual(column.width, 252)
    }
}

extension FigureStyle {
    static let column = try! FigureStyle(width: .column)
    static let page = try! FigureStyle(width: .page)
}
