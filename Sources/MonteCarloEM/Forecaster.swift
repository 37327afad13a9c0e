import Core

/// The MLP forecaster of MC-EM (docs/methods/mcem.md), with hand-written forward and backward passes.
///
/// Architecture (the notebook's `SimpleRegressionNN`): `Linear(context→16)` followed by
/// `hiddenLayers − 1` × `Linear(16→16)`, each weight-normalised (w = g·v/‖v‖ per output unit, PyTorch's
/// `weight_norm(dim=0)`) and followed by LeakyReLU(0.01); then a plain, **not** weight-normalised
/// `Linear(16→outputs)` (the notebook appends a bare `torch.nn.Linear` as the last layer).
/// With two outputs the head gives the mean m and the scale s = softplus(raw) + 1e-4; with one output the mean only.
///
/// The hidden width is fixed at 16 so that each activation is one `SIMD16<Double>`. Weights are kept
/// transposed (one SIMD16 row per input, over the 16 outputs) for the forward pass and the weight gradient,
/// and row-major (one SIMD16 row per output, over the 16 inputs) for the input gradient. The effective
/// weights are recomputed once per optimiser step (`refresh()`), never inside the per-point loop.
///
/// Parameter layout in `params` (flat, PyTorch's order per layer): for each weight-normed layer
/// `v` (16 × fanIn, row-major), `g` (16), `bias` (16); then the head `W` (outputs × 16) and `bias` (outputs).
///
/// This file holds the network and its per-point passes; the 4-point block kernels and the batch driver are in
/// `Forecaster+Blocks.swift`, the gradient accumulation in `Forecaster+Gradients.swift`.
final class Forecaster {
    static let width = 16
    typealias Vec = SIMD16<Double>

    let context: Int
    let layers: Int
    let outputs: Int
    /// Flat parameters and their gradient (same layout).
    var params: [Double]
    var grads: [Double]
    private(set) var offsets: [(v: Int, g: Int, b: Int, fanIn: Int)] = []
    private(set) var headW = 0
    private(set) var headB = 0

    // Effective weights, refreshed once per step.
    let wT: UnsafeMutablePointer<Vec>       // per layer: fanIn rows
    let wRows: UnsafeMutablePointer<Vec>    // per layer ≥ 1: 16 rows over inputs
    let bias: UnsafeMutablePointer<Vec>     // per layer
    let head: UnsafeMutablePointer<Vec>     // outputs rows
    private(set) var headBias: (Double, Double) = (0, 0)
    private(set) var wTOffset: [Int] = []
    // Gradients of the effective weights, accumulated over a batch.
    let dwT: UnsafeMutablePointer<Vec>
    let dbias: UnsafeMutablePointer<Vec>
    let dhead: UnsafeMutablePointer<Vec>
    var dheadBias: (Double, Double) = (0, 0)
    // Per-point scratch: pre-activations and activations per layer for a chunk of points, `slots` per layer:
    // `maxChunk` pending points plus one block being forwarded behind them.
    let maxChunk: Int
    let slots: Int
    let pre: UnsafeMutablePointer<Vec>
    let act: UnsafeMutablePointer<Vec>
    /// ∂L/∂(pre-activation) per layer for the pending points, and their input windows.
    let dpre: UnsafeMutablePointer<Vec>
    let pendingInputs: UnsafeMutablePointer<UnsafePointer<Double>>
    /// Points whose backward pass ran but whose weight gradients are not yet accumulated; also the slot
    /// the next forward pass writes to.
    var pending = 0
    let totalRows: Int

    /// The value of `perPointTraining` when this forecaster was made (`Forecaster+Blocks.swift`).
    let perPointReference: Bool
    /// The block kernels' inputs and outputs (`Forecaster+Blocks.swift`).
    let block: Block

