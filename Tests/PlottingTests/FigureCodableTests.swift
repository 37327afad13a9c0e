import XCTest
import Foundation
@testable import Plotting

final class FigureCodableTests: XCTestCase {
    // MARK: Round trips

    func testEveryCatalogueFigureSurvivesTheSpecUnchanged() throws {
        for (name, figure) in CatalogueShapes.all() {
            let data = try FigureSpec(figure: figure).encoded()
            let again = try FigureSpec(decoding: data)
            XCTAssertEqual(again.figure, figure, name)
            XCTAssertEqual(try again.encoded(), data, "\(name): re-encoding gives the same bytes")
        }
    }

    func testADecodedFigureDrawsTheSameBytesInEveryFormat() throws {
        var fig = CatalogueShapes.stackedScores()
        fig.panels[0].add(.line(x: [0, 1, 2, 3], y: [1, .nan, .infinity, -.infinity], label: "gaps", dashed: true))
        let again = try FigureSpec(decoding: try FigureSpec(figure: fig).encoded()).figure
        for format in [RenderTarget.png(scale: 300.0 / 72), .svg(idPrefix: "x-"), .pdf] {
            XCTAssertEqual(try again.render(format), try fig.render(format), "\(format)")
        }
    }

    /// A time axis survives the spec, so `anomaly-report figure` redraws dates at any width (not epoch seconds
    /// scaled as "×10⁶ + 1.63×10⁹"); a panel without one writes no key, so other specs keep their bytes.
    func testATimeAxisIsKeptAndRedrawsAsDatesAtAnotherWidth() throws {
        var fig = Figure(width: 6.5 * 72, height: 200)
        let x = (0..<600).map { 1_633_046_400 + Double($0) * 300 }
        fig.panels[0].xIsTime = true
        fig.panels[0].add(.line(x: x, y: x.map { sin($0 / 3600) }))
        let data = try FigureSpec(figure: fig).encoded()
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("\"xIsTime\":true"))
        let again = try FigureSpec(decoding: data).figure
        XCTAssertEqual(again, fig)
        let narrow = again.styled(try FigureStyle(width: .column))
        let ticks = narrow.layout(using: RecordingRenderer.withFontMetrics()).panels[0].xTicks
        XCTAssertEqual(ticks.annotation, "2021 UTC", "\(ticks.labels)")
        XCTAssertFalse(ticks.labels.contains { $0.contains("×") })
        var plain = Figure(width: 200, height: 100)
        plain.panels[0].add(.line(x: [0, 1], y: [0, 1]))
        XCTAssertFalse(String(decoding: try FigureSpec(figure: plain).encoded(), as: UTF8.self).contains("xIsTime"))
    }

    func testNonFiniteValuesAreKeptAsStrings() throws {
        var fig = Figure(width: 200, height: 100)
        fig.panels[0].add(.line(x: [0, 1, 2], y: [1, .nan, -.infinity]))
        let data = try FigureSpec(figure: fig).encoded()
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"nan\"") && text.contains("\"-inf\""), text)
        guard case .line(_, let y, _, _) = try FigureSpec(decoding: data).figure.panels[0].marks[0].kind else {
            return XCTFail("expected a line")
        }
        XCTAssertEqual(y[0], 1)
        XCTAssertTrue(y[1].isNaN)
        XCTAssertEqual(y[2], -.infinity)
    }

    func testTheGridThemeAndStyleAreKept() throws {
        var fig = Figure(width: 300, height: 200, title: "grid")
        fig.grid(rows: 2, columns: 2, sharedX: true)
        fig.theme.palette = [.red, .blue]
        fig.panels[3].xRange = -1...2
        fig.panels[3].legend = .above
        fig.panels[3].yScale = .log
        fig.panels[3].add(.heatmap([[1, 2], [3, 4]], xEdges: [0, 1, 2], yEdges: [0, 1, 2], colorMap: .diverging,
                                   range: .symmetricClipped(5), colorbarLabel: "pull"))
        let style = try FigureStyle(width: .column, fontSize: 9)
        let again = try FigureSpec(decoding: try FigureSpec(figure: fig, style: style).encoded())
        XCTAssertEqual(again.figure, fig)
        XCTAssertEqual(again.figure.rowCount, 2)
        XCTAssertEqual(again.figure.columnCount, 2)
        XCTAssertTrue(again.figure.sharedX)
        XCTAssertEqual(again.style, style)
        XCTAssertEqual(again.style.width?.preset, .column)
        XCTAssertEqual(again.styledFigure, fig.styled(style))
        var rows = Figure()
        rows.rows(heightRatios: [3, 1])
        XCTAssertEqual(try FigureSpec(decoding: try FigureSpec(figure: rows).encoded()).figure.heightRatios, [3, 1])
    }

    func testSharedYAnIncompleteLastRowAndNoTitlesAreKept() throws {
        var fig = Figure(width: 300, height: 200, title: "maps")
        fig.grid(rows: 2, columns: 2, sharedX: true, sharedY: true)
        fig.panels.removeLast()
        let style = try FigureStyle(width: .column, titles: false)
        let again = try FigureSpec(decoding: try FigureSpec(figure: fig, style: style).encoded())
        XCTAssertEqual(again.figure, fig)
        XCTAssertTrue(again.figure.sharedY)
        XCTAssertEqual(again.figure.panels.count, 3)
        XCTAssertEqual(again.style.titles, false)
        XCTAssertEqual(again.styledFigure.title, "")
        // A grid may lack cells of its last row only.
        let json = #"{"version":1,"style":{},"figure":{"width":10,"height":10,"rows":2,"columns":2,"panels":[{"marks":[]}]}}"#
        XCTAssertThrowsError(try FigureSpec(decoding: Data(json.utf8))) {
            XCTAssertTrue("\($0)".contains("needs 3 to 4 panels, found 1"), "\($0)")
        }
    }

    func testATimeAxisIsKept() throws {
        var fig = Figure(width: 400, height: 200)
        fig.panels[0].xIsTime = true
        fig.panels[0].add(.line(x: [1_700_000_000, 1_700_086_400, 1_700_172_800], y: [1, 3, 2]))
        let again = try FigureSpec(decoding: try FigureSpec(figure: fig).encoded()).figure
        XCTAssertTrue(again.panels[0].xIsTime)
        XCTAssertEqual(try again.render(.svg(idPrefix: "t-")), try fig.render(.svg(idPrefix: "t-")), "dates on the axis, not seconds")
    }

    func testAnExactWidthKeepsItsPoints() throws {
        let style = try FigureStyle(width: try FigureWidth(parsing: "8.9cm"), dpi: 600)
        let again = try FigureSpec(decoding: try FigureSpec(figure: Figure(), style: style).encoded()).style
        XCTAssertEqual(again, style)
        XCTAssertEqual(again.resolvedDPI, 600)
    }

    // MARK: Damaged specs

    func testDamagedSpecsAreRefusedSayingWhy() {
        func message(_ json: String) -> String {
            do { _ = try FigureSpec(decoding: Data(json.utf8)); return "" } catch { return error.description }
        }
        let panel = #"{"marks":[]}"#
        func spec(_ figure: String) -> String { #"{"version":1,"style":{},"figure":"# + figure + "}" }
        XCTAssertTrue(message("not json").hasPrefix("not a figure spec"), message("not json"))
        XCTAssertTrue(message(#"{"version":3,"style":{},"figure":{}}"#).contains("version 3 is not supported"))
        XCTAssertTrue(message(spec(#"{"width":-1,"height":10,"panels":[]}"#)).contains("not positive and finite"))
        XCTAssertTrue(message(spec(#"{"width":10,"height":10,"rows":2,"panels":["# + panel + "]}"))
            .contains("needs 2 panels, found 1"), message(spec(#"{"width":10,"height":10,"rows":2,"panels":["# + panel + "]}")))
        XCTAssertTrue(message(spec(#"{"width":10,"height":10,"heightRatios":[0],"panels":["# + panel + "]}"))
            .contains("positive height ratios"))
        XCTAssertTrue(message(spec(#"{"width":10,"height":10,"rows":100000,"panels":[]}"#)).contains("1 to 64"))
        XCTAssertTrue(message(spec(#"{"width":10,"height":10,"panels":[{"xRange":[2,1],"marks":[]}]}"#))
            .contains("lower ≤ upper"))
        XCTAssertTrue(message(spec(#"{"width":10,"height":10,"panels":[{"marks":[{"kind":{"wave":{}}}]}]}"#))
            .contains("panels[0].marks[0]"), message(spec(#"{"width":10,"height":10,"panels":[{"marks":[{"kind":{"wave":{}}}]}]}"#)))
        XCTAssertTrue(message(#"{"version":1,"style":{"fontSize":40},"figure":{"width":10,"height":10,"panels":[{"marks":[]}]}}"#)
            .contains("font size 40 pt"))
    }

    func testAThemeWithoutColoursIsRefused() throws {
        var fig = Figure()
        fig.theme.palette = []
        let data = try FigureSpec(figure: fig).encoded()
        XCTAssertThrowsError(try FigureSpec(decoding: data)) { error in
            XCTAssertTrue("\(error)".contains("palette is empty"), "\(error)")
        }
    }
}
