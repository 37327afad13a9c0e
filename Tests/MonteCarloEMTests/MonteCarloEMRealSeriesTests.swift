import Core
import XCTest
@testable import MonteCarloEM

/// Real series: standardisation, a score that ranks, settings that follow the series, toy quality kept.
final class MonteCarloEMRealSeriesTests: XCTestCase {
    private var short: MCEMSettings {
        var s = MCEMSettings.notebook
        s.hiddenLayers = 3; s.learningRate = 3e-3; s.epochs = 6; s.warmUpEpochs = 2; s.samplesPerEpoch = 2
        s.topkEpochs = 60
        return s
    }

    // MARK: standardisation

    func testStandardisationIsMedianAndIQROverOnePointThreeFourNine() {
        // 1…199 and one spike of 10⁶: median 100, IQR 149.5 − 50.5; the spike is outside q₁…q₉₉ (bulk 196/20 ≪ IQR).
        let m = Standardisation(fitting: (1...199).map(Double.init) + [1e6])
        XCTAssertEqual(m.centre, 100.5)
        XCTAssertEqual(m.spread, (150.25 - 50.75) / 1.349, accuracy: 1e-12)
        XCTAssertEqual(m.restore(m.standardise([7, -3])), [7, -3])
    }

    func testTheBulkOfTheSeriesSpansAtMostTwentySpreads() {
        // 80 % at level 33 with a tiny wiggle (IQR/1.349 ≈ 0.07), then 20 % at 0: without the floor the new level
        // would sit at about −450 spreads; with it, the middle 98 % spans exactly 20.
        let values: [Double] = (0..<1000).map { t -> Double in
            let wiggle = Double(t % 5) / 40
            return t < 800 ? 33 + wiggle : 0.05 * Double(t % 3)
        }
        let m = Standardisation(fitting: values)
        let sorted = values.sorted()
        let bulk = Statistics.quantile(sorted: sorted, 0.99)! - Statistics.quantile(sorted: sorted, 0.01)!
        XCTAssertEqual(m.spread, bulk / 20, accuracy: 1e-12)
        let z = m.standardise(values)
        XCTAssertGreaterThanOrEqual(z.min()!, -20.5)
        // The notebook's toy series keeps IQR/1.349: its bulk spans about 9 of those, under 20.
        for seed: UInt64 in 0..<5 {
            let toy = ToySeries.make(seed: seed).values.sorted()
            let iqr = (Statistics.quantile(sorted: toy, 0.75)! - Statistics.quantile(sorted: toy, 0.25)!) / 1.349
            XCTAssertEqual(Standardisation(fitting: toy).spread, iqr, "seed \(seed)")
        }
    }

    func testAForecasterFollowsASeriesToANewLevel() {
        // A level shift for the last fifth of the series: the baseline's forecast must follow the new level after the
        // shift (not go on forecasting the old one and score the whole stretch as the anomaly).
        var generator = SeededGenerator(seed: 11)
        let values: [Double] = (0..<600).map { t -> Double in (t < 480 ? 33.0 : 0.0) + 0.05 * generator.normal() }
        var settings = short
        settings.context = 8
        let r = MonteCarloEM.run(.baseline, series: values, settings: settings, seed: 2)
        let after = (520..<600).map { abs(r.mean[$0] - values[$0]) }.sorted()
        XCTAssertLessThan(after[after.count / 2], 3.3, "median forecast error after the shift, a tenth of the shift")
        XCTAssertGreaterThan(r.score[480], 3 * r.score[560], "the shift scores above the new level")
    }

    func testWhenHalfThePointsShareOneValueTheSpreadIsTheStandardDeviationThenOne() {
        let mostlyFlat = [Double](repeating: 0, count: 990) + (1...10).map(Double.init)
        let sd = (Statistics.variance(mostlyFlat) ?? 0).squareRoot()
        XCTAssertEqual(Standardisation(fitting: mostlyFlat).spread, sd, accuracy: 1e-12)
        XCTAssertEqual(Standardisation(fitting: [Double](repeating: 4, count: 10)), Standardisation(centre: 4, spread: 1))
    }

