import Foundation
import Inputs
import MonteCarloEM
import Numerics

// Benchmarks of the mcem part: each approach at the notebook's settings on the toy series, one core.
func mcemBenchmarks(_ harness: inout BenchHarness) {
    let toy = ToySeries.make(seed: 0)
    let settings = MCEMSettings.notebook
    let budgets: [(Approach, Double?)] = [(.mixture, 2), (.hmm, 2), (.topk, 4), (.baseline, nil)]
    for (approach, budget) in budgets {
        var result: ApproachResult?
        harness.measure("mcem \(approach.rawValue), notebook settings, toy series, 1 core", budgetSeconds: budget,
                        repeats: 3, warmUp: false) {
            result = MonteCarloEM.run(approach, series: toy.values, settings: settings, seed: 0)
        }
        guard let r = result else { continue }
        let auc = DetectionMetrics.rocAUC(scores: r.score, labels: toy.labels) ?? .nan
        var note = String(format: "ROC AUC %.4f", auc)
        var ok = true
        if approach == .mixture || approach == .hmm {
            ok = auc >= 0.99
            note += ok ? " (≥ 0.99 ok)" : " (BELOW 0.99)"
        }
        if approach == .hmm, let last = r.transitionsPerEpoch?.last {
            let near = abs(last.normalToAnomalous - 0.05) <= 0.025
            note += String(format: ", learned normal→anomalous %.4f (true rate 0.05: %@), anomalous→normal %.4f",
                           last.normalToAnomalous, near ? "near" : "FAR", last.anomalousToNormal)
            ok = ok && near
        }
        harness.record("mcem \(approach.rawValue) ROC AUC", value: auc, budget: nil, unit: "", note: note)
        if !ok { print("mcem \(approach.rawValue): CHECK FAILED — \(note)") }
    }
}
