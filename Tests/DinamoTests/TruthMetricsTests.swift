import XCTest
@testable import Dinamo
import Core

final class TruthMetricsTests: XCTestCase {
    // MARK: steps to adapt and adaptivity index

    func testStepsToAdaptCountTheGoodRunsBeforeTheFirstAcceptedOne() {
        // T = 0, one change point at 0, all good: runs 0, 1, 2 score above T (n = 3), run 3 is accepted;
        // recovered height |3 − (−1)| = 4, index 4/3.
        let m = AdaptationMetrics.evaluate(scores: [3, 2, 1, -1, 5], bad: [false, false, false, false, false],
                                           changePoints: [0], threshold: 0)
        XCTAssertEqual(m.stepsToAdapt, [3])
        XCTAssertEqual(m.adaptivityIndices[0], 4.0 / 3, accuracy: 1e-15)
        XCTAssertEqual(m.adapted, [true])
    }

    func testBadRunsAreSkippedAndEachWindowEndsAtTheNextChangePoint() {
        // Change points 0 and 4. Window 0..<4: run 1 is bad (skipped although below T); good runs 0 and 2 are
        // above T, run 3 is accepted: n = 2, h = |2 − (−2)| = 4, a = 2.
        // Window 4..<7: good runs 4, 5, 6 all above T: not adapted, n = 3, partial recovery to the window's
        // last run, h = |6 − 3| = 3, a = 1. Means: steps 2.5, index 1.5.
        let m = AdaptationMetrics.evaluate(scores: [2, -5, 1, -2, 6, 4, 3], bad: [false, true, false, false, false, false, false],
                                           changePoints: [0, 4], threshold: 0)
        XCTAssertEqual(m.stepsToAdapt, [2, 3])
        XCTAssertEqual(m.adaptivityIndices, [2, 1])
        XCTAssertEqual(m.adapted, [true, false])
        XCTAssertEqual(m.meanStepsToAdapt, 2.5)
        XCTAssertEqual(m.adaptivityIndex, 1.5)
    }

    func testAnImmediatelyAcceptedRunGivesZeroStepsAndZeroIndex() {
        // The first good run is already ≤ T: n = 0 and, as published, a = 0. Without change points: nil.
        let m = AdaptationMetrics.evaluate(scores: [-1, 4], bad: [false, false], changePoints: [0], threshold: 0)
        XCTAssertEqual(m.stepsToAdapt, [0])
        XCTAssertEqual(m.adaptivityIndices, [0])
        XCTAssertNil(AdaptationMetrics.evaluate(scores: [1], bad: [false], changePoints: [], threshold: 0).adaptivityIndex)
    }

    func testPatienceTwoNeedsTwoAcceptedGoodRunsInARow() {
        // T = 0, patience 2: run 1 accepted (count 1), run 2 above (reset), runs 3, 4 accepted → adapted at 4.
        // Runs 0, 1, 2, 3 did not end the walk: n = 4, h = |5 − (−3)| = 8, a = 2.
        let m = AdaptationMetrics.evaluate(scores: [5, -1, 2, -1, -3], bad: [Bool](repeating: false, count: 5),
                                           changePoints: [0], threshold: 0, patience: 2)
        XCTAssertEqual(m.stepsToAdapt, [4])
        XCTAssertEqual(m.adaptivityIndices, [2])
    }

    // MARK: Jaccard distance

    func testBandJaccardDistanceOfConstructedBands() {
        // One bin: [0, 2] vs [1, 3]: intersection 1, union 3 → 1 − 1/3.
        XCTAssertEqual(BandOverlap.jaccardDistance(lowerA: [0], upperA: [2], lowerB: [1], upperB: [3]), 2.0 / 3, accuracy: 1e-15)
        // Two bins: identical [0, 1] (1 of 1) and disjoint [0, 1] vs [2, 3] (0 of 3, the gap counts):
        // 1 − 1/4 = 0.75.
        XCTAssertEqual(BandOverlap.jaccardDistance(lowerA: [0, 0], upperA: [1, 1], lowerB: [0, 2], upperB: [1, 3]), 0.75)
        // Degenerate bands: union 0 → 1, as published.
        XCTAssertEqual(BandOverlap.jaccardDistance(lowerA: [1], upperA: [1], lowerB: [1], upperB: [1]), 1)
    }

    func testInterpolationHoldsTheEndValuesLikeNumpy() {
        // np.interp([-1, 0, 0.5, 2, 3], [0, 1, 2], [10, 20, 40]) = [10, 10, 15, 40, 40]
        XCTAssertEqual(BandOverlap.interpolate(xs: [0, 1, 2], ys: [10, 20, 40], at: [-1, 0, 0.5, 2, 3]), [10, 10, 15, 40, 40])
        XCTAssertEqual(BandOverlap.interpolate(xs: [0, 1, 2], ys: [10, 20, 40], at: [1.5, 0.25]), [30, 12.5])
    }

