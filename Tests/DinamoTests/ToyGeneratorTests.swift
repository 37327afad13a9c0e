import XCTest
@testable import Dinamo
import Core

final class ToyGeneratorTests: XCTestCase {
    // MARK: reproducibility and parameters

    func testSameSeedGivesSameDataset() throws {
        let a = try ToyGenerator.generate(ToyParameters(runs: 100, bins: 20, seed: 5))
        let b = try ToyGenerator.generate(ToyParameters(runs: 100, bins: 20, seed: 5))
        XCTAssertEqual(a, b)
        let c = try ToyGenerator.generate(ToyParameters(runs: 100, bins: 20, seed: 6))
        XCTAssertNotEqual(a.histograms.counts, c.histograms.counts)
    }

    func testDefaultsAreThePublishedOnes() {
        let p = ToyParameters()
        XCTAssertEqual([p.runs, p.bins, p.badRuns, p.shiftedBadRuns], [5000, 100, 500, 450])
        XCTAssertEqual(p.changePointProbability, 0.005)
        XCTAssertEqual(p.stepMu, 0.5...1.5)
        XCTAssertEqual(p.stepSigma, 0.1...0.4)
        XCTAssertEqual(p.badMuShift, 0.25...0.75)
        XCTAssertEqual(p.badSigmaShift, 0.05...0.2)
        XCTAssertEqual(p.deadBins, 1...19)
        XCTAssertEqual(p.events, 2000..<20000)
        XCTAssertEqual(p.systematicProbability, 0.4)
        XCTAssertEqual(ToyParameters(runs: 300, bins: 20).badRuns, 30)
    }

    func testInvalidParametersAreRejectedWithAReason() {
        var p = ToyParameters(runs: 100, bins: 20)
        p.badRuns = 101
        XCTAssertThrowsError(try ToyGenerator.generate(p)) { XCTAssertTrue("\($0)".contains("bad runs")) }
        p = ToyParameters(runs: 100, bins: 20)
        p.sigma = 0.5
        XCTAssertThrowsError(try ToyGenerator.generate(p)) { XCTAssertTrue("\($0)".contains("width")) }
        p = ToyParameters(runs: 100, bins: 20)
        p.deadBins = 1...21
        XCTAssertThrowsError(try ToyGenerator.generate(p))
    }

    // MARK: the published statistics, over a few seeds

    func testGoodRunsStayWithinThePublishedBoundsAndBadRunCountsAreExact() throws {
        for seed: UInt64 in [1, 2, 3] {
            let toy = try ToyGenerator.generate(ToyParameters(runs: 5000, bins: 100, seed: seed))
            let t = toy.truth, h = toy.histograms
            XCTAssertEqual(t.labels.reduce(0, +), 500)
            XCTAssertEqual(t.badKinds.filter { $0.contains(.muShift) }.count, 450)
            XCTAssertEqual(t.badKinds.filter { $0.contains(.sigmaShift) }.count, 450)
            XCTAssertEqual(t.badKinds.filter { $0.contains(.deadBins) }.count, 500)
            for r in 0..<h.runs {
                let drift = 0.5 * sin(Double.pi * Double(r) / 500)
                XCTAssertLessThanOrEqual(abs(t.goodMu[r] - drift), 1.5 + 1e-12)
                XCTAssertTrue((0.6 - 1e-12...1.4 + 1e-12).contains(t.goodSigma[r]), "run \(r): σ \(t.goodSigma[r])")
                XCTAssertEqual(t.badKinds[r].isEmpty, t.labels[r] == 0)
                if t.labels[r] == 0 {
                    XCTAssertEqual(t.runMu[r], t.goodMu[r])
                    XCTAssertEqual(t.runSigma[r], t.goodSigma[r])
                    XCTAssertTrue(t.deadBins[r].isEmpty)
                } else {
                    XCTAssertTrue((1...19).contains(t.deadBins[r].count))
                    for b in t.deadBins[r] { XCTAssertEqual(h.counts[r * 100 + b], 0) }
                }
            }
        }
    }

