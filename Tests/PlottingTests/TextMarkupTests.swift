import XCTest
@testable import Plotting

final class TextMarkupTests: XCTestCase {
    private typealias Run = TextMarkup.Run

    // MARK: parsing

    func testSubscriptsAndSuperscriptsSplitIntoRuns() {
        XCTAssertEqual(TextMarkup.runs("μ ± σ_{μ}"), [Run(text: "μ ± σ", position: .normal), Run(text: "μ", position: .subscript)])
        XCTAssertEqual(TextMarkup.runs("10^{-3} s"), [Run(text: "10", position: .normal), Run(text: "-3", position: .superscript),
                                                     Run(text: " s", position: .normal)])
    }

    func testLoneUnderscoresAndCaretsArePlain() {
        XCTAssertFalse(TextMarkup.hasMarkup("jet_pt ^ 2_x"))
        XCTAssertEqual(TextMarkup.runs("jet_pt"), [Run(text: "jet_pt", position: .normal)])
    }

    func testBackslashTakesTheNextCharacterLiterally() {
        XCTAssertEqual(TextMarkup.plain(#"a\_{b} c\\d"#), #"a_{b} c\d"#)
    }

    func testUnclosedScriptRunsToTheEnd() {
        XCTAssertEqual(TextMarkup.runs("x_{ab"), [Run(text: "x", position: .normal), Run(text: "ab", position: .subscript)])
    }

    // MARK: escaping user text

    func testEscapedUserTextIsDrawnExactlyAsWritten() {
        for s in ["jet_pt", "σ_{μ}", #"C:\runs\_{x}"#, "a^{b}_{c}\\", "<script>_{x}</script>", "", "_{", "\\"] {
            XCTAssertEqual(TextMarkup.plain(TextMarkup.escaped(s)), s, s)
            XCTAssertEqual(TextMarkup.runs(TextMarkup.escaped(s)).allSatisfy { $0.position == .normal }, true, s)
        }
        XCTAssertEqual(TextMarkup.escaped("jet_pt"), "jet_pt", "plain text is left alone")
    }

    // MARK: rendering

    func testScriptsAreNarrowerThanTheirLiteralText() {
        var widths: [Double] = []
        _ = CairoOutput.pixels(width: 10, height: 10, scale: 1, fontFamily: "DejaVu Sans") { r in
            widths = ["σ_{μ}", "σμ", "σ"].map { r.measure($0, size: 10).width }
        }
        XCTAssertLessThan(widths[0], widths[1], "the subscript is drawn smaller")
        XCTAssertGreaterThan(widths[0], widths[2])
    }

    func testSubscriptInkSitsBelowTheBaselineOfPlainText() {
        // Two labels side by side at one baseline: "x" plain and "x" as a subscript. The subscript's lowest
        // dark pixel must be lower on the page.
        let img = CairoOutput.pixels(width: 60, height: 30, scale: 4, fontFamily: "DejaVu Sans") { r in
            r.fill(.rect(Rect(x: 0, y: 0, width: 60, height: 30)), color: Color(red: 1, green: 1, blue: 1))
            r.text("x", at: Point(x: 5, y: 20), size: 14, color: Color(red: 0, green: 0, blue: 0),
                   anchor: .init(horizontal: .start, vertical: .baseline), rotation: 0)
            r.text("_{x}", at: Point(x: 35, y: 20), size: 14, color: Color(red: 0, green: 0, blue: 0),
                   anchor: .init(horizontal: .start, vertical: .baseline), rotation: 0)
        }
        func lowestInk(_ x0: Int, _ x1: Int) -> Int {
            var lowest = -1
            for y in 0..<img.height { for x in x0..<x1 where img.data[y * img.stride + 4 * x + 1] < 128 { lowest = max(lowest, y) } }
            return lowest
        }
        let plain = lowestInk(0, 120), sub = lowestInk(120, 240)
        XCTAssertGreaterThan(plain, 0); XCTAssertGreaterThan(sub, 0)
        XCTAssertGreaterThan(sub, plain + 4, "subscript bottom \(sub) vs plain \(plain) (device pixels at 4×)")
    }
}
