import Dinamo
import Core
import Foundation
import Inputs

// Benchmarks of the dinamo part (docs/performance.md): scoring 5000 runs × 100 bins ≤ 10 ms (numpy ≈ 500 ms);
// the whole analysis (α and T auto, no figures) ≤ 45 ms and ≥ 35 × an independent numpy version of the same
// formulas measured in the same run; the continual balanced accuracy with α and T auto, mean over 10 generated
// seeds (goal ≥ 0.935; the published pipeline gets 0.944 on its own data), also with `--debias 10`.
func dinamoBenchmarks(_ harness: inout BenchHarness) {
    do {
        var toy: ToyDataset? = nil
        try harness.measure("dinamo: generate toy 5000 runs x 100 bins", budgetSeconds: nil, repeats: 3) {
            toy = try ToyGenerator.generate(ToyParameters())
        }
        guard let data = toy else { return }
        let h = data.histograms
        try harness.measure("dinamo: scoring 5000 runs x 100 bins (with trace)", budgetSeconds: 0.010, repeats: 11) {
            let t = try DinamoMonitor.run(h, alpha: 0.5, threshold: 1.0, labels: h.labels)
            precondition(t.score.count == h.runs)
        }
        try harness.measure("dinamo: scoring 5000 runs x 100 bins (scores only)", budgetSeconds: 0.010, repeats: 11) {
            let t = try DinamoMonitor.run(h, alpha: 0.5, threshold: 1.0, labels: h.labels, recordDetail: false)
            precondition(t.score.count == h.runs)
        }
        var result: DinamoResult? = nil
        let auto = DinamoSettings(alpha: .auto, threshold: .auto)
        try harness.measure("dinamo: analysis 5000 x 100, alpha auto, T auto", budgetSeconds: 0.045, repeats: 11) {
            result = try DinamoAnalysis.run(histograms: h, settings: auto)
        }
        let ours = harness.rows.last?.median ?? .nan
        if let r = result {
            print(String(format: "  alpha %.2f  T %.3f  continual BA %.4f  AUC %.4f", r.alpha, r.threshold,
                         r.metrics.continual?.balancedAccuracy ?? Double.nan, r.metrics.continual?.rocAUC ?? Double.nan))
            if let numpy = numpyReference(h, historical: r.historicalCount) {
                print(String(format: "  numpy reference: alpha %.2f  T %.3f  (same formulas, independent code)", numpy.alpha, numpy.threshold))
                harness.record("dinamo: analysis, numpy reference (same run)", value: numpy.seconds, budget: nil, unit: "s")
                harness.record("dinamo: analysis speed-up over numpy", value: numpy.seconds / ours, budget: nil, unit: "x",
                               note: "goal >= 35 x")
            }
        }
        try seedAverages(&harness, debias: 0)
        try seedAverages(&harness, debias: 10)
    } catch {
        print("dinamo benchmarks failed: \(error)")
    }
}

/// Continual balanced accuracy and the continual truth metrics with α and T auto, mean over seeds 0…9.
private func seedAverages(_ harness: inout BenchHarness, debias: Int) throws {
    var ba: [Double] = [], steps: [Double] = [], index: [Double] = [], jaccard: [Double] = []
    for seed in 0..<10 {
        var p = ToyParameters()
        p.seed = UInt64(seed)
        let toy = try ToyGenerator.generate(p)
        let r = try DinamoAnalysis.run(histograms: toy.histograms, settings: DinamoSettings(alpha: .auto, threshold: .auto, debias: debias))
        ba.append(r.metrics.continual?.balancedAccuracy ?? .nan)
        let t = TruthMetrics.evaluate(trace: r.trace, histograms: toy.histograms, truth: toy.truth,
                                      historicalCount: r.historicalCount, threshold: r.threshold)
        if let v = t.continual.meanStepsToAdapt { steps.append(v) }
        if let v = t.continual.adaptivityIndex { index.append(v) }
        if let v = t.continual.jaccardDistance { jaccard.append(v) }
    }
    func meanSD(_ v: [Double]) -> (Double, Double) {
        let m = Statistics.mean(v) ?? .nan
        return (m, (Statistics.variance(v) ?? .nan).squareRoot())
    }
    let (m, sd) = meanSD(ba)
    let label = debias > 0 ? ", debias \(debias)" : ""
    harness.record("dinamo: continual BA, alpha+T auto, 10 seeds\(label)", value: m, budget: nil, unit: "",
                   note: String(format: "± %.3f (sd), min %.3f  goal >= 0.935 (published 0.944)", sd, ba.min() ?? .nan))
    print(String(format: "  continual truth metrics, mean of 10 seeds: steps to adapt %.2f  adaptivity index %.2f  Jaccard %.3f"
                 + "  (published 1.62 / 1.28 / 0.133)", meanSD(steps).0, meanSD(index).0, meanSD(jaccard).0))
}

