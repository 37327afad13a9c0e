import XCTest
@testable import Dinamo
import Core

final class DinamoAnalysisTests: XCTestCase {
    private func smallToy(runs: Int = 300, bins: Int = 20, seed: UInt64 = 1) throws -> ToyDataset {
        var p = ToyParameters(runs: runs, bins: bins, seed: seed)
        p.deadBins = 1...3
        return try ToyGenerator.generate(p)
    }

    private func assertAllFinite(_ r: DinamoResult, file: StaticString = #filePath, line: UInt = #line) {
        let t = r.trace
        for (name, xs) in [("chi2", t.chi2), ("score", t.score), ("pulls", t.pulls), ("mu", t.referenceMu),
                           ("sigma", t.referenceSigma), ("finalMu", t.finalMu), ("finalSigma", t.finalSigma)] {
            XCTAssertTrue(xs.allSatisfy(\.isFinite), "\(name) has a non-finite value", file: file, line: line)
        }
        XCTAssertTrue(r.alpha.isFinite && r.threshold.isFinite, file: file, line: line)
        for m in [r.metrics.historical, r.metrics.continual].compactMap({ $0 }) {
            for v in [m.accuracy, m.balancedAccuracy, m.sensitivity, m.specificity, m.precision, m.f1, m.rocAUC].compactMap({ $0 }) {
                XCTAssertTrue(v.isFinite, file: file, line: line)
            }
        }
    }

    // MARK: labels

    func testNoLabelsUsesDefaultThresholdAndNilMetrics() throws {
        var h = try smallToy().histograms
        h.labels = nil
        let r = try DinamoAnalysis.run(histograms: h, settings: DinamoSettings(alpha: .auto, threshold: .auto))
        XCTAssertEqual(r.threshold, 1.0)
        XCTAssertEqual(r.alpha, DinamoSettings.fallbackAlpha)
        XCTAssertNil(r.metrics.historical)
        XCTAssertNil(r.metrics.continual)
        XCTAssertNil(r.thresholdScan)
        XCTAssertNil(r.alphaScan)
        XCTAssertEqual(r.notes.count, 2)
        XCTAssertEqual(r.misclassifiedRuns, [])
        // Without labels the monitor decides: updated ⇔ score ≤ T (and not empty).
        for i in 0..<r.runs { XCTAssertEqual(r.trace.updated[i], r.trace.score[i] <= r.threshold && !r.trace.empty[i]) }
        assertAllFinite(r)
    }

    func testAllGoodLabelsGiveUndefinedSensitivityAndNoAutoThreshold() throws {
        var h = try smallToy().histograms
        h.labels = Array(repeating: 0, count: h.runs)
        let r = try DinamoAnalysis.run(histograms: h, settings: DinamoSettings(alpha: .value(0.5), threshold: .auto))
        XCTAssertEqual(r.threshold, 1.0)
        XCTAssertNil(r.metrics.continual?.sensitivity)
        XCTAssertNil(r.metrics.continual?.balancedAccuracy)
        XCTAssertNil(r.metrics.continual?.rocAUC)
        XCTAssertNotNil(r.metrics.continual?.specificity)
        XCTAssertTrue(r.trace.updated.allSatisfy { $0 })
        assertAllFinite(r)
    }

    func testAllBadLabelsNeverUpdate() throws {
        var h = try smallToy().histograms
        h.labels = Array(repeating: 1, count: h.runs)
        let r = try DinamoAnalysis.run(histograms: h, settings: DinamoSettings(alpha: .auto, threshold: .auto))
        XCTAssertTrue(r.trace.updated.allSatisfy { !$0 })
        XCTAssertEqual(r.finalMu, Array(repeating: 1.0 / 20, count: 20))
        XCTAssertNil(r.metrics.continual?.specificity)
        XCTAssertNil(r.typicalGoodRun)
        assertAllFinite(r)
    }

    func testMixedUnknownLabelsAreJudgedByTheMonitor() throws {
        let toy = try smallToy()
        var h = toy.histograms
        var labels = h.labels!
        for i in stride(from: 0, to: h.runs, by: 3) { labels[i] = nil }
        h.labels = labels
        let r = try DinamoAnalysis.run(histograms: h, settings: DinamoSettings(alpha: .value(0.5), threshold: .auto))
        for i in 0..<h.runs where !r.trace.empty[i] {
            if let l = labels[i] { XCTAssertEqual(r.trace.updated[i], l == 0) } else {
                XCTAssertEqual(r.trace.updated[i], r.trace.score[i] <= r.threshold)
            }
        }
        // Metrics count only labelled runs.
        let labelledHistorical = (0..<r.historicalCount).filter { labels[$0] != nil }.count
        XCTAssertEqual(r.metrics.historical?.confusion.total, labelledHistorical)
        XCTAssertNotNil(r.thresholdScan)
        assertAllFinite(r)
    }

