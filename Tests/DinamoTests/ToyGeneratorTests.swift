import XCTest
@testable import Dinamo
import Numerics

final class ToyGeneratorTests: XCTestCase {
    func testSameSeedGivesSameDataset() throws {
        let a = try ToyGenerator.generate(ToyParameters(runs: 100, bins: 20, seed: 5))
        let b = try ToyGenerator.generate(ToyParameters(runs: 100, bins: 20, seed: 5))
        XCTAssertEqual(a, b)
        let c = try ToyGenerator.generate(ToyParameters(runs: 100, bins: 20, seed: 6))
        XCTAssertNotEqual(a.histograms.counts, c.histograms.counts)
    }

    func testDefaultsAreThePublishedOnes() {
        let p = ToyParameters()
        XCTAssertEqual(p.runs, 5000)
        XCTAssertEqual(p.bins, 100)
        XCTAssertEqual(p.badFraction, 0.1)
        XCTAssertEqual(p.stepProbability, 0.005)
        XCTAssertEqual(p.events, 2000..<20000)
        XCTAssertEqual(p.systematicProbability, 0.4)
    }

    func testTruthIsConsistentWithTheCounts() throws {
        let toy = try ToyGenerator.generate(ToyParameters(runs: 2000, bins: 30, seed: 2))
        let t = toy.truth, h = toy.histograms
        XCTAssertEqual(h.runs, 2000)
        XCTAssertEqual(h.binEdges?.count, 31)
        XCTAssertTrue(h.counts.allSatisfy { $0 >= 0 && $0 == $0.rounded() })
        let badFraction = Double(t.labels.reduce(0, +)) / 2000
        XCTAssertEqual(badFraction, 0.1, accuracy: 0.025)
        for r in 0..<h.runs {
            XCTAssertEqual(t.deadBins[r].isEmpty, t.labels[r] == 0)
            for b in t.deadBins[r] { XCTAssertEqual(h.counts[r * 30 + b], 0) }
            XCTAssertTrue((2000..<20000).contains(t.events[r]))
            let shapeSum = t.goodShape[(r * 30)..<((r + 1) * 30)].reduce(0, +)
            XCTAssertEqual(shapeSum, 1, accuracy: 1e-9)
        }
        XCTAssertEqual(t.changePoints, t.changePoints.sorted())
        XCTAssertTrue(t.goodSigma.allSatisfy { $0 >= 0.3 })
        XCTAssertTrue(t.goodMu.allSatisfy { abs($0) <= 3.0 + 1e-12 })
        // Left half of a good run without the systematic: ≈ events · bin probability (loose check on totals).
        let r0 = (0..<h.runs).first { t.labels[$0] == 0 }!
        let left = h.counts[(r0 * 30)..<(r0 * 30 + 15)].reduce(0, +)
        let p = ToyGenerator.binProbabilities(edges: h.binEdges!, mu: t.goodMu[r0], sigma: t.goodSigma[r0])
        let expected = Double(t.events[r0]) * p[0..<15].reduce(0, +)
        XCTAssertEqual(left, expected, accuracy: 6 * expected.squareRoot() + 1)
    }

    func testBinProbabilitiesSumToOneAndAreSymmetric() {
        let edges = (0...10).map { -5.0 + Double($0) }
        let p = ToyGenerator.binProbabilities(edges: edges, mu: 0, sigma: 1)
        XCTAssertEqual(p.reduce(0, +), 1, accuracy: 1e-12)
        for i in 0..<5 { XCTAssertEqual(p[i], p[9 - i], accuracy: 1e-12) }
        XCTAssertEqual(p[5], (0.8413447460685429 - 0.5) / (1 - 2 * 2.866515718791939e-07), accuracy: 1e-9)
    }
}
