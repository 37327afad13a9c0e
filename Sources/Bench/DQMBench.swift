import Foundation

/// The shift's report at scale (docs/performance.md): `generate dinamo --format root --runs 1000 --histograms 50`,
/// then `run` on every histogram of the set, PNG only, as a child process — wall time, its peak memory and the
/// report's size, beside their budgets; and how many (run, histogram) pairs it flags without and with the set's
/// golden-run list.
func dqmBenchmarks(_ harness: inout BenchHarness) {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("anomaly-report")
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
        print("dqm: \(binary.path) not built (make bench builds it)")
        return
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bench-dqm-\(getpid())")
    defer { try? FileManager.default.removeItem(at: dir) }
    let runs = dir.appendingPathComponent("runs")
    guard ChildRun.run(binary.path, ["generate", "dinamo", "--format", "root", "--runs", "1000", "--histograms", "50",
                                     "--seed", "1", "--output", runs.path, "--quiet"]).status == 0 else {
        print("dqm: generate failed")
        return
    }
    for (label, labels) in [("without labels", nil), ("with the golden-run list", runs.appendingPathComponent("labels.csv").path)] {
        let config = dir.appendingPathComponent("config.json")
        var entry = #"{"input": "\#(runs.path)", "histograms": "DQMData/Run */*/*""#
        if let labels { entry += #", "labels": "\#(labels)""# }
        try? Data(#"{"dinamo": [\#(entry)}]}"#.utf8).write(to: config)
        let out = dir.appendingPathComponent("report")
        let run = ChildRun.run(binary.path, ["run", "--config", config.path, "--formats", "png", "--output", out.path, "--quiet"])
        guard run.status == 0 else { print("dqm: run failed (\(label))"); continue }
        harness.record("DQM report 1000 runs x 50 histograms, PNG, \(label) (wall)", value: run.seconds, budget: 60, unit: "s",
                       note: "peak \(Int(run.peakMB)) MB")
        harness.record("DQM report output size, \(label)", value: Double(directoryBytes(out)) / 1e6, budget: 50, unit: "MB")
        if let data = FileManager.default.contents(atPath: out.appendingPathComponent("summary.json").path),
           let summary = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let entries = summary["dinamo"] as? [[String: Any]] {
            let flagged = entries.map { ($0["flagged"] as? [Any])?.count ?? 0 }.reduce(0, +)
            let pairs = entries.map { $0["runs"] as? Int ?? 0 }.reduce(0, +)
            harness.record("DQM (run, histogram) pairs flagged, \(label)", value: Double(flagged), budget: nil, unit: "",
                           note: "of \(pairs); \((summary["runs"] as? [Any])?.count ?? 0) runs flagged anywhere")
        }
        try? FileManager.default.removeItem(at: out)
    }
}

/// Bytes of the regular files under `url`.
func directoryBytes(_ url: URL) -> Int {
    guard let e = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.fileSizeKey]) else { return 0 }
    var total = 0
    for case let f as URL in e { total += (try? f.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0 }
    return total
}
