import Core
import Dinamo
import XCTest
@testable import DinamoML

/// DINAMO-ML's analysis: T as DINAMO-S chooses it, one pass when every run is labelled.
final class AnalysisTests: XCTestCase {
    private let network = DinamoMLSettings(shape: TransformerShape(bins: 10, model: 12, heads: 3, layers: 1,
                                                                   feedForward: 10, context: 4),
                                           trainingRuns: 3, maxSteps: 5, seed: 2)

    private func toy(runs: Int = 120, bad: Int = 12) throws -> HistogramSet {
        var p = ToyParameters(runs: runs, bins: 10, seed: 4)
        p.badRuns = bad
        return try ToyGenerator.generate(p).histograms
    }

    /// Fully labelled: the scan's T on the historical scores, flags score > T, and the result equals a pass with
    /// that T given (who is good does not depend on T, so the one pass is reused).
    func testFullyLabelledTunesTOnOnePass() throws {
        let h = try toy()
        var passes: [Int] = []
        let auto = try DinamoMLAnalysis.run(histograms: h, settings: DinamoSettings(threshold: .auto, historical: 60),
                                            network: network) { done, total in
            if done == total { passes.append(total) }
        }
        XCTAssertEqual(passes, [120], "one pass over all runs")
        let r = auto.result
        XCTAssertNotNil(r.thresholdScan)
        XCTAssertTrue(r.thresholdChoice.hasPrefix("auto: best balanced accuracy"), r.thresholdChoice)
        XCTAssertEqual(r.trace.flagged, r.trace.score.map { $0 > r.threshold })
        let given = try DinamoMLAnalysis.run(histograms: h,
                                             settings: DinamoSettings(threshold: .value(r.threshold), historical: 60),
                                             network: network)
        XCTAssertEqual(given.result.trace.score, r.trace.score)
        XCTAssertEqual(given.result.flaggedRuns, r.flaggedRuns)
        XCTAssertNotNil(r.metrics.continual?.balancedAccuracy)
    }

    /// Without labels and with a false-alarm budget: T from the budget rule, two passes and the final one; with
    /// fewer than 110 historical runs the rule judges the spread on the first 110 runs, as DINAMO-S does. The first
    /// runs are warm-up (taken as good, never reported as flagged).
    func testWithoutLabelsTheBudgetSetsT() throws {
        var h = try toy()
        h.labels = nil
        var totals = Set<Int>()
        let out = try DinamoMLAnalysis.run(histograms: h,
                                           settings: DinamoSettings(threshold: .auto, historical: 40,
                                                                    falseAlarmRate: 0.005),
                                           network: network) { _, total in totals.insert(total) }
        XCTAssertEqual(totals, [120 + 2 * 110])
        let r = out.result
        XCTAssertTrue(r.thresholdChoice.contains("false-alarm budget 0.5 % — the median plus 2.576 robust deviations"), r.thresholdChoice)
        XCTAssertTrue(r.thresholdChoice.contains("first runs (too few historical ones)"), r.thresholdChoice)
        XCTAssertEqual(r.trace.warmUp.prefix(10).filter { $0 }.count, 10)
        XCTAssertTrue(r.flaggedRuns.allSatisfy { !r.trace.warmUp[$0] })
        XCTAssertNil(r.metrics.continual)
    }
}