/// Runs `Reference/dinamo_numpy.py` on the same counts; nil (with a message) when python3 or numpy is missing.
private func numpyReference(_ h: HistogramSet, historical: Int) -> (seconds: Double, alpha: Double, threshold: Double)? {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dinamo-bench-\(getpid())")
    do {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let counts = dir.appendingPathComponent("counts.f64"), labels = dir.appendingPathComponent("labels.i8")
        try h.counts.withUnsafeBytes { Data($0) }.write(to: counts)
        try (h.labels ?? []).map { Int8($0 ?? -1) }.withUnsafeBytes { Data($0) }.write(to: labels)
        let arguments = [counts.path, labels.path, String(h.runs), String(h.bins), String(historical)]
        guard let reference = PythonReference.run("dinamo_numpy.py", arguments) else {
            print("  numpy reference skipped: python3 could not be started")
            return nil
        }
        let fields = reference.fields
        guard reference.succeeded, let s = fields["seconds"], let a = fields["alpha"], let t = fields["threshold"] else {
            print("  numpy reference skipped: \(reference.tail)")
            return nil
        }
        return (s, a, t)
    } catch {
        print("  numpy reference skipped: \(error)")
        return nil
    }
}

/// One analysis of the 5000 × 100 toy (α and T auto) and nothing else, for instruction counts:
/// `valgrind --tool=callgrind --toggle-collect='*DinamoAnalysis*' Bench dinamo-profile`.
func dinamoProfileOnce() {
    do {
        let h = try ToyGenerator.generate(ToyParameters()).histograms
        let r = try DinamoAnalysis.run(histograms: h, settings: DinamoSettings(alpha: .auto, threshold: .auto))
        print(String(format: "alpha %.2f  T %.4f  continual BA %.4f", r.alpha, r.threshold,
                     r.metrics.continual?.balancedAccuracy ?? Double.nan))
    } catch {
        print("dinamo profile failed: \(error)")
    }
}

/// The analysis alone (`Bench dinamo-analysis`): the 5000 × 100 toy, α and T auto, median of 21, for iterating on
/// the kernels without the seed averages and the numpy reference of the full `dinamo` group.
func dinamoAnalysisOnly(_ harness: inout BenchHarness) {
    do {
        let toy = try ToyGenerator.generate(ToyParameters())
        let h = toy.histograms
        try harness.measure("dinamo: scoring 5000 runs x 100 bins (with trace)", budgetSeconds: 0.010, repeats: 21) {
            let t = try DinamoMonitor.run(h, alpha: 0.5, threshold: 1.0, labels: h.labels)
            precondition(t.score.count == h.runs)
        }
        var result: DinamoResult? = nil
        try harness.measure("dinamo: analysis 5000 x 100, alpha auto, T auto", budgetSeconds: 0.045, repeats: 21) {
            result = try DinamoAnalysis.run(histograms: h, settings: DinamoSettings(alpha: .auto, threshold: .auto))
        }
        if let r = result {
            print(String(format: "  alpha %.2f  T %.4f  continual BA %.4f", r.alpha, r.threshold,
                         r.metrics.continual?.balancedAccuracy ?? Double.nan))
        }
        try harness.measure("dinamo: metrics vs alpha, 99 alphas on 5000 x 100", budgetSeconds: nil, repeats: 3) {
            _ = try MetricsVsAlpha.compute(histograms: h, truth: toy.truth, historicalCount: DinamoSettings.defaultHistorical(runs: h.runs))
        }
    } catch {
        print("dinamo analysis failed: \(error)")
    }
}

