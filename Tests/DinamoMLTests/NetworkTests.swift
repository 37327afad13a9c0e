import Core
import XCTest
@testable import DinamoML

/// The network beyond the fixture: the published initialisation, the gradient with dropout on, the matrix kernel.
final class NetworkTests: XCTestCase {
    func testPublishedInitialisation() {
        let layout = ParameterLayout(shape: TransformerShape())
        XCTAssertEqual(layout.count, 254_700)
        var generator = SeededGenerator(seed: 1)
        let p = initialParameters(layout, generator: &generator)
        func tensor(_ name: String) -> ArraySlice<Float> {
            let t = layout.tensors.first { $0.name == name }!
            return p[t.offset..<(t.offset + t.shape.reduce(1, *))]
        }
        // LayerNorms start at γ = 1, β = 0; attention's biases at 0.
        for name in ["x_emb.1.weight", "transformer_encoder.layers.2.norm1.weight", "σ_out.1.weight"] {
            XCTAssertTrue(tensor(name).allSatisfy { $0 == 1 }, name)
        }
        for name in ["t_emb.1.bias", "transformer_encoder.layers.0.norm2.bias",
                     "transformer_encoder.layers.1.self_attn.in_proj_bias",
                     "transformer_encoder.layers.1.self_attn.out_proj.bias"] {
            XCTAssertTrue(tensor(name).allSatisfy { $0 == 0 }, name)
        }
        // The encoder layers are copies of one (TransformerEncoder deep-copies its layer).
        XCTAssertEqual(Array(tensor("transformer_encoder.layers.0.linear1.weight")),
                       Array(tensor("transformer_encoder.layers.2.linear1.weight")))
        // Bounds and spread: U(±b) has variance b²/3.
        for (name, bound) in [("x_emb.0.weight", 0.1), ("t_emb.0.weight", 1.0), ("t_emb.0.bias", 1.0),
                              ("transformer_encoder.layers.0.self_attn.in_proj_weight", (6.0 / 400).squareRoot()),
                              ("transformer_encoder.layers.0.self_attn.out_proj.weight", 0.1),
                              ("μ_out.3.weight", 0.1)] {
            let values = tensor(name).map(Double.init)
            XCTAssertTrue(values.allSatisfy { abs($0) <= bound }, name)
            if values.count >= 1000 {
                let variance = values.reduce(0) { $0 + $1 * $1 } / Double(values.count)
                XCTAssertEqual(variance, bound * bound / 3, accuracy: 0.05 * bound * bound / 3, name)
            }
        }
    }

    /// A small network with dropout 0.3 (7 bins, d = 12, 3 heads, 2 layers, feed-forward 9, M = 4) and its
    /// published initial parameters from `seed`.
    func smallNetwork(seed: UInt64) -> (ParameterLayout, [Float]) {
        let shape = TransformerShape(bins: 7, model: 12, heads: 3, layers: 2, feedForward: 9, context: 4, dropout: 0.3)
        let layout = ParameterLayout(shape: shape)
        var generator = SeededGenerator(seed: seed)
        return (layout, initialParameters(layout, generator: &generator))
    }

    /// The fused step (each tensor updated as the backward pass completes it) leaves the parameters, the
    /// transposed weights and the optimiser's state with exactly the bits of backward-then-step, step after step:
    /// on tokens all different, and on windows over one series of runs (layer 0's in-projection factored, whose
    /// weights are stepped only after the backward pass has read them).
    func testFusedStepEqualsBackwardThenStep() {
        let distinct: [Float] = (0..<56).map { i -> Float in Float(1 + i % 5) / 21 }
        let distinctTimes: [Float] = (0..<8).map { i -> Float in Float(i % 4 - 4) }
        // Three sequences of four runs, sequence s holding runs s..<s+4: 6 distinct histograms, 4 distinct times.
        var windows: [Float] = []
        for s in 0..<3 {
            for run in s..<(s + 4) {
                for b in 0..<7 { windows.append(Float(1 + (b + 2 * run) % 6) / 27) }
            }
        }
        let windowTimes: [Float] = (0..<12).map { i -> Float in Float(i % 4 - 4) }
        for (x, t, factored) in [(distinct, distinctTimes, false), (windows, windowTimes, true)] {
            let sequences = t.count / 4
            let (layout, theta) = smallNetwork(seed: 11)
            let apart = Transformer(layout: layout, parameters: theta, maxSequences: sequences, dropoutSeed: 4)
            let fused = Transformer(layout: layout, parameters: theta, maxSequences: sequences, dropoutSeed: 4)
            let target: [Float] = (0..<(7 * sequences)).map { i -> Float in Float(1 + i % 3) / 14 }
            var adam = AdamW(count: layout.count)
            let shared = SharedAdamW(AdamW(count: layout.count))
            for _ in 0..<3 {
                _ = apart.predict(x: x, t: t, training: true)
                XCTAssertEqual(apart.firstProjectionFactored, factored)
                let l1 = target.withUnsafeBufferPointer { apart.lossAndBackward(target: $0.baseAddress!) }
                apart.step(&adam)
                _ = fused.predict(x: x, t: t, training: true)
                let l2 = target.withUnsafeBufferPointer {
                    fused.lossBackwardAndStep(target: $0.baseAddress!, optimizer: shared)
                }
                XCTAssertEqual(l1.bitPattern, l2.bitPattern)
                XCTAssertEqual(apart.parameters.map(\.bitPattern), fused.parameters.map(\.bitPattern))
                XCTAssertEqual(Array(UnsafeBufferPointer(start: apart.mirror, count: layout.mirrorCount)),
                               Array(UnsafeBufferPointer(start: fused.mirror, count: layout.mirrorCount)))
            }
            XCTAssertEqual(adam.step, shared.adam.step)
            XCTAssertNotEqual(apart.parameters, theta)
        }
    }

