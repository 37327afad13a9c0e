import Foundation
import Inputs
import XCTest

/// End-to-end tests of the `anomaly-report` executable: what a user or a CI job sees.
final class EndToEndTests: ToolTestCase {
    // MARK: layout and links

    func testDinamoCommandWritesTheReportLayoutWithResolvingLinks() throws {
        let inputs = try makeInputs()
        let out = root.appendingPathComponent("report")
        let r = try tool(["dinamo", "--input", inputs.histograms, "--output", out.path, "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let all = files(under: out)
        XCTAssertTrue(all.contains("index.html"))
        XCTAssertTrue(all.contains("summary.json"))
        XCTAssertTrue(all.contains("data/runs-scores.csv"), "\(all)")
        XCTAssertTrue(all.contains("data/runs-reference.csv"))
        for kind in ["score-trend", "score-distributions", "threshold-scan", "reference-evolution", "pull-map"] {
            for ext in ["png", "svg", "pdf"] {
                XCTAssertTrue(all.contains("figures/runs-\(kind).\(ext)"), "missing \(kind).\(ext)")
            }
        }
        XCTAssertTrue(all.contains { $0.hasPrefix("figures/runs-run-") && $0.hasSuffix("-worst-run.png") })
        let scores = try String(contentsOf: out.appendingPathComponent("data/runs-scores.csv"), encoding: .utf8)
        XCTAssertTrue(scores.hasPrefix("run,label,chi2,score,flagged,empty,warm_up\n"))
        try assertLinksResolve(in: out)
        let html = try String(contentsOf: out.appendingPathComponent("inputs/runs.html"), encoding: .utf8)
        XCTAssertFalse(html.contains(">nan<"))
        XCTAssertTrue(html.contains("uncertainty σ<sub>μ</sub> (bottom)"), "caption markup becomes a subscript")
        XCTAssertFalse(html.contains("σ_{"), "no raw markup on the page")
    }

    func testSummaryHasEveryRequiredKey() throws {
        let inputs = try makeInputs()
        let out = root.appendingPathComponent("report")
        let config = root.appendingPathComponent("config.json")
        try Data("""
        {"seed": 5, "dinamo": [{"input": "runs.csv", "alpha": 0.5}],
         "series": [{"input": "series.csv", "epochs": 3, "samples": 2}]}
        """.utf8).write(to: config)
        _ = inputs
        let r = try tool(["run", "--config", config.path, "--output", out.path, "--quiet", "--formats", "png,svg"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        for key in ["tool", "seed", "quick", "dinamo", "mcem", "figures", "seconds"] { XCTAssertNotNil(json[key], key) }
        XCTAssertEqual(json["seed"] as? Int, 5)
        let d = (json["dinamo"] as! [[String: Any]])[0]
        for key in ["name", "runs", "bins", "alpha", "threshold", "flagged", "metrics", "seconds"] { XCTAssertNotNil(d[key], key) }
        let metrics = d["metrics"] as! [String: Any]
        XCTAssertNotNil(metrics["historical"])
        XCTAssertNotNil(metrics["continual"])
        let m = (json["mcem"] as! [[String: Any]])[0]
        let approaches = m["approaches"] as! [String: [String: Any]]
        XCTAssertEqual(Set(approaches.keys), ["baseline", "topk", "mixture", "hmm"])
        for key in ["vus_pr", "vus_roc", "vus_window", "roc_auc", "average_precision", "f1", "point_adjusted_f1", "best_f1", "flagged", "final_loss", "seconds"] {
            XCTAssertTrue(approaches["hmm"]!.keys.contains(key), key)
        }
        XCTAssertNotNil(approaches["hmm"]!["transitions"] as? [Any])
        XCTAssertFalse((json["figures"] as! [Any]).isEmpty)
        let text = try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8)
        XCTAssertFalse(text.lowercased().contains("nan"))
        let all = files(under: out)
        XCTAssertTrue(all.contains("data/series-hmm.csv"))
        for kind in ["baseline", "topk", "mixture", "hmm", "training-loss", "hmm-transitions", "roc-pr", "scores"] {
            for ext in ["png", "svg"] { XCTAssertTrue(all.contains("figures/series-\(kind).\(ext)"), "missing series-\(kind).\(ext)") }
        }
        XCTAssertFalse(all.contains { $0.hasSuffix(".pdf") }, "--formats png,svg writes no PDF")
        let hmm = try String(contentsOf: out.appendingPathComponent("data/series-hmm.csv"), encoding: .utf8)
        XCTAssertTrue(hmm.hasPrefix("t,timestamp,value,label,mean,scale,score,posterior\n"))
        XCTAssertTrue(hmm.split(separator: "\n")[1].hasPrefix("0,2026-01-01T00:00:00Z,"), "the generated series' times, ISO-8601 UTC")
    }

    // MARK: self-contained and reproducible

    func testSelfContainedPageReferencesNoOtherFile() throws {
        let inputs = try makeInputs()
        let out = root.appendingPathComponent("report")
        let r = try tool(fastMcem(inputs.series, output: out.path, extra: ["--self-contained", "--approach", "hmm"]))
        XCTAssertEqual(r.status, 0, r.stderr)
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<svg"))
        XCTAssertTrue(html.contains("points in 1 series flagged (points: by the hmm approach"), "the verdict names whose flags it counts")
        for ref in references(in: html) {
            XCTAssertTrue(ref.hasPrefix("#") || ref.hasPrefix("data:"), "self-contained page refers to \(ref.prefix(60))")
        }
    }

    func testSameSeedAndSourceDateGiveIdenticalBytes() throws {
        let inputs = try makeInputs()
        // The same command line twice (the page records it), the first report moved aside in between.
        let out = root.appendingPathComponent("report"), a = root.appendingPathComponent("first")
        let env = ["SOURCE_DATE_EPOCH": "1700000000"]
        let args = fastMcem(inputs.series, output: out.path, extra: ["--approach", "mixture,hmm"])
        XCTAssertEqual(try tool(args, environment: env).status, 0)
        try FileManager.default.moveItem(at: out, to: a)
        XCTAssertEqual(try tool(args, environment: env).status, 0)
        let fa = files(under: a), fb = files(under: out)
        XCTAssertEqual(fa, fb)
        XCTAssertTrue(fa.contains("figures/series-hmm.pdf"))
        for f in fa {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: a.appendingPathComponent(f).path, isDirectory: &isDir)
            if isDir.boolValue { continue }
            XCTAssertEqual(try Data(contentsOf: a.appendingPathComponent(f)), try Data(contentsOf: out.appendingPathComponent(f)), f)
        }
    }

    // MARK: hostile names

    func testHostileNameIsEscapedAndNeverLeavesTheOutputDirectory() throws {
        let inputs = try makeInputs()
        let out = root.appendingPathComponent("report")
        let evil = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>../../escape"
        let r = try tool(["dinamo", "--input", inputs.histograms, "--name", evil, "--output", out.path, "--quiet", "--formats", "svg"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertFalse(html.contains("<img src=x"))
        XCTAssertTrue(html.contains("&lt;script&gt;"))
        for f in files(under: out) { XCTAssertFalse(f.contains(".."), f) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("escape").path))
        XCTAssertEqual(files(under: root).filter { !$0.hasPrefix("report") && !$0.hasSuffix(".csv") }, [])
        for svg in files(under: out) where svg.hasSuffix(".svg") {
            let text = try String(contentsOf: out.appendingPathComponent(svg), encoding: .utf8)
            XCTAssertFalse(text.contains("<script"), svg)
        }
    }

    func testHostileRunIdsTimestampsAndColumnNamesAreEscaped() throws {
        let payloads = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>", "javascript:alert(3)", "../../etc/passwd"]
        func quoted(_ field: String) -> String { "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var histograms = "run,label,<b>bin</b>,b1,b2\n"
        for r in 0..<40 { histograms += quoted("\(payloads[r % payloads.count])\(r)") + ",\(r % 10 == 3 ? 1 : 0),\(100 + r % 7),\(r % 5 == 0 ? 400 : 120),90\n" }
        let h = root.appendingPathComponent("hostile.csv")
        try Data(histograms.utf8).write(to: h)
        var series = "timestamp,value\n"
        for t in 0..<60 { series += quoted(payloads[t % payloads.count]) + ",\(t == 40 ? 9 : sin(Double(t)))\n" }
        let s = root.appendingPathComponent("hostile-series.csv")
        try Data(series.utf8).write(to: s)
        let out = root.appendingPathComponent("report")
        let config = root.appendingPathComponent("config.json")
        try Data(#"{"dinamo": [{"input": "hostile.csv", "name": "<script>x</script>", "alpha": 0.5}], "series": [{"input": "hostile-series.csv", "name": "javascript:alert(4)", "epochs": 2, "samples": 1}]}"#.utf8).write(to: config)
        let r = try tool(["run", "--config", config.path, "--output", out.path, "--quiet", "--formats", "svg"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertFalse(html.contains("<img src=x"))
        XCTAssertFalse(html.contains("href=\"javascript:"))
        XCTAssertFalse(html.contains("<b>bin</b>"))
        for ref in references(in: html) { XCTAssertFalse(ref.lowercased().hasPrefix("javascript:"), ref) }
        for f in files(under: out) { XCTAssertFalse(f.contains(".."), f) }
        let scores = try String(contentsOf: out.appendingPathComponent("data/script-x-script-scores.csv"), encoding: .utf8)
        XCTAssertTrue(scores.contains("<script>alert(1)</script>0"), "run ids are kept as data in the CSV")
    }

    // MARK: failures and CI

    func testBadInputExitsTwoAndLeavesThePreviousReportIntact() throws {
        let inputs = try makeInputs()
        let out = root.appendingPathComponent("report")
        XCTAssertEqual(try tool(["dinamo", "--input", inputs.histograms, "--output", out.path, "--quiet", "--formats", "png"]).status, 0)
        let before = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        let bad = root.appendingPathComponent("bad.csv")
        try Data("run,b0,b1\n1,5,6\n2,7\n".utf8).write(to: bad)
        let r = try tool(["dinamo", "--input", bad.path, "--output", out.path, "--quiet"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("bad.csv"), r.stderr)
        XCTAssertTrue(r.stderr.contains("line 3"), r.stderr)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("summary.json")), before)
        XCTAssertEqual(files(under: root).filter { $0.hasPrefix(".") }, [], "no staging directory left")
    }

    func testBadUsageExitsTwoWithTheOptionNamed() throws {
        let inputs = try makeInputs()
        for (args, needle) in [(["dinamo", "--input", inputs.histograms, "--alpha", "1.5"], "--alpha"),
                               (["dinamo", "--input", inputs.histograms, "--alpha", "abc"], "--alpha"),
                               (["mcem", "--input", inputs.series, "--approach", "magic"], "magic"),
                               (["run", "--formats", "gif"], "gif"),
                               (["dinamo"], "--input")] {
            let r = try tool(args + ["--output", root.appendingPathComponent("x").path])
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(needle), "\(args): \(r.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("x").path))
    }

    func testFailOnAndJUnit() throws {
        let inputs = try makeInputs()
        let out = root.appendingPathComponent("report")
        let junit = root.appendingPathComponent("junit.xml")
        let flagged = try tool(["dinamo", "--input", inputs.histograms, "--output", out.path, "--quiet", "--formats", "png",
                                "--fail-on", "flagged", "--junit", junit.path])
        XCTAssertEqual(flagged.status, 1, "the toy data has bad runs, so something is flagged: \(flagged.stderr)")
        let xml = try String(contentsOf: junit, encoding: .utf8)
        XCTAssertTrue(xml.contains("<testcase classname=\"DINAMO-S\" name=\"runs.csv\""), xml)
        XCTAssertTrue(xml.contains("<failure "))
        let fine = try tool(["dinamo", "--input", inputs.histograms, "--output", out.path, "--quiet", "--formats", "png",
                             "--fail-on", "balanced_accuracy<0.1"])
        XCTAssertEqual(fine.status, 0, fine.stderr)
    }

    func testTemplatesDirectoryRestylesTheReportAndTheBinaryCarriesItsOwn() throws {
        let inputs = try makeInputs()
        let styles = root.appendingPathComponent("my-templates")
        try FileManager.default.createDirectory(at: styles, withIntermediateDirectories: true)
        try Data("body { background: #123456; } /* house style */".utf8).write(to: styles.appendingPathComponent("style.css"))
        let out = root.appendingPathComponent("report")
        let r = try tool(fastMcem(inputs.series, output: out.path, extra: ["--approach", "hmm", "--formats", "png", "--templates", styles.path]))
        XCTAssertEqual(r.status, 0, r.stderr)
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("/* house style */"))
        let page = try String(contentsOf: out.appendingPathComponent("inputs/series.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("/* house style */"), "input pages carry the style too")
        XCTAssertTrue(page.contains("How to read this section"), "the other templates are the built-in ones")
        let missing = try tool(fastMcem(inputs.series, output: out.path, extra: ["--templates", root.appendingPathComponent("nope").path]))
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("--templates"), missing.stderr)
    }

    func testVersionAndHelp() throws {
        let v = try tool(["--version"])
        XCTAssertEqual(v.status, 0)
        XCTAssertFalse(v.stdout.isEmpty)
        for sub in ["run", "dinamo", "mcem", "generate", "merge", "figure"] {
            let h = try tool([sub, "--help"])
            XCTAssertEqual(h.status, 0, sub)
            XCTAssertTrue(h.stdout.contains("--quiet") || ["generate", "figure"].contains(sub), sub)
            // Defaults read as the user types them, not as a dump of the Swift value.
            XCTAssertFalse(h.stdout.contains("MonteCarloEM.") || h.stdout.contains("Selection("), "\(sub): \(h.stdout)")
        }
        XCTAssertTrue(try tool(["mcem", "--help"]).stdout.contains("default: all)"))
    }
}
