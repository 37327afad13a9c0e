import Foundation
import Inputs
import XCTest

/// Every file of the broken-input corpus (`Corpus/`, described by `Corpus/expectations.json`) through the
/// command line as a user runs it: a clear error naming the file and the line or key, exit 2 and no output
/// directory; or a complete report in which every number is finite or null.
final class CorpusTests: ToolTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    private struct Case {
        var file: String
        var exit: Int32
        var error: String?
    }

    private func cases() throws -> [Case] {
        let data = try Data(contentsOf: Self.corpus.appendingPathComponent("expectations.json"))
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let table = try XCTUnwrap(root["cases"] as? [String: [String: Any]])
        return try table.keys.sorted().map { file in
            let entry = table[file]!
            return Case(file: file, exit: Int32(try XCTUnwrap(entry["exit"] as? Int)), error: entry["error"] as? String)
        }
    }

    /// The command a case runs: its folder names the input kind.
    private func arguments(for file: String, output: String) -> [String] {
        let path = Self.corpus.appendingPathComponent(file).path
        let mcem = ["--epochs", "2", "--samples", "1", "--approach", "hmm"]
        let common = ["--output", output, "--formats", "png", "--quiet"]
        switch file.split(separator: "/").first {
        case "histograms": return ["dinamo", "--input", path] + common
        case "series": return ["mcem", "--input", path] + mcem + common
        case "labels":
            return ["mcem", "--input", Self.corpus.appendingPathComponent("series/good.csv").path, "--labels", path] + mcem + common
        default: return ["run", "--config", path, "--quick"] + common
        }
    }

    /// Names in `root` that belong to the output directory `name`: itself, or a staging or aside copy of it.
    private func traces(of name: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
            .filter { $0 == name || $0.hasPrefix(".\(name).") }
    }

    // MARK: the corpus itself

    func testEveryCorpusFileHasExactlyOneCase() throws {
        let listed = Set(try cases().map(\.file))
        let onDisk = Set(files(under: Self.corpus).filter { $0.contains("/") && !$0.hasSuffix("/") }
            .filter { !FileManager.default.isDirectory(Self.corpus.appendingPathComponent($0)) })
        XCTAssertEqual(onDisk.subtracting(listed).sorted(), [], "corpus files without an expectation")
        XCTAssertEqual(listed.subtracting(onDisk).sorted(), [], "expectations without a corpus file")
        XCTAssertGreaterThan(listed.count, 50)
    }

    // MARK: refused inputs

    func testEveryBrokenInputExitsTwoNamesFileAndPlaceAndWritesNothing() throws {
        let refused = try cases().filter { $0.exit == 2 }
        XCTAssertGreaterThan(refused.count, 40)
        for (k, c) in refused.enumerated() {
            let name = "out-\(k)"
            let r = try tool(arguments(for: c.file, output: root.appendingPathComponent(name).path))
            XCTAssertEqual(r.status, 2, "\(c.file): exit \(r.status), stderr: \(r.stderr)")
            let expected = "error: " + (c.error ?? "")
            XCTAssertTrue(r.stderr.hasPrefix(expected), "\(c.file):\n  expected \(expected)\n  got      \(r.stderr)")
            XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, "\(c.file): one line of error, no trace: \(r.stderr)")
            XCTAssertEqual(r.stdout, "", c.file)
            XCTAssertEqual(traces(of: name), [], "\(c.file) left output behind")
        }
    }

    // MARK: accepted inputs

    func testEveryAcceptedInputGivesACompleteReportWithOnlyFiniteNumbers() throws {
        let accepted = try cases().filter { $0.exit == 0 }
        XCTAssertGreaterThan(accepted.count, 5)
        let nonFinite = try NSRegularExpression(pattern: #"(?i)(^|[,:\[\s])[-+]?(nan|inf|infinity)($|[,\]\s}])"#, options: [.anchorsMatchLines])
        for (k, c) in accepted.enumerated() {
            let out = root.appendingPathComponent("ok-\(k)")
            let r = try tool(arguments(for: c.file, output: out.path))
            XCTAssertEqual(r.status, 0, "\(c.file): \(r.stderr)")
            let summary = try Data(contentsOf: out.appendingPathComponent("summary.json"))
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: summary), c.file)
            let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
            XCTAssertFalse(html.contains("NaN"), "\(c.file): NaN in the page")
            var texts = [("summary.json", String(decoding: summary, as: UTF8.self))]
            for f in files(under: out.appendingPathComponent("data")) where f.hasSuffix(".csv") {   // .npy arrays are binary
                texts.append((f, try String(contentsOf: out.appendingPathComponent("data").appendingPathComponent(f), encoding: .utf8)))
            }
            for (f, text) in texts {
                let hit = nonFinite.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
                XCTAssertNil(hit, "\(c.file): non-finite number in \(f): \(hit.map { (text as NSString).substring(with: $0.range) } ?? "")")
            }
        }
    }

    // MARK: a gigabyte on one line

    /// A 1 GiB file whose second line never ends: 32 MiB of real text, then a sparse hole up to 1 GiB (so the
    /// test costs 32 MiB of disk). The reader must stop at its line limit (16 MiB), neither reading the rest nor
    /// holding more than about one limit in memory — whether the line is millions of tiny cells or one field.
    func testGigabyteLineIsRefusedAtTheLimitWithoutBeingLoaded() throws {
        for (k, cell) in ["1,", "1"].enumerated() {
            let csv = root.appendingPathComponent("huge.csv")
            try writeSparse(csv, head: "run,b0,b1\nr1,", cell: cell, realBytes: 32 << 20, totalBytes: 1 << 30)
            let r = try measuredTool(["dinamo", "--input", csv.path, "--output", root.appendingPathComponent("out").path, "--quiet"])
            XCTAssertEqual(r.status, 2, r.stderr)
            XCTAssertTrue(r.stderr.hasPrefix("error: huge.csv, line 2: line is longer than the limit of 16777216 bytes"), r.stderr)
            XCTAssertLessThan(r.peakMegabytes, 100, "variant \(k): held far more than one line limit in memory")
            XCTAssertEqual(traces(of: "out"), [])
        }
    }

    /// The same for JSON, which is parsed whole: a JSON file larger than its limit is refused before reading.
    func testGigabyteJSONIsRefusedBeforeReading() throws {
        let json = root.appendingPathComponent("huge.json")
        try writeSparse(json, head: "{\"runs\": [[", cell: "1,", realBytes: 32 << 20, totalBytes: 1 << 30)
        let r = try measuredTool(["dinamo", "--input", json.path, "--output", root.appendingPathComponent("out").path, "--quiet"])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("error: huge.json: file is 1073741824 bytes, larger than the limit of"), r.stderr)
        XCTAssertLessThan(r.peakMegabytes, 100)
        XCTAssertEqual(traces(of: "out"), [])
    }

    private func writeSparse(_ url: URL, head: String, cell: String, realBytes: Int, totalBytes: Int) throws {
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data(head.utf8))
        let block = Data(String(repeating: cell, count: (1 << 20) / cell.utf8.count).utf8)
        for _ in 0..<(realBytes / block.count) { try handle.write(contentsOf: block) }
        try handle.truncate(atOffset: UInt64(totalBytes))
        try handle.close()
    }

    /// Runs the tool and reports its own peak resident memory: the high-water mark (`VmHWM`) of its address space,
    /// read from /proc while it runs. Not `wait4`'s `ru_maxrss`: on exec the kernel folds the high-water mark of
    /// the address space the child was spawned from — this test process, hundreds of MB after the tests before
    /// it — into the child's, so that figure says more about the test runner than about the tool.
    private func measuredTool(_ arguments: [String]) throws -> (status: Int32, stderr: String, peakMegabytes: Double) {
        let errFile = root.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 2, errFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let argv = ([Self.executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, Self.executable.path, &actions, nil, argv, environ)
        XCTAssertEqual(spawned, 0, "posix_spawn")
        var status: Int32 = 0
        var peakKB = 0.0
        let statusFile = "/proc/\(pid)/status"
        while true {
            // VmHWM only grows while the tool runs; the last reading before it exits is its peak (to within
            // one millisecond of work).
            if let text = try? String(contentsOfFile: statusFile, encoding: .utf8),
               let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kb = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") {
                peakKB = max(peakKB, kb)
            }
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r < 0 && errno != EINTR) { break }
            usleep(1000)
        }
        let exited = (status & 0x7f) == 0
        let stderr = (try? String(contentsOf: errFile, encoding: .utf8)) ?? ""
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), stderr, peakKB / 1024)
    }
}

private extension FileManager {
    func isDirectory(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }
}