    func testTrainingIsEquivariantToTheSeriesUnits() {
        let toy = ToySeries.make(seed: 4, length: 300, points: 5, block: 100..<110)
        let scaled = toy.values.map { 1000 * $0 + 5 }
        for a in Approach.allCases {
            let r1 = MonteCarloEM.run(a, series: toy.values, settings: short, seed: 3)
            let r2 = MonteCarloEM.run(a, series: scaled, settings: short, seed: 3)
            for t in stride(from: 0, to: 300, by: 17) {
                XCTAssertEqual(r2.mean[t], 1000 * r1.mean[t] + 5, accuracy: 1e-6, "\(a) mean at \(t)")
            }
            XCTAssertEqual(r2.flagged, r1.flagged, "\(a)")
            let auc1 = DetectionMetrics.rocAUC(scores: r1.score, labels: toy.labels)!
            let auc2 = DetectionMetrics.rocAUC(scores: r2.score, labels: toy.labels)!
            XCTAssertEqual(auc1, auc2, accuracy: 1e-12, "\(a)")
        }
    }

    // MARK: scores

    func testTheScoreAddsHalfTheLargestResidualWithinTheReachToThePointsOwn() {
        // Residuals r = [0, 1, −3, 0, 0, 2, 0], h = 1: |r| = [0, 1, 3, 0, 0, 2, 0];
        // the largest |r| within one step = [max(0,1), max(0,1,3), max(1,3,0), max(3,0,0), max(0,0,2),
        // max(0,2,0), max(2,0)] = [1, 3, 3, 3, 2, 2, 2]; s = |r| + ½·that
        // = [0+0.5, 1+1.5, 3+1.5, 0+1.5, 0+1, 2+1, 0+1] = [0.5, 2.5, 4.5, 1.5, 1, 3, 1].
        let r: [Double] = [0, 1, -3, 0, 0, 2, 0]
        XCTAssertEqual(AnomalyScore.movingMaximum(r.map(abs), halfWidth: 1), [1, 3, 3, 3, 2, 2, 2])
        XCTAssertEqual(AnomalyScore.windowed(residuals: r, halfWidth: 1), [0.5, 2.5, 4.5, 1.5, 1, 3, 1])
        // h = 0: 1.5 × the point's own |r|, the plain residual ranking.
        XCTAssertEqual(AnomalyScore.windowed(residuals: r, halfWidth: 0), [0, 1.5, 4.5, 0, 0, 3, 0])
        // h = 3 reaches every point from the middle: the moving maximum is 3 wherever index 2 is within 3.
        XCTAssertEqual(AnomalyScore.movingMaximum(r.map(abs), halfWidth: 3), [3, 3, 3, 3, 3, 3, 2])
        // An isolated residual of 3 (index 10; its neighbourhood's largest is itself: 3 + 1.5 = 4.5) outranks a
        // residual of 1 beside a 5 (index 4: 1 + 2.5 = 3.5); with a weight of 1 they would tie (3 + 3 = 1 + 5 = 6).
        let s = AnomalyScore.windowed(residuals: [0, 0, 0, 5, 1, 0, 0, 0, 0, 0, 3, 0], halfWidth: 3)
        XCTAssertGreaterThan(s[10], s[4], "an isolated anomaly of 3 above a normal 1 beside a 5")
        // A broken point ranks first and stays finite.
        let broken = AnomalyScore.windowed(residuals: [0, .nan, 1], halfWidth: 0)
        XCTAssertTrue(broken.allSatisfy(\.isFinite))
        XCTAssertEqual(broken.firstIndex(of: broken.max()!), 1)
    }

    func testTheMovingMaximumEqualsTheBruteForceOne() {
        var g = SeededGenerator(seed: 9)
        let v = (0..<300).map { _ in g.normal() }
        for h in [0, 1, 2, 7, 50, 299, 400] {
            let brute = v.indices.map { t in v[max(0, t - h)...min(v.count - 1, t + h)].max()! }
            XCTAssertEqual(AnomalyScore.movingMaximum(v, halfWidth: h), brute, "h = \(h)")
        }
        XCTAssertEqual(AnomalyScore.movingMaximum([], halfWidth: 3), [])
    }