    func testReferenceBandAgainstTheGoodRunsSpread() throws {
        // Two good runs with μ = 0, σ = 1 on centres [−1, 0, 1]: z = centres, f = x (no change).
        // x: [0.2, 0.6, 0.2] and [0.4, 0.2, 0.4] → median [0.3, 0.4, 0.3], population sd [0.1, 0.2, 0.1]:
        // band [0.2, 0.4], [0.2, 0.6], [0.2, 0.4].
        // Reference μ = [0.3, 0.4, 0.3] before both runs, σ_μ = 0.05: band [0.25, 0.35], [0.35, 0.45], [0.25, 0.35].
        // Intersection 0.1 + 0.1 + 0.1 = 0.3, union 0.2 + 0.4 + 0.2 = 0.8 → distance 1 − 0.3/0.8 = 0.625.
        let x = [0.2, 0.6, 0.2, 0.4, 0.2, 0.4]
        let refMu = [0.3, 0.4, 0.3, 0.3, 0.4, 0.3]
        let j = try XCTUnwrap(ReferenceBandJaccard.evaluate(binCentres: [-1, 0, 1], runs: [0, 1], x: x, referenceMu: refMu,
                                                            referenceSigma: [Double](repeating: 0.05, count: 6),
                                                            mu: [0, 0], sigma: [1, 1]))
        for (a, b) in zip(j.runCentre, [0.3, 0.4, 0.3]) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        for (a, b) in zip(j.runHalfWidth, [0.1, 0.2, 0.1]) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        XCTAssertEqual(j.distance, 0.625, accuracy: 1e-12)
        // With σ_μ = [0.1, 0.2, 0.1] the bands coincide: distance 0.
        let same = try XCTUnwrap(ReferenceBandJaccard.evaluate(binCentres: [-1, 0, 1], runs: [0, 1], x: x, referenceMu: refMu,
                                                               referenceSigma: [0.1, 0.2, 0.1, 0.1, 0.2, 0.1],
                                                               mu: [0, 0], sigma: [1, 1]))
        XCTAssertEqual(same.distance, 0, accuracy: 1e-12)
    }

    func testZScoreAlignmentScalesByTheWidthAndInterpolates() throws {
        // σ = 2, μ = 0 on centres [−2, −1, 0, 1, 2]: z = [−1, −0.5, 0, 0.5, 1], f = x·Δ/(z₁ − z₀) = 2x =
        // [0.2, 0.4, 0.8, 0.4, 0.2], read at z = −2, −1, 0, 1, 2 → [0.2 (held), 0.2, 0.8, 0.2, 0.2 (held)].
        let j = try XCTUnwrap(ReferenceBandJaccard.evaluate(binCentres: [-2, -1, 0, 1, 2], runs: [0], x: [0.1, 0.2, 0.4, 0.2, 0.1],
                                                            referenceMu: [Double](repeating: 0.2, count: 5),
                                                            referenceSigma: [Double](repeating: 0, count: 5), mu: [0], sigma: [2]))
        for (a, b) in zip(j.runCentre, [0.2, 0.2, 0.8, 0.2, 0.2]) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        for (a, b) in zip(j.referenceCentre, [0.4, 0.4, 0.4, 0.4, 0.4]) { XCTAssertEqual(a, b, accuracy: 1e-12) }
    }

    func testThePrecomputedAlignmentGivesTheBitsOfInterpolatingEachRunAndSortingEachColumn() throws {
        // Random runs with their own (μ, σ), wide enough that some aligned bins hold the end values.
        var g = SeededGenerator(seed: 21)
        let B = 13, R = 9
        let centres = (0..<B).map { -3 + 0.5 * Double($0) }
        let mu = (0..<R).map { _ in g.uniform(-1, 1) }, sigma = (0..<R).map { _ in g.uniform(0.4, 2.5) }
        let x = (0..<(R * B)).map { _ in g.uniform() }, refMu = (0..<(R * B)).map { _ in g.uniform() }
        let refSigma = (0..<(R * B)).map { _ in g.uniform(0, 0.1) }
        let runs = [0, 2, 3, 5, 6, 8]
        let j = try XCTUnwrap(ReferenceBandJaccard.evaluate(binCentres: centres, runs: runs, x: x, referenceMu: refMu,
                                                            referenceSigma: refSigma, mu: mu, sigma: sigma))
        // Direct: numpy-style interpolation per run and source, then sorted medians per bin.
        func aligned(_ source: [Double], _ r: Int) -> [Double] {
            let z = centres.map { ($0 - mu[r]) / sigma[r] }
            let scale = 0.5 / (z[1] - z[0])
            return BandOverlap.interpolate(xs: z, ys: (0..<B).map { source[r * B + $0] * scale }, at: centres)
        }
        func median(_ v: [Double]) -> Double {
            let s = v.sorted(), n = s.count
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
        }
        let ax = runs.map { aligned(x, $0) }, amu = runs.map { aligned(refMu, $0) }, asg = runs.map { aligned(refSigma, $0) }
        for b in 0..<B {
            let column = ax.map { $0[b] }
            let mean = column.reduce(0, +) / Double(runs.count)
            XCTAssertEqual(j.runHalfWidth[b], (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(runs.count)).squareRoot())
            XCTAssertEqual(j.runCentre[b], median(column))
            XCTAssertEqual(j.referenceCentre[b], median(amu.map { $0[b] }))
            XCTAssertEqual(j.referenceHalfWidth[b], asg.map { $0[b] }.reduce(0, +) / Double(runs.count))
        }
    }
}
