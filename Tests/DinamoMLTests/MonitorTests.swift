import Core
import Dinamo
import XCTest
@testable import DinamoML

/// The procedure around the network: contexts and their padding, early stopping, scoring, determinism.
final class MonitorTests: XCTestCase {
    /// A small network (tests stay fast); the procedure is the same at any size.
    private func settings(maxSteps: Int = 1000, patience: Int = 5, learningRate: Double = 5e-4) -> DinamoMLSettings {
        DinamoMLSettings(shape: TransformerShape(bins: 8, model: 12, heads: 3, layers: 1, feedForward: 10,
                                                 context: 4, dropout: 0.15),
                         trainingRuns: 3, learningRate: learningRate, maxSteps: maxSteps, patience: patience, seed: 5)
    }

    private func context(_ memory: GoodRunMemory, before time: Int) -> (x: [Float], t: [Float], real: Int) {
        var x = [Float](repeating: -1, count: memory.context * memory.bins)
        var t = [Float](repeating: -1, count: memory.context)
        let real = x.withUnsafeMutableBufferPointer { xp in
            t.withUnsafeMutableBufferPointer { memory.writeContext(before: time, x: xp.baseAddress!, t: $0.baseAddress!) }
        }
        return (x, t, real)
    }

    func testContextPadsAtTheFrontWithFewerThanMGoodRuns() {
        var memory = GoodRunMemory(bins: 2, context: 4, trainingRuns: 3)
        // No good run: all padding.
        var c = context(memory, before: 0)
        XCTAssertEqual(c.real, 0)
        XCTAssertEqual(c.x, [Float](repeating: 0.01, count: 8))
        XCTAssertEqual(c.t, [-100, -100, -100, -100])
        memory.append([0.25, 0.75], time: 2)
        memory.append([0.5, 0.5], time: 5)
        // Two good runs before run 7: padding first, then the runs oldest first with times relative to 7.
        c = context(memory, before: 7)
        XCTAssertEqual(c.real, 2)
        XCTAssertEqual(c.x, [0.01, 0.01, 0.01, 0.01, 0.25, 0.75, 0.5, 0.5])
        XCTAssertEqual(c.t, [-100, -100, -5, -2])
        // Only runs strictly before the time count (a training target's context excludes itself).
        c = context(memory, before: 5)
        XCTAssertEqual(c.real, 1)
        XCTAssertEqual(c.t, [-100, -100, -100, -3])
        // More than M: the last M.
        for time in 6...9 { memory.append([Float(time) / 8, 1 - Float(time) / 8], time: time) }
        c = context(memory, before: 10)
        XCTAssertEqual(c.real, 4)
        XCTAssertEqual(c.t, [-4, -3, -2, -1])
        XCTAssertEqual(Array(c.x[0..<2]), [0.75, 0.25])
    }

    /// `learn` writes a learn's contexts once and reuses their distinct rows for every step: the same bits as
    /// writing them anew each step (`trainingStep`), over enough runs that the K contexts overlap and pad.
    func testLearnEqualsStepsOnFreshlyWrittenInputs() throws {
        let monitor = DinamoMLMonitor(settings: settings(maxSteps: 6, patience: 2))
        let twin = DinamoMLMonitor(settings: settings(maxSteps: 6, patience: 2))
        var g = SeededGenerator(seed: 8)
        for time in 0..<14 {
            let counts = (0..<8).map { b in Double(10 + b * 3) + g.uniform(0, 20) }
            let learned = try XCTUnwrap(monitor.learn(counts: counts, time: time))
            XCTAssertTrue(twin.remember(counts: counts, time: time))
            var last = Float.nan
            for _ in 0..<learned.steps { last = twin.trainingStep() }
            XCTAssertEqual(last.bitPattern, learned.loss.bitPattern, "run \(time)")
        }
        XCTAssertEqual(monitor.network.parameters.map(\.bitPattern), twin.network.parameters.map(\.bitPattern))
    }

    /// The loop stops once the loss has not fallen below its best for `patience` steps in a row, and never runs
    /// past `maxSteps`. A vanishing learning rate leaves the loss to dropout's noise, so it stops early.
    func testEarlyStopping() throws {
        let monitor = DinamoMLMonitor(settings: settings(maxSteps: 200, patience: 3, learningRate: 1e-9))
        let counts: [Double] = [5, 20, 60, 100, 90, 50, 15, 4]
        // Replay the rule on the same network from the same state: a copy trained step by step.
        let twin = DinamoMLMonitor(settings: settings(maxSteps: 200, patience: 3, learningRate: 1e-9))
        let learned = try XCTUnwrap(monitor.learn(counts: counts, time: 0))
        XCTAssertTrue(twin.remember(counts: counts, time: 0))
        var losses: [Float] = []
        for _ in 0..<learned.steps { losses.append(twin.trainingStep()) }
        var best = Float.infinity, since = 0, stop = losses.count
        for (i, l) in losses.enumerated() {
            if l < best { best = l; since = 0 } else { since += 1 }
            if since >= 3 { stop = i + 1; break }
        }
        XCTAssertEqual(stop, learned.steps, "stopped where the rule says")
        XCTAssertEqual(losses.last, learned.loss)
        XCTAssertLessThan(learned.steps, 200)
        XCTAssertGreaterThanOrEqual(learned.steps, 3)
        let capped = DinamoMLMonitor(settings: settings(maxSteps: 4, patience: 1000))
        XCTAssertEqual(capped.learn(counts: counts, time: 0)?.steps, 4)
    }

    func testTrainingLowersTheLossOnAStableSource() {
        let monitor = DinamoMLMonitor(settings: settings(maxSteps: 60, patience: 1000))
        let counts: [Double] = [5, 20, 60, 100, 90, 50, 15, 4]
        XCTAssertTrue(monitor.remember(counts: counts, time: 0))
        let first = monitor.trainingStep()
        var last = first
        for _ in 0..<60 { last = monitor.trainingStep() }
        XCTAssertLessThan(last, first - 0.2)
    }

    /// Bad runs score higher than good runs once the network has learned the good shape; the same seed gives
    /// the same bits, another seed other bits.
    func testScoresSeparateAndRepeat() throws {
        var toy = ToyParameters(runs: 60, bins: 8, seed: 3)
        toy.badRuns = 10
        let data = try ToyGenerator.generate(toy)
        let h = data.histograms
        let a = DinamoMLMonitor.run(h, settings: settings(maxSteps: 40), threshold: 1, labels: h.labels)
        let b = DinamoMLMonitor.run(h, settings: settings(maxSteps: 40), threshold: 1, labels: h.labels)
        XCTAssertEqual(a, b)
        var other = settings(maxSteps: 40)
        other.seed = 6
        XCTAssertNotEqual(DinamoMLMonitor.run(h, settings: other, threshold: 1, labels: h.labels).monitor.score,
                          a.monitor.score)
        let labels = h.labels!
        let late = 30..<60
        let good = late.filter { labels[$0] == 0 }.map { a.monitor.score[$0] }
        let bad = late.filter { labels[$0] == 1 }.map { a.monitor.score[$0] }
        XCTAssertFalse(good.isEmpty || bad.isEmpty)
        XCTAssertGreaterThan(bad.reduce(0, +) / Double(bad.count), good.reduce(0, +) / Double(good.count))
        XCTAssertEqual(a.monitor.updated.filter { $0 }.count, labels.filter { $0 == 0 }.count)
        XCTAssertEqual(a.monitor.referenceMu.count, 60 * 8)
        XCTAssertTrue(a.monitor.score.allSatisfy(\.isFinite))
    }
}
