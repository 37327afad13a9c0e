import XCTest
@testable import Reporting

/// Figure captions use the figure-text markup: sub- and superscripts on the page, and nothing else as HTML.
final class CaptionMarkupTests: XCTestCase {
    func testScriptsBecomeSubAndSupTags() {
        XCTAssertEqual(XMLEscaping.html(fromMarkup: "μ ± σ_{μ}, 10^{3}"), "μ ± σ<sub>μ</sub>, 10<sup>3</sup>")
    }

    func testEverythingElseIsEscaped() {
        XCTAssertEqual(XMLEscaping.html(fromMarkup: #"<b>x</b>_{<img src=x onerror=alert(1)>} & "q""#),
                       "&lt;b&gt;x&lt;/b&gt;<sub>&lt;img src=x onerror=alert(1)&gt;</sub> &amp; &quot;q&quot;")
    }

    func testPlainCaptionIsOnlyEscaped() {
        XCTAssertEqual(XMLEscaping.html(fromMarkup: "pulls (x − μ)/σ < 3"), "pulls (x − μ)/σ &lt; 3")
    }
}
