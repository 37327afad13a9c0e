import XCTest
import Core

final class BinomialSamplerTests: XCTestCase {
    private func moments(n: Int, p: Double, draws: Int, seed: UInt64) -> (mean: Double, variance: Double, all: [Int]) {
        var g = SeededGenerator(seed: seed)
        let xs = (0..<draws).map { _ in g.binomial(n, p) }
        let d = xs.map(Double.init)
        return (Statistics.mean(d)!, Statistics.variance(d)!, xs)
    }

    // MARK: moments

    func testSmallMeanByInversion() {
        let (m, v, xs) = moments(n: 20, p: 0.1, draws: 200_000, seed: 1)   // n·p = 2
        XCTAssertEqual(m, 2, accuracy: 0.02)
        XCTAssertEqual(v, 1.8, accuracy: 0.03)
        XCTAssertTrue(xs.allSatisfy { (0...20).contains($0) })
    }

    func testLargeMeanByBTRS() {
        let (m, v, xs) = moments(n: 10_000, p: 0.37, draws: 200_000, seed: 2)   // n·p = 3700, npq = 2331
        XCTAssertEqual(m, 3700, accuracy: 0.5)
        XCTAssertEqual(v, 2331, accuracy: 35)
        XCTAssertTrue(xs.allSatisfy { (0...10_000).contains($0) })
    }

    func testLargeProbabilityUsesSymmetry() {
        let (m, v, _) = moments(n: 1000, p: 0.9, draws: 100_000, seed: 3)
        XCTAssertEqual(m, 900, accuracy: 0.2)
        XCTAssertEqual(v, 90, accuracy: 2.5)
    }

    func testEdgeCases() {
        var g = SeededGenerator(seed: 4)
        XCTAssertEqual(g.binomial(0, 0.3), 0)
        XCTAssertEqual(g.binomial(17, 0), 0)
        XCTAssertEqual(g.binomial(17, 1), 17)
    }

    // MARK: exactness (the whole distribution, not only moments)

    /// Pearson χ² against the exact pmf just above the BTRS switch (n·p = 12), where a normal approximation
    /// would fail visibly: χ² over 25 cells stays below the 99.9 % point of χ²(24) ≈ 51.2.
    func testBTRSMatchesTheExactPmf() {
        let n = 40, p = 0.3, draws = 200_000
        var g = SeededGenerator(seed: 9)
        var hist = [Int](repeating: 0, count: n + 1)
        for _ in 0..<draws { hist[g.binomial(n, p)] += 1 }
        var pmf = [Double](repeating: 0, count: n + 1)
        pmf[0] = _exp(Double(n) * _log(1 - p))
        for k in 1...n { pmf[k] = pmf[k - 1] * Double(n - k + 1) / Double(k) * p / (1 - p) }
        // Pool the tails into cells with expectation ≥ 5.
        var chi2 = 0.0, cells = 0, accO = 0.0, accE = 0.0
        for k in 0...n {
            accO += Double(hist[k]); accE += pmf[k] * Double(draws)
            if accE >= 5 || k == n { chi2 += (accO - accE) * (accO - accE) / max(accE, 1e-300); cells += 1; accO = 0; accE = 0 }
        }
        XCTAssertLessThan(chi2, 51.2, "χ² = \(chi2) over \(cells) cells")
    }

    func testMultinomialConservesTheTotalAndMatchesProportions() {
        var g = SeededGenerator(seed: 11)
        let p = [0.1, 0.2, 0.3, 0.4]
        var sums = [Double](repeating: 0, count: 4)
        for _ in 0..<2000 {
            let k = g.multinomial(10_000, probabilities: p)
            XCTAssertEqual(k.reduce(0, +), 10_000)
            for i in 0..<4 { sums[i] += Double(k[i]) }
        }
        for i in 0..<4 { XCTAssertEqual(sums[i] / 2000 / 10_000, p[i], accuracy: 1e-3) }
    }
}