    /// PyTorch's default `Linear` init: kaiming-uniform with a = √5, i.e. U(±1/√fanIn) for weights and biases;
    /// weight norm then starts at g = ‖v‖ so that w = v.
    init(context: Int, layers: Int, outputs: Int, maxChunk: Int, generator: inout SeededGenerator) {
        precondition(context > 0 && layers >= 1 && (outputs == 1 || outputs == 2) && maxChunk > 0)
        self.context = context
        self.layers = layers
        self.outputs = outputs
        self.maxChunk = maxChunk
        slots = maxChunk + Forecaster.blockSize
        perPointReference = Forecaster.perPointTraining
        let w = Forecaster.width
        var p: [Double] = []
        var rows = 0
        for l in 0..<layers {
            let fanIn = l == 0 ? context : w
            let bound = 1 / Double(fanIn).squareRoot()
            let vOff = p.count
            for _ in 0..<(w * fanIn) { p.append(generator.uniform(-bound, bound)) }
            let gOff = p.count
            for o in 0..<w {
                var s = 0.0
                for i in 0..<fanIn { s += p[vOff + o * fanIn + i] * p[vOff + o * fanIn + i] }
                p.append(s.squareRoot())
            }
            let bOff = p.count
            for _ in 0..<w { p.append(generator.uniform(-bound, bound)) }
            offsets.append((vOff, gOff, bOff, fanIn))
            wTOffset.append(rows)
            rows += fanIn
        }
        let hb = 1 / Double(w).squareRoot()
        headW = p.count
        for _ in 0..<(outputs * w) { p.append(generator.uniform(-hb, hb)) }
        headB = p.count
        for _ in 0..<outputs { p.append(generator.uniform(-hb, hb)) }
        params = p
        grads = [Double](repeating: 0, count: p.count)
        totalRows = rows
        wT = .allocate(capacity: rows)
        dwT = .allocate(capacity: rows)
        wRows = .allocate(capacity: layers * w)
        bias = .allocate(capacity: layers)
        dbias = .allocate(capacity: layers)
        head = .allocate(capacity: 2)
        dhead = .allocate(capacity: 2)
        pre = .allocate(capacity: layers * slots)
        act = .allocate(capacity: layers * slots)
        dpre = .allocate(capacity: layers * slots)
        dpre.initialize(repeating: .zero, count: layers * slots)
        pendingInputs = .allocate(capacity: slots)
        block = Block()
        wT.initialize(repeating: .zero, count: rows)
        dwT.initialize(repeating: .zero, count: rows)
        wRows.initialize(repeating: .zero, count: layers * w)
        bias.initialize(repeating: .zero, count: layers)
        dbias.initialize(repeating: .zero, count: layers)
        head.initialize(repeating: .zero, count: 2)
        dhead.initialize(repeating: .zero, count: 2)
        pre.initialize(repeating: .zero, count: layers * slots)
        act.initialize(repeating: .zero, count: layers * slots)
        refresh()
    }

    deinit {
        wT.deallocate(); dwT.deallocate(); wRows.deallocate(); bias.deallocate(); dbias.deallocate()
        head.deallocate(); dhead.deallocate(); pre.deallocate(); act.deallocate()
        dpre.deallocate(); pendingInputs.deallocate(); block.deallocate()
    }

    var parameterCount: Int { params.count }

    /// Recomputes the effective weights w = g·v/‖v‖ (transposed and row-major) from `params`.
    func refresh() {
        let w = Forecaster.width
        params.withUnsafeBufferPointer { p in
            for l in 0..<layers {
                let (vOff, gOff, bOff, fanIn) = offsets[l]
                let base = wTOffset[l]
                var bvec = Vec.zero
                for o in 0..<w {
                    var s = 0.0
                    for i in 0..<fanIn { let v = p[vOff + o * fanIn + i]; s += v * v }
                    let scale = p[gOff + o] / s.squareRoot()
                    for i in 0..<fanIn { wT[base + i][o] = scale * p[vOff + o * fanIn + i] }
                    if l > 0 {
                        for i in 0..<fanIn { wRows[l * w + o][i] = scale * p[vOff + o * fanIn + i] }
                    }
                    bvec[o] = p[bOff + o]
                }
                bias[l] = bvec
            }
            for k in 0..<outputs {
                var r = Vec.zero
                for i in 0..<w { r[i] = p[headW + k * w + i] }
                head[k] = r
            }
            headBias = (p[headB], outputs == 2 ? p[headB + 1] : 0)
        }
    }

