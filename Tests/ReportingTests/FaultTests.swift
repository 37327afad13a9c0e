import Foundation
import XCTest

/// Faults around the output directory: concurrent writers, killed runs, unwritable locations.
final class FaultTests: ToolTestCase {
    private func start(_ arguments: [String], in dir: URL) throws -> Process {
        let p = Process()
        p.executableURL = ToolTestCase.executable
        p.arguments = arguments
        p.currentDirectoryURL = dir
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    // MARK: concurrency

    func testTwoRunsIntoOneDirectoryLeaveOneCompleteReport() throws {
        let inputs = try makeInputs()
        let root = URL(fileURLWithPath: inputs.series).deletingLastPathComponent()
        let out = root.appendingPathComponent("shared")
        let args = fastMcem(inputs.series, output: out.path, extra: ["--approach", "hmm", "--formats", "png"])
        let a = try start(args + ["--seed", "1"], in: root)
        let b = try start(args + ["--seed", "2"], in: root)
        a.waitUntilExit()
        b.waitUntilExit()
        XCTAssertTrue(a.terminationStatus == 0 || b.terminationStatus == 0)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        let seed = summary["seed"] as! Int
        XCTAssertTrue(seed == 1 || seed == 2)
        // The page and the summary come from the same run.
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<dt>seed</dt><dd>\(seed)</dd>"), "page and summary disagree")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".shared.") }
        XCTAssertEqual(leftovers, [])
    }

    // MARK: killed runs

    func testKilledRunLeavesThePreviousReportIntact() throws {
        let inputs = try makeInputs()
        let root = URL(fileURLWithPath: inputs.series).deletingLastPathComponent()
        let out = root.appendingPathComponent("report")
        XCTAssertEqual(try tool(fastMcem(inputs.series, output: out.path, extra: ["--approach", "hmm", "--formats", "png"])).status, 0)
        let before = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        for sig in [SIGTERM, SIGKILL] {
            let slow = try start(["mcem", "--input", inputs.series, "--epochs", "400", "--output", out.path, "--quiet"], in: root)
            Thread.sleep(forTimeInterval: 1.0)
            kill(slow.processIdentifier, sig)
            slow.waitUntilExit()
            XCTAssertNotEqual(slow.terminationStatus, 0)
            XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("summary.json")), before, "signal \(sig)")
        }
        // SIGTERM cleans up at once; SIGKILL's staging directory is removed by the next run.
        XCTAssertEqual(try tool(fastMcem(inputs.series, output: out.path, extra: ["--approach", "hmm", "--formats", "png"])).status, 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".report.") }
        XCTAssertEqual(leftovers, [])
    }

    // MARK: unwritable locations

    func testUnwritableOutputLocationIsExitTwo() throws {
        let inputs = try makeInputs()
        let r = try tool(fastMcem(inputs.series, output: "/proc/anomaly-report-test/report", extra: ["--approach", "hmm"]))
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("cannot write the report"), r.stderr)
    }
}
