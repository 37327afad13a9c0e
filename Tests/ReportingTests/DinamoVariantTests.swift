import Foundation
import TestSupport
import XCTest
@testable import Reporting

/// `dinamo --variant` / config `variant`: DINAMO-ML beside DINAMO-S on the method seam.
final class DinamoVariantTests: ToolTestCase {
    func testConfigReadsTheVariantAndRefusesAnUnknownOne() throws {
        let dir = FixtureDirectory()
        let c = try ConfigFile.read(path: dir.write("c.json", #"{"dinamo": [{"input": "a.csv"}, {"input": "b.csv", "variant": "ml"}, {"input": "c.csv", "variant": "both"}]}"#))
        XCTAssertEqual(c.jobs(DinamoJobSpec.self).map(\.variant), [.s, .ml, .both])
        assertInputError(try ConfigFile.read(path: dir.write("d.yaml", "dinamo:\n  - input: a\n    variant: transformer\n")),
                         file: "d.yaml", keyPath: "dinamo[0].variant", contains: ["\"s\", \"ml\" or \"both\""])
    }

    func testTheCommandLineRefusesAnUnknownVariant() throws {
        let r = try tool(["dinamo", "--input", "h.csv", "--variant", "xl", "--output", "out"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("--variant"), r.stderr)
    }

    /// `both` on one input: two inputs in the report, DINAMO-S then DINAMO-ML, one `summary.json` entry each with
    /// its variant, over the same runs. (`--quick` caps DINAMO-ML's training steps, so this takes seconds.)
    func testBothWritesOneEntryPerVariantForTheSameInput() throws {
        XCTAssertEqual(try tool(["generate", "dinamo", "--runs", "50", "--bins", "12", "--bad-runs", "5",
                                 "--output", "h.csv"]).status, 0)
        try #"{"dinamo": [{"input": "h.csv", "name": "pt", "variant": "both"}]}"#
            .write(to: root.appendingPathComponent("c.json"), atomically: true, encoding: .utf8)
        let r = try tool(["run", "--config", "c.json", "--quick", "--output", "out"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("DINAMO-ML pt · DINAMO-ML:"), r.stderr)
        let data = try Data(contentsOf: root.appendingPathComponent("out/summary.json"))
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let entries = try XCTUnwrap(summary["dinamo"] as? [[String: Any]])
        XCTAssertEqual(entries.map { $0["variant"] as? String }, ["s", "ml"])
        XCTAssertEqual(entries.map { $0["name"] as? String }, ["pt", "pt · DINAMO-ML"])
        XCTAssertEqual(entries.map { $0["runs"] as? Int }, [50, 50])
        XCTAssertEqual(entries[1]["alpha_choice"] as? String, "none (DINAMO-ML has no α)")
    }
}
