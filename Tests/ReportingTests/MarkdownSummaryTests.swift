import Foundation
import XCTest
@testable import Reporting

/// The CI page's Markdown (`--markdown-summary`, `GITHUB_STEP_SUMMARY`): its exact text for a report with a
/// flagged histogram, a series and a failed input; the escaping of user strings; relative links; and, through
/// the built executable, appending to the step summary rather than replacing it.
final class MarkdownSummaryTests: ToolTestCase {
    private func record(_ position: Int, _ name: String, method: MethodInfo, unit: FlaggedUnit, units: Int,
                        flagged: Int, runs: RunScores? = nil, system: String? = nil, flaggedBy: String? = nil,
                        key: KeyMetric? = nil, failure: String? = nil) -> InputRecord {
        var r = InputRecord(position: position, stem: sanitizedStem(name), name: name, method: method,
                            size: [Quantity(units, unit.plural)], unit: unit, units: units, flaggedUnits: flagged,
                            flaggedBy: flaggedBy, keyMetric: key, status: flagged > 0 ? .alert : .ok,
                            severity: Double(flagged) / Double(units), seconds: 1, entry: nil, figures: [], checks: [],
                            sparkline: [], sparklineThreshold: nil, runs: runs, system: system, runFigures: [:],
                            settingsText: "", failure: nil)
        if let failure {
            r = .failed(position: position, stem: sanitizedStem(name), name: name, method: method, unit: unit, reason: failure)
        }
        return r
    }

    private func sanitizedStem(_ name: String) -> String { name.replacingOccurrences(of: "/", with: "-") }

    private let histograms = MethodInfo(id: MethodID("dinamo"), title: "DINAMO-S")
    private let series = MethodInfo(id: MethodID("mcem"), title: "MC-EM")

    private func runs(_ ids: [String], flagged: Set<String>) -> RunScores {
        RunScores(ids: ids, scores: ids.map { flagged.contains($0) ? 3 : 0 }, flagged: ids.map { flagged.contains($0) },
                  threshold: 1)
    }

    private func demoRecords() -> [InputRecord] {
        let ids = (1...8).map { String(319_170 + $0) }
        return [
            record(0, "Muons/pt", method: histograms, unit: .run, units: 8, flagged: 6,
                   runs: runs(ids, flagged: Set(ids.dropFirst(2))), system: "Muons",
                   key: KeyMetric(name: "balanced accuracy", value: 0.9125)),
            record(1, "Muons/eta", method: histograms, unit: .run, units: 8, flagged: 1,
                   runs: runs(ids, flagged: ["319175"]), system: "Muons"),
            record(2, "cpu|p99 *ms*", method: series, unit: .point, units: 400, flagged: 12, flaggedBy: "hmm",
                   key: KeyMetric(name: "best VUS-PR", value: 0.43349, by: "hmm")),
            record(3, "disk_<io>", method: series, unit: .point, units: 400, flagged: 0,
                   failure: "disk.csv, line 3: value 'x' is not a number"),
        ]
    }

    private func request(_ root: URL) -> ReportRequest {
        var r = ReportRequest(output: root.appendingPathComponent("ci/report"),
                              commandLine: "anomaly-report run --config 'a|b.yaml' --fail-on flagged")
        r.junit = root.appendingPathComponent("ci/report/junit.xml")
        r.quick = true
        return r
    }

