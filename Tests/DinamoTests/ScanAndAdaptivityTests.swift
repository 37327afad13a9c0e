import XCTest
@testable import Dinamo
import Numerics

final class ScanAndAdaptivityTests: XCTestCase {
    // MARK: threshold scan

    func testSeparableScoresPutTheThresholdInTheMiddleOfTheGap() throws {
        // Good runs score −1, bad runs 3: every resample has balanced accuracy 1 for −1 ≤ T < 3, and the
        // chosen T is the middle grid point of that plateau, ≈ 1.
        let scores = [Double](repeating: -1, count: 40) + [Double](repeating: 3, count: 10)
        let bad = [Bool](repeating: false, count: 40) + [Bool](repeating: true, count: 10)
        let scan = try XCTUnwrap(ThresholdScan.compute(scores: scores, bad: bad, seed: 0))
        XCTAssertEqual(scan.chosen, 1, accuracy: 0.02)
        XCTAssertEqual(scan.balancedAccuracy.median[scan.chosenIndex], 1)
        // Below every score everything is flagged: sensitivity 1, specificity 0.
        XCTAssertEqual(scan.sensitivity.median[0], 1)
        XCTAssertEqual(scan.specificity.median[0], 0)
        XCTAssertEqual(scan.balancedAccuracy.median[999], 0.5)
    }

    func testScanNeedsBothClassesAndIsReproducible() {
        XCTAssertNil(ThresholdScan.compute(scores: [1, 2, 3], bad: [false, false, false], seed: 0))
        let s = (0..<60).map { Double($0 % 13) / 2 - 1 }
        let b = (0..<60).map { $0 % 13 > 9 }
        XCTAssertEqual(ThresholdScan.compute(scores: s, bad: b, seed: 4), ThresholdScan.compute(scores: s, bad: b, seed: 4))
    }

    // MARK: adaptivity

    func testAReferenceThatForgetsFasterAdaptsFaster() throws {
        var p = ToyParameters(runs: 1500, bins: 30, seed: 12)
        p.stepProbability = 0.01
        let toy = try ToyGenerator.generate(p)
        let h = toy.histograms
        let fast = try DinamoMonitor.run(h, alpha: 0.3, threshold: 1, labels: h.labels)
        let slow = try DinamoMonitor.run(h, alpha: 0.995, threshold: 1, labels: h.labels)
        let a = AdaptivityReport.evaluate(trace: fast, truth: toy.truth)
        let b = AdaptivityReport.evaluate(trace: slow, truth: toy.truth)
        XCTAssertFalse(a.changePoints.isEmpty)
        let ia = try XCTUnwrap(a.adaptivityIndex), ib = try XCTUnwrap(b.adaptivityIndex)
        XCTAssertGreaterThan(ia, ib)
        XCTAssertTrue((0...1).contains(ia) && (0...1).contains(ib))
        XCTAssertTrue(a.jaccardPerRun.allSatisfy { (0...1).contains($0) })
        XCTAssertTrue(a.referenceDistance.allSatisfy(\.isFinite))
    }

    func testJaccardDistanceIsZeroForAReferenceEqualToTheTruth() throws {
        // A trace whose reference band is exactly the truth band.
        let toy = try ToyGenerator.generate(ToyParameters(runs: 20, bins: 10, seed: 1))
        var t = try DinamoMonitor.run(toy.histograms, alpha: 0.5, threshold: 1, labels: toy.histograms.labels)
        t.referenceMu = toy.truth.goodShape
        t.referenceSigma = toy.truth.goodSpread
        let r = AdaptivityReport.evaluate(trace: t, truth: toy.truth)
        XCTAssertEqual(r.meanJaccardDistance!, 0, accuracy: 1e-12)
        XCTAssertTrue(r.stepsToAdapt.allSatisfy { $0 == 0 })
    }
}
