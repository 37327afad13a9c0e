import Core
import XCTest
@testable import DinamoML

/// Our forward pass, loss, gradients and AdamW steps against PyTorch's on the published network
/// (Fixtures/make_fixture.py): float32 agreement, element by element.
final class PyTorchFixtureTests: XCTestCase {
    /// Each gradient tensor within `rtol` of its own largest magnitude (float32 sums of hundreds of terms
    /// differ in their last bits by summation order, so small elements are judged on the tensor's scale).
    private func assertTensorsAgree(_ ours: [Float], _ theirs: [Float], layout: ParameterLayout, rtol: Float,
                                    file: StaticString = #filePath, line: UInt = #line) -> Float {
        var worst: Float = 0
        for tensor in layout.tensors {
            let range = tensor.offset..<(tensor.offset + tensor.shape.reduce(1, *))
            let scale = theirs[range].map(abs).max() ?? 0
            for i in range {
                let e = abs(ours[i] - theirs[i])
                worst = max(worst, e)
                if e > rtol * scale + 1e-9 {
                    XCTFail("\(tensor.name)[\(i - tensor.offset)]: \(ours[i]) vs PyTorch \(theirs[i]) (scale \(scale))",
                            file: file, line: line)
                    return worst
                }
            }
        }
        return worst
    }

    private func smallNetwork() throws -> (Fixture.Small, Transformer) {
        let f = try Fixture.load("small.json", as: Fixture.Small.self)
        let layout = ParameterLayout(shape: f.shape.transformerShape)
        XCTAssertEqual(layout.tensors.map(\.name), f.names, "parameter order as PyTorch's named_parameters()")
        XCTAssertEqual(layout.count, f.params0.count)
        return (f, Transformer(layout: layout, parameters: f.params0, maxSequences: f.sequences, dropoutSeed: 1))
    }

    func testSmallForwardMatchesPyTorch() throws {
        let (f, net) = try smallNetwork()
        let (mean, spread) = net.predict(x: f.x, t: f.t)
        let m = agreement(mean, f.mean, rtol: 1e-4, atol: 1e-7)
        let s = agreement(spread, f.spread, rtol: 1e-4, atol: 1e-7)
        print("small fixture forward: max |Δμ| = \(m.maxError), max |Δσ_μ| = \(s.maxError)")
        XCTAssertTrue(m.within && s.within, "μ error \(m.maxError), σ_μ error \(s.maxError)")
    }

    func testSmallGradientsMatchPyTorch() throws {
        let (f, net) = try smallNetwork()
        _ = net.predict(x: f.x, t: f.t, training: true)
        let loss = f.target.withUnsafeBufferPointer { net.lossAndBackward(target: $0.baseAddress!) }
        XCTAssertEqual(loss, f.loss, accuracy: 1e-5 * abs(f.loss))
        let worst = assertTensorsAgree(net.gradients, f.grads1, layout: net.layout, rtol: 1e-4)
        print("small fixture gradients: max |Δ| = \(worst)")
    }

    /// The optimiser alone: PyTorch's gradients in, PyTorch's parameters out, two steps (bias corrections of t = 1, 2).
    func testAdamWMatchesPyTorch() throws {
        let f = try Fixture.load("small.json", as: Fixture.Small.self)
        var optimizer = AdamW(count: f.params0.count, learningRate: 5e-4, weightDecay: 1e-4)
        var p = f.params0
        for (grads, expected) in [(f.grads1, f.params1), (f.grads2, f.params2)] {
            p.withUnsafeMutableBufferPointer { pp in
                grads.withUnsafeBufferPointer { optimizer.update(pp.baseAddress!, gradients: $0.baseAddress!) }
            }
            let a = agreement(p, expected, rtol: 2e-7, atol: 1e-8)
            print("AdamW step \(optimizer.step): max |Δθ| = \(a.maxError)")
            XCTAssertTrue(a.within, "step \(optimizer.step): max error \(a.maxError)")
        }
    }

