import Core
import XCTest
@testable import MonteCarloEM

/// Only what can be judged is flagged (docs/methods/mcem.md#8-what-is-never-flagged): never a warm-up point, nothing
/// on a series too steady to judge; metrics without a positive label are undefined.
final class JudgementTests: XCTestCase {
    private var short: MCEMSettings {
        var s = MCEMSettings.notebook
        s.hiddenLayers = 3; s.learningRate = 3e-3; s.epochs = 6; s.warmUpEpochs = 2; s.samplesPerEpoch = 2
        s.topkEpochs = 60
        return s
    }

    /// A noisy periodic series with large spikes inside the warm-up and after it.
    private func spiky(context: Int) -> [Double] {
        var g = SeededGenerator(seed: 5)
        var x = (0..<600).map { sin(Double($0) / 6) + 0.1 * g.normal() }
        for t in [2, 5, context - 1, 300, 450] { x[t] += 8 }
        return x
    }

    func testWarmUpPointsAreScoredButNeverFlagged() {
        var s = short
        s.context = 20
        let x = spiky(context: s.context)
        for a in Approach.allCases {
            let r = MonteCarloEM.run(a, series: x, settings: s, seed: 3)
            XCTAssertEqual(r.warmUp, 20, "\(a)")
            XCTAssertFalse(r.flagged.contains { $0 < 20 }, "\(a): \(r.flagged.prefix(10))")
            XCTAssertEqual(r.score.count, x.count, "\(a): every point is scored")
            XCTAssertTrue(r.score[..<20].allSatisfy(\.isFinite), "\(a)")
            XCTAssertFalse(r.tooSteadyToJudge, "\(a)")
        }
        // The spikes after the warm-up are still found.
        let hmm = MonteCarloEM.run(.hmm, series: x, settings: s, seed: 3)
        XCTAssertTrue(hmm.flagged.contains(300) && hmm.flagged.contains(450), "\(hmm.flagged)")
    }

    func testAConstantOrNoiselessPeriodicSeriesFlagsNothing() {
        let flat = [Double](repeating: 45, count: 500)
        let square = (0..<2000).map { ($0 / 48) % 2 == 0 ? 80.0 : 20.0 }     // period 96, noiseless
        let daily = (0..<2000).map { 50 + 30 * sin(2 * Double.pi * Double($0 % 96) / 96) }
        for (what, x) in [("flat", flat), ("square", square), ("daily", daily)] {
            var s = short
            s.context = MCEMSettings.defaultContext(for: x)
            for a in Approach.allCases {
                let r = MonteCarloEM.run(a, series: x, settings: s, seed: 1)
                XCTAssertEqual(r.flagged, [], "\(what), \(a)")
                XCTAssertTrue(r.tooSteadyToJudge, "\(what), \(a)")
                XCTAssertEqual(r.score.count, x.count)
            }
        }
    }

    func testTheResidualSpreadIsTheSeriesOwnOneContextBack() {
        // Exactly periodic: 0 at the period, whatever the context.
        let daily = (0..<2000).map { sin(2 * Double.pi * Double($0 % 96) / 96) }
        XCTAssertEqual(ResidualSpread.of(standardised: daily, context: 25), 0, accuracy: 1e-12)
        // Noise of 0.05 standard deviations is judged: |N(0, 2·0.05²)| has its 90th percentile at 0.116.
        var g = SeededGenerator(seed: 9)
        let noisy = daily.map { $0 + 0.05 * g.normal() }
        XCTAssertEqual(ResidualSpread.of(standardised: noisy, context: 96), 0.116, accuracy: 0.01)
        // Flat for 85 % of the points, active for the rest: still judged.
        let bursts = (0..<2000).map { t -> Double in t % 100 < 15 ? 1 + g.uniform() : 0 }
        XCTAssertGreaterThan(ResidualSpread.of(standardised: bursts, context: 25), ResidualSpread.minimum)
        XCTAssertEqual(ResidualSpread.of(standardised: [1, 2], context: 25), .infinity, "no lag fits")
    }

    func testMetricsWithoutAPositiveLabelAreUndefinedNotZero() {
        var s = short
        s.context = 20
        let x = spiky(context: s.context)
        let r = MonteCarloEM.run(.hmm, series: x, settings: s, seed: 3)
        XCTAssertFalse(r.flagged.isEmpty)
        let m = MonteCarloEM.metrics(r, series: x, labels: [Bool](repeating: false, count: x.count))
        for (name, v) in [("vus_pr", m.vusPR), ("vus_roc", m.vusROC), ("roc_auc", m.rocAUC), ("ap", m.averagePrecision),
                          ("precision", m.precision), ("recall", m.recall), ("f1", m.f1), ("pa_f1", m.pointAdjustedF1),
                          ("best_f1", m.bestF1), ("event_recall", m.eventRecall)] {
            XCTAssertNil(v, name)
        }
        XCTAssertNotNil(m.nominalMAE, "the forecast error on the (all nominal) points is still measured")
        var labels = [Bool](repeating: false, count: x.count)
        labels[300] = true
        XCTAssertNotNil(MonteCarloEM.metrics(r, series: x, labels: labels).precision)
    }
}
