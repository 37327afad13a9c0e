import Foundation
import XCTest

/// The shift's report, as a shifter meets it: per-run DQM files with a slow drift, gaps in the run numbers and
/// bad runs that each break one system, with and without a golden-run list. Every bad (run, histogram of its
/// system) pair is flagged, at most the false-alarm budget of the good pairs, never a warm-up run, and the
/// runs are named by their numbers everywhere.
final class ShiftReportTests: ToolTestCase {
    private struct Truth {
        /// Bad run → the system it broke.
        var bad: [String: String]
        var runs: [String]
    }

    /// 150 runs × 10 histograms (two per system; one in four a TH2), as `generate dinamo --format root` writes them.
    private func makeRuns() throws -> (dir: URL, truth: Truth) {
        let dir = root.appendingPathComponent("runs")
        let r = try tool(["generate", "dinamo", "--format", "root", "--runs", "150", "--histograms", "10", "--seed", "5",
                          "--output", dir.path, "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        var truth = Truth(bad: [:], runs: [])
        let lines = try String(contentsOf: dir.appendingPathComponent("truth.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            truth.runs.append(f[0])
            if f[1] == "1" { truth.bad[f[0]] = f[2] }
        }
        XCTAssertGreaterThan(truth.bad.count, 3, "the set has bad runs")
        XCTAssertTrue(zip(truth.runs, truth.runs.dropFirst()).contains { Int($1)! - Int($0)! > 1 }, "the set has gaps in its run numbers")
        return (dir, truth)
    }

    private func report(_ dir: URL, labels: URL?, name: String) throws -> [String: Any] {
        var entry = #"{"input": "\#(dir.path)", "histograms": "DQMData/Run */*/*""#
        if let labels { entry += #", "labels": "\#(labels.path)""# }
        let config = root.appendingPathComponent("\(name).json")
        try Data(#"{"dinamo": [\#(entry)}]}"#.utf8).write(to: config)
        let out = root.appendingPathComponent(name)
        let r = try tool(["run", "--config", config.path, "--formats", "png", "--output", out.path, "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any])
    }

    /// The verdicts a shift needs: every bad pair of the broken system flagged, good pairs within the budget
    /// (0.5 %, with one pair of slack for 1500 pairs), the first run and warm-up runs never flagged.
    private func assertShiftVerdicts(_ summary: [String: Any], _ truth: Truth, file: StaticString = #filePath, line: UInt = #line) {
        let entries = summary["dinamo"] as? [[String: Any]] ?? []
        XCTAssertEqual(entries.count, 10, file: file, line: line)
        var goodPairs = 0, goodFlagged = 0
        for e in entries {
            let name = e["name"] as? String ?? ""
            let system = String(name.split(separator: "/").first ?? "")
            let flagged = Set(e["flagged"] as? [String] ?? [])
            let warmUp = Set(e["warm_up"] as? [String] ?? [])
            XCTAssertTrue(flagged.isDisjoint(with: warmUp), "\(name): a warm-up run is flagged", file: file, line: line)
            XCTAssertFalse(flagged.contains(truth.runs[0]), "\(name): the first run is flagged", file: file, line: line)
            for (run, broken) in truth.bad where broken == system {
                XCTAssertTrue(flagged.contains(run) || warmUp.contains(run), "\(name): bad run \(run) of \(system) not flagged",
                              file: file, line: line)
            }
            let good = truth.runs.filter { truth.bad[$0] == nil && !warmUp.contains($0) }
            goodPairs += good.count
            goodFlagged += good.filter(flagged.contains).count
        }
        XCTAssertLessThanOrEqual(Double(goodFlagged), 0.005 * Double(goodPairs) + 1,
                                 "\(goodFlagged) of \(goodPairs) good pairs flagged", file: file, line: line)
    }

    // MARK: verdicts

    func testWithoutLabelsTheReferenceLearnsAndOnlyBadRunsAreFlagged() throws {
        let (dir, truth) = try makeRuns()
        let summary = try report(dir, labels: nil, name: "nolabels")
        assertShiftVerdicts(summary, truth)
        let entry = (summary["dinamo"] as! [[String: Any]])[0]
        XCTAssertTrue((entry["threshold_choice"] as? String ?? "").contains("false-alarm budget"), "\(entry["threshold_choice"] ?? "")")
        XCTAssertEqual((entry["warm_up"] as? [String])?.first, truth.runs[0], "the first runs are warm-up")
    }

    func testWithAGoldenRunListTheThresholdRespectsTheBudget() throws {
        let (dir, truth) = try makeRuns()
        let summary = try report(dir, labels: dir.appendingPathComponent("labels.csv"), name: "labels")
        assertShiftVerdicts(summary, truth)
    }

    func testWithTooFewLabelsTheBudgetRuleAppliesWithANote() throws {
        let (dir, truth) = try makeRuns()
        let labels = root.appendingPathComponent("few.csv")
        let all = try String(contentsOf: dir.appendingPathComponent("labels.csv"), encoding: .utf8).split(separator: "\n")
        try Data((all.prefix(13).joined(separator: "\n") + "\n").utf8).write(to: labels)   // 12 labelled runs
        let summary = try report(dir, labels: labels, name: "few")
        assertShiftVerdicts(summary, truth)
        for e in summary["dinamo"] as! [[String: Any]] {
            XCTAssertTrue((e["threshold_choice"] as? String ?? "").contains("false-alarm budget"), "\(e["threshold_choice"] ?? "")")
        }
    }

    // MARK: runs by their numbers, run pages

    func testRunsAreNamedByTheirNumbersAndRunPagesLinkBothWays() throws {
        let (dir, truth) = try makeRuns()
        _ = try report(dir, labels: nil, name: "pages")
        let out = root.appendingPathComponent("pages")
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any])
        let runs = try XCTUnwrap(summary["runs"] as? [[String: Any]])
        XCTAssertFalse(runs.isEmpty)
        for bad in truth.bad.keys {
            XCTAssertTrue(runs.contains { $0["run"] as? String == bad }, "bad run \(bad) is not in the runs list")
        }
        let first = runs[0]
        let page = try XCTUnwrap(first["page"] as? String)
        let flaggedBy = try XCTUnwrap(first["flagged_by"] as? [[String: Any]])
        XCTAssertFalse(flaggedBy.isEmpty)
        XCTAssertFalse((first["systems"] as? [String] ?? []).isEmpty)
        let html = try String(contentsOf: out.appendingPathComponent(page), encoding: .utf8)
        XCTAssertTrue(html.contains("Run \(first["run"] as! String)"))
        // The run page links to each histogram that flagged it, and that histogram's page back to the run page.
        let input = try XCTUnwrap(flaggedBy[0]["input"] as? String)
        let stem = input.replacingOccurrences(of: "/", with: "-")
        XCTAssertTrue(html.contains("../inputs/\(stem).html"), "run page links to \(stem)")
        let inputPage = try String(contentsOf: out.appendingPathComponent("inputs/\(stem).html"), encoding: .utf8)
        XCTAssertTrue(inputPage.contains("../\(page)"), "the histogram's page links back to \(page)")
        XCTAssertTrue(html.contains("<img src=\"../figures/"), "the run page shows the run against its reference")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("runs/index.html").path))
        // Figure ids and data files use the run numbers.
        let figures = (summary["figures"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        XCTAssertTrue(figures.contains { $0.contains("-run-\(first["run"] as! String)-") }, "figure ids name runs by number")
        let overview = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(overview.contains("Flagged runs") && overview.contains(page), "the overview leads with the flagged runs")
    }

    func testTheOverviewLeadsWithASystemByRunVerdictWhereEachBrokenSystemIsDark() throws {
        let (dir, truth) = try makeRuns()
        _ = try report(dir, labels: nil, name: "systems")
        let out = root.appendingPathComponent("systems")
        let overview = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        let map = try XCTUnwrap(overview.range(of: "Systems × runs")?.lowerBound, "the overview has the system × run map")
        XCTAssertLessThan(map, try XCTUnwrap(overview.range(of: "Flagged runs, worst first")?.lowerBound), "and leads with it")
        XCTAssertTrue(overview.contains("distinct runs flagged"))
        // Its data: the share of each system's histograms that flagged each run. Every bad run's broken system
        // flagged all its histograms (two here); no other system breaks in that run.
        let csv = try String(contentsOf: out.appendingPathComponent("data/system-map.csv"), encoding: .utf8)
        var share: [String: Double] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            share[f[0] + " " + f[1]] = Double(f[4])
        }
        for (run, system) in truth.bad where run != truth.runs[0] {
            XCTAssertEqual(share["\(system) \(run)"], 1, "bad run \(run) broke \(system)")
        }
        // Each flagged run's column links to its run page.
        for run in truth.bad.keys where run != truth.runs[0] {
            XCTAssertTrue(overview.contains("href=\"runs/run-\(run).html\" alt=\"run \(run)\""), "run \(run)'s column links to its page")
        }
    }
}
