import Foundation
import Inputs
import XCTest

/// `run --shard I/N` and `merge` (issue 13): shards partition the config's inputs, their merge equals the
/// unsharded run, and a missing, repeated or foreign part is named and nothing is written.
final class ShardMergeTests: ToolTestCase {
    let env = ["SOURCE_DATE_EPOCH": "1700000000"]

    func makeConfig(_ name: String = "monitors.json", histograms: Int, series: Int, seed: Int = 0) throws -> URL {
        var dinamo: [String] = [], seriesNames: [String] = []
        for k in 0..<histograms {
            let f = "h\(k).csv"
            if !FileManager.default.fileExists(atPath: root.appendingPathComponent(f).path) {
                XCTAssertEqual(try tool(["generate", "dinamo", "--seed", "\(k + 1)", "--runs", "120", "--bins", "12",
                                         "--output", root.appendingPathComponent(f).path, "--quiet"]).status, 0)
            }
            dinamo.append("{\"input\": \"\(f)\", \"threshold\": 1.0, \"alpha\": 0.5}")
        }
        for k in 0..<series {
            let f = "s\(k).csv"
            if !FileManager.default.fileExists(atPath: root.appendingPathComponent(f).path) {
                XCTAssertEqual(try tool(["generate", "series", "--seed", "\(k + 1)", "--length", "300",
                                         "--output", root.appendingPathComponent(f).path, "--quiet"]).status, 0)
            }
            seriesNames.append("{\"input\": \"\(f)\", \"approach\": \"hmm\", \"epochs\": 2, \"samples\": 2}")
        }
        let url = root.appendingPathComponent(name)
        try Data("{\"seed\": \(seed), \"dinamo\": [\(dinamo.joined(separator: ", "))], \"series\": [\(seriesNames.joined(separator: ", "))]}".utf8).write(to: url)
        return url
    }

    func shard(_ config: URL, _ i: Int, of n: Int, formats: String = "png,svg,pdf") throws -> URL {
        let part = root.appendingPathComponent("part-\(i)-of-\(n)")
        let r = try tool(["run", "--config", config.path, "--shard", "\(i)/\(n)", "--output", part.path, "--quick", "--quiet",
                          "--formats", formats], environment: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        return part
    }

    func summaryWithoutInvocation(_ report: URL) throws -> NSDictionary {
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: report.appendingPathComponent("summary.json"))) as! [String: Any]
        XCTAssertNotNil(json["invocation"])
        json["invocation"] = nil
        return json as NSDictionary
    }

    // MARK: merge equals the unsharded run

    func testShardsPartitionTheInputsAndTheirMergeEqualsTheUnshardedRun() throws {
        let config = try makeConfig(histograms: 5, series: 2)
        let whole = root.appendingPathComponent("whole")
        XCTAssertEqual(try tool(["run", "--config", config.path, "--output", whole.path, "--quick", "--quiet"], environment: env).status, 0)
        let parts = try (0..<3).map { try shard(config, $0, of: 3) }
        // Each part holds only its own inputs' pages; together they hold every input exactly once.
        let pagesPerPart = parts.map { files(under: $0.appendingPathComponent("inputs")) }
        XCTAssertEqual(pagesPerPart.map(\.count), [3, 2, 2])
        XCTAssertEqual(Set(pagesPerPart.flatMap { $0 }).count, 7)
        XCTAssertEqual(pagesPerPart[0], ["h0.html", "h3.html", "s1.html"], "input k belongs to shard k mod N")

        let merged = root.appendingPathComponent("merged")
        let r = try tool(["merge"] + parts.reversed().map(\.path) + ["--output", merged.path, "--quiet"], environment: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        let inWhole = files(under: whole), inMerged = files(under: merged)
        XCTAssertEqual(inWhole, inMerged)
        for f in inWhole where f.hasPrefix("figures/") || f.hasPrefix("data/") || f.hasPrefix("inputs/") || f == "index.html" {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: whole.appendingPathComponent(f).path, isDirectory: &isDir)
            if isDir.boolValue || f == "index.html" { continue }
            XCTAssertEqual(try Data(contentsOf: whole.appendingPathComponent(f)), try Data(contentsOf: merged.appendingPathComponent(f)), f)
        }
        XCTAssertEqual(try summaryWithoutInvocation(whole), try summaryWithoutInvocation(merged))
        let invocation = (try JSONSerialization.jsonObject(with: Data(contentsOf: merged.appendingPathComponent("summary.json"))) as! [String: Any])["invocation"] as! [String: Any]
        XCTAssertEqual((invocation["merged_parts"] as! [String]).count, 3)
        try assertLinksResolve(in: merged)
    }

    // MARK: parts that do not belong together

    func testMissingRepeatedHalfWrittenOrForeignPartsAreNamedAndNothingIsWritten() throws {
        let config = try makeConfig(histograms: 3, series: 0)
        let p0 = try shard(config, 0, of: 3), p1 = try shard(config, 1, of: 3), p2 = try shard(config, 2, of: 3)
        let out = root.appendingPathComponent("merged")
        func refused(_ parts: [URL], _ fragments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
            let r = try tool(["merge"] + parts.map(\.path) + ["--output", out.path], environment: env)
            XCTAssertEqual(r.status, 2, r.stderr, file: file, line: line)
            for f in fragments { XCTAssertTrue(r.stderr.contains(f), "\(r.stderr) lacks \(f)", file: file, line: line) }
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing written", file: file, line: line)
        }
        try refused([p0, p2], ["shard 1/3 missing"])
        try refused([p0, p1, p1, p2], ["shard 1/3 is given twice"])
        // A part of another config (other settings) is foreign.
        let other = try makeConfig("other.json", histograms: 3, series: 0, seed: 9)
        let foreign = try shard(other, 1, of: 3)
        try refused([p0, foreign, p2], ["not parts of the same work", "configs"])
        // A part whose run never finished has no manifest.
        let half = root.appendingPathComponent("half")
        try FileManager.default.createDirectory(at: half.appendingPathComponent("figures"), withIntermediateDirectories: true)
        try refused([p0, p1, p2, half], ["half", "not a finished shard"])
        XCTAssertEqual(try tool(["run", "--shard", "3/3", "--config", config.path, "--output", out.path]).status, 2)
        XCTAssertEqual(try tool(["run", "--shard", "0/2", "--output", out.path]).status, 2, "--shard needs --config")
    }
}
