import Core
import XCTest
@testable import MonteCarloEM

final class MonteCarloEMSmokeTests: XCTestCase {
    // MARK: gradient

    /// Masked, batch-averaged loss of a small network on fixed windows; `outputs` 2 = Gaussian NLL, 1 = squared error.
    private func loss(_ net: Forecaster, windows: [[Double]], targets: [Double], mask: [Bool],
                      accumulate: Bool) -> Double {
        if accumulate { net.zeroGrad() }
        let inv = 1 / Double(windows.count)
        var total = 0.0
        for (j, w) in windows.enumerated() {
            w.withUnsafeBufferPointer { x in
                let (m, r) = net.forward(x.baseAddress!)
                guard !mask[j] else { return }
                if net.outputs == 2 {
                    let g = gaussianNLL(y: targets[j], mean: m, raw: r)
                    total += g.nll * inv
                    if accumulate { net.backward(x.baseAddress!, dMean: g.dMean * inv, dRaw: g.dRaw * inv) }
                } else {
                    let e = m - targets[j]
                    total += e * e * inv
                    if accumulate { net.backward(x.baseAddress!, dMean: 2 * e * inv, dRaw: 0) }
                }
            }
        }
        return total
    }

    private func gradientCheck(outputs: Int) {
        var g = SeededGenerator(seed: 7)
        let context = 5
        let net = Forecaster(context: context, layers: 3, outputs: outputs, maxChunk: 4, generator: &g)
        // Perturb g away from ‖v‖ so the weight-norm gradient is exercised in general position.
        for i in net.params.indices { net.params[i] += 0.1 * g.normal() }
        net.refresh()
        let windows = (0..<6).map { _ in (0..<context).map { _ in g.normal() } }
        let targets = (0..<6).map { _ in g.normal() }
        let mask = [false, true, false, false, true, false]
        _ = loss(net, windows: windows, targets: targets, mask: mask, accumulate: true)
        net.finishGradients()
        let analytic = net.grads
        // Five-point central differences: truncation O(h⁴), rounding ≈ ε·L/h.
        let h = 1e-4
        var worst = 0.0
        func lossAt(_ i: Int, _ value: Double) -> Double {
            net.params[i] = value; net.refresh()
            return loss(net, windows: windows, targets: targets, mask: mask, accumulate: false)
        }
        for i in net.params.indices {
            let p0 = net.params[i]
            let f2 = lossAt(i, p0 + 2 * h), f1 = lossAt(i, p0 + h), b1 = lossAt(i, p0 - h), b2 = lossAt(i, p0 - 2 * h)
            _ = lossAt(i, p0)
            let fd = (-f2 + 8 * f1 - 8 * b1 + b2) / (12 * h)
            let rel = abs(fd - analytic[i]) / max(abs(fd), abs(analytic[i]), 1e-4)
            worst = max(worst, rel)
            XCTAssertLessThan(rel, 1e-6, "parameter \(i): analytic \(analytic[i]) vs finite difference \(fd)")
        }
        XCTAssertLessThan(worst, 1e-6)
    }

    func testGaussianNLLGradientMatchesFiniteDifferencesForEveryParameter() { gradientCheck(outputs: 2) }
    func testSquaredErrorGradientMatchesFiniteDifferencesForEveryParameter() { gradientCheck(outputs: 1) }

    func testWeightNormStartsAtUnitRatioSoWEqualsV() {
        var g = SeededGenerator(seed: 1)
        let net = Forecaster(context: 4, layers: 2, outputs: 2, maxChunk: 4, generator: &g)
        let o = net.offsets[0]
        var s = 0.0
        for i in 0..<4 { s += net.params[o.v + i] * net.params[o.v + i] }
        XCTAssertEqual(net.params[o.g], s.squareRoot(), accuracy: 1e-15)
        for i in 0..<(16 * 4) { XCTAssertLessThanOrEqual(abs(net.params[o.v + i]), 0.5) }   // U(±1/√4)
    }

    // MARK: Adam

