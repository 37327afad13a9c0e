import Foundation
import Inputs
import ROOTFile

// Reading DQM run files (docs/performance.md): 1000 run files × 20 histograms written by our writer (zlib), read
// with one pattern per file; seconds and MB/s of compressed input; uproot reading the same histograms
// in the same run when Python has it (goal: ≥ 5 × uproot).
func rootBenchmarks(_ harness: inout BenchHarness) {
    let files = Int(ProcessInfo.processInfo.environment["ROOT_BENCH_FILES"] ?? "") ?? 1000
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bench-root-\(getpid())")
    defer { try? FileManager.default.removeItem(at: dir) }
    let pattern = "DQMData/Run */*/*"
    do {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var bytes = 0
        try harness.measure("root: write \(files) run files x 20 histograms (zlib)", budgetSeconds: nil, repeats: 1, warmUp: false) {
            bytes = 0
            for run in 0..<files { bytes += try writeRunFile(run: 300_000 + run, in: dir) }
        }
        let paths = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".root") }.sorted()
            .map { dir.appendingPathComponent($0).path }
        let compiled = try ROOTPathPattern(pattern)
        var read = 0
        var seconds: [Double] = []
        for _ in 0..<3 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            read = 0
            for path in paths {
                let hs = try ROOTFile(path: path).histograms(matching: compiled)
                for h in hs { _ = try RunNumber.resolve(file: path, objectPath: h.path) }
                read += hs.count
            }
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        seconds.sort()
        let ours = seconds[1]
        precondition(read == files * 20, "read \(read) histograms")
        harness.record("root: read \(files) files x 20 histograms", value: ours, budget: nil, unit: "s",
                       note: String(format: "median of 3; %.1f MB/s of %.1f MB compressed input; %.0f histograms/s",
                                    Double(bytes) / 1e6 / ours, Double(bytes) / 1e6, Double(read) / ours))
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Reference/read_root_uproot.py")
        guard let (uproot, count) = runUproot(script: script.path, dir: dir.path, pattern: pattern) else {
            print("  root: uproot reference skipped (python3 -c 'import uproot' fails; pip install uproot to compare)")
            return
        }
        guard count == read else { print("  root: uproot read \(count) histograms, we read \(read); no ratio"); return }
        harness.record("root: uproot reading the same histograms", value: uproot, budget: nil, unit: "s", note: "one run")
        harness.record("root: speed-up over uproot (goal >= 5)", value: uproot / ours, budget: nil, unit: "x",
                       note: uproot / ours >= 5 ? "goal met" : "GOAL MISSED")
    } catch {
        print("root benchmarks failed: \(error)")
    }
}

/// One DQM-shaped run file: 15 TH1D of 100 bins and 5 TH2D of 20 × 20 bins in four subsystem folders.
private func writeRunFile(run: Int, in dir: URL) throws -> Int {
    var writer = ROOTFileWriter(compression: .zlib(level: 1))
    var state = UInt64(run)
    func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
    let systems = ["Muons", "Tracker", "Calorimeter", "Trigger"]
    for i in 0..<20 {
        let folder = "DQMData/Run \(run)/\(systems[i % 4])"
        if i < 15 {
            let contents = (0..<100).map { b in (1000 * exp(-Double(b) / 30) * (0.9 + 0.2 * next())).rounded() }
            try writer.add(ROOTHistogram(path: "\(folder)/h\(i)", title: "histogram \(i)", kind: .th1("D"),
                                         xEdges: (0...100).map { Double($0) }, contents: contents))
        } else {
            let contents = (0..<400).map { _ in (50 * next()).rounded() }
            try writer.add(ROOTHistogram(path: "\(folder)/map\(i)", title: "map \(i)", kind: .th2("D"),
                                         xEdges: (0...20).map { Double($0) / 4 }, yEdges: (0...20).map { Double($0) }, contents: contents))
        }
    }
    let path = dir.appendingPathComponent(String(format: "DQM_V0001_R%09d__ZeroBias__Run2018B-PromptReco-v2__DQMIO.root", run)).path
    let data = writer.bytes(fileName: (path as NSString).lastPathComponent)
    try Data(data).write(to: URL(fileURLWithPath: path))
    return data.count
}

/// Runs the uproot reference script; nil when Python or uproot is missing or the script fails.
private func runUproot(script: String, dir: String, pattern: String) -> (Double, Int)? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", script, dir, pattern]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return nil }
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { return nil }
    let parts = text.split(whereSeparator: \.isWhitespace)
    guard parts.count == 2, let s = Double(parts[0]), let n = Int(parts[1]) else { return nil }
    return (s, n)
}