    /// Two whole training steps of ours (forward, loss, backward, AdamW). A step moves each parameter by about
    /// lr·sign(g) at first, so a parameter whose PyTorch gradient is tiny may move differently: those are
    /// allowed the step's size, the others float32 rounding.
    func testTwoTrainingStepsMatchPyTorch() throws {
        let (f, net) = try smallNetwork()
        var optimizer = AdamW(count: f.params0.count, learningRate: 5e-4, weightDecay: 1e-4)
        var worst: Float = 0
        for expected in [f.params1, f.params2] {
            _ = net.predict(x: f.x, t: f.t, training: true)
            _ = f.target.withUnsafeBufferPointer { net.lossAndBackward(target: $0.baseAddress!) }
            net.step(&optimizer)
            let ours = net.parameters
            for i in ours.indices {
                let robust = abs(f.grads1[i]) > 1e-5 && abs(f.grads2[i]) > 1e-5
                let e = abs(ours[i] - expected[i])
                if robust { worst = max(worst, e) }
                XCTAssertLessThanOrEqual(e, robust ? 2e-6 : 1.1e-3, "parameter \(i) after step \(optimizer.step)")
            }
        }
        print("two training steps: max |Δθ| (gradients > 1e-5) = \(worst)")
    }

    /// The published shape (254 700 parameters, K = 10 sequences of M = 20 runs, padding included) with formula
    /// weights and inputs: μ, σ_μ and the loss in full, each tensor's gradient norm, sampled gradients and
    /// parameters after one AdamW step.
    func testPublishedShapeMatchesPyTorch() throws {
        try checkPublishedShape("published.json", factored: false)
    }

    /// The same on contexts that are windows over one series, as in training: the first in-projection is then
    /// computed per distinct histogram and time (`factoredFirstProjection`), and still agrees with PyTorch's.
    func testWindowedContextsMatchPyTorch() throws {
        try checkPublishedShape("windowed.json", factored: true)
    }

    private func checkPublishedShape(_ file: String, factored: Bool) throws {
        let f = try Fixture.load(file, as: Fixture.Published.self)
        XCTAssertEqual(f.windowed ?? false, factored)
        let layout = ParameterLayout(shape: f.shape.transformerShape)
        XCTAssertEqual(layout.count, 254_700)
        XCTAssertEqual(layout.count, f.count)
        let net = Transformer(layout: layout, parameters: Fixture.formulaWeights(layout), maxSequences: f.sequences,
                              dropoutSeed: 1)
        let input = Fixture.formulaInputs(sequences: f.sequences, context: f.shape.context, bins: f.shape.bins,
                                          padded: f.padded, windowed: factored)
        let (mean, spread) = net.predict(x: input.x, t: input.t, training: true)
        XCTAssertEqual(net.firstProjectionFactored, factored)
        let m = agreement(mean, f.mean, rtol: 2e-4, atol: 1e-7)
        let s = agreement(spread, f.spread, rtol: 2e-4, atol: 1e-7)
        print("\(file) forward: max |Δμ| = \(m.maxError), max |Δσ_μ| = \(s.maxError)")
        XCTAssertTrue(m.within && s.within, "μ error \(m.maxError), σ_μ error \(s.maxError)")
        let loss = input.target.withUnsafeBufferPointer { net.lossAndBackward(target: $0.baseAddress!) }
        XCTAssertEqual(loss, f.loss, accuracy: 1e-4 * abs(f.loss))
        let grads = net.gradients
        var worstNorm = 0.0
        for tensor in layout.tensors {
            let n = tensor.shape.reduce(1, *)
            let norm = grads[tensor.offset..<(tensor.offset + n)].reduce(0.0) { $0 + Double($1) * Double($1) }
                .squareRoot()
            let expected = try XCTUnwrap(f.norms[tensor.name], tensor.name)
            worstNorm = max(worstNorm, abs(norm - expected) / max(expected, 1e-12))
            XCTAssertEqual(norm, expected, accuracy: 1e-3 * expected + 1e-9, tensor.name)
        }
        let sampled = stride(from: 0, to: layout.count, by: f.every).map { grads[$0] }
        let scale = f.grads.map(abs).max()!
        let g = agreement(sampled, f.grads, rtol: 0, atol: 1e-3 * scale)
        print("\(file) gradients: worst relative norm error \(worstNorm), max |Δg| sampled \(g.maxError)"
              + " (largest |g| \(scale))")
        XCTAssertTrue(g.within)
        var optimizer = AdamW(count: layout.count)
        net.step(&optimizer)
        let after = net.parameters
        for (k, i) in stride(from: 0, to: layout.count, by: f.every).enumerated() where abs(f.grads[k]) > 1e-5 {
            XCTAssertEqual(after[i], f.params1[k], accuracy: 2e-6, "parameter \(i)")
        }
    }
}
