import XCTest
@testable import Dinamo
import Core

final class ThresholdScanTests: XCTestCase {
    func testSeparableScoresPutTheThresholdAtTheFirstGridPointOfThePlateau() throws {
        // Good runs score −1, bad runs 3: every resample has balanced accuracy 1 for −1 ≤ T < 3. The published
        // code takes np.argmax, the first maximum: the first grid point ≥ −1. The grid step is 10.75/999, and
        // −3.25 + 210 · 10.75/999 ≈ −0.9902 while −3.25 + 209 · 10.75/999 ≈ −1.0008 still flags the good runs.
        let scores = [Double](repeating: -1, count: 40) + [Double](repeating: 3, count: 10)
        let bad = [Bool](repeating: false, count: 40) + [Bool](repeating: true, count: 10)
        let scan = try XCTUnwrap(ThresholdScan.compute(scores: scores, bad: bad, seed: 0))
        XCTAssertEqual(scan.chosenIndex, 210)
        XCTAssertEqual(scan.chosen, -0.9902, accuracy: 1e-4)
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
}
