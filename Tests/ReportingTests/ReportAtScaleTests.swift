import Foundation
import Inputs
import XCTest

/// The report at scale (issue 12): per-input pages and an overview whose links resolve whatever `--formats`
/// names, inputs checked up front, faults deep in a file, `--keep-going`, and YAML configs.
final class ReportAtScaleTests: ToolTestCase {
    /// A config of `histograms` small histogram inputs and `series` small series, all made by the tool.
    func makeConfig(histograms: Int, series: Int = 0, extension ext: String = "json", mutate: ((Int) -> String?)? = nil) throws -> URL {
        var dinamo: [String] = []
        for k in 0..<histograms {
            let name = "h\(k).csv"
            XCTAssertEqual(try tool(["generate", "dinamo", "--seed", "\(k + 1)", "--runs", "120", "--bins", "12",
                                     "--output", root.appendingPathComponent(name).path, "--quiet"]).status, 0)
            if let replacement = mutate?(k) { try Data(replacement.utf8).write(to: root.appendingPathComponent(name)) }
            dinamo.append(name)
        }
        var seriesNames: [String] = []
        for k in 0..<series {
            let name = "s\(k).csv"
            XCTAssertEqual(try tool(["generate", "series", "--seed", "\(k + 1)", "--length", "300",
                                     "--output", root.appendingPathComponent(name).path, "--quiet"]).status, 0)
            seriesNames.append(name)
        }
        let url = root.appendingPathComponent("monitors.\(ext)")
        let text: String
        if ext == "json" {
            text = "{\"dinamo\": [" + dinamo.map { "{\"input\": \"\($0)\", \"alpha\": 0.5, \"threshold\": 1.0}" }.joined(separator: ", ")
                + "], \"series\": [" + seriesNames.map { "{\"input\": \"\($0)\", \"approach\": \"mixture,hmm\", \"epochs\": 2, \"samples\": 2}" }.joined(separator: ", ") + "]}"
        } else {
            text = "dinamo:\n" + dinamo.map { "  - {input: \($0), alpha: 0.5, threshold: 1.0}\n" }.joined()
                + (seriesNames.isEmpty ? "" : "series:\n" + seriesNames.map { "  - {input: \($0), approach: \"mixture,hmm\", epochs: 2, samples: 2}\n" }.joined())
        }
        try Data(text.utf8).write(to: url)
        return url
    }

    // MARK: size

