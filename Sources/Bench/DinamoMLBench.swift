import Core
import Dinamo
import DinamoML
import Foundation
import Reporting

// DINAMO-ML (docs/performance.md): one training step of the published network (K = 10 sequences of M = 20 runs,
// 254 700 parameters) and one scoring pass, against PyTorch's 25 ms and 2.7 ms on one core of this machine.
// `dinamo-ml` adds the whole generated 5000-run dataset: minutes, steps per second, continual balanced accuracy
// and false alarms beside DINAMO-S on the same data (goal ≤ 6 min, PyTorch ≈ 34 min; BA goal ≥ 0.95).

/// Median time of a training step and of a scoring pass at the published shape, on a monitor that has learned
/// from 30 runs of a generated dataset (so contexts are full).
func dinamoMLStepBenchmarks(_ harness: inout BenchHarness) {
    do {
        var toy = ToyParameters()
        toy.runs = 40
        toy.badRuns = 4
        let h = try ToyGenerator.generate(toy).histograms
        var settings = DinamoMLSettings.published(bins: h.bins)
        settings.maxSteps = 1
        let warm = DinamoMLMonitor(settings: settings)
        for r in 0..<30 { warm.learn(counts: h.counts(ofRun: r), time: r) }
        harness.measure("dinamo-ml: training step, K=10 x M=20, 254700 params", budgetSeconds: nil, repeats: 41,
                        note: "PyTorch 25 ms (one core)") {
            _ = warm.trainingStep()
        }
        let step = harness.rows.last?.median ?? .nan
        harness.record("dinamo-ml: training steps per second", value: 1 / step, budget: nil, unit: "/s",
                       note: String(format: "%.1f GFLOP/s at 265 MFLOP a step", 0.265 / step))
        harness.measure("dinamo-ml: scoring pass (one run, eval)", budgetSeconds: nil, repeats: 41,
                        note: "PyTorch 2.7 ms") {
            _ = warm.score(counts: h.counts(ofRun: 31), time: 31)
        }
        let score = harness.rows.last?.median ?? .nan
        if let torch = torchStepReference() {
            harness.record("dinamo-ml: PyTorch network step, same run", value: torch.step, budget: nil, unit: "ms",
                           note: String(format: "ours %.1fx faster; scoring pass %.2f ms, ours %.1fx",
                                        torch.step / (step * 1000), torch.score, torch.score / (score * 1000)))
        }
    } catch {
        print("dinamo-ml benchmarks failed: \(error)")
    }
}

/// DINAMO-ML on whole generated 5000-run datasets (seeds 0…n−1, n = `BENCH_ML_SEEDS`, default 1), the published
/// procedure (labels drive the training, T auto on the 1000 historical runs), one core: wall time, training
/// steps and steps per second, continual balanced accuracy and false alarms beside DINAMO-S's published analysis
/// (α and T auto) on the same data.
func dinamoMLDatasetBenchmarks(_ harness: inout BenchHarness) {
    let seeds = Int(ProcessInfo.processInfo.environment["BENCH_ML_SEEDS"] ?? "") ?? 1
    var baS: [Double] = [], baML: [Double] = []
    do {
        for seed in 0..<seeds {
            var p = ToyParameters()
            p.seed = UInt64(seed)
            let h = try ToyGenerator.generate(p).histograms
            let s = try DinamoAnalysis.run(histograms: h, settings: DinamoSettings(alpha: .auto, threshold: .auto))
            let t0 = DispatchTime.now().uptimeNanoseconds, cpu0 = ThreadClock.seconds()
            var lastPrint = t0
            let ml = try DinamoMLAnalysis.run(histograms: h, settings: DinamoSettings(threshold: .auto),
                                              network: .published(bins: h.bins)) { done, total in
                let now = DispatchTime.now().uptimeNanoseconds
                if now - lastPrint > 30_000_000_000 {
                    lastPrint = now
                    FileHandle.standardError.write("  seed \(seed): \(done)/\(total) runs\n".data(using: .utf8)!)
                }
            }
            let wall = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            // The analysis runs on this thread alone: its CPU time is the one-core time, and unlike the wall time
            // it does not count the time other processes of a shared machine held the core.
            let seconds = ThreadClock.seconds() - cpu0
            let steps = ml.totalSteps
            harness.record("dinamo-ml: 5000-run dataset, seed \(seed), CPU", value: seconds / 60, budget: 6, unit: "min",
                           note: String(format: "wall %.2f min; PyTorch ≈ 34 min", wall / 60))
            harness.record("dinamo-ml: training steps, seed \(seed)", value: Double(steps), budget: nil, unit: "",
                           note: String(format: "%.1f steps/s, %.2f ms a step incl. scoring", Double(steps) / seconds,
                                        seconds / Double(steps) * 1000))
            let cs = s.metrics.continual, cm = ml.result.metrics.continual
            baS.append(cs?.balancedAccuracy ?? .nan)
            baML.append(cm?.balancedAccuracy ?? .nan)
            print(String(format: "  seed %d continual BA: DINAMO-S %.4f (T %.3f, %d false alarms, %d missed)"
                         + "  DINAMO-ML %.4f (T %.3f, %d false alarms, %d missed)", seed,
                         baS.last!, s.threshold, cs?.confusion.falsePositives ?? -1, cs?.confusion.falseNegatives ?? -1,
                         baML.last!, ml.result.threshold, cm?.confusion.falsePositives ?? -1,
                         cm?.confusion.falseNegatives ?? -1))
        }
        harness.record("dinamo-ml: continual BA, mean of \(seeds) seed(s)", value: Statistics.mean(baML) ?? .nan,
                       budget: nil, unit: "", note: String(format: "DINAMO-S %.4f; goal >= 0.95 (published 0.953)",
                                                           Statistics.mean(baS) ?? .nan))
    } catch {
        print("dinamo-ml dataset benchmark failed: \(error)")
    }
}

/// Runs `Reference/dinamo_ml_torch_step.py` (the published network in PyTorch, one thread): the median training
/// step and scoring pass in ms; nil (with a message) when python3 or torch is missing.
private func torchStepReference() -> (step: Double, score: Double)? {
    guard let reference = PythonReference.run("dinamo_ml_torch_step.py", ["41"]) else {
        print("  PyTorch reference skipped: python3 could not be started")
        return nil
    }
    let fields = reference.fields
    guard reference.succeeded, let step = fields["step_ms"], let score = fields["score_ms"] else {
        print("  PyTorch reference skipped: \(reference.tail)")
        return nil
    }
    return (step, score)
}
