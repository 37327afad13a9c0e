import Foundation
import Inputs

/// The whole product as a user runs it: `anomaly-report run` (the built-in demo at the notebook's full
/// settings) from the release build beside this benchmark, timed from outside, with its peak memory
/// (the children's maximum resident set size from getrusage).
func reportBenchmarks(_ harness: inout BenchHarness) {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("anomaly-report")
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
        print("report: \(binary.path) not built (make bench builds it)")
        return
    }
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("bench-report-\(getpid())")
    defer { try? FileManager.default.removeItem(at: out) }
    func runOnce(_ extra: [String]) -> (seconds: Double, ok: Bool) {
        let p = Process()
        p.executableURL = binary
        p.arguments = ["run", "--output", out.path, "--quiet"] + extra
        let t0 = DispatchTime.now().uptimeNanoseconds
        do { try p.run() } catch { return (0, false) }
        p.waitUntilExit()
        return (Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9, p.terminationStatus == 0)
    }
    var times: [Double] = []
    for _ in 0..<3 {
        let r = runOnce([])
        guard r.ok else { print("report: anomaly-report run failed"); return }
        times.append(r.seconds)
    }
    times.sort()
    harness.record("anomaly-report run (demo, notebook settings, wall)", value: times[1], budget: 10, unit: "s", note: "median of 3")
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
    harness.record("anomaly-report run peak memory (max RSS)", value: Double(usage.ru_maxrss) / 1024, budget: 300, unit: "MB")
    let quick = runOnce(["--quick"])
    harness.record("anomaly-report run --quick (wall)", value: quick.seconds, budget: nil, unit: "s")

    // The per-method commands on generated files, as a user runs them.
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bench-inputs-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    func command(_ arguments: [String]) -> (seconds: Double, ok: Bool) {
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        let t0 = DispatchTime.now().uptimeNanoseconds
        do { try p.run() } catch { return (0, false) }
        p.waitUntilExit()
        return (Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9, p.terminationStatus == 0 || p.terminationStatus == 1)
    }
    let runs = dir.appendingPathComponent("runs.csv").path, series = dir.appendingPathComponent("series.csv").path
    guard command(["generate", "dinamo", "--seed", "1", "--output", runs, "--quiet"]).ok,
          command(["generate", "series", "--seed", "1", "--output", series, "--quiet"]).ok else {
        print("report: generate failed")
        return
    }
    let dinamo = command(["dinamo", "--input", runs, "--alpha", "auto", "--threshold", "auto", "--output", out.path, "--quiet"])
    harness.record("anomaly-report dinamo 5000x100, α and T auto (wall)", value: dinamo.seconds, budget: nil, unit: "s",
                   note: dinamo.ok ? "" : "FAILED")
    let mcem = command(["mcem", "--input", series, "--approach", "all", "--output", out.path, "--quiet"])
    harness.record("anomaly-report mcem --approach all (wall)", value: mcem.seconds, budget: nil, unit: "s",
                   note: mcem.ok ? "" : "FAILED")
}
