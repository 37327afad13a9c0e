import Foundation
import Inputs
@testable import Plotting
import XCTest
@testable import Reporting

/// Through the built tool: a series draws from its identity, not its place (the same bytes alone, third in a config
/// and in a shard); `mcem --quick`; `--time-column` and the config's `time_column`; `figure` keeps dates.
final class SeriesIdentityTests: ToolTestCase {
    private let approaches = ["baseline", "topk", "mixture", "hmm"]

    /// A generated series of 300 points, with a time column of epoch milliseconds named `when` when asked.
    private func series(_ name: String, seed: Int, times: Bool = false) throws -> String {
        let path = root.appendingPathComponent(name).path
        XCTAssertEqual(try tool(["generate", "series", "--seed", "\(seed)", "--length", "300", "--output", path, "--quiet"]).status, 0)
        if times {
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            var out = "when," + lines[0] + "\n"
            for (k, line) in lines.dropFirst().enumerated() { out += "\(1_392_807_000_000 + k * 300_000),\(line)\n" }
            try out.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return path
    }

    private func dataFiles(_ report: URL, stem: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for a in approaches + ["scores"] {
            out[a] = try Data(contentsOf: report.appendingPathComponent("data/\(stem)-\(a).csv"))
        }
        return out
    }

    func testASeriesGivesTheSameBytesAloneThirdInAConfigAndInAShard() throws {
        let target = try series("target.csv", seed: 7)
        _ = try series("first.csv", seed: 1)
        _ = try series("second.csv", seed: 2)
        let settings = "\"epochs\": 3, \"samples\": 2"
        let config = root.appendingPathComponent("c.json")
        try Data("""
        {"seed": 4, "series": [{"input": "first.csv", \(settings)}, {"input": "second.csv", \(settings)},
                               {"input": "target.csv", \(settings)}]}
        """.utf8).write(to: config)
        let alone = root.appendingPathComponent("alone")
        let a = try tool(["mcem", "--input", target, "--epochs", "3", "--samples", "2", "--seed", "4", "--output", alone.path, "--quiet"])
        XCTAssertEqual(a.status, 0, a.stderr)
        let whole = root.appendingPathComponent("whole")
        let w = try tool(["run", "--config", config.path, "--output", whole.path, "--quiet", "--formats", "svg"])
        XCTAssertEqual(w.status, 0, w.stderr)
        let part = root.appendingPathComponent("part")
        let p = try tool(["run", "--config", config.path, "--shard", "2/3", "--output", part.path, "--quiet", "--formats", "svg"])
        XCTAssertEqual(p.status, 0, p.stderr)
        let reference = try dataFiles(alone, stem: "target")
        XCTAssertEqual(try dataFiles(whole, stem: "target"), reference, "third in a config")
        XCTAssertEqual(try dataFiles(part, stem: "target"), reference, "alone in its shard")
        // Another seed or another name draws other numbers.
        let renamed = root.appendingPathComponent("renamed")
        XCTAssertEqual(try tool(["mcem", "--input", target, "--epochs", "3", "--samples", "2", "--seed", "4", "--name", "other",
                                 "--output", renamed.path, "--quiet"]).status, 0)
        XCTAssertNotEqual(try Data(contentsOf: renamed.appendingPathComponent("data/other-hmm.csv")), reference["hmm"])
    }

    func testMcemQuickIsASmokeRunAsRunQuick() throws {
        let s = try series("s.csv", seed: 3)
        let out = root.appendingPathComponent("q")
        let r = try tool(["mcem", "--input", s, "--quick", "--approach", "hmm", "--output", out.path, "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any]
        XCTAssertEqual(summary?["quick"] as? Bool, true)
        let entry = (summary?["mcem"] as? [[String: Any]])?.first
        let hmm = (entry?["approaches"] as? [String: Any])?["hmm"] as? [String: Any]
        XCTAssertEqual(hmm?["epochs"] as? Int, 8, "run --quick's cap of 8 epochs")
    }

    func testATimeColumnNamedOnTheCommandLineOrInAConfigGivesDatesEverywhere() throws {
        let s = try series("s.csv", seed: 3, times: true)
        // Without --time-column the generated file's own `timestamp` column is found by name (`when` is no time
        // column name).
        let plain = root.appendingPathComponent("plain")
        XCTAssertEqual(try tool(fastMcem(s, output: plain.path, extra: ["--approach", "hmm"])).status, 0)
        let plainCSV = try String(contentsOf: plain.appendingPathComponent("data/s-hmm.csv"), encoding: .utf8)
        XCTAssertTrue(plainCSV.split(separator: "\n")[1].hasPrefix("0,2026-01-01T00:00:00Z,"), String(plainCSV.prefix(200)))

        let timed = root.appendingPathComponent("timed")
        let r = try tool(fastMcem(s, output: timed.path, extra: ["--approach", "hmm", "--time-column", "when", "--formats", "svg"]))
        XCTAssertEqual(r.status, 0, r.stderr)
        let csv = try String(contentsOf: timed.appendingPathComponent("data/s-hmm.csv"), encoding: .utf8).split(separator: "\n")
        XCTAssertTrue(csv[0].hasPrefix("t,timestamp,value"), String(csv[0]))
        XCTAssertTrue(csv[1].hasPrefix("0,2014-02-19T10:50:00Z,"), String(csv[1]))
        // `figure` redraws the dates at another width (the spec keeps the time axis).
        let redrawn = root.appendingPathComponent("narrow.svg")
        let f = try tool(["figure", timed.path, "--id", "s-hmm", "--figure-width", "column", "--formats", "svg", "--output", redrawn.path])
        XCTAssertEqual(f.status, 0, f.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: redrawn.path))
        // The spec draws its arrays from the figure's data file (spec version 2).
        let specBytes = try Data(contentsOf: timed.appendingPathComponent("figures/s-hmm.figure.json"))
        let columns = try FigureSpec.Header(decoding: specBytes).dataColumns
        let data = try CSVTable.numericColumns(Data(contentsOf: timed.appendingPathComponent("data/s-hmm.csv")), named: columns)
        let spec = try FigureSpec(decoding: specBytes, data: data)
        let narrow = spec.figure.styled(try FigureStyle(width: .column))
        let layout = narrow.layout(using: RecordingRenderer.withFontMetrics())
        let ticks = layout.panels[1].xTicks
        XCTAssertEqual(ticks.annotation, "2014 UTC", "dates, not epoch seconds (\(ticks.labels))")
        XCTAssertTrue(ticks.labels.contains { $0.contains("Feb 19") || $0.contains("Feb 20") }, "\(ticks.labels)")

        // The config's time_column; a name the header lacks is exit 2 naming the file and the entry.
        let config = root.appendingPathComponent("c.json")
        try Data(#"{"series": [{"input": "s.csv", "time_column": "when", "approach": "hmm", "epochs": 2, "samples": 1}]}"#.utf8).write(to: config)
        let viaConfig = root.appendingPathComponent("viaConfig")
        XCTAssertEqual(try tool(["run", "--config", config.path, "--output", viaConfig.path, "--quiet", "--formats", "svg"]).status, 0)
        XCTAssertTrue(try String(contentsOf: viaConfig.appendingPathComponent("data/s-hmm.csv"), encoding: .utf8).contains(",2014-02-19T10:55:00Z,"))
        try Data(#"{"series": [{"input": "s.csv", "time_column": "clock"}]}"#.utf8).write(to: config)
        let bad = try tool(["run", "--config", config.path, "--output", root.appendingPathComponent("bad").path, "--quiet"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("s.csv, line 1: no time column \"clock\""), bad.stderr)
        XCTAssertTrue(bad.stderr.contains("series[0]"), bad.stderr)
    }

    func testLabelsWhollyOutsideTheSeriesAreExitTwoNamingTheFile() throws {
        let s = try series("s.csv", seed: 3)
        let labels = root.appendingPathComponent("w.json")
        try Data("[[400, 500]]".utf8).write(to: labels)
        let r = try tool(fastMcem(s, output: root.appendingPathComponent("o").path, extra: ["--labels", labels.path]))
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.hasPrefix("error: w.json: its one window [400, 500] (indices 0…299) lies wholly outside the series s.csv"), r.stderr)
    }
}