    /// With dropout on, the gradient is that of the loss with the masks drawn: a central difference along the
    /// gradient, the same masks redrawn from the same generator state, gives |g|.
    func testGradientWithDropoutMatchesFiniteDifference() {
        let (layout, theta) = smallNetwork(seed: 9)
        let net = Transformer(layout: layout, parameters: theta, maxSequences: 2, dropoutSeed: 4)
        var x: [Float] = [], t: [Float] = [], target: [Float] = []
        for s in 0..<2 {
            for j in 0..<4 {
                let raw = (0..<7).map { b in Float(1 + (b * 3 + j + s) % 5) }
                let total = raw.reduce(0, +)
                x += raw.map { $0 / total }
                t.append(Float(j - 4))
            }
            target += (0..<7).map { b in Float(1 + (b + s) % 3) / Float(7 + 7 * 2) }
        }
        let masks = net.dropoutGenerator
        func loss(_ p: [Float]) -> Float {
            net.parameters = p
            net.dropoutGenerator = masks
            _ = net.predict(x: x, t: t, training: true)
            return target.withUnsafeBufferPointer { net.lossAndBackward(target: $0.baseAddress!) }
        }
        _ = loss(theta)
        let g = net.gradients
        let norm = g.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
        // ε small enough that the ReLUs' kinks and the curvature stay out of the difference (1e-2 is not, for
        // some masks), large enough for float32's loss.
        let eps = 1e-3
        let plus = loss(zip(theta, g).map { $0 + Float(eps * Double($1) / norm) })
        let minus = loss(zip(theta, g).map { $0 - Float(eps * Double($1) / norm) })
        let slope = Double(plus - minus) / (2 * eps)
        XCTAssertEqual(slope, norm, accuracy: 0.01 * norm)
        // The masks matter: without redrawing the same ones the loss differs.
        net.parameters = theta
        _ = net.predict(x: x, t: t, training: true)
        let other = target.withUnsafeBufferPointer { net.lossAndBackward(target: $0.baseAddress!) }
        XCTAssertNotEqual(other, loss(theta))
    }

