import Foundation
import Inputs
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

    /// Runs `script` under `sh` in a mount namespace of its own (`unshare -m`), so the tmpfs it mounts vanishes
    /// with it whatever happens; `$1` is an empty directory to mount on, `$2` the tool, then `arguments`.
    /// Returns what the script printed. Skips where mounting is not allowed (not root, no `unshare`); a script
    /// exits 97 when its `mount` fails.
    private func inPrivateMount(_ script: String, _ arguments: [String]) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare"), getuid() == 0 else {
            throw XCTSkip("needs root and /usr/bin/unshare to mount a small tmpfs")
        }
        let mnt = root.appendingPathComponent("mnt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: mnt, withIntermediateDirectories: true)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        p.arguments = ["-m", "/bin/sh", "-c", script, "sh", mnt.path, ToolTestCase.executable.path] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        if p.terminationStatus == 97 || (p.terminationStatus != 0 && text.isEmpty) {
            throw XCTSkip("this machine does not allow mounting a tmpfs in a private mount namespace")
        }
        return text
    }

    /// A full disk: a 2 MiB tmpfs holds one report; the rest is filled; a second run must exit 2 naming the
    /// cause, leave the first report as it was and leave no partial directory behind.
    func testFullDiskIsExitTwoAndKeepsThePreviousReport() throws {
        let inputs = try makeInputs()
        let errors = root.appendingPathComponent("stderr.txt")
        let text = try inPrivateMount(#"""
        mnt=$1; tool=$2; series=$3; errors=$4
        mount -t tmpfs -o size=2m tmpfs "$mnt" || exit 97
        run() { "$tool" mcem --input "$series" --epochs 3 --samples 2 --approach hmm --formats png --output "$mnt/report" --quiet "$@"; }
        run --seed 1 || { echo "first report failed"; exit 98; }
        before=$(cksum < "$mnt/report/summary.json")
        dd if=/dev/zero of="$mnt/fill" bs=64k 2>/dev/null
        run --seed 2 2> "$errors"
        echo "exit=$?"
        [ "$before" = "$(cksum < "$mnt/report/summary.json")" ] && echo "previous report intact"
        echo "entries:" $(ls -A "$mnt")
        """#, [inputs.series, errors.path])
        XCTAssertFalse(text.contains("first report failed"), "the first report did not fit in 2 MiB")
        XCTAssertTrue(text.contains("exit=2"), text)
        XCTAssertTrue(text.contains("previous report intact"), text)
        XCTAssertTrue(text.contains("entries: fill report\n"), "a partial directory was left behind: \(text)")
        let message = try String(contentsOf: errors, encoding: .utf8)
        XCTAssertTrue(message.hasPrefix("error: cannot write "), message)
        XCTAssertTrue(message.contains("no space left on device"), message)
    }

    /// A read-only file system (root ignores permission bits, so a read-only mount is the honest test).
    func testReadOnlyOutputLocationIsExitTwo() throws {
        let inputs = try makeInputs()
        let errors = root.appendingPathComponent("stderr.txt")
        let text = try inPrivateMount(#"""
        mnt=$1; tool=$2; series=$3; errors=$4
        mount -t tmpfs -o ro,size=1m tmpfs "$mnt" || exit 97
        "$tool" mcem --input "$series" --epochs 3 --samples 2 --approach hmm --output "$mnt/report" --quiet 2> "$errors"
        echo "exit=$?"
        echo "entries:" $(ls -A "$mnt")
        """#, [inputs.series, errors.path])
        XCTAssertTrue(text.contains("exit=2"), text)
        XCTAssertTrue(text.contains("entries:\n"), "nothing may be left on the mount: \(text)")
        let message = try String(contentsOf: errors, encoding: .utf8)
        XCTAssertTrue(message.hasPrefix("error: cannot write the report to "), message)
        XCTAssertTrue(message.contains("read-only file system"), message)
    }
}
