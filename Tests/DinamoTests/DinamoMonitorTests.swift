import XCTest
@testable import Dinamo
import Core

/// The 3-bin, 4-run example worked by hand (α = 0.5, K = 100, T = 1):
///
/// Init: μ0 = 1/3, N0 = 300, σ_μ0² = (1/3)/300 − (1/9)/300 = (2/9)/300 = 1/1350 ≈ 7.4074e-4,
///       ω0 = 1/(1/1350 + 1e-9) ≈ 1349.99818, W = 0.5·ω0 ≈ 674.99909, S_μ = W/3 ≈ 224.99970, S_σ = W/1350 ≈ 0.49999933.
///
/// Run 0: c = [10, 20, 70], I = 100, label 0.
///   x = [0.1, 0.2, 0.7]; σ_x² = x(1−x)/I = [0.0009, 0.0016, 0.0021];
///   σ² = σ_x² + 1/1350 = [0.00164074, 0.00234074, 0.00284074];
///   (x − μ)² = [0.0544444, 0.0177778, 0.1344444];
///   χ² = 33.1828 + 7.5949 + 47.3273 = 88.10503; score = ln(88.10503/3) = 3.37992.
///   pull_0 = (0.1 − 1/3)/√0.00164074 = −5.76046.
///   Update (good): ω = 1/(σ_x² + ε) = [1111.1099, 624.9996, 476.1903];
///   W = 0.5·674.99909 + 0.5·ω = [893.05448, 649.99935, 575.59467];
///   S_σ = 0.5·0.49999933 + 0.5·ω(x − 1/3)² = [30.4969, 5.8056, 32.2606] → σ_μ = √(S_σ/W) = [0.184794, 0.094507, 0.236743];
///   S_μ = 0.5·224.99970 + 0.5·ω·x = [168.0553, 174.9998, 279.1664] → μ = S_μ/W = [0.188180, 0.269231, 0.485005].
///
/// Run 1: c = [0, 50, 50], label 1 (bad). Bin 0 is empty: σ_x = 1/I = 0.01, σ_x² = 1e-4.
///   χ² = 5.696314, score = ln(5.696314/3) = 0.641207; no update (labelled bad, though score ≤ T).
///
/// Run 2: c = [0, 0, 0], label 0: empty run, x = 0, σ_x = 0: χ² = Σ μ²/σ_μ² = 1.03698 + 8.11556 + 4.19699 = 13.349534,
///   score = 1.492869; labelled good but empty: never updates.
///
/// Run 3: c = [30, 30, 40], unlabelled: χ² = 0.554389, score = −1.688500 ≤ T = 1 → judged good, updates:
///   μ = [0.227069, 0.282241, 0.449310], σ_μ = [0.163160, 0.074534, 0.188538].
final class DinamoMonitorTests: XCTestCase {
    private let runs: [[Double]] = [[10, 20, 70], [0, 50, 50], [0, 0, 0], [30, 30, 40]]
    private let labels: [Int?] = [0, 1, 0, nil]

    private func handSet() throws -> HistogramSet {
        try HistogramSet(name: "hand", counts: runs.flatMap { $0 }, runs: 4, bins: 3, labels: labels)
    }

