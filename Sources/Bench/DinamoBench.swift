import Dinamo
import Numerics
import Foundation
import Inputs

// Benchmarks of the dinamo part (SPEC §6): scoring 5000 runs × 100 bins ≤ 10 ms (numpy ≈ 500 ms),
// the toy generator, and the full analysis with α = auto and T = auto (no budget).
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
        try harness.measure("dinamo: full analysis, alpha auto, T auto", budgetSeconds: nil, repeats: 1, warmUp: false) {
            result = try DinamoAnalysis.run(histograms: h, settings: DinamoSettings(alpha: .auto, threshold: .auto))
        }
        if let r = result {
            let c = r.metrics.continual
            let adapt = AdaptivityReport.evaluate(trace: r.trace, truth: data.truth)
            print(String(format: "  alpha %.2f  T %.3f  flagged %d  continual BA %.4f  AUC %.4f  F1 %.4f",
                         r.alpha, r.threshold, r.flaggedRuns.count, c?.balancedAccuracy ?? .nan, c?.rocAUC ?? .nan, c?.f1 ?? .nan))
            print(String(format: "  change points %d  adaptivity index %.3f  mean Jaccard distance %.3f  steps %@",
                         adapt.changePoints.count, adapt.adaptivityIndex ?? .nan, adapt.meanJaccardDistance ?? .nan,
                         adapt.stepsToAdapt.map { $0.map(String.init) ?? "-" }.joined(separator: ",")))
        }
        try harness.measure("dinamo: full analysis, alpha 0.5, T auto", budgetSeconds: nil, repeats: 1, warmUp: false) {
            let r = try DinamoAnalysis.run(histograms: h, settings: DinamoSettings(alpha: .value(0.5), threshold: .auto))
            print(String(format: "  alpha 0.5: T %.3f  continual BA %.4f  AUC %.4f", r.threshold,
                         r.metrics.continual?.balancedAccuracy ?? .nan, r.metrics.continual?.rocAUC ?? .nan))
        }
        try harness.measure("dinamo: full analysis, alpha 0.5, T auto, debias 10", budgetSeconds: nil, repeats: 1, warmUp: false) {
            let r = try DinamoAnalysis.run(histograms: h, settings: DinamoSettings(alpha: .value(0.5), threshold: .auto, debias: 10))
            print(String(format: "  debias 10: T %.3f  continual BA %.4f", r.threshold, r.metrics.continual?.balancedAccuracy ?? .nan))
        }
        try harness.measure("dinamo: full analysis, alpha auto, T auto, debias 10", budgetSeconds: nil, repeats: 1, warmUp: false) {
            let r = try DinamoAnalysis.run(histograms: h, settings: DinamoSettings(alpha: .auto, threshold: .auto, debias: 10))
            print(String(format: "  alpha auto + debias 10: alpha %.2f  T %.3f  continual BA %.4f", r.alpha, r.threshold,
                         r.metrics.continual?.balancedAccuracy ?? .nan))
        }
    } catch {
        print("dinamo benchmarks failed: \(error)")
    }
}