    func testEveryApproachScoresItsOwnResidualsOverTwoContextsWithTheSeriesDefaults() {
        let toy = ToySeries.make(seed: 1, length: 400, points: 8, block: 200..<210)
        var s = short
        s.context = 10; s.scoreReach = 2
        let map = Standardisation(fitting: toy.values)
        for a in Approach.allCases {
            let r = MonteCarloEM.run(a, series: toy.values, settings: s, seed: 0)
            let residuals = toy.values.indices.map { (toy.values[$0] - r.mean[$0]) / map.spread }
            let expected = AnomalyScore.windowed(residuals: residuals, halfWidth: 20)
            for t in toy.values.indices {
                XCTAssertEqual(r.score[t], expected[t], accuracy: 1e-9, "\(a) at \(t)")
            }
        }
        XCTAssertEqual(MCEMSettings.defaults(for: toy.values).scoreReach, 2)
        XCTAssertEqual(MCEMSettings.notebook.scoreReach, 0)
    }

    func testNoLabelReachesAScore() async {
        let toy = ToySeries.make(seed: 5, length: 200, points: 4, block: 80..<86)
        var s = short
        s.scoreReach = 2
        let with = await MonteCarloEM.run(series: toy.values, labels: toy.labels, approaches: Approach.allCases,
                                          settings: s, seed: 2)
        let without = await MonteCarloEM.run(series: toy.values, labels: nil, approaches: Approach.allCases,
                                             settings: s, seed: 2)
        XCTAssertEqual(with.map(\.result.score), without.map(\.result.score))
        XCTAssertEqual(with.map(\.result.posterior), without.map(\.result.posterior))
        XCTAssertNotNil(with[3].metrics.vusPR)
        XCTAssertNil(without[3].metrics.vusPR)
    }

    // MARK: settings

    func testContextFollowsTheDominantPeriodWithinBounds() {
        let daily = (0..<3000).map { sin(2 * Double.pi * Double($0) / 96) }
        XCTAssertEqual(MCEMSettings.defaultContext(for: daily), 96)
        var g = SeededGenerator(seed: 1)
        let noise = (0..<3000).map { _ in g.normal() }
        XCTAssertEqual(MCEMSettings.defaultContext(for: noise), 25)
        let fast = (0..<3000).map { sin(2 * Double.pi * Double($0) / 5) }
        XCTAssertEqual(MCEMSettings.defaultContext(for: fast), 8)
    }

    func testEffortShrinksPerPassOnLongSeriesAndTheNotebookStaysReachable() {
        var g = SeededGenerator(seed: 2)
        let long = (0..<18_000).map { _ in g.normal() }
        let s = MCEMSettings.defaults(for: long)
        XCTAssertEqual(s.context, 25)
        XCTAssertEqual(s.samplesPerEpoch, 2, "r = 18 · 153/153: 20/18 rounds to 1, the floor is 2")
        var g2 = SeededGenerator(seed: 3)
        XCTAssertEqual(MCEMSettings.defaults(for: (0..<4000).map { _ in g2.normal() }).samplesPerEpoch, 5, "r = 4: 20/4")
        XCTAssertEqual(s.topkEpochs, 100, "topk: 100 mini-batch passes whatever the length")
        XCTAssertEqual(s.topkBatchSize, 25)
        XCTAssertNil(s.topkLearningRate)
        let shortSeries = Array(long.prefix(500))
        var short = MCEMSettings.defaults(for: shortSeries)
        short.topkEpochs = MCEMSettings.notebook.topkEpochs
        short.topkBatchSize = nil
        short.scoreReach = 0
        XCTAssertEqual(short, .notebook,
                       "a short aperiodic series gets the notebook's settings but for topk's batches and the score's reach")
        XCTAssertEqual(MCEMSettings.defaults(for: long, context: 40).context, 40)
        XCTAssertLessThan(MCEMSettings.defaults(for: Array(long.prefix(3000)), context: 200).samplesPerEpoch,
                          MCEMSettings.defaults(for: Array(long.prefix(3000))).samplesPerEpoch,
                          "a longer context costs more per pass, so fewer samples")
    }

    // MARK: the cleaned forecast