    private func assertClose(_ a: [Double], _ b: [Double], rel: Double = 1e-9, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: rel * max(1, abs(y)), file: file, line: line) }
    }

    // MARK: initialisation

    func testInitialReferenceIsUniformWithPseudoCountUncertainty() throws {
        let m = try DinamoMonitor(bins: 3, alpha: 0.5, initCounts: 100)
        assertClose(m.mu, [1.0 / 3, 1.0 / 3, 1.0 / 3])
        assertClose(m.sigmaMu, Array(repeating: (1.0 / 1350).squareRoot(), count: 3))
        let omega0 = 1 / (1.0 / 1350 + 1e-9)
        assertClose(m.accumulators.w, Array(repeating: 0.5 * omega0, count: 3))
        assertClose(m.accumulators.sMu, Array(repeating: 0.5 * omega0 / 3, count: 3))
        assertClose(m.accumulators.sSigma, Array(repeating: 0.5 * omega0 / 1350, count: 3))
    }

    func testInvalidAlphaAndInitCountsThrowTypedErrors() {
        for a in [0.0, 1.0, -0.1, 1.5, .nan] {
            XCTAssertThrowsError(try DinamoMonitor(bins: 3, alpha: a)) { e in
                guard case DinamoError.alphaOutOfRange = e else { return XCTFail("\(e)") }
                XCTAssertTrue("\(e)".contains("alpha"))
            }
        }
        XCTAssertThrowsError(try DinamoMonitor(bins: 3, alpha: 0.5, initCounts: 0))
        XCTAssertThrowsError(try DinamoMonitor(bins: 0, alpha: 0.5))
    }

    // MARK: the hand-computed example

    func testHandComputedScoresPullsAndReference() throws {
        let t = try DinamoMonitor.run(try handSet(), alpha: 0.5, initCounts: 100, threshold: 1.0, labels: labels)
        assertClose(t.chi2, [88.10502997481734, 5.696313500932988, 13.34953380270576, 0.5543894190498253])
        assertClose(t.score, [3.37991733656951, 0.6412069227143791, 1.4928691744227556, -1.688500205364645])
        assertClose(Array(t.pulls[0..<3]), [-5.76045521150823, -2.7558912730477516, 6.879480287213872])
        assertClose(Array(t.pulls[6..<9]), [-1.0183232081045965, -2.84878296565972, -2.048654988305335])
        XCTAssertEqual(t.updated, [true, false, false, true])
        XCTAssertEqual(t.empty, [false, false, true, false])
        XCTAssertEqual(t.flagged, [true, false, true, false])
        // Reference before run 1 = after run 0's update; unchanged before runs 2 and 3.
        let after0 = [0.188180391250207, 0.2692307450998756, 0.4850052483410019]
        let sg0 = [0.1847943656321718, 0.09450728551289524, 0.23674325404210808]
        assertClose(Array(t.referenceMu[3..<6]), after0)
        assertClose(Array(t.referenceMu[9..<12]), after0)
        assertClose(Array(t.referenceSigma[6..<9]), sg0)
        assertClose(t.finalMu, [0.22706855063801595, 0.28224100481575815, 0.44931017120939243])
        assertClose(t.finalSigma, [0.16316014715570346, 0.07453425649951463, 0.18853764016793687])
    }

    func testUpdateOrderUsesOldMuForTheSpread() throws {
        // One update from the uniform start: S_σ must use (x − μ_old)², not (x − μ_new)².
        var m = try DinamoMonitor(bins: 3, alpha: 0.5)
        m.update(counts: [10, 20, 70])
        let omega = [0.0009, 0.0016, 0.0021].map { 1 / ($0 + 1e-9) }
        let x = [0.1, 0.2, 0.7]
        let omega0 = 1 / (1.0 / 1350 + 1e-9)
        for b in 0..<3 {
            let w = 0.5 * (0.5 * omega0) + 0.5 * omega[b]
            let sSig = 0.5 * (0.5 * omega0 / 1350) + 0.5 * omega[b] * (x[b] - 1.0 / 3) * (x[b] - 1.0 / 3)
            XCTAssertEqual(m.sigmaMu[b], (sSig / w).squareRoot(), accuracy: 1e-12)
            XCTAssertEqual(m.mu[b], (0.5 * (0.5 * omega0 / 3) + 0.5 * omega[b] * x[b]) / w, accuracy: 1e-12)
        }
    }

    // MARK: edge cases

    func testEmptyBinsGetOneOverIntegralUncertainty() {
        let n = DinamoMonitor.normalise([0, 50, 50])
        XCTAssertEqual(n.sigmaX[0], 0.01, accuracy: 1e-15)
        XCTAssertEqual(n.sigmaX[1], (0.5 * 0.5 / 100).squareRoot(), accuracy: 1e-15)
        XCTAssertFalse(n.empty)
    }

    func testEmptyRunNeverUpdatesReference() throws {
        var m = try DinamoMonitor(bins: 3, alpha: 0.5)
        let before = m
        XCTAssertFalse(m.update(counts: [0, 0, 0]))
        XCTAssertEqual(m, before)
        let s = m.score(counts: [0, 0, 0])
        XCTAssertTrue(s.empty)
        // x = 0, σ_x = 0: χ² = 3 · (1/3)²/(1/1350) = 3 · 150 = 450.
        XCTAssertEqual(s.chi2, 450, accuracy: 1e-9)
        XCTAssertTrue(s.score.isFinite)
        // Unlabelled empty run with a permissive threshold: judged good, still no update.
        let h = try HistogramSet(name: "e", counts: [0, 0, 0], runs: 1, bins: 3)
        let t = try DinamoMonitor.run(h, alpha: 0.5, threshold: 100, labels: nil)
        XCTAssertEqual(t.updated, [false])
        XCTAssertEqual(t.empty, [true])
    }

    func testRunIdenticalToReferenceHasFiniteFlooredScore() throws {
        let m = try DinamoMonitor(bins: 4, alpha: 0.5)
        let s = m.score(counts: [5, 5, 5, 5])
        XCTAssertEqual(s.chi2, 0)
        XCTAssertEqual(s.score, _log(DinamoMonitor.minimumReducedChi2), accuracy: 1e-12)
        XCTAssertTrue(s.pulls.allSatisfy { $0 == 0 })
    }

    func testAlphaNearZeroFollowsTheLastGoodRunAndNearOneFreezesAfterTheFirst() throws {
        let h = try HistogramSet(name: "a", counts: [10, 20, 70, 30, 30, 40], runs: 2, bins: 3, labels: [0, 0])
        // α → 0: the reference is the last good run.
        let fast = try DinamoMonitor.run(h, alpha: 1e-6, threshold: 1, labels: h.labels)
        assertClose(fast.finalMu, [0.3, 0.3, 0.4], rel: 1e-4)
        // α → 1: no forgetting. The prior's accumulators carry weight (1−α)ω0, each run (1−α)ω, so the reference
        // becomes the plain inverse-variance-weighted mean of prior and runs: (ω0 μ0 + ω1 x1 + ω2 x2)/(ω0 + ω1 + ω2).
        let slow = try DinamoMonitor.run(h, alpha: 1 - 1e-6, threshold: 1, labels: h.labels)
        let omega0 = 1 / (1.0 / 1350 + 1e-9)
        let x1 = [0.1, 0.2, 0.7], x2 = [0.3, 0.3, 0.4]
        let w1 = x1.map { 1 / ($0 * (1 - $0) / 100 + 1e-9) }, w2 = x2.map { 1 / ($0 * (1 - $0) / 100 + 1e-9) }
        let pooled = (0..<3).map { b in (omega0 / 3 + w1[b] * x1[b] + w2[b] * x2[b]) / (omega0 + w1[b] + w2[b]) }
        assertClose(slow.finalMu, pooled, rel: 1e-4)
        for t in [fast, slow] { XCTAssertTrue((t.chi2 + t.score + t.pulls + t.finalSigma).allSatisfy(\.isFinite)) }
    }

    func testUnlabelledRunsAreJudgedByTheThreshold() throws {
        let h = try handSet()
        let none = try DinamoMonitor.run(h, alpha: 0.5, threshold: 1.0, labels: nil)
        // Run 0 scores 3.38 > 1 → bad, so nothing changes before run 1.
        XCTAssertEqual(none.updated[0], false)
        XCTAssertEqual(Array(none.referenceMu[3..<6]), Array(none.referenceMu[0..<3]))
        let permissive = try DinamoMonitor.run(h, alpha: 0.5, threshold: 10, labels: nil)
        XCTAssertEqual(permissive.updated, [true, true, false, true])
    }

    func testDebiasingIsReproducibleAndFinite() throws {
        let h = try handSet()
        let a = try DinamoMonitor.run(h, alpha: 0.5, threshold: 1, labels: labels, debias: 20, seed: 3)
        let b = try DinamoMonitor.run(h, alpha: 0.5, threshold: 1, labels: labels, debias: 20, seed: 3)
        XCTAssertEqual(a, b)
        XCTAssertTrue(a.chi2.allSatisfy { $0.isFinite && $0 >= 0 })
        XCTAssertThrowsError(try DinamoMonitor.run(h, alpha: 0.5, threshold: 1, labels: labels, debias: -1))
    }

    // MARK: input validation

    func testHistogramSetRejectsBadInput() {
        XCTAssertThrowsError(try HistogramSet(name: "x", counts: [1, 2], runs: 1, bins: 3))
        XCTAssertThrowsError(try HistogramSet(name: "x", counts: [1, -2, 3], runs: 1, bins: 3))
        XCTAssertThrowsError(try HistogramSet(name: "x", counts: [1, .infinity, 3], runs: 1, bins: 3))
        XCTAssertThrowsError(try HistogramSet(name: "x", counts: [1, 2, 3], runs: 1, bins: 3, labels: [2]))
        XCTAssertThrowsError(try HistogramSet(name: "x", counts: [1, 2, 3], runs: 1, bins: 3, labels: [0, 1]))
        XCTAssertThrowsError(try HistogramSet(name: "x", counts: [], runs: 0, bins: 3))
    }
}