    func testTheMarkdownOfAReportIsExactlyThis() {
        let root = URL(fileURLWithPath: "/work/job")
        let text = MarkdownSummary(records: demoRecords(), request: request(root),
                                   violations: ["Muons/pt: dinamo: flagged (6 runs)"],
                                   base: root.appendingPathComponent("ci")).markdown()
        let expected = #"""
        ## ❌ anomaly-report: 1 of 4 inputs failed

        **7 of 16 runs** in 2 monitored histograms and **12 of 400 points** in 1 series flagged. A quick smoke run: fewer epochs, samples and runs.

        | input | method | size | flagged | key metric |
        |---|---|---|---|---|
        | disk\_\<io\> | MC-EM | — | — | failed: disk.csv, line 3: value 'x' is not a number |
        | [Muons/pt](report/inputs/Muons-pt.html) | DINAMO-S | 8 runs | 6 runs: 319173, 319174, 319175, 319176, 319177, … (1 more) | balanced accuracy 0.912 |
        | [Muons/eta](report/inputs/Muons-eta.html) | DINAMO-S | 8 runs | 1 runs: 319175 | no labels |
        | [cpu\|p99 \*ms\*](report/inputs/cpu%7Cp99%20%2Ams%2A.html) | MC-EM | 400 points | 12 points (hmm) | best VUS-PR 0.433 (hmm) |

        Runs flagged by the most inputs: [319175](report/runs/run-319175.html) (2 inputs: Muons); [319173](report/runs/run-319173.html) (1 input: Muons); [319174](report/runs/run-319174.html) (1 input: Muons); [319176](report/runs/run-319176.html) (1 input: Muons); [319177](report/runs/run-319177.html) (1 input: Muons).

        **`--fail-on` holds** (exit 1):

        - Muons/pt: dinamo: flagged (6 runs)

        Report: [index.html](report/index.html) · [summary.json](report/summary.json) · [JUnit](report/junit.xml)

        Command: `anomaly-report run --config 'a\|b.yaml' --fail-on flagged`

        """#
        XCTAssertEqual(text, expected)
    }

    func testUserStringsCannotBreakTheMarkup() {
        XCTAssertEqual(MarkdownSummary.escape("a|b*c_d[e](f)<g>`h`\nnext &amp; #1 ~x~ \\"),
                       ##"a\|b\*c\_d\[e\](f)\<g\>\`h\` next \&amp; \#1 \~x\~ \\"##)
        XCTAssertEqual(MarkdownSummary.code("run `x` | y"), "``run `x` \\| y``")
        XCTAssertEqual(MarkdownSummary.code("`edge"), "`` `edge ``")
        XCTAssertEqual(MarkdownSummary.urlPath("my report (1)/index.html"), "my%20report%20%281%29/index.html")
    }

    func testLinksAreRelativeToTheMarkdownsDirectory() {
        let rel = { (a: String, b: String) in
            MarkdownSummary.relativePath(from: URL(fileURLWithPath: a), to: URL(fileURLWithPath: b))
        }
        XCTAssertEqual(rel("/w/job", "/w/job/report"), "report")
        XCTAssertEqual(rel("/w/job/report", "/w/job/report"), "")
        XCTAssertEqual(rel("/w/job/summaries/md", "/w/job/report"), "../../report")
        XCTAssertEqual(rel("/w/job/./x/..", "/w/out"), "../out")
        let root = URL(fileURLWithPath: "/w")
        var req = request(root)
        req.junit = nil
        let inside = MarkdownSummary(records: [], request: req, violations: [], base: req.output).markdown()
        XCTAssertTrue(inside.contains("Report: [index.html](index.html) · [summary.json](summary.json)\n"), inside)
        XCTAssertTrue(inside.hasPrefix("## ✅ anomaly-report: no anomalies flagged in 0 inputs\n"), inside)
    }

    // MARK: through the executable

    private func dinamo(_ input: String, output: String, _ extra: [String] = []) -> [String] {
        ["dinamo", "--input", input, "--output", output, "--quiet", "--formats", "png"] + extra
    }

    func testTheStepSummaryIsAppendedToNotReplaced() throws {
        let (histograms, _) = try makeInputs()
        let step = root.appendingPathComponent("step-summary.md")
        try Data("# Build\n\nearlier step".utf8).write(to: step)
        let env = ["GITHUB_STEP_SUMMARY": step.path]
        XCTAssertEqual(try tool(dinamo(histograms, output: "r1"), environment: env).status, 0)
        XCTAssertEqual(try tool(dinamo(histograms, output: "r2", ["--fail-on", "flagged"]), environment: env).status, 1,
                       "the toy data has bad runs")
        let text = try String(contentsOf: step, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("# Build\n\nearlier step\n## ⚠️ anomaly-report: anomalies flagged in 1 of 1 inputs\n"), text)
        XCTAssertEqual(text.components(separatedBy: "## ⚠️ anomaly-report: ").count - 1, 2, text)
        XCTAssertTrue(text.contains("[index.html](r1/index.html)"), text)
        XCTAssertTrue(text.contains("[runs.csv](r2/inputs/runs.html) | DINAMO-S | 300 runs × 20 bins |"), text)
        XCTAssertTrue(text.contains("**`--fail-on` holds** (exit 1):\n\n- runs.csv: "), text)

        // A file given explicitly is written instead, and the step summary is left alone.
        let own = root.appendingPathComponent("own.md")
        XCTAssertEqual(try tool(dinamo(histograms, output: "r3", ["--markdown-summary", own.path]), environment: env).status, 0)
        XCTAssertEqual(try String(contentsOf: step, encoding: .utf8), text)
        XCTAssertTrue(try String(contentsOf: own, encoding: .utf8).contains("[index.html](r3/index.html)"))
    }

    func testAnUnwritableSummaryIsAnErrorNamingIt() throws {
        let (histograms, _) = try makeInputs()
        let result = try tool(dinamo(histograms, output: "r", ["--markdown-summary", "no/such/dir/s.md"]))
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("cannot write the Markdown summary"), result.stderr)
        XCTAssertTrue(result.stderr.contains("no/such/dir/s.md"), result.stderr)
    }

    func testAShardGivesNoMarkdownVerdict() throws {
        let (histograms, _) = try makeInputs()
        let config = root.appendingPathComponent("c.json")
        try Data(#"{"dinamo": [{"input": "\#(histograms)"}]}"#.utf8).write(to: config)
        let result = try tool(["run", "--config", config.path, "--shard", "0/2", "--output", "part",
                               "--markdown-summary", "s.md", "--quiet"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--markdown-summary: a shard gives no verdict; give it to `merge`"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("part").path))
    }

    func testMergeWritesTheVerdictOfTheWholeReportAndShardsNone() throws {
        let (histograms, _) = try makeInputs()
        let config = root.appendingPathComponent("c.json")
        try Data(#"{"dinamo": [{"input": "\#(histograms)", "name": "a"}, {"input": "\#(histograms)", "name": "b"}]}"#.utf8)
            .write(to: config)
        let step = root.appendingPathComponent("step.md")
        let env = ["GITHUB_STEP_SUMMARY": step.path]
        for i in 0..<2 {
            let shard = try tool(["run", "--config", config.path, "--shard", "\(i)/2", "--output", "parts/\(i)", "--quiet",
                                  "--formats", "png"], environment: env)
            XCTAssertEqual(shard.status, 0, shard.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: step.path), "a shard gives no verdict")
        let merged = try tool(["merge", "parts/0", "parts/1", "--output", "report", "--quiet"], environment: env)
        XCTAssertEqual(merged.status, 0, merged.stderr)
        let text = try String(contentsOf: step, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("## ⚠️ anomaly-report: anomalies flagged in 2 of 2 inputs\n"), text)
        XCTAssertTrue(text.contains("| [a](report/inputs/a.html) | DINAMO-S |"), text)
        XCTAssertTrue(text.contains("| [b](report/inputs/b.html) | DINAMO-S |"), text)
    }
}