    func testShiftsReplaceEachOtherAtTheirOwnChangePoints() throws {
        var overlap = 0, total = 0
        for seed: UInt64 in [1, 2, 3] {
            let t = try ToyGenerator.generate(ToyParameters(runs: 5000, bins: 100, seed: seed)).truth
            // The μ offset (μ − drift) changes exactly at μ change points, σ exactly at σ change points.
            let offset = (0..<5000).map { t.goodMu[$0] - 0.5 * sin(Double.pi * Double($0) / 500) }
            let muSteps = (1..<5000).filter { abs(offset[$0] - offset[$0 - 1]) > 1e-9 }
            let sigmaSteps = (1..<5000).filter { t.goodSigma[$0] != t.goodSigma[$0 - 1] }
            XCTAssertEqual(muSteps, t.muChangePoints.filter { $0 > 0 })
            XCTAssertEqual(sigmaSteps, t.sigmaChangePoints.filter { $0 > 0 })
            // Before the first change point nothing is shifted.
            if let first = t.muChangePoints.first { XCTAssertTrue(offset[..<first].allSatisfy { abs($0) < 1e-12 }) }
            // ≈ 25 change points each (5000 × 0.005).
            XCTAssertTrue((8...50).contains(t.muChangePoints.count))
            XCTAssertTrue((8...50).contains(t.sigmaChangePoints.count))
            overlap += Set(t.muChangePoints).intersection(t.sigmaChangePoints).count
            total += t.muChangePoints.count
            XCTAssertEqual(t.changePoints, Array(Set(t.muChangePoints + t.sigmaChangePoints)).sorted())
        }
        // Independent lists share a point with probability 0.005 each: ≈ 0.4 shared over three seeds,
        // where one shared list would share all ≈ 75.
        XCTAssertLessThanOrEqual(overlap, 4)
        XCTAssertGreaterThan(total, 30)
    }

    func testTheSystematicGainsOrLosesFortyPercentOnTheRightHalf() throws {
        // Right-half/left-half event ratio: ×1.4 for s = +1, ×0.6 for s = −1, so the ratio of the two
        // groups' ratios is 1.4/0.6 ≈ 2.33 (both groups have the same mix of shapes).
        let toy = try ToyGenerator.generate(ToyParameters(runs: 2000, bins: 100, seed: 4))
        var sums = [1: (0.0, 0.0), -1: (0.0, 0.0)]
        for r in 0..<2000 where toy.truth.labels[r] == 0 {
            let row = toy.histograms.counts(ofRun: r)
            let left = row.prefix(50).reduce(0, +), right = row.suffix(50).reduce(0, +)
            let s = toy.truth.systematicSign[r]
            sums[s] = (sums[s]!.0 + left, sums[s]!.1 + right)
        }
        let plus = sums[1]!.1 / sums[1]!.0, minus = sums[-1]!.1 / sums[-1]!.0
        XCTAssertEqual(plus / minus, 1.4 / 0.6, accuracy: 0.15)
    }

    func testEventsOutsideTheRangeAreDropped() throws {
        // A wide Gaussian (σ = 4, no steps, no bad runs, no systematic) keeps P(|X| ≤ 5) = 0.789 of its events.
        var p = ToyParameters(runs: 200, bins: 10, seed: 9)
        p.sigma = 4
        p.badRuns = 0
        p.changePointProbability = 0
        p.systematicProbability = 0
        p.driftAmplitude = 0
        let toy = try ToyGenerator.generate(p)
        let kept = toy.histograms.counts.reduce(0, +) / Double(toy.truth.events.reduce(0, +))
        XCTAssertEqual(kept, 0.7887, accuracy: 0.003)
    }

    func testBinProbabilitiesSumToOneAndAreSymmetric() {
        let edges = (0...10).map { -5.0 + Double($0) }
        let p = ToyGenerator.binProbabilities(edges: edges, mu: 0, sigma: 1)
        XCTAssertEqual(p.reduce(0, +), 1, accuracy: 1e-12)
        for i in 0..<5 { XCTAssertEqual(p[i], p[9 - i], accuracy: 1e-12) }
        XCTAssertEqual(p[5], (0.8413447460685429 - 0.5) / (1 - 2 * 2.866515718791939e-07), accuracy: 1e-9)
    }
}
