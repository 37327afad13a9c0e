import XCTest
import Foundation
@testable import Plotting

final class FigureWidthTests: XCTestCase {
    // MARK: Reading widths as users write them

    func testWidthsAreReadInInchesCentimetresMillimetresAndPoints() throws {
        XCTAssertEqual(try FigureWidth(parsing: "3.5in").points, 252, accuracy: 1e-9)
        XCTAssertEqual(try FigureWidth(parsing: "8.9cm").points, 8.9 / 2.54 * 72, accuracy: 1e-9)
        XCTAssertEqual(try FigureWidth(parsing: "89 mm").points, 89 / 25.4 * 72, accuracy: 1e-9)
        XCTAssertEqual(try FigureWidth(parsing: " 252PT ").points, 252, accuracy: 1e-9)
    }

    func testPresetsAreAColumnAndThePage() throws {
        XCTAssertEqual(try FigureWidth(parsing: "column"), .column)
        XCTAssertEqual(FigureWidth("Page")?.points, 504)
        XCTAssertEqual(FigureWidth.column.description, "column")
        XCTAssertEqual(FigureWidth("3.5in")?.description, "3.5in")
        XCTAssertEqual(FigureWidth("250pt")?.description, "250pt")
        XCTAssertNil(FigureWidth("3.5in")?.preset)
    }

    func testBadWidthsSayWhatIsWrong() {
        func message(_ text: String) -> String {
            do { _ = try FigureWidth(parsing: text); return "" } catch { return error.description }
        }
        XCTAssertTrue(message("3.5").contains("has no unit"), message("3.5"))
        XCTAssertTrue(message("wide").contains("'wide' has no unit"))
        XCTAssertTrue(message("-3in").contains("not a positive number"), message("-3in"))
        XCTAssertTrue(message("in").contains("not a positive number"))
        XCTAssertTrue(message("0.5in").contains("1 to 20 in"), message("0.5in"))
        XCTAssertTrue(message("1e9pt").contains("not a positive number") || message("1e9pt").contains("1 to 20 in"))
        XCTAssertNil(FigureWidth("nan in"))
    }

    // MARK: Defaults of a style

    func testPresetImpliesEightPointTextAndPrintResolution() throws {
        let preset = try FigureStyle(width: .column)
        XCTAssertEqual(preset.resolvedFontSize, 8); XCTAssertEqual(preset.resolvedDPI, 300)
        XCTAssertEqual(preset.png, .png(scale: 300.0 / 72))
        let plain = try FigureStyle(width: FigureWidth(parsing: "5in"))
        XCTAssertEqual(plain.resolvedDPI, 144)
        XCTAssertEqual(FigureStyle.standard.resolvedFontSize, Theme.standard.tickLabelSize)
        let explicit = try FigureStyle(width: .page, fontSize: 9, dpi: 600)
        XCTAssertEqual(explicit.resolvedFontSize, 9); XCTAssertEqual(explicit.resolvedDPI, 600)
    }

    func testOutlandishFontSizesAndResolutionsAreRefused() {
        XCTAssertThrowsError(try FigureStyle(fontSize: 2)) { XCTAssertTrue("\($0)".contains("5 to 24 pt")) }
        XCTAssertThrowsError(try FigureStyle(dpi: .infinity)) { XCTAssertTrue("\($0)".contains("dpi")) }
    }
}

final class FigureTextTests: XCTestCase {
    // MARK: Shortening and wrapping

    func testNamesAreElidedInTheMiddleKeepingBothEnds() {
        XCTAssertEqual(FigureText.elidedMiddle("abcdefghijkl", maxCharacters: 7), "abc…jkl")
        XCTAssertEqual(FigureText.elidedMiddle("short", maxCharacters: 7), "short")
        let long = CatalogueShapes.longName
        let fitted = FigureStyle.column.fittedName(long, figureWidth: 468)
        XCTAssertTrue(fitted.hasPrefix("L1T_calo") && fitted.hasSuffix("2024D") && fitted.contains("…"), fitted)
        let measurer = CairoOutput.measurer(fontFamily: Theme.standard.fontFamily)
        XCTAssertLessThanOrEqual(measurer.measure(fitted, size: Theme.standard.titleSize).width, 126)
        XCTAssertEqual(FigureStyle.page.fittedName("run_42", figureWidth: 468), "run_42")
    }

    func testWrappingFillsLinesAndShortensTheLast() {
        let measure: (String) -> Double = { Double($0.count) }
        XCTAssertEqual(FigureText.wrapped("one two three four", toFit: 9, maxLines: 3, measure: measure),
                       ["one two", "three", "four"])
        XCTAssertEqual(FigureText.wrapped("one two three four", toFit: 9, maxLines: 2, measure: measure),
                       ["one two", "three fo…"])
        XCTAssertEqual(FigureText.wrapped("abcdefghijklmnop x", toFit: 9, maxLines: 2, measure: measure),
                       ["abcd…mnop", "x"])
        XCTAssertEqual(FigureText.wrapped("", toFit: 9, maxLines: 2, measure: measure), [])
    }

    // MARK: Vector output at the figure's size

    func testPDFPageIsTheFigureSizeWithEmbeddedTextAndPNGHasThePrintResolution() throws {
        let fig = CatalogueShapes.alphaScan().styled(.column)
        let pdf = String(decoding: try fig.render(.pdf), as: UTF8.self)
        let box = "/MediaBox [ 0 0 \(FigureWidth.format(fig.width)) \(FigureWidth.format(fig.height)) ]"
        XCTAssertTrue(pdf.contains(box), "no \(box) in \(pdf.split(separator: "\n").filter { $0.contains("MediaBox") })")
        XCTAssertTrue(pdf.contains("/FontFile"), "fonts are embedded")
        let png = try fig.render(FigureStyle.column.png)
        let w = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual(w, Int((fig.width * 300 / 72).rounded(.up)))
    }

    func testPDFDrawsHeatMapsAndColourBarsAsVectorsAndSVGKeepsOneImagePerMap() throws {
        let fig = CatalogueShapes.referenceEvolution().styled(.column)
        let pdf = String(decoding: try fig.render(.pdf), as: UTF8.self)
        XCTAssertFalse(pdf.contains("/Subtype /Image"), "no raster image in the PDF")
        let svg = String(decoding: try fig.render(.svg(idPrefix: "h")), as: UTF8.self)
        XCTAssertEqual(svg.components(separatedBy: "<image ").count - 1, 4, "two heat maps and two colour bars")
    }
}
