import Foundation

/// The report at scale (issue 12) and across machines (issue 13), as a user runs them: configs of many small
/// generated inputs through `run --quick`, each command a child process with its own peak memory.
///
/// Inputs: five histogram files (400 runs × 30 bins, α 0.5, T auto) for every series (300 points, hmm,
/// 2 epochs), so a config of 60 inputs has 50 histograms and 10 series.
struct ScaleBench {
    let binary: String
    let dir: URL

    init?() {
        let b = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("anomaly-report")
        guard FileManager.default.isExecutableFile(atPath: b.path) else {
            print("scale: \(b.path) not built (make bench builds it)")
            return nil
        }
        binary = b.path
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("bench-scale-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: dir) }

    /// Writes a config of `count` inputs (tiny ones: 30 runs × 5 bins, no series) and returns its path.
    func config(_ count: Int, tiny: Bool = false) -> String? {
        var dinamo: [String] = [], series: [String] = []
        for k in 0..<count {
            let isSeries = !tiny && k % 6 == 5
            let name = (isSeries ? "s" : "h") + "\(tiny ? "t" : "")\(k).csv"
            let path = dir.appendingPathComponent(name).path
            if !FileManager.default.fileExists(atPath: path) {
                let args = isSeries
                    ? ["generate", "series", "--seed", "\(k)", "--length", "300", "--output", path, "--quiet"]
                    : ["generate", "dinamo", "--seed", "\(k)", "--runs", tiny ? "30" : "400", "--bins", tiny ? "5" : "30",
                       "--output", path, "--quiet"]
                guard ChildRun.run(binary, args).status == 0 else { print("scale: generate failed"); return nil }
            }
            if isSeries {
                series.append("{\"input\": \"\(name)\", \"approach\": \"hmm\", \"epochs\": 2, \"samples\": 2}")
            } else {
                dinamo.append("{\"input\": \"\(name)\", \"alpha\": 0.5}")
            }
        }
        let url = dir.appendingPathComponent("config-\(count)\(tiny ? "-tiny" : "").json")
        let text = "{\"dinamo\": [\(dinamo.joined(separator: ",\n"))], \"series\": [\(series.joined(separator: ",\n"))]}"
        try? Data(text.utf8).write(to: url)
        return url.path
    }

    func run(_ config: String, output: String, extra: [String] = [], environment: [String: String] = [:]) -> ChildRun {
        ChildRun.run(binary, ["run", "--config", config, "--output", output, "--quick", "--quiet"] + extra, environment: environment)
    }
}

func scaleBenchmarks(_ harness: inout BenchHarness) {
    guard let bench = ScaleBench() else { return }
    defer { bench.cleanUp() }
    let out = bench.dir.appendingPathComponent("report").path
    var measured: [Int: ChildRun] = [:]
    for n in [10, 60, 200] {
        guard let config = bench.config(n) else { return }
        // Median of three for the small configs; one run of 200.
        let runs = (0..<(n == 200 ? 1 : 3)).map { _ in bench.run(config, output: out) }
        guard runs.allSatisfy({ $0.status == 0 }) else { print("scale: run of \(n) inputs failed"); return }
        let median = runs.sorted { $0.seconds < $1.seconds }[runs.count / 2]
        let peak = runs.map(\.peakMB).sorted()[runs.count / 2]
        measured[n] = ChildRun(seconds: median.seconds, peakMB: peak, status: 0)
        harness.record("run --quick, \(n) inputs (wall)", value: median.seconds, budget: nil, unit: "s")
        harness.record("run --quick, \(n) inputs (peak memory)", value: peak, budget: n == 60 ? 300 : nil, unit: "MB")
    }
    if let a = measured[10], let b = measured[60], let c = measured[200] {
        harness.record("peak memory ratio, 60 inputs / 10", value: b.peakMB / a.peakMB, budget: 1.25, unit: "×")
        harness.record("wall time ratio, 60 inputs / 10 (6× the inputs)", value: b.seconds / a.seconds, budget: 6.5, unit: "×")
        harness.record("peak memory ratio, 200 inputs / 10", value: c.peakMB / a.peakMB, budget: nil, unit: "×")
    }
    // The overview at 1000 tiny inputs.
    if let config = bench.config(1000, tiny: true) {
        let r = bench.run(config, output: out, extra: ["--formats", "svg"])
        if r.status == 0 {
            let size = (try? FileManager.default.attributesOfItem(atPath: out + "/index.html")[.size] as? Int) ?? 0
            harness.record("overview index.html at 1000 inputs", value: Double(size) / 1_048_576, budget: 1, unit: "MB",
                           note: String(format: "run %.1f s, peak %.0f MB", r.seconds, r.peakMB))
        } else {
            print("scale: run of 1000 tiny inputs failed")
        }
    }
}

/// 200 small inputs as 1, 4 and 16 shards run one after another, plus the merge (issue 13).
func shardBenchmarks(_ harness: inout BenchHarness) {
    guard let bench = ScaleBench(), let config = bench.config(200) else { return }
    defer { bench.cleanUp() }
    let env = ["SOURCE_DATE_EPOCH": "1700000000"]
    let whole = bench.run(config, output: bench.dir.appendingPathComponent("whole").path, environment: env)
    guard whole.status == 0 else { print("shards: unsharded run failed"); return }
    harness.record("200 inputs, unsharded (wall)", value: whole.seconds, budget: nil, unit: "s")
    for n in [4, 16] {
        var total = 0.0
        var parts: [String] = []
        for i in 0..<n {
            let part = bench.dir.appendingPathComponent("part-\(n)-\(i)").path
            let r = bench.run(config, output: part, extra: ["--shard", "\(i)/\(n)"], environment: env)
            guard r.status == 0 else { print("shards: shard \(i)/\(n) failed"); return }
            total += r.seconds
            parts.append(part)
        }
        let merged = ChildRun.run(bench.binary, ["merge"] + parts + ["--output", bench.dir.appendingPathComponent("merged-\(n)").path, "--quiet"],
                                  environment: env)
        guard merged.status == 0 else { print("shards: merge of \(n) failed"); return }
        harness.record("200 inputs as \(n) shards + merge / unsharded", value: (total + merged.seconds) / whole.seconds, budget: 1.15, unit: "×")
        harness.record("merge of \(n) parts (wall)", value: merged.seconds, budget: nil, unit: "s",
                       note: String(format: "peak %.0f MB", merged.peakMB))
    }
}
