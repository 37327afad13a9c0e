import XCTest
import Foundation
@testable import Plotting

/// A drawn text's box on the page, from the renderer's metrics (the font's ascent and descent, so boxes of
/// stacked lines touch but do not overlap).
private struct TextBox {
    var text: String
    var rect: Rect
    var size: Double
}

private func textBoxes(_ r: RecordingRenderer) -> [TextBox] {
    r.calls.compactMap { call in
        guard case .text(let s, let p, let size, let anchor, let rotation) = call, !s.isEmpty else { return nil }
        let m = r.measure(s, size: size)
        let (x0, baseline) = anchor.origin(for: m)
        // The box in the text's own frame (x along the text, y down), then turned onto the page.
        let tx0 = x0, tx1 = x0 + m.width, ty0 = baseline - m.ascent, ty1 = baseline + m.descent
        let rect = rotation == 0
            ? Rect(x: p.x + tx0, y: p.y + ty0, width: tx1 - tx0, height: ty1 - ty0)
            // 90° counter-clockwise: text x runs up the page, text y to the right.
            : Rect(x: p.x + ty0, y: p.y - tx1, width: ty1 - ty0, height: tx1 - tx0)
        return TextBox(text: s, rect: rect, size: size)
    }
}

private let widthsInInches = [3.0, 3.5, 7.0, 10.0]

final class AdaptiveLayoutTests: XCTestCase {
    // MARK: Helpers

    /// Draws `fig` at `style` through a recording renderer with the installed fonts' metrics and checks the
    /// text: inside the page, no two boxes overlapping, none smaller than the style's font size.
    private func checkText(_ name: String, _ fig: Figure, _ style: FigureStyle, file: StaticString = #filePath, line: UInt = #line) {
        let styled = fig.styled(style)
        let r = RecordingRenderer.withFontMetrics()
        styled.draw(on: r)
        let boxes = textBoxes(r)
        let where_ = "\(name) at \(style.width?.description ?? "built width")"
        XCTAssertFalse(boxes.isEmpty, where_, file: file, line: line)
        XCTAssertEqual(styled.width, style.width?.points ?? fig.width, accuracy: 1e-9, where_, file: file, line: line)
        let tolerance = 0.01
        for b in boxes {
            XCTAssertTrue(b.rect.minX >= -tolerance && b.rect.maxX <= styled.width + tolerance
                          && b.rect.minY >= -tolerance && b.rect.maxY <= styled.height + tolerance,
                          "\(where_): '\(b.text)' \(b.rect) outside the \(styled.width) × \(styled.height) page", file: file, line: line)
            XCTAssertGreaterThanOrEqual(b.size, style.resolvedFontSize - 1e-9, "\(where_): '\(b.text)'", file: file, line: line)
        }
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                let a = boxes[i].rect, b = boxes[j].rect
                let dx = min(a.maxX, b.maxX) - max(a.minX, b.minX), dy = min(a.maxY, b.maxY) - max(a.minY, b.minY)
                XCTAssertFalse(dx > tolerance && dy > tolerance,
                               "\(where_): '\(boxes[i].text)' \(a) overlaps '\(boxes[j].text)' \(b)", file: file, line: line)
            }
        }
        // Plot frames lie on the page and keep a readable height.
        let layout = styled.layout(using: r)
        for pl in layout.panels {
            XCTAssertTrue(pl.frame.minX >= 0 && pl.frame.maxX <= styled.width && pl.frame.minY >= 0 && pl.frame.maxY <= styled.height,
                          "\(where_): frame \(pl.frame)", file: file, line: line)
            XCTAssertGreaterThanOrEqual(pl.frame.height, 2 * style.resolvedFontSize, "\(where_)", file: file, line: line)
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
