import Foundation
import MonteCarloEM
import XCTest
@testable import Reporting

/// Text a user reads that describes the code: the page's how-to sections and the help's examples must say what
/// the code does, so a change of the code that makes them stale fails here.
final class DocsAgreementTests: ToolTestCase {
    private var templates: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("templates")
    }

    func testEveryRegisteredMethodHasItsHowTo() {
        for method in MethodRegistry.all {
            let file = templates.appendingPathComponent(TemplateSet.howtoName(method.info.id) + ".mustache")
            XCTAssertTrue(FileManager.default.fileExists(atPath: file.path), "\(method.info.title): no \(file.lastPathComponent)")
        }
    }

    func testTheMcemHowToDescribesTheScoreTheCodeComputes() throws {
        let text = try String(contentsOf: templates.appendingPathComponent("howto-mcem.mustache"), encoding: .utf8)
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: " ")
        XCTAssertEqual(AnomalyScore.neighbourhoodWeight, 0.5, "the how-to says 'plus half the largest residual'")
        XCTAssertTrue(text.contains("plus half"), text)
        let fileDefaults = MCEMSettings.defaults(for: (0..<500).map { sin(Double($0) / 7) })
        XCTAssertEqual(fileDefaults.scoreReach, 2, "the how-to says 'within two contexts on either side'")
        XCTAssertTrue(text.contains("two contexts on either side"), text)
        XCTAssertEqual(MCEMSettings.notebook.scoreReach, 0, "the how-to says the toy series ranks by the residual alone")
        XCTAssertFalse(text.contains("log-odds"), "the posterior's log-odds is no longer the score")
    }

    func testTheFigureHelpExampleNamesAFigureOfTheDemoReport() throws {
        let help = try tool(["figure", "--help"])
        let words = help.stdout.split(whereSeparator: \.isWhitespace).map(String.init)
        // The example's `--id ID` (the usage line shows `--id <id>`).
        let id = try XCTUnwrap(zip(words, words.dropFirst()).first { $0.0 == "--id" && !$0.1.hasPrefix("<") }?.1)
        let out = root.appendingPathComponent("demo")
        let r = try tool(["run", "--quick", "--formats", "svg", "--output", out.path, "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any]
        let ids = (summary?["figures"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        XCTAssertTrue(ids.contains(id), "figure --help's example id \(id) is not a figure of the demo report: \(ids.prefix(5))…")
    }
}
