import XCTest
@testable import Dinamo
import Core

final class AlphaScanTests: XCTestCase {
    func testTheObjectiveRewardsSeparationInEitherDirection() {
        // |AUC − 0.5| + 0.5: AUC 0.1 (inverted but separating) scores 0.9, above AUC 0.85 → 0.85.
        XCTAssertEqual(AlphaScan.objective(rocAUC: 0.1), 0.9, accuracy: 1e-15)
        XCTAssertEqual(AlphaScan.objective(rocAUC: 0.85), 0.85, accuracy: 1e-15)
        XCTAssertEqual(AlphaScan.objective(rocAUC: 0.5), 0.5)
        let objectives = [0.5, 0.1, 0.85].map { Optional(AlphaScan.objective(rocAUC: $0)) }
        XCTAssertEqual(AlphaScan.firstMaximum(objectives), 1)
    }

    func testTheFirstMaximumWinsTiesAndUndefinedPointsAreNeverChosen() {
        XCTAssertEqual(AlphaScan.firstMaximum([nil, 0.7, 0.9, 0.9, 0.8]), 2)
        XCTAssertNil(AlphaScan.firstMaximum([nil, nil]))
    }

    func testTheScanNeedsBothClasses() throws {
        let toy = try ToyGenerator.generate(ToyParameters(runs: 100, bins: 10, seed: 2))
        var h = toy.histograms
        h.labels = [Int?](repeating: 0, count: 100)
        XCTAssertNil(try AlphaScan.compute(histograms: h, historical: 0..<50, provisionalThreshold: 1, alphas: [0.3, 0.6]))
    }

    // MARK: parallel = serial

    func testTheParallelAlphaScanIsBitIdenticalToTheSerialOne() throws {
        let toy = try ToyGenerator.generate(ToyParameters(runs: 600, bins: 20, seed: 3))
        let h = toy.histograms
        let alphas = [0.05, 0.3, 0.5, 0.7, 0.95]
        let parallel = try XCTUnwrap(AlphaScan.compute(histograms: h, historical: 0..<300, provisionalThreshold: 1,
                                                       debias: 3, seed: 4, alphas: alphas, parallel: true))
        let serial = try XCTUnwrap(AlphaScan.compute(histograms: h, historical: 0..<300, provisionalThreshold: 1,
                                                     debias: 3, seed: 4, alphas: alphas, parallel: false))
        XCTAssertEqual(parallel.scan, serial.scan)
        XCTAssertEqual(parallel.historicalScores, serial.historicalScores)
        XCTAssertEqual(parallel.scan.objective[parallel.scan.chosenIndex], parallel.scan.objective.compactMap { $0 }.max())
    }

    func testMetricsVsAlphaIsBitIdenticalInParallelAndSensible() throws {
        let toy = try ToyGenerator.generate(ToyParameters(runs: 800, bins: 20, seed: 5))
        let alphas = [0.2, 0.5, 0.9]
        let p = try MetricsVsAlpha.compute(histograms: toy.histograms, truth: toy.truth, historicalCount: 200, alphas: alphas)
        let s = try MetricsVsAlpha.compute(histograms: toy.histograms, truth: toy.truth, historicalCount: 200, alphas: alphas,
                                           parallel: false)
        XCTAssertEqual(p, s)
        XCTAssertEqual(p.alphas, alphas)
        for point in p.points {
            XCTAssertTrue((0...1).contains(try XCTUnwrap(point.balancedAccuracyContinual)))
            XCTAssertTrue((0...1).contains(try XCTUnwrap(point.truth.continual.jaccardDistance)))
        }
        XCTAssertThrowsError(try MetricsVsAlpha.compute(histograms: toy.histograms, truth: toy.truth, historicalCount: 200, alphas: [1]))
    }

    // MARK: the fast scan path = the monitor

    func testTheScanScoresAreBitIdenticalToTheMonitorRun() throws {
        // 23 bins: five SIMD blocks and a scalar tail of three; an empty run and unlabelled runs included.
        let toy = try ToyGenerator.generate(ToyParameters(runs: 300, bins: 23, seed: 8))
        var h = toy.histograms
        for b in 0..<23 { h.counts[40 * 23 + b] = 0 }
        var labels = try XCTUnwrap(h.labels)
        for r in stride(from: 5, to: 300, by: 7) { labels[r] = nil }
        h.labels = labels
        let range = 20..<260
        let normalised = NormalisedRuns(h, runs: range)
        for alpha in [0.01, 0.37, 0.99] {
            let fast = try DinamoMonitor.scanScores(normalised, alpha: alpha, initCounts: 100, threshold: 1.2, labels: labels)
            let slow = try DinamoMonitor.run(h, alpha: alpha, threshold: 1.2, labels: labels, runRange: range,
                                             recordDetail: false).score
            XCTAssertEqual(fast, slow, "alpha \(alpha)")
        }
    }

    func testTheBinarySearchAUCEqualsTheMidRankAUCWithTies() {
        var g = SeededGenerator(seed: 12)
        for trial in 0..<20 {
            // Scores on a coarse lattice so that ties within and across classes are common.
            let n = 5 + trial * 3
            let scores = (0..<n).map { _ in Double(g.int(below: 7)) / 2 }
            let truth = (0..<n).map { i in i % 3 == 0 || g.int(below: 4) == 0 }
            var pos = zip(scores, truth).filter { $0.1 }.map(\.0), neg = zip(scores, truth).filter { !$0.1 }.map(\.0)
            XCTAssertEqual(RankAUC.auc(positives: &pos, negatives: &neg), ClassificationMetrics.rocAUC(scores: scores, truth: truth))
        }
        var none: [Double] = [], some = [1.0]
        XCTAssertNil(RankAUC.auc(positives: &none, negatives: &some))
        // One positive at 2 against negatives 1, 2, 3: U = 1 + ½ = 1.5, AUC = 1.5/3 = 0.5.
        var p = [2.0], n = [3.0, 1.0, 2.0]
        XCTAssertEqual(RankAUC.auc(positives: &p, negatives: &n), 0.5)
        // The larger class positive: positives 1, 2, 3 against one negative at 2: U = 0 + ½ + 1 = 1.5, AUC = 0.5;
        // positives 3, 4 against 1: U = 2, AUC = 1.
        var p3 = [3.0, 1.0, 2.0], n1 = [2.0]
        XCTAssertEqual(RankAUC.auc(positives: &p3, negatives: &n1), 0.5)
        var p2 = [4.0, 3.0], n0 = [1.0]
        XCTAssertEqual(RankAUC.auc(positives: &p2, negatives: &n0), 1)
    }
}
