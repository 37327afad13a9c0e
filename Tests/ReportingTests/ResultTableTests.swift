import Foundation
import XCTest
@testable import Reporting

/// `anomaly-report table`: the report's metrics as LaTeX, Markdown and CSV tables from `summary.json` alone.
final class ResultTableTests: ToolTestCase {
    // MARK: helpers

    /// An MC-EM entry as `summary.json` holds it, with `vus_pr` per approach (nil: left out).
    private func series(_ name: String, vusPR: [String: Double?]) throws -> McemEntry {
        var approaches: [String: Any] = [:]
        for (a, v) in vusPR {
            var entry: [String: Any] = ["flagged": [Int](), "epochs": 3]
            if let v { entry["vus_pr"] = v }
            approaches[a] = entry
        }
        let json = try JSONSerialization.data(withJSONObject: ["name": name, "length": 500, "labelled": true, "approaches": approaches])
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(McemEntry.self, from: json)
    }

    private func table(_ entries: [McemEntry]) throws -> ResultTable {
        try XCTUnwrap(McemEntry.tables(of: entries, showing: ["vus_pr"]).first)
    }

    // MARK: TeX and Markdown specials

    func testTeXSpecialsAreEscapedSoTheyPrintAsThemselves() {
        XCTAssertEqual(LaTeXTable.escaped(#"a_b%c&d#e$f{g}h~i^j\k"#),
                       ##"a\_b\%c\&d\#e\$f\{g\}h\textasciitilde{}i\textasciicircum{}j\textbackslash{}k"##)
        XCTAssertEqual(LaTeXTable.escaped("Muons/pt (µ, 95 %)"), #"Muons/pt (µ, 95 \%)"#)
        XCTAssertEqual(MarkdownTable.escaped("cpu_usage|p99*"), #"cpu\_usage\|p99\*"#)
    }

    func testAnInputNameWithSpecialsIsEscapedInTheLaTeXAndMarkdownTables() throws {
        let t = try table([series("disk_io %util & #1", vusPR: ["hmm": 0.5, "topk": 0.25])])
        let latex = TableFormat.latex.render([t])
        XCTAssertTrue(latex.contains(##"disk\_io \%util \& \#1 & 0.250 & \textbf{0.500} \\"##), latex)
        XCTAssertTrue(latex.contains("\\toprule") && latex.contains("\\midrule") && latex.contains("\\bottomrule"), latex)
        XCTAssertTrue(latex.contains("\\begin{tabular}{lrr}"), latex)
        let markdown = TableFormat.markdown.render([t])
        XCTAssertTrue(markdown.contains(#"| disk\_io %util & #1 | 0.250 | **0.500** |"#), markdown)
    }

    // MARK: The best of each row

    func testTheBestOfEachRowIsBoldTiesAsPrintedAndMissingValuesAreDashes() throws {
        let t = try table([series("a", vusPR: ["baseline": 0.41, "topk": 0.6551, "mixture": 0.65497, "hmm": nil]),
                           series("b", vusPR: ["baseline": 0.9, "topk": 0.1, "mixture": 0.2, "hmm": 0.3]),
                           series("c", vusPR: ["baseline": 0.7])])
        XCTAssertEqual(t.columns.map(\.heading), ["baseline", "topk", "mixture", "hmm"])
        XCTAssertEqual(t.best(inRow: 0), [1, 2], "0.6551 and 0.65497 both print as 0.655")
        XCTAssertEqual(t.best(inRow: 1), [0])
        XCTAssertEqual(t.best(inRow: 2), [], "a lone value is best of nothing")
        let latex = TableFormat.latex.render([t])
        XCTAssertTrue(latex.contains(#"a & 0.410 & \textbf{0.655} & \textbf{0.655} & -- \\"#), latex)
        XCTAssertTrue(latex.contains(#"b & \textbf{0.900} & 0.100 & 0.200 & 0.300 \\"#), latex)
        let markdown = TableFormat.markdown.render([t])
        XCTAssertTrue(markdown.contains("| a | 0.410 | **0.655** | **0.655** | — |"), markdown)
        let csv = TableFormat.csv.render([t])
        XCTAssertTrue(csv.contains("mcem-vus_pr,a,topk,0.655,1\nmcem-vus_pr,a,mixture,0.655,1\nmcem-vus_pr,a,hmm,,0\n"), csv)
    }

    func testDinamoColumnsHoldDifferentQuantitiesSoNoneIsBold() throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let json = #"{"name": "Muons/pt", "runs": 100, "bins": 20, "alpha": 0.25, "threshold": 1.5, "flagged": ["7", "9"], "empty": [], "warm_up": [], "alpha_choice": "given", "threshold_choice": "given", "false_alarm_rate": 0.005, "variant": "s", "metrics": {"continual": {"runs": 50, "balanced_accuracy": 0.9, "roc_auc": 0.95, "confusion": {"true_positives": 1, "false_positives": 0, "true_negatives": 40, "false_negatives": 9}}}}"#
        let entry = try decoder.decode(DinamoEntry.self, from: Data(json.utf8))
        let t = try XCTUnwrap(DinamoEntry.tables(of: [entry], showing: DinamoEntry.tableDefaults).first)
        XCTAssertNil(t.bestInRow)
        XCTAssertEqual(t.best(inRow: 0), [])
        XCTAssertEqual(TableFormat.markdown.render([t]).split(separator: "\n").last, "| Muons/pt | 0.250 | 1.500 | 0.900 | 0.950 | 2 |")
        XCTAssertTrue(TableFormat.latex.render([t]).contains(#"histogram & $\alpha$ & $T$ & BA & AUC & flagged runs \\"#))
    }

    // MARK: From a finished report

    func testTheTablesOfAReportEqualItsSummaryToThreeDecimals() throws {
        let (h, s) = try makeInputs()
        XCTAssertEqual(try tool(["dinamo", "--input", h, "--formats", "svg", "--output", "d", "--quiet"]).status, 0)
        XCTAssertEqual(try tool(fastMcem(s, output: "m", extra: ["--formats", "svg"])).status, 0)
        for dir in ["d", "m"] {
            let r = try tool(["table", dir, "--format", "csv", "--metric", "vus_pr,roc_auc,f1,alpha,threshold,balanced_accuracy,flagged"])
            XCTAssertEqual(r.status, 0, r.stderr)
            let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("\(dir)/summary.json"))) as! [String: Any]
            var expected: [String: String] = [:]   // "table|input|column" → the value to 3 decimals
            func text(_ v: Any?) -> String? { (v as? Double).map { ResultTable.text(.number($0)) } }
            for e in summary["dinamo"] as! [[String: Any]] {
                let name = e["name"] as! String
                let m = ((e["metrics"] as? [String: Any])?["continual"] ?? (e["metrics"] as? [String: Any])?["historical"]) as? [String: Any]
                expected["dinamo|\(name)|α"] = text(e["alpha"])
                expected["dinamo|\(name)|T"] = text(e["threshold"])
                expected["dinamo|\(name)|BA"] = text(m?["balanced_accuracy"]) ?? ""
                expected["dinamo|\(name)|AUC"] = text(m?["roc_auc"]) ?? ""
                expected["dinamo|\(name)|flagged runs"] = String((e["flagged"] as! [Any]).count)
            }
            for e in summary["mcem"] as! [[String: Any]] {
                let name = e["name"] as! String
                for (a, v) in e["approaches"] as! [String: [String: Any]] {
                    for metric in ["vus_pr", "roc_auc", "f1"] { expected["mcem-\(metric)|\(name)|\(a)"] = text(v[metric]) ?? "" }
                }
            }
            let lines = r.stdout.split(separator: "\n").dropFirst()
            XCTAssertFalse(lines.isEmpty, dir)
            for line in lines {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                XCTAssertEqual(cells.count, 5, String(line))
                XCTAssertEqual(cells[3], expected["\(cells[0])|\(cells[1])|\(cells[2])"], String(line))
            }
            XCTAssertEqual(lines.count, expected.count, dir)
        }
    }

    func testAFormatFollowsTheOutputsExtensionAndWritesTheFile() throws {
        let (h, _) = try makeInputs()
        XCTAssertEqual(try tool(["dinamo", "--input", h, "--formats", "svg", "--output", "d", "--quiet"]).status, 0)
        XCTAssertEqual(try tool(["table", "d", "--output", "t.md"]).status, 0)
        let text = try String(contentsOf: root.appendingPathComponent("t.md"), encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("**DINAMO-S"), text)
    }

    func testAMissingSummaryOrUnknownMetricExitsTwoNamingIt() throws {
        try FileManager.default.createDirectory(at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let missing = try tool(["table", "empty", "--format", "latex"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("empty/summary.json: no such file"), missing.stderr)
        let notADirectory = try tool(["table", "nowhere"])
        XCTAssertEqual(notADirectory.status, 2)
        XCTAssertTrue(notADirectory.stderr.contains("nowhere is not a directory"), notADirectory.stderr)
        try "{}".write(to: root.appendingPathComponent("empty/summary.json"), atomically: true, encoding: .utf8)
        let damaged = try tool(["table", "empty"])
        XCTAssertEqual(damaged.status, 2)
        XCTAssertTrue(damaged.stderr.contains("summary.json is not a summary"), damaged.stderr)
        let (h, _) = try makeInputs()
        XCTAssertEqual(try tool(["dinamo", "--input", h, "--formats", "svg", "--output", "d", "--quiet"]).status, 0)
        let unknown = try tool(["table", "d", "--metric", "vus_pr,speed"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("--metric speed: no table shows it (known: alpha"), unknown.stderr)
    }
}