    /// The forecast every score uses runs the trained net in time order and puts its own forecast in place of
    /// each point judged anomalous, so that the windows after it see the forecast, not the value.
    func testTheCleanedForecastFeedsItsOwnForecastInPlaceOfAnomalousPoints() {
        var g = SeededGenerator(seed: 3)
        let net = Forecaster(context: 4, layers: 2, outputs: 2, maxChunk: 16, generator: &g)
        var x = (0..<12).map { (t: Int) -> Double in sin(Double(t) / 2) }
        x[6] += 5
        x[7] += 5
        var trainer = MiniBatchTrainer(net: net, settings: .notebook, count: x.count)
        trainer.setInputs(x)
        let plain = trainer.predict(count: x.count)
        var anomalous = [Bool](repeating: false, count: x.count)
        XCTAssertEqual(trainer.cleanedForecast(x, anomalous: anomalous).map { $0.0 }, plain.map { $0.0 },
                       "nothing judged anomalous: the plain forecast")
        anomalous[6] = true; anomalous[7] = true
        let clean = trainer.cleanedForecast(x, anomalous: anomalous)
        // By hand: the window of t is (x or m̂)[t−4 ..< t], the first value padding t < 4.
        var inputs = x
        for t in 0..<x.count {
            let window = (t - 4..<t).map { $0 < 0 ? x[0] : inputs[$0] }
            let expected = window.withUnsafeBufferPointer { net.forward($0.baseAddress!) }
            XCTAssertEqual(clean[t].0, expected.0, accuracy: 1e-12, "mean at \(t)")
            XCTAssertEqual(clean[t].1, expected.1, accuracy: 1e-12, "raw at \(t)")
            if anomalous[t] { inputs[t] = expected.0 }
        }
        XCTAssertEqual(clean[..<7].map { $0.0 }, plain[..<7].map { $0.0 }, "before the first anomalous point nothing changes")
        XCTAssertNotEqual(clean[8].0, plain[8].0, "after it the window holds the forecasts, not the +5")
        // An anomalous first value: the padding is the first normal value, x[1], and x[0] is its own forecast.
        var spikeFirst = x
        spikeFirst[0] += 5
        var first = [Bool](repeating: false, count: x.count)
        first[0] = true
        let cleanFirst = trainer.cleanedForecast(spikeFirst, anomalous: first)
        let padded = [Double](repeating: x[1], count: 4)
        let expected0 = padded.withUnsafeBufferPointer { net.forward($0.baseAddress!) }
        XCTAssertEqual(cleanFirst[0].0, expected0.0, accuracy: 1e-12)
        let window1 = [x[1], x[1], x[1], expected0.0]
        let expected1 = window1.withUnsafeBufferPointer { net.forward($0.baseAddress!) }
        XCTAssertEqual(cleanFirst[1].0, expected1.0, accuracy: 1e-12)
    }

    /// A point beyond the threshold is bridged like an anomalous one, for at most `run` points in a row; then the
    /// pass keeps the observed values until one is back within the threshold.
    func testTheCleanedForecastBridgesPointsBeyondTheThresholdForAtMostARun() {
        var g = SeededGenerator(seed: 5)
        let net = Forecaster(context: 4, layers: 2, outputs: 1, maxChunk: 16, generator: &g)
        var x = (0..<30).map { (t: Int) -> Double in 0.1 * sin(Double(t) / 2) }
        for t in 10..<30 { x[t] += 8 }      // a lasting level shift at t = 10
        var trainer = MiniBatchTrainer(net: net, settings: .notebook, count: x.count)
        let none = [Bool](repeating: false, count: x.count)
        let threshold = 3.0, run = 5
        let clean = trainer.cleanedForecast(x, anomalous: none, threshold: threshold, run: run)
        // By hand, with the same rule.
        var inputs = x, bridged = 0, following = false, replaced: [Int] = []
        for t in 0..<x.count {
            let window = (t - 4..<t).map { $0 < 0 ? x[0] : inputs[$0] }
            let m = window.withUnsafeBufferPointer { net.forward($0.baseAddress!) }.0
            XCTAssertEqual(clean[t].0, m, accuracy: 1e-12, "mean at \(t)")
            let beyond = abs(x[t] - m) > threshold
            if beyond && !following {
                inputs[t] = m; bridged += 1; following = bridged >= run; replaced.append(t)
            } else if !beyond { bridged = 0; following = false }
        }
        XCTAssertEqual(replaced.first, 10, "the shift is beyond the threshold from its first point")
        XCTAssertLessThanOrEqual(replaced.count, run, "bridged for at most one run, then followed")
        XCTAssertEqual(trainer.cleanedForecast(x, anomalous: none).map { $0.0 },
                       trainer.cleanedForecast(x, anomalous: none, threshold: .infinity, run: run).map { $0.0 },
                       "no threshold: nothing bridged")
    }

