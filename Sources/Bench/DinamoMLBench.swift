import Core
import Dinamo
import DinamoML
import Foundation

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
    } catch {
        print("dinamo-ml benchmarks failed: \(error)")
    }
}