    /// Forward pass on the window `x[0..<context]`; returns (mean, raw second output). Its activations are kept
    /// for a `backward` of the same point, which must follow before the next `forward` if wanted.
    @inline(__always)
    func forward(_ x: UnsafePointer<Double>) -> (Double, Double) {
        let slot = pending
        var acc = bias[0], acc2 = Vec.zero
        let w0 = wT
        var i = 0
        while i + 1 < context { acc.accumulate(x[i], w0[i]); acc2.accumulate(x[i + 1], w0[i + 1]); i += 2 }
        if i < context { acc.accumulate(x[i], w0[i]) }
        acc += acc2
        pre[slot] = acc
        var a = Forecaster.leaky(acc)
        act[slot] = a
        for l in 1..<max(layers, 1) {
            let wl = wT + wTOffset[l]
            // The previous layer's activations are read back as scalars from memory (`act`, just written): a
            // broadcast from memory is a load, while a lane taken from a register costs a shuffle, and 16 of those
            // per layer queued on the one shuffle port. Same numbers either way.
            var h = bias[l], u = Vec.zero
            (act + (l - 1) * slots + slot).withMemoryRebound(to: Double.self, capacity: 16) { ap in
                // Two independent accumulators halve the dependent-add chain.
                u = ap[1] * wl[1]
                h.accumulate(ap[0], wl[0]); u.accumulate(ap[3], wl[3]); h.accumulate(ap[2], wl[2]); u.accumulate(ap[5], wl[5])
                h.accumulate(ap[4], wl[4]); u.accumulate(ap[7], wl[7]); h.accumulate(ap[6], wl[6]); u.accumulate(ap[9], wl[9])
                h.accumulate(ap[8], wl[8]); u.accumulate(ap[11], wl[11]); h.accumulate(ap[10], wl[10]); u.accumulate(ap[13], wl[13])
                h.accumulate(ap[12], wl[12]); u.accumulate(ap[15], wl[15]); h.accumulate(ap[14], wl[14])
            }
            h += u
            pre[l * slots + slot] = h
            a = Forecaster.leaky(h)
            act[l * slots + slot] = a
        }
        let m = (head[0] * a).sum() + headBias.0
        let r = outputs == 2 ? (head[1] * a).sum() + headBias.1 : 0
        return (m, r)
    }

    /// The head's part of a point's backward pass: accumulates ∂L/∂W_head += δ·aᵀ and ∂L/∂b_head += δ for
    /// δ = (∂L/∂mean, ∂L/∂raw) and the last hidden activation a, and returns ∂L/∂a = Σ_o δ_o W_head[o].
    @inline(__always)
    func headBackward(last: Vec, dMean: Double, dRaw: Double) -> Vec {
        dhead[0].accumulate(dMean, last)
        var da = dMean * head[0]
        dheadBias.0 += dMean
        if outputs == 2 {
            dhead[1].accumulate(dRaw, last)
            da.accumulate(dRaw, head[1])
            dheadBias.1 += dRaw
        }
        return da
    }

    /// Backward pass of the point just forwarded, given ∂L/∂mean and ∂L/∂raw. Stores ∂L/∂pre-activation per
    /// layer; the weight gradients of a chunk of points are accumulated together in `flush()`, as
    /// outer products summed in registers (no read-modify-write of the gradient per point).
    @inline(__always)
    func backward(_ x: UnsafePointer<Double>, dMean: Double, dRaw: Double) {
        let slot = pending
        var da = headBackward(last: act[(layers - 1) * slots + slot], dMean: dMean, dRaw: dRaw)
        var l = layers - 1
        while l >= 1 {
            let h = pre[l * slots + slot]
            let dh = da.replacing(with: da * 0.01, where: h .< 0)
            dpre[l * slots + slot] = dh
            let wr = wRows + l * 16
            var g = Vec.zero, q = Vec.zero
            (dpre + l * slots + slot).withMemoryRebound(to: Double.self, capacity: 16) { dp in  // as in `forward`
                g = dp[0] * wr[0]; q = dp[1] * wr[1]
                g.accumulate(dp[2], wr[2]); q.accumulate(dp[3], wr[3]); g.accumulate(dp[4], wr[4]); q.accumulate(dp[5], wr[5])
                g.accumulate(dp[6], wr[6]); q.accumulate(dp[7], wr[7]); g.accumulate(dp[8], wr[8]); q.accumulate(dp[9], wr[9])
                g.accumulate(dp[10], wr[10]); q.accumulate(dp[11], wr[11]); g.accumulate(dp[12], wr[12]); q.accumulate(dp[13], wr[13])
                g.accumulate(dp[14], wr[14]); q.accumulate(dp[15], wr[15])
            }
            da = g + q
            l -= 1
        }
        let h0 = pre[slot]
        dpre[slot] = da.replacing(with: da * 0.01, where: h0 .< 0)
        pendingInputs[slot] = x
        pending += 1
        if pending >= maxChunk { flush() }
    }
}
