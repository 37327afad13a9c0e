import Foundation
import Inputs
import XCTest

/// Numerical edge cases end to end: every number the tool writes is finite, or an explicit `null`
/// (an empty CSV cell).
final class NumericalEdgeTests: ToolTestCase {
    /// Fails on any NaN or infinity in the JSON and CSV files of a report.
    func assertAllFinite(_ out: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        for name in files(under: out) where name.hasSuffix(".json") || name.hasSuffix(".csv") || name.hasSuffix(".html") {
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8).lowercased()
            for bad in [",nan", "nan,", ":nan", ": nan", "inf,", ",inf", "-inf", ": inf", ">nan<", ">inf<"] {
                XCTAssertFalse(text.contains(bad), "\(name) contains \(bad)", file: file, line: line)
            }
        }
        let json = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: json), file: file, line: line)
    }

    func write(_ text: String, _ name: String) throws -> String {
        let url = root.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    // MARK: series

    func testConstantSeriesAndOneHugeSpike() throws {
        var constant = "value\n", spike = "value\n"
        for t in 0..<200 {
            constant += "3.5\n"
            spike += (t == 120 ? "1e12" : String(sin(Double(t) / 7))) + "\n"
        }
        for (name, text) in [("constant.csv", constant), ("spike.csv", spike)] {
            let input = try write(text, name)
            let out = root.appendingPathComponent("report-\(name)")
            let r = try tool(["mcem", "--input", input, "--epochs", "2", "--samples", "2", "--output", out.path, "--quiet", "--formats", "png"])
            XCTAssertEqual(r.status, 0, "\(name): \(r.stderr)")
            try assertAllFinite(out)
        }
    }

    func testHundredThousandPointSeries() throws {
        var text = "value\n"
        text.reserveCapacity(1_500_000)
        for t in 0..<100_000 { text += String(format: "%.5f\n", 0.4 * cos(Double(t) / 10) + (t % 997 == 0 ? 2 : 0)) }
        let input = try write(text, "long.csv")
        let out = root.appendingPathComponent("report")
        let r = try tool(["mcem", "--input", input, "--approach", "hmm", "--epochs", "1", "--samples", "1",
                          "--output", out.path, "--quiet", "--formats", "png,svg"])
        XCTAssertEqual(r.status, 0, r.stderr)
        try assertAllFinite(out)
        let svg = try Data(contentsOf: out.appendingPathComponent("figures/long-hmm.svg"))
        XCTAssertLessThan(svg.count, 2_000_000, "long lines are decimated per pixel column")
    }

    // MARK: histograms

    func testSingleNonEmptyBinAndExtremeAlphas() throws {
        var text = "run,label,b0,b1,b2,b3\n"
        for r in 0..<60 { text += "\(r),\(r % 10 == 9 ? 1 : 0),0,\(100 + r),0,0\n" }
        text += "60,,0,0,0,0\n"   // an empty run
        let input = try write(text, "spike.csv")
        for alpha in ["0.01", "0.99", "auto"] {
            let out = root.appendingPathComponent("report-\(alpha)")
            let r = try tool(["dinamo", "--input", input, "--alpha", alpha, "--output", out.path, "--quiet", "--formats", "png"])
            XCTAssertEqual(r.status, 0, "α = \(alpha): \(r.stderr)")
            try assertAllFinite(out)
            let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
            let entry = (summary["dinamo"] as! [[String: Any]])[0]
            XCTAssertEqual(entry["empty"] as? [String], ["60"], "runs by the ids the input gives them")
        }
    }
}