    func testAdamFirstStepMatchesHandComputedUpdateWithWeightDecay() {
        var adam = Adam(count: 2, learningRate: 0.1, weightDecay: 0.01)
        var p = [1.0, -2.0]
        adam.update(&p, gradients: [0.5, 0.1])
        // g' = g + λθ = [0.51, 0.08]; m̂ = g', v̂ = g'²; θ −= lr · m̂ / (√v̂ + ε)
        XCTAssertEqual(p[0], 1 - 0.1 * 0.51 / (0.51 + 1e-8), accuracy: 1e-15)
        XCTAssertEqual(p[1], -2 - 0.1 * 0.08 / (0.08 + 1e-8), accuracy: 1e-15)
        // second step, by the formulas of torch.optim.Adam
        adam.update(&p, gradients: [0.5, 0.1])
        let g0 = 0.5 + 0.01 * (1 - 0.1 * 0.51 / (0.51 + 1e-8))
        let m = 0.9 * 0.1 * 0.51 + 0.1 * g0
        let v = 0.999 * 0.001 * 0.51 * 0.51 + 0.001 * g0 * g0
        let expected = (1 - 0.1 * 0.51 / (0.51 + 1e-8)) - (0.1 / (1 - 0.81)) * m / ((v).squareRoot() / (1 - 0.999 * 0.999).squareRoot() + 1e-8)
        XCTAssertEqual(p[0], expected, accuracy: 1e-14)
    }

    // MARK: forward–backward

    func testForwardBackwardMatchesBruteForceEnumeration() {
        var g = SeededGenerator(seed: 3)
        for n in 1...10 {
            let ln = (0..<n).map { _ in g.normal() * 3 }
            let la = (0..<n).map { _ in g.normal() * 3 }
            let a = Transitions(normalToAnomalous: g.uniform(0.01, 0.5), anomalousToNormal: g.uniform(0.01, 0.99))
            let pi = 0.03
            let post = HiddenMarkov.posterior(logNormal: ln, logAnomalous: la, transitions: a, prior: pi)
            var marg = [Double](repeating: 0, count: n), total = 0.0
            let trans = [[a.normalToNormal, a.normalToAnomalous], [a.anomalousToNormal, a.anomalousToAnomalous]]
            for path in 0..<(1 << n) {
                var p = 1.0
                for t in 0..<n {
                    let z = (path >> t) & 1
                    p *= _exp(z == 1 ? la[t] : ln[t])
                    p *= t == 0 ? (z == 1 ? pi : 1 - pi) : trans[(path >> (t - 1)) & 1][z]
                }
                total += p
                for t in 0..<n where (path >> t) & 1 == 1 { marg[t] += p }
            }
            for t in 0..<n { XCTAssertEqual(post[t], marg[t] / total, accuracy: 1e-12, "n \(n) t \(t)") }
        }
    }

