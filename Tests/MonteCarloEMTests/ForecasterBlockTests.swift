import Core
import XCTest
@testable import MonteCarloEM

/// The block kernels (`Forecaster.forwardBlock` / `backwardBlock`) must give the per-point kernels' numbers bit for
/// bit: the same forecasts, the same gradients, so every approach trains to exactly the same result.
final class ForecasterBlockTests: XCTestCase {
    // MARK: kernels

    /// Forwards `windows` through `net` (the targets give squared-error gradients) one point at a time or in blocks
    /// of `blockCounts` points (cycled); returns the forecasts and the parameter gradients of one step.
    private func pass(_ net: Forecaster, windows: [[Double]], targets: [Double], mask: [Bool],
                      blockCounts: [Int]?) -> (outputs: [Double], grads: [Double]) {
        net.zeroGrad()
        var outputs: [Double] = []
        let flat = windows.flatMap { $0 }
        flat.withUnsafeBufferPointer { f in
            let window = { (j: Int) in f.baseAddress! + j * net.context }
            guard let counts = blockCounts else {
                for j in windows.indices {
                    let (m, r) = net.forward(window(j))
                    outputs += [m, r]
                    if mask[j] { continue }
                    net.backward(window(j), dMean: 2 * (m - targets[j]), dRaw: 0.5 * r - targets[j])
                }
                return
            }
            var j = 0, round = 0
            while j < windows.count {
                let c = min(counts[round % counts.count], windows.count - j)
                round += 1
                for k in 0..<c { net.block.inputs[k] = window(j + k) }
                net.forwardBlock(count: c)
                for k in 0..<c {
                    let (m, r) = (net.block.mean[k], net.block.raw[k])
                    outputs += [m, r]
                    net.block.keep[k] = !mask[j + k]
                    net.block.dMean[k] = 2 * (m - targets[j + k])
                    net.block.dRaw[k] = 0.5 * r - targets[j + k]
                }
                net.backwardBlock(count: c)
                j += c
            }
        }
        net.finishGradients()
        return (outputs, net.grads)
    }

    private func assertSameBits(_ a: [Double], _ b: [Double], _ what: String,
                                file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        let first = zip(a, b).enumerated().first { $0.element.0.bitPattern != $0.element.1.bitPattern }
        XCTAssertNil(first, "\(what): first difference at \(first?.offset ?? -1): "
                     + "\(first?.element.0 ?? 0) vs \(first?.element.1 ?? 0)", file: file, line: line)
    }

    func testBlocksGiveThePerPointForecastsAndGradientsBitForBit() {
        for (context, layers, outputs) in [(25, 9, 2), (25, 9, 1), (6, 3, 2), (7, 1, 1), (1, 2, 2)] {
            var g = SeededGenerator(seed: UInt64(context * 100 + layers * 10 + outputs))
            let reference = Forecaster(context: context, layers: layers, outputs: outputs, maxChunk: 16, generator: &g)
            for i in reference.params.indices { reference.params[i] += 0.1 * g.normal() }
            reference.refresh()
            let blocked = Forecaster(context: context, layers: layers, outputs: outputs, maxChunk: 16, generator: &g)
            blocked.params = reference.params
            blocked.refresh()
            // 41 windows: more than two chunks of 16 pending points, with masked ones (every fifth, and a run of
            // four: a whole block dropped) and negative pre-activations throughout.
            let windows = (0..<41).map { _ in (0..<context).map { _ in 2 * g.normal() } }
            let targets = (0..<41).map { _ in g.normal() }
            let mask = (0..<41).map { $0 % 5 == 3 || (20..<24).contains($0) }
            let expected = pass(reference, windows: windows, targets: targets, mask: mask, blockCounts: nil)
            for counts in [[4], [1], [3, 2], [4, 4, 1, 2, 3]] {
                let got = pass(blocked, windows: windows, targets: targets, mask: mask, blockCounts: counts)
                let name = "context \(context), \(layers) layers, \(outputs) outputs, blocks \(counts)"
                assertSameBits(got.outputs, expected.outputs, "forecasts, \(name)")
                assertSameBits(got.grads, expected.grads, "gradients, \(name)")
                XCTAssertTrue(got.grads.contains { $0 != 0 }, name)
            }
        }
    }

    // MARK: approaches

    /// Every output of a result as bits (means, scales, scores, posteriors, NLLs, losses, transitions, flags).
    private func bits(_ r: ApproachResult) -> [UInt64] {
        var v = (r.mean + (r.scale ?? []) + r.score + (r.posterior ?? []) + (r.nll ?? []) + r.lossPerEpoch).map(\.bitPattern)
        for t in r.transitionsPerEpoch ?? [] {
            v += [t.normalToAnomalous.bitPattern, t.anomalousToNormal.bitPattern]
        }
        return v + r.flagged.map { UInt64($0) }
    }

    private func assertSameTraining(_ settings: MCEMSettings, series: [Double], _ what: String,
                                    file: StaticString = #filePath, line: UInt = #line) {
        for approach in Approach.allCases {
            let blocked = MonteCarloEM.run(approach, series: series, settings: settings, seed: 3)
            let perPoint = Forecaster.$perPointTraining.withValue(true) {
                MonteCarloEM.run(approach, series: series, settings: settings, seed: 3)
            }
            let a = bits(blocked), b = bits(perPoint)
            XCTAssertEqual(a.count, b.count, "\(approach), \(what)", file: file, line: line)
            let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
            XCTAssertNil(first, "\(approach), \(what): first differing output at \(first?.offset ?? -1)",
                         file: file, line: line)
            XCTAssertTrue(blocked.lossPerEpoch.allSatisfy(\.isFinite), "\(approach), \(what)", file: file, line: line)
        }
    }

    func testEveryApproachTrainsToTheSameBitsInBlocksAsPointByPoint() {
        let toy = ToySeries.make(seed: 5, length: 230, points: 7, block: 60..<70)
        var s = MCEMSettings.notebook
        s.epochs = 4
        s.warmUpEpochs = 1
        s.samplesPerEpoch = 3
        s.topkEpochs = 12
        s.topkMasked = 9
        s.baselineEpochs = 3
        assertSameTraining(s, series: toy.values, "notebook layout, short")
        // Batches that leave partial blocks (7 = 4 + 3; 230 = 57 × 4 + 2 for topk's full batch), another
        // context, and topk's shuffled mini-batches.
        s.batchSize = 7
        s.context = 10
        s.topkBatchSize = 9
        s.scoreReach = 2
        assertSameTraining(s, series: toy.values, "batch 7, context 10, topk batches of 9")
    }
}