    /// topk with more anomalies than its k masked points: the spikes take every slot, the block is never masked and
    /// is followed from its second point on, so it ranks last; bridging what lies beyond 6 robust deviations of the
    /// residuals forecasts the block as the pattern (`MCEMSettings.topkCleaningSigmas`).
    func testTopkBridgesABlockItsKMaskedPointsMiss() {
        let toy = ToySeries.make(seed: 4, length: 600, points: 40, block: 150..<170)
        var settings = MCEMSettings.notebook
        settings.topkEpochs = 2000
        settings.topkMasked = 20
        var off = settings
        off.topkCleaningSigmas = nil
        let before = MonteCarloEM.run(.topk, series: toy.values, settings: off, seed: 4)
        let after = MonteCarloEM.run(.topk, series: toy.values, settings: settings, seed: 4)
        let aucBefore = DetectionMetrics.rocAUC(scores: before.score, labels: toy.labels) ?? 1
        let aucAfter = DetectionMetrics.rocAUC(scores: after.score, labels: toy.labels) ?? 0
        XCTAssertEqual(before.flagged, after.flagged, "the flags stay the k masked points")
        XCTAssertLessThan(aucBefore, 0.95, "k masked points alone leave the block to be followed")
        XCTAssertGreaterThanOrEqual(aucAfter, 0.97, "before: \(aucBefore)")
        let blockAfter = (152..<170).map { abs(toy.values[$0] - after.mean[$0]) }.min()!
        XCTAssertGreaterThan(blockAfter, 1, "inside the block the forecast continues the pattern")
    }

    /// The toy case where the epochs' mean forecast followed the −2 block and forecast the points after it two
    /// below the pattern (mixture ROC AUC 0.954 with the notebook's settings at length 400, seed 7): the cleaned
    /// forecast continues the pattern through the block, so the points after it rank below the spikes again.
    func testTheMixtureDoesNotFollowTheBlockIntoThePointsAfterIt() {
        let toy = ToySeries.make(seed: 7, length: 400, points: 12, block: 100..<120)
        let r = MonteCarloEM.run(.mixture, series: toy.values, settings: .notebook, seed: 7)
        XCTAssertGreaterThanOrEqual(DetectionMetrics.rocAUC(scores: r.score, labels: toy.labels) ?? 0, 0.99)
        let normalAfter = (120..<140).filter { !toy.labels[$0] }
        let residualAfter = normalAfter.map { abs(toy.values[$0] - r.mean[$0]) }.max() ?? .infinity
        XCTAssertLessThan(residualAfter, 0.5, "the normal points after the block are forecast near the pattern")
    }

    // MARK: toy quality

    /// The toy series' generator (docs/methods/mcem.md): mixture and hmm ROC AUC ≥ 0.99, topk ≥ 0.75, with the
    /// series' defaults (the windowed score included) at lengths 400 and 1600 for two seeds, and with the notebook's
    /// settings at length 400 (the bench runs the rest). A release-build test: full training.
    func testToyQualityHoldsWithTheDefaultsAndTheNotebooksSettings() async {
        let cases: [(UInt64, Int, String)] = [(12, 1600, "defaults"), (13, 1600, "defaults"), (14, 400, "defaults"),
                                              (15, 400, "defaults"), (11, 400, "notebook")]
        for (seed, length, name) in cases {
            let block = (length / 4)..<(length / 4 + 20)
            let toy = ToySeries.make(seed: seed, length: length, points: length * 3 / 100, block: block)
            let settings = name == "defaults" ? MCEMSettings.defaults(for: toy.values) : .notebook
            let results = await MonteCarloEM.run(series: toy.values, approaches: [.mixture, .hmm, .topk],
                                                 settings: settings, seed: seed)
            for r in results {
                let auc = DetectionMetrics.rocAUC(scores: r.score, labels: toy.labels) ?? 0
                XCTAssertGreaterThanOrEqual(auc, r.approach == .topk ? 0.75 : 0.99,
                                            "\(r.approach), \(name), seed \(seed), length \(length)")
            }
        }
    }
}
