import Foundation
import TestSupport
import XCTest
@testable import Plotting
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

    let env = ["SOURCE_DATE_EPOCH": "1700000000"]

    /// 50 runs × 12 bins with labels (5 bad), as `h.csv`; `labelled: false` drops the label column.
    func smallInput(labelled: Bool = true) throws -> String {
        XCTAssertEqual(try tool(["generate", "dinamo", "--runs", "50", "--bins", "12", "--bad-runs", "5",
                                 "--output", "h.csv", "--quiet"]).status, 0)
        guard !labelled else { return "h.csv" }
        let lines = try String(contentsOf: root.appendingPathComponent("h.csv"), encoding: .utf8).split(separator: "\n")
        let unlabelled = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset != 1 }.map(\.element).joined(separator: ",") }
        XCTAssertEqual(lines.first?.split(separator: ",")[1], "label")
        try (unlabelled.joined(separator: "\n") + "\n").write(to: root.appendingPathComponent("u.csv"), atomically: true, encoding: .utf8)
        return "u.csv"
    }

    func json(_ url: URL) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    func dinamoEntries(_ report: URL) throws -> [[String: Any]] {
        try XCTUnwrap(json(report.appendingPathComponent("summary.json"))["dinamo"] as? [[String: Any]])
    }

    /// A `--variant ml` input goes by DINAMO-ML wherever the report names its method: the overview's table, the
    /// JUnit class, the Markdown summary (it said DINAMO-S, the dinamo method's name).
    func testAnMLInputIsNamedDinamoMLInTheOverviewJUnitAndMarkdown() throws {
        let input = try smallInput()
        let r = try tool(["dinamo", "--input", input, "--variant", "ml", "--quick", "--output", "out", "--junit", "j.xml",
                          "--markdown-summary", "s.md", "--quiet"], environment: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        let overview = try String(contentsOf: root.appendingPathComponent("out/index.html"), encoding: .utf8)
        let junit = try String(contentsOf: root.appendingPathComponent("j.xml"), encoding: .utf8)
        let markdown = try String(contentsOf: root.appendingPathComponent("s.md"), encoding: .utf8)
        for (name, text) in [("overview", overview), ("JUnit", junit), ("Markdown", markdown)] {
            XCTAssertTrue(text.contains("DINAMO-ML"), name)
            XCTAssertFalse(text.contains("DINAMO-S"), name)
        }
    }

    /// `both` on one input: two inputs in the report, DINAMO-S then DINAMO-ML, one `summary.json` entry each with
    /// its variant, over the same runs, with exactly the numbers each variant gives alone. (`--quick` caps
    /// DINAMO-ML's training steps, so this takes seconds.)
    func testBothWritesOneEntryPerVariantForTheSameInputWithTheNumbersOfEachAlone() throws {
        let h = try smallInput()
        try #"{"dinamo": [{"input": "h.csv", "name": "pt", "variant": "both"}]}"#
            .write(to: root.appendingPathComponent("c.json"), atomically: true, encoding: .utf8)
        let r = try tool(["run", "--config", "c.json", "--quick", "--output", "out", "--formats", "png"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("DINAMO-ML pt · DINAMO-ML:"), r.stderr)
        let entries = try dinamoEntries(root.appendingPathComponent("out"))
        XCTAssertEqual(entries.map { $0["variant"] as? String }, ["s", "ml"])
        XCTAssertEqual(entries.map { $0["name"] as? String }, ["pt", "pt · DINAMO-ML"])
        XCTAssertEqual(entries.map { $0["runs"] as? Int }, [50, 50])
        XCTAssertEqual(entries[1]["alpha_choice"] as? String, "none (DINAMO-ML has no α)")
        // Each variant alone on the input of the same name draws from the same seeds: the same entry.
        for (k, variant) in ["s", "ml"].enumerated() {
            let alone = try tool(["dinamo", "--input", h, "--name", "pt", "--variant", variant, "--quick",
                                  "--output", "alone-\(variant)", "--formats", "png", "--quiet"])
            XCTAssertEqual(alone.status, 0, alone.stderr)
            var mine = entries[k], theirs = try dinamoEntries(root.appendingPathComponent("alone-\(variant)"))[0]
            for key in ["name", "seconds"] { mine[key] = nil; theirs[key] = nil }
            XCTAssertEqual(mine as NSDictionary, theirs as NSDictionary, variant)
        }
    }

    /// An unnamed `both` input is named after its file; both members' file stems drop the file's extension
    /// (`h`, `h-DINAMO-ML`; the DINAMO-ML member's was `h.csv-DINAMO-ML`).
    func testAnUnnamedBothInputHasStemsWithoutTheFileExtension() throws {
        let input = try smallInput()
        let r = try tool(["dinamo", "--input", input, "--variant", "both", "--quick", "--output", "out",
                          "--formats", "png", "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let pages = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("out/inputs").path)
        XCTAssertEqual(pages.sorted(), ["h-DINAMO-ML.html", "h.html"])
        XCTAssertEqual(try dinamoEntries(root.appendingPathComponent("out")).map { $0["name"] as? String },
                       ["h.csv", "h.csv · DINAMO-ML"])
    }

    /// The DINAMO-ML member's page shows the two side by side: three figures, each with its data and
    /// redrawable byte for byte, each within the column-width rules; the DINAMO-S page links to it; the
    /// overview says which variant flagged which runs, as the entries say.
    func testBothPutsTheVariantsSideBySideAndTheOverviewSaysWhoFlaggedWhat() throws {
        _ = try smallInput()
        let report = root.appendingPathComponent("out")
        let r = try tool(["dinamo", "--input", "h.csv", "--name", "pt", "--variant", "both", "--quick",
                          "--output", "out", "--formats", "png"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let summary = try json(report.appendingPathComponent("summary.json"))
        let ids = try XCTUnwrap(summary["figures"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        let kinds = ["variants-score-trend", "variants-confusion", "variants-worst-run"]
        let page = try String(contentsOf: report.appendingPathComponent("inputs/pt-DINAMO-ML.html"), encoding: .utf8)
        for kind in kinds {
            let id = "pt-DINAMO-ML-\(kind)"
            XCTAssertTrue(ids.contains(id), "\(id) in \(ids)")
            XCTAssertTrue(page.contains("figures/\(id).png") && page.contains("data/\(id).csv"), id)
            let csv = try String(contentsOf: report.appendingPathComponent("data/\(id).csv"), encoding: .utf8)
            XCTAssertGreaterThan(csv.split(separator: "\n").count, 2, id)
            let again = root.appendingPathComponent("\(id).png")
            let redraw = try tool(["figure", report.path, "--id", id, "--output", again.path])
            XCTAssertEqual(redraw.status, 0, redraw.stderr)
            XCTAssertEqual(try Data(contentsOf: again), try Data(contentsOf: report.appendingPathComponent("figures/\(id).png")), id)
            let spec = try FigureRerender.loadSpec(report: report, id: id)
            for inches in [3.5, 7.0] {
                let style = spec.style.overridden(by: try FigureStyle(width: FigureWidth(points: inches * 72)))
                for problem in FigureAudit(spec.figure.styled(style), fontSize: style.resolvedFontSize).problems {
                    XCTFail("\(id) at \(inches) in: \(problem)")
                }
            }
        }
        // The DINAMO-S page stays DINAMO-S's, and links to the comparison.
        let sPage = try String(contentsOf: report.appendingPathComponent("inputs/pt.html"), encoding: .utf8)
        XCTAssertFalse(sPage.contains("variants-score-trend"))
        XCTAssertTrue(sPage.contains(#"<a href="pt-DINAMO-ML.html">pt · DINAMO-ML</a>"#), sPage)
        XCTAssertTrue(page.contains(#"<a href="pt.html">pt (DINAMO-S)</a>"#))
        // The worst run's caption says how it was chosen.
        XCTAssertTrue(page.contains("furthest above its variant&apos;s threshold T"))

        // The overview: by both, by each only, as the entries' flagged lists say.
        let entries = try dinamoEntries(report)
        let flagged = entries.map { Set(($0["flagged"] as? [String]) ?? []) }
        let index = try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
        let section = try XCTUnwrap(index.components(separatedBy: #"<section id="comparisons">"#).dropFirst().first?
            .components(separatedBy: "</section>").first)
        XCTAssertTrue(section.contains(#"<a href="inputs/pt-DINAMO-ML.html">pt</a>: DINAMO-S · DINAMO-ML side by side"#), section)
        for (label, runs) in [("by both", flagged[0].intersection(flagged[1])), ("by DINAMO-S only", flagged[0].subtracting(flagged[1])),
                              ("by DINAMO-ML only", flagged[1].subtracting(flagged[0]))] {
            let row = try XCTUnwrap(section.components(separatedBy: "<th scope=\"row\">\(label)</th>").dropFirst().first?
                .components(separatedBy: "</tr>").first, label)
            XCTAssertTrue(row.hasPrefix("<td class=\"num\">\(runs.count)</td>"), "\(label): \(row)")
            for run in runs { XCTAssertTrue(row.contains(">\(run)</a>"), "\(label) lists run \(run): \(row)") }
        }
        XCTAssertGreaterThan(flagged[0].union(flagged[1]).count, 0, "the input has runs to flag")
        XCTAssertTrue(index.contains("<td>DINAMO-ML</td>"), "the overview's row names the member by its variant")
        try assertLinksResolve(in: report)
    }

    /// Without labels there is no confusion matrix to draw: the page says so and draws none.
    func testBothWithoutLabelsSaysSoInsteadOfDrawingConfusionMatrices() throws {
        let u = try smallInput(labelled: false)
        let r = try tool(["dinamo", "--input", u, "--name", "pt", "--variant", "both", "--quick", "--output", "out",
                          "--formats", "svg", "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = root.appendingPathComponent("out")
        let figures = try FileManager.default.contentsOfDirectory(atPath: report.appendingPathComponent("figures").path)
        XCTAssertTrue(figures.contains("pt-DINAMO-ML-variants-score-trend.svg"))
        XCTAssertTrue(figures.contains("pt-DINAMO-ML-variants-worst-run.svg"))
        XCTAssertFalse(figures.contains { $0.contains("variants-confusion") }, "\(figures)")
        let page = try String(contentsOf: report.appendingPathComponent("inputs/pt-DINAMO-ML.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("No labels: the confusion matrices of the two variants need the truth of each run"))
    }

    /// A `both` input split across shards (its DINAMO-S member in one, its DINAMO-ML member in the other)
    /// merges into the bytes of the unsharded report: pages, figures, data, the overview and `summary.json`.
    func testABothInputSplitAcrossShardsMergesIntoTheUnshardedReport() throws {
        _ = try smallInput()
        try #"{"dinamo": [{"input": "h.csv", "name": "pt", "variant": "both"}, {"input": "h.csv", "name": "eta"}]}"#
            .write(to: root.appendingPathComponent("c.json"), atomically: true, encoding: .utf8)
        let whole = root.appendingPathComponent("whole")
        let w = try tool(["run", "--config", "c.json", "--quick", "--output", whole.path, "--formats", "png", "--quiet"], environment: env)
        XCTAssertEqual(w.status, 0, w.stderr)
        let parts = try (0..<2).map { i -> URL in
            let part = root.appendingPathComponent("part-\(i)")
            let r = try tool(["run", "--config", "c.json", "--shard", "\(i)/2", "--quick", "--output", part.path,
                              "--formats", "png", "--quiet"], environment: env)
            XCTAssertEqual(r.status, 0, r.stderr)
            return part
        }
        // Positions 0 (pt, DINAMO-S) and 2 (eta) in shard 0; the DINAMO-ML member alone in shard 1.
        XCTAssertEqual(files(under: parts[0].appendingPathComponent("inputs")), ["eta.html", "pt.html"])
        XCTAssertEqual(files(under: parts[1].appendingPathComponent("inputs")), ["pt-DINAMO-ML.html"])
        let merged = root.appendingPathComponent("merged")
        let m = try tool(["merge", parts[1].path, parts[0].path, "--output", merged.path, "--quiet"], environment: env)
        XCTAssertEqual(m.status, 0, m.stderr)
        XCTAssertEqual(files(under: whole), files(under: merged))
        // Everything but the overview and summary.json, whose command lines differ, byte for byte.
        for f in files(under: whole) where f != "summary.json" && f != "index.html" {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: whole.appendingPathComponent(f).path, isDirectory: &isDir)
            if isDir.boolValue { continue }
            XCTAssertEqual(try Data(contentsOf: whole.appendingPathComponent(f)), try Data(contentsOf: merged.appendingPathComponent(f)), f)
        }
        var a = try json(whole.appendingPathComponent("summary.json")), b = try json(merged.appendingPathComponent("summary.json"))
        a["invocation"] = nil
        b["invocation"] = nil
        XCTAssertEqual(a as NSDictionary, b as NSDictionary)
        func comparisons(_ report: URL) throws -> String? {
            try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
                .components(separatedBy: #"<section id="comparisons">"#).dropFirst().first?.components(separatedBy: "</section>").first
        }
        XCTAssertNotNil(try comparisons(merged))
        XCTAssertEqual(try comparisons(whole), try comparisons(merged))
    }
}