    func testForwardBackwardStaysFiniteOnLongSeriesWithExtremeRatios() {
        var g = SeededGenerator(seed: 4)
        let n = 100_000
        var ln = (0..<n).map { _ in g.normal() * 800 }
        ln[10] = -.infinity; ln[20] = 5000
        let la = [Double](repeating: -1.5, count: n)
        let post = HiddenMarkov.posterior(logNormal: ln, logAnomalous: la,
                                          transitions: Transitions(normalToAnomalous: 1e-9, anomalousToNormal: 0.999999),
                                          prior: 0.03)
        XCTAssertEqual(post.count, n)
        XCTAssertTrue(post.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 })
        XCTAssertEqual(post[10], 1, accuracy: 1e-12)
    }

    // MARK: end to end (shortened for debug builds)

    private var shortSettings: MCEMSettings {
        var s = MCEMSettings.notebook
        s.hiddenLayers = 3
        s.learningRate = 3e-3
        s.epochs = 8
        s.warmUpEpochs = 2
        s.samplesPerEpoch = 2
        s.topkEpochs = 150
        return s
    }

    func testToySeriesHasExactlyTheModifiedPointsLabelled() {
        let toy = ToySeries.make(seed: 0)
        XCTAssertEqual(toy.values.count, 1000)
        XCTAssertEqual(toy.labels.filter { $0 }.count, 50)
        XCTAssertEqual(toy, ToySeries.make(seed: 0))
        for t in toy.block { XCTAssertLessThan(toy.values[t], -1) }
    }

    func testShortHMMAndMixtureDetectTheToyAnomalies() async {
        let toy = ToySeries.make(seed: 0)
        let results = await MonteCarloEM.run(series: toy.values, approaches: [.hmm, .mixture, .topk, .baseline],
                                             settings: shortSettings, seed: 1)
        XCTAssertEqual(results.map(\.approach), [.hmm, .mixture, .topk, .baseline])
        for r in results {
            let auc = DetectionMetrics.rocAUC(scores: r.score, labels: toy.labels) ?? 0
            XCTAssertGreaterThan(auc, [.hmm, .mixture].contains(r.approach) ? 0.9 : 0.6, "\(r.approach)")
            XCTAssertTrue(r.score.allSatisfy(\.isFinite), "\(r.approach)")
            let m = MonteCarloEM.metrics(r, series: toy.values, labels: toy.labels)
            XCTAssertEqual(m.rocAUC, auc)
        }
        XCTAssertEqual(results[0].transitionsPerEpoch?.count, shortSettings.epochs + 1)
        // topk flags its k masked points, less those of the warm-up (never flagged).
        XCTAssertLessThanOrEqual(results[2].flagged.count, shortSettings.topkMasked)
        XCTAssertGreaterThanOrEqual(results[2].flagged.count, shortSettings.topkMasked - shortSettings.context)
        XCTAssertFalse(results.contains { r in r.flagged.contains { $0 < shortSettings.context } })
    }

    func testSameSeedGivesTheSameNumbersWhateverTheOtherApproaches() async {
        let toy = ToySeries.make(seed: 2)
        var s = shortSettings
        s.epochs = 3; s.warmUpEpochs = 1; s.samplesPerEpoch = 1
        let a = await MonteCarloEM.run(series: toy.values, approaches: [.hmm, .mixture], settings: s, seed: 5)
        let b = await MonteCarloEM.run(series: toy.values, approaches: [.mixture], settings: s, seed: 5)
        let c = MonteCarloEM.run(.hmm, series: toy.values, settings: s, seed: 5)
        XCTAssertEqual(a[1], b[0])
        XCTAssertEqual(a[0], c)
        let d = MonteCarloEM.run(.hmm, series: toy.values, settings: s, seed: 6)
        XCTAssertNotEqual(c.mean, d.mean)
    }

    func testOneCallEntryGivesNilLabelMetricsWithoutLabels() async {
        let toy = ToySeries.make(seed: 3, length: 80, points: 3, block: 40..<44)
        var s = MCEMSettings.notebook
        s.hiddenLayers = 2; s.epochs = 2; s.warmUpEpochs = 1; s.samplesPerEpoch = 1; s.topkEpochs = 3; s.topkMasked = 4
        let unlabelled = await MonteCarloEM.run(series: toy.values, labels: nil, approaches: Approach.allCases,
                                                settings: s, seed: 0)
        XCTAssertEqual(unlabelled.map(\.result.approach), Approach.allCases)
        for r in unlabelled {
            XCTAssertNil(r.metrics.rocAUC); XCTAssertNil(r.metrics.f1); XCTAssertNil(r.metrics.pointAdjustedF1)
            XCTAssertNotNil(r.metrics.nominalMAE)
            XCTAssertEqual(r.result.mean.count, 80)
        }
        let labelled = await MonteCarloEM.run(series: toy.values, labels: toy.labels, approaches: [.hmm],
                                              settings: s, seed: 0)
        XCTAssertNotNil(labelled[0].metrics.rocAUC)
        XCTAssertEqual(labelled[0].result, unlabelled[3].result)
    }
}