    /// The size budget of a histogram input (docs/performance.md): a 1000-run × 100-bin input with labels,
    /// PNG only, writes at most 1 MB — its page, figures, specs, CSVs and arrays — and keeps the numbers behind
    /// every figure (each figure redraws from its spec and data: FigureRerenderTests).
    func testAThousandRunInputOfAHundredBinsWritesAtMostOneMegabyte() throws {
        let input = root.appendingPathComponent("h.csv"), report = root.appendingPathComponent("out")
        XCTAssertEqual(try tool(["generate", "dinamo", "--runs", "1000", "--bins", "100", "--output", input.path, "--quiet"]).status, 0)
        let r = try tool(["dinamo", "--input", input.path, "--formats", "png", "--output", report.path, "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        var bytes = 0, files = 0
        for folder in ["figures", "data", "inputs"] {
            let dir = report.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasPrefix("h-") || name.hasPrefix("h.") {
                bytes += try XCTUnwrap(FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(name).path)[.size] as? Int)
                files += 1
            }
        }
        XCTAssertGreaterThan(files, 20, "the input's figures, their data and its page")
        XCTAssertLessThanOrEqual(bytes, 1_000_000, "\(bytes) bytes in \(files) files")
    }

    // MARK: pages and links

    func testOverviewLinksEveryInputPageAndEveryLinkResolvesForAnyFormats() throws {
        let config = try makeConfig(histograms: 3, series: 1)
        for formats in ["png,svg,pdf", "svg", "pdf", "png"] {
            let out = root.appendingPathComponent("report-\(formats.replacingOccurrences(of: ",", with: "-"))")
            let r = try tool(["run", "--config", config.path, "--output", out.path, "--quick", "--quiet", "--formats", formats])
            XCTAssertEqual(r.status, 0, r.stderr)
            try assertLinksResolve(in: out)
            let overview = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
            for stem in ["h0", "h1", "h2", "s0"] {
                XCTAssertTrue(overview.contains("href=\"inputs/\(stem).html\""), "\(formats): no link to \(stem)")
                let page = try String(contentsOf: out.appendingPathComponent("inputs/\(stem).html"), encoding: .utf8)
                XCTAssertTrue(page.contains("<img src=\"../figures/\(stem)-"), "\(formats): \(stem) shows no figure")
                XCTAssertFalse(page.contains("src=\"\""), formats)
            }
            XCTAssertTrue(overview.contains("usemap=\"#map-summary-map\""), "the summary map links its rows")
            if !formats.contains("pdf") {
                XCTAssertFalse(files(under: out).contains { $0.hasSuffix(".pdf") }, formats)
            }
        }
    }

    func testOverviewOfManyInputsStaysSmallAndSortsWorstFirst() throws {
        let config = try makeConfig(histograms: 12)
        let out = root.appendingPathComponent("report")
        let r = try tool(["run", "--config", config.path, "--output", out.path, "--quick", "--quiet", "--formats", "svg", "--jobs", "3"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let overview = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertFalse(overview.contains("<figure id=\"figure-h0-score-trend\""), "input figures live on the input pages")
        XCTAssertLessThan(overview.utf8.count, 12 * 1500 + 20_000, "about a kilobyte a row")
        // Worst first: the rows' flagged fractions never increase down the table.
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        let entries = summary["dinamo"] as! [[String: Any]]
        XCTAssertEqual(entries.map { $0["name"] as! String }, (0..<12).map { "h\($0).csv" }, "summary.json keeps config order")
        let fraction = Dictionary(uniqueKeysWithValues: entries.map { ($0["name"] as! String, Double(($0["flagged"] as! [Any]).count) / Double($0["runs"] as! Int)) })
        var order: [String] = []
        var rest = overview[...]
        while let r = rest.range(of: "<td><a href=\"inputs/") {
            let tail = rest[r.upperBound...]
            let end = tail.firstIndex(of: "\"")!
            order.append(String(tail[..<end]).replacingOccurrences(of: ".html", with: ".csv"))
            rest = tail[end...]
        }
        XCTAssertEqual(order.count, 12)
        for k in 1..<order.count { XCTAssertGreaterThanOrEqual(fraction[order[k - 1]]!, fraction[order[k]]!) }
    }

    // MARK: failing fast, failing late, keeping going

    func testBadInputIsFoundUpFrontBeforeAnyComputation() throws {
        let config = try makeConfig(histograms: 6) { k in k == 4 ? "run,label\n1,0\n" : nil }
        let out = root.appendingPathComponent("report")
        let r = try tool(["run", "--config", config.path, "--output", out.path, "--quick"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("h4.csv") && r.stderr.contains("no bin columns") && r.stderr.contains("dinamo[4]"), r.stderr)
        XCTAssertFalse(r.stderr.contains("1/6"), "nothing was computed: \(r.stderr)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    func testFaultDeepInAFileStopsTheRunAndKeepsThePreviousReport() throws {
        let good = try makeConfig(histograms: 3)
        let out = root.appendingPathComponent("report")
        XCTAssertEqual(try tool(["run", "--config", good.path, "--output", out.path, "--quick", "--quiet"]).status, 0)
        let before = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        // Row 100 of h1 turns negative: the head is fine, the fault is found when the input is loaded.
        var lines = try String(contentsOf: root.appendingPathComponent("h1.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        var cells = lines[100].split(separator: ",").map(String.init)
        cells[3] = "-5"
        lines[100] = cells.joined(separator: ",")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: root.appendingPathComponent("h1.csv"))
        let r = try tool(["run", "--config", good.path, "--output", out.path, "--quick", "--quiet"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("h1.csv") && r.stderr.contains("line 101"), r.stderr)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("summary.json")), before, "the previous report is intact")
        XCTAssertEqual(files(under: root).filter { $0.contains(".partial-") }, [])

        // --keep-going publishes the others, lists the failed one, and still exits 2.
        let k = try tool(["run", "--config", good.path, "--output", out.path, "--quick", "--quiet", "--keep-going"])
        XCTAssertEqual(k.status, 2, k.stderr)
        XCTAssertTrue(k.stderr.contains("h1.csv"), k.stderr)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        XCTAssertEqual((summary["dinamo"] as! [[String: Any]]).map { $0["name"] as! String }, ["h0.csv", "h2.csv"])
        let failed = summary["failed"] as! [[String: Any]]
        XCTAssertEqual(failed.map { $0["name"] as! String }, ["h1.csv"])
        XCTAssertTrue((failed[0]["error"] as! String).contains("line 101"))
        let overview = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(overview.contains("status-failed"))
        try assertLinksResolve(in: out)
    }

    // MARK: YAML

    func testYAMLConfigGivesTheSameReportAsItsJSONTwin() throws {
        let json = try makeConfig(histograms: 2, series: 1)
        let yaml = try makeConfig(histograms: 2, series: 1, extension: "yaml")
        let env = ["SOURCE_DATE_EPOCH": "1700000000"]
        let a = root.appendingPathComponent("a"), b = root.appendingPathComponent("b")
        XCTAssertEqual(try tool(["run", "--config", json.path, "--output", a.path, "--quick", "--quiet", "--formats", "svg"], environment: env).status, 0)
        let r = try tool(["run", "--config", yaml.path, "--output", b.path, "--quick", "--quiet", "--formats", "svg"], environment: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(files(under: a), files(under: b))
        for f in files(under: a) where f.hasPrefix("figures/") || f.hasPrefix("data/") {
            XCTAssertEqual(try Data(contentsOf: a.appendingPathComponent(f)), try Data(contentsOf: b.appendingPathComponent(f)), f)
        }
    }
}