    /// `gemm` of A (m × k, row-major values `a`) and B (k × n) onto C = `c`: A read in place from its row-major
    /// values, or, with `transposed`, from its k × m transpose (strided access).
    private func gemmProduct(m: Int, n: Int, k: Int, a: [Float], b: [Float], transposed: Bool, onto c: [Float],
                             store: GemmStore) -> [Float] {
        let stored = transposed ? (0..<(k * m)).map { i in a[(i % m) * k + i / m] } : a
        var c = c
        stored.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    let view = transposed ? StridedMatrix.transposed(ap.baseAddress!, columns: m)
                        : StridedMatrix(ap.baseAddress!, columns: k)
                    gemm(m: m, n: n, k: k, a: view, b: bp.baseAddress!, ldb: n, c: cp.baseAddress!, ldc: n,
                         store: store)
                }
            }
        }
        return c
    }

    /// The blocked kernel against a plain triple loop, over shapes that hit every panel width and a short last
    /// row panel, with strided (transposed) A and accumulation.
    func testGemmMatchesNaiveProduct() {
        var generator = SeededGenerator(seed: 2)
        for (m, n, k) in [(1, 1, 1), (7, 37, 5), (13, 31, 20), (6, 16, 3), (20, 10, 20), (29, 100, 9)] {
            let a = (0..<(m * k)).map { _ in Float(generator.uniform(-1, 1)) }
            let b = (0..<(k * n)).map { _ in Float(generator.uniform(-1, 1)) }
            let c0 = (0..<(m * n)).map { _ in Float(generator.uniform(-1, 1)) }
            for transposed in [false, true] {
                let c = gemmProduct(m: m, n: n, k: k, a: a, b: b, transposed: transposed, onto: c0, store: .accumulate)
                for i in 0..<m {
                    for j in 0..<n {
                        var s: Float = 0
                        for p in 0..<k { s += a[i * k + p] * b[p * n + j] }
                        XCTAssertEqual(c[i * n + j], c0[i * n + j] + s, accuracy: 1e-5, "\(m)×\(n)×\(k) [\(i),\(j)]")
                    }
                }
            }
        }
    }

    /// Every element of C is one multiply-add chain in k order, whichever panel or strip its row and column fall
    /// into (16-wide panels, the 8-, 4- and 2-wide edge strips, a last odd column, 12-row blocks and the rows after
    /// them): bit for bit against the chain written out element by element.
    func testGemmElementsAreOneChainEach() {
        var generator = SeededGenerator(seed: 8)
        for (m, n, k) in [(29, 100, 9), (25, 31, 17), (200, 300, 12), (12, 4, 5)] {
            let a = (0..<(m * k)).map { _ in Float(generator.uniform(-1, 1)) }
            let b = (0..<(k * n)).map { _ in Float(generator.uniform(-1, 1)) }
            for transposed in [false, true] {
                let c = gemmProduct(m: m, n: n, k: k, a: a, b: b, transposed: transposed,
                                    onto: [Float](repeating: .nan, count: m * n), store: .overwrite)
                var mismatches = 0
                for i in 0..<m {
                    for j in 0..<n {
                        var s = SIMD2<Float>()
                        for p in 0..<k { s.accumulate(a[i * k + p], SIMD2(b[p * n + j], 0)) }
                        if c[i * n + j].bitPattern != s[0].bitPattern { mismatches += 1 }
                    }
                }
                XCTAssertEqual(mismatches, 0, "\(m)×\(n)×\(k) transposed \(transposed)")
            }
        }
    }

    /// With a bias, each element is the bias plus the same chain `gemm` computes without one, bit for bit (what a
    /// Linear's forward relied on when it wrote the bias rows first and accumulated onto them).
    func testGemmBiasStoreAddsTheBiasToTheSameSums() {
        var generator = SeededGenerator(seed: 5)
        for (m, n, k) in [(3, 1, 4), (25, 30, 7), (200, 100, 100)] {
            let a = (0..<(m * k)).map { _ in Float(generator.uniform(-1, 1)) }
            let b = (0..<(k * n)).map { _ in Float(generator.uniform(-1, 1)) }
            let bias = (0..<n).map { _ in Float(generator.uniform(-1, 1)) }
            func product(_ store: (UnsafePointer<Float>) -> GemmStore) -> [Float] {
                var c = [Float](repeating: .nan, count: m * n)
                a.withUnsafeBufferPointer { ap in
                    b.withUnsafeBufferPointer { bp in
                        bias.withUnsafeBufferPointer { biasp in
                            c.withUnsafeMutableBufferPointer { cp in
                                gemm(m: m, n: n, k: k, a: StridedMatrix(ap.baseAddress!, columns: k),
                                     b: bp.baseAddress!, ldb: n, c: cp.baseAddress!, ldc: n,
                                     store: store(biasp.baseAddress!))
                            }
                        }
                    }
                }
                return c
            }
            let plain = product { _ in .overwrite }, biased = product { .bias($0) }
            for i in 0..<(m * n) {
                XCTAssertEqual(biased[i].bitPattern, (bias[i % n] + plain[i]).bitPattern, "\(m)×\(n)×\(k) [\(i)]")
            }
        }
    }

    func testDistinctRowsMapsEqualRowsToOne() {
        let rows: [Float] = [1, 2, 3, 4, 1, 2, 0.01, 0.01, 3, 4, 1, 2, -0.0, 0, 0, 0]
        var unique = [Float](repeating: .nan, count: rows.count)
        let distinct = DistinctRows(capacity: 8)
        let count = rows.withUnsafeBufferPointer { r in
            unique.withUnsafeMutableBufferPointer { distinct.build(rows: 8, width: 2, source: r.baseAddress!, unique: $0.baseAddress!) }
        }
        // Equality is by bits: (−0, 0) and (0, 0) are two rows.
        XCTAssertEqual(count, 5)
        XCTAssertEqual((0..<8).map { distinct.map[$0] }, [0, 1, 0, 2, 1, 0, 3, 4])
        XCTAssertEqual(Array(unique[0..<6]), [1, 2, 3, 4, 0.01, 0.01])
        XCTAssertEqual(unique[6].bitPattern, (-0.0 as Float).bitPattern)
        XCTAssertEqual(unique[8].bitPattern, (0 as Float).bitPattern)
    }
}
