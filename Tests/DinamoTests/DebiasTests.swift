import XCTest
@testable import Dinamo
import Core

final class DebiasTests: XCTestCase {
    /// The initial reference with K = 25 over 4 bins: μ = 0.25, I_μ = K·B = 100,
    /// σ_μ² = μ/I_μ − μ²/I_μ = 0.25·0.75/100 = 1.875e-3.
    private func reference() throws -> DinamoMonitor { try DinamoMonitor(bins: 4, alpha: 0.5, initCounts: 25) }

    private func debiased(_ counts: [Double], resamples: Int, seed: UInt64) throws -> (chi2: Double, pulls: [Double]) {
        let m = try reference()
        var g = SeededGenerator(seed: seed)
        var pulls = [Double](repeating: 0, count: 4)
        let chi2 = counts.withUnsafeBufferPointer { c in m.state.withUnsafeBufferPointer { st in
            pulls.withUnsafeMutableBufferPointer { p in
                DinamoMonitor.debiasedChi2(counts: c.baseAddress!, integral: counts.reduce(0, +), bins: 4, state: st.baseAddress!,
                                           referenceIntegral: m.referenceIntegral, resamples: resamples, generator: &g,
                                           pulls: p.baseAddress)
            } } }
        return (chi2, pulls)
    }

    func testTheReferenceIntegralStartsAtKBAndFollowsGoodRuns() throws {
        var m = try reference()
        XCTAssertEqual(m.referenceIntegral, 100)
        m.update(counts: [4, 8, 12, 16])            // I = 40: I_μ = 0.5·100 + 0.5·40 = 70
        XCTAssertEqual(m.referenceIntegral, 70, accuracy: 1e-12)
        XCTAssertFalse(m.update(counts: [0, 0, 0, 0]))
        XCTAssertEqual(m.referenceIntegral, 70, accuracy: 1e-12)
    }

    func testARunWithFewerEventsSmearsTheReference() throws {
        // I = 40 ≤ I_μ = 100. x = [0.1, 0.2, 0.3, 0.4], σ_x² = x(1 − x)/40 = [2.25, 4, 5.25, 6]e-3.
        // μ_r ~ N(μ, σ_μ² + σ_x²), D = 2σ_x² + σ_μ²:
        //   E χ² = Σ [(x − μ)² + σ_μ² + σ_x²]/D, E pull = (x − μ)/√D.
        // Bin 0: (0.0225 + 0.001875 + 0.00225)/0.006375 = 4.1765; bin 1: 0.008375/0.009875 = 0.8481;
        // bin 2: 0.009625/0.012375 = 0.7778; bin 3: 0.030375/0.013875 = 2.1892; sum 7.9916.
        let x = [0.1, 0.2, 0.3, 0.4], vmu = 1.875e-3
        let vx = x.map { $0 * (1 - $0) / 40 }
        let d = vx.map { 2 * $0 + vmu }
        let expected = (0..<4).map { ((x[$0] - 0.25) * (x[$0] - 0.25) + vmu + vx[$0]) / d[$0] }.reduce(0, +)
        XCTAssertEqual(expected, 7.9916, accuracy: 1e-4)
        let r = try debiased([4, 8, 12, 16], resamples: 40_000, seed: 1)
        XCTAssertEqual(r.chi2, expected, accuracy: 0.02 * expected)
        for b in 0..<4 { XCTAssertEqual(r.pulls[b], (x[b] - 0.25) / d[b].squareRoot(), accuracy: 0.02) }
    }

    func testARunWithMoreEventsIsSmearedWithTheReferencePoissonUncertainty() throws {
        // I = 4000 > I_μ = 100. σ_x² = x(1 − x)/4000; σ_pμ² = μ/I_μ − μ²/I_μ = 1.875e-3;
        // x_r ~ N(x, σ_μ² + σ_pμ²), D = σ_x² + σ_μ² + σ_pμ²:
        //   E χ² = Σ [(x − μ)² + σ_μ² + σ_pμ²]/D, E pull = (x − μ)/√D.
        // Bin 0: 0.02625/0.0037725 = 6.9583; bin 1: 0.00625/0.00379 = 1.6491; bin 2: 0.00625/0.0038025 = 1.6437;
        // bin 3: 0.02625/0.00381 = 6.8898; sum 17.1409.
        let x = [0.1, 0.2, 0.3, 0.4], vmu = 1.875e-3, vp = 1.875e-3
        let d = x.map { $0 * (1 - $0) / 4000 + vmu + vp }
        let expected = (0..<4).map { ((x[$0] - 0.25) * (x[$0] - 0.25) + vmu + vp) / d[$0] }.reduce(0, +)
        XCTAssertEqual(expected, 17.1409, accuracy: 3e-4)
        let r = try debiased([400, 800, 1200, 1600], resamples: 40_000, seed: 2)
        XCTAssertEqual(r.chi2, expected, accuracy: 0.02 * expected)
        for b in 0..<4 { XCTAssertEqual(r.pulls[b], (x[b] - 0.25) / d[b].squareRoot(), accuracy: 0.02) }
    }

    func testAnEmptyReferenceBinUsesOneOverTheReferenceIntegral() throws {
        // A reference with μ_b = 0 in one bin: σ_pμ = 1/I_μ there (as published), so the resample spread
        // is √(σ_μ² + 1/I_μ²) and every number stays finite.
        var m = try DinamoMonitor(bins: 2, alpha: 0.5, initCounts: 1)
        m.state[0] = 0
        var g = SeededGenerator(seed: 3)
        let counts = [0.0, 1000]
        let chi2 = counts.withUnsafeBufferPointer { c in m.state.withUnsafeBufferPointer { st in
            DinamoMonitor.debiasedChi2(counts: c.baseAddress!, integral: 1000, bins: 2, state: st.baseAddress!,
                                       referenceIntegral: m.referenceIntegral, resamples: 100, generator: &g, pulls: nil)
        } }
        XCTAssertTrue(chi2.isFinite && chi2 > 0)
    }

    func testDebiasedSequenceIsReproducibleAndDebiasesPulls() throws {
        let toy = try ToyGenerator.generate(ToyParameters(runs: 60, bins: 10, seed: 1))
        let h = toy.histograms
        let a = try DinamoMonitor.run(h, alpha: 0.5, threshold: 1, labels: h.labels, debias: 10, seed: 3)
        let b = try DinamoMonitor.run(h, alpha: 0.5, threshold: 1, labels: h.labels, debias: 10, seed: 3)
        let plain = try DinamoMonitor.run(h, alpha: 0.5, threshold: 1, labels: h.labels)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a.pulls, plain.pulls)
        XCTAssertTrue(a.chi2.allSatisfy { $0.isFinite && $0 >= 0 })
        XCTAssertThrowsError(try DinamoMonitor.run(h, alpha: 0.5, threshold: 1, labels: h.labels, debias: -1))
    }
}