    func testSettingsAreValidated() throws {
        let h = try smallToy(runs: 50, bins: 10).histograms
        XCTAssertThrowsError(try DinamoAnalysis.run(histograms: h, settings: DinamoSettings(alpha: .value(1.0))))
        XCTAssertThrowsError(try DinamoAnalysis.run(histograms: h, settings: DinamoSettings(historical: 0)))
        XCTAssertThrowsError(try DinamoAnalysis.run(histograms: h, settings: DinamoSettings(historical: 51)))
        XCTAssertThrowsError(try DinamoAnalysis.run(histograms: h, settings: DinamoSettings(initCounts: -1)))
        XCTAssertEqual(DinamoSettings.defaultHistorical(runs: 5000), 1000)
        XCTAssertEqual(DinamoSettings.defaultHistorical(runs: 300), 60)
        XCTAssertEqual(DinamoSettings.defaultHistorical(runs: 3), 1)
    }

    // MARK: scans

    func testThresholdScanShapeAndChoice() throws {
        let r = try DinamoAnalysis.run(histograms: try smallToy().histograms,
                                       settings: DinamoSettings(alpha: .value(0.5), threshold: .auto))
        let scan = try XCTUnwrap(r.thresholdScan)
        XCTAssertEqual(scan.thresholds.count, 1000)
        XCTAssertEqual(scan.thresholds.first, -3.25)
        XCTAssertEqual(scan.thresholds.last!, 7.5, accuracy: 1e-12)
        XCTAssertEqual(r.threshold, scan.chosen)
        let best = scan.balancedAccuracy.median.compactMap { $0 }.max()
        XCTAssertEqual(scan.balancedAccuracy.median[scan.chosenIndex], best)
        for i in scan.thresholds.indices {
            if let lo = scan.balancedAccuracy.lower[i], let m = scan.balancedAccuracy.median[i], let hi = scan.balancedAccuracy.upper[i] {
                XCTAssertLessThanOrEqual(lo, m)
                XCTAssertLessThanOrEqual(m, hi)
            }
        }
    }

    func testAlphaScanCoversTheGridAndPicksTheBestAUC() throws {
        let r = try DinamoAnalysis.run(histograms: try smallToy(runs: 200, bins: 10).histograms,
                                       settings: DinamoSettings(alpha: .auto, threshold: .value(1)))
        let scan = try XCTUnwrap(r.alphaScan)
        XCTAssertEqual(scan.alphas.count, 99)
        XCTAssertEqual(scan.alphas.first, 0.01)
        XCTAssertEqual(scan.alphas.last, 0.99)
        XCTAssertEqual(r.alpha, scan.chosen)
        XCTAssertEqual(scan.rocAUC[scan.chosenIndex], scan.rocAUC.compactMap { $0 }.max())
    }

    // MARK: end to end

    func testGeneratedDatasetIsMonitoredWithHighBalancedAccuracy() throws {
        let toy = try ToyGenerator.generate(ToyParameters(runs: 1000, bins: 50, seed: 7))
        let r = try DinamoAnalysis.run(histograms: toy.histograms, settings: DinamoSettings(alpha: .value(0.5), threshold: .auto))
        let c = try XCTUnwrap(r.metrics.continual)
        let ba = try XCTUnwrap(c.balancedAccuracy)
        print("end-to-end: T = \(r.threshold), continual BA = \(ba), AUC = \(c.rocAUC ?? -1), historical BA = \(r.metrics.historical?.balancedAccuracy ?? -1)")
        XCTAssertGreaterThan(ba, 0.9)
        XCTAssertEqual(r.historicalCount, 200)
        XCTAssertEqual(r.trace.referenceMu.count, 1000 * 50)
        XCTAssertNotNil(r.typicalGoodRun)
        XCTAssertEqual(r.flaggedRuns, r.trace.flagged.indices.filter { r.trace.flagged[$0] && !r.trace.warmUp[$0] })
        let warmUp = r.trace.warmUp.indices.filter { r.trace.warmUp[$0] }
        XCTAssertEqual(warmUp, Array(0..<warmUp.count), "warm-up runs are the first ones")
        XCTAssertLessThan(warmUp.count, 50)
        assertAllFinite(r)
        let t = TruthMetrics.evaluate(trace: r.trace, histograms: toy.histograms, truth: toy.truth,
                                      historicalCount: r.historicalCount, threshold: r.threshold)
        XCTAssertEqual(t.historical.adaptation.changePoints + t.continual.adaptation.changePoints, toy.truth.changePoints)
        for regime in [t.historical, t.continual] {
            XCTAssertTrue(regime.adaptation.adaptivityIndices.allSatisfy { $0.isFinite && $0 >= 0 })
            let j = try XCTUnwrap(regime.jaccardDistance)
            XCTAssertTrue((0...1).contains(j))
        }
    }
}
