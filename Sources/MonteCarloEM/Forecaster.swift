import Numerics

/// The MLP forecaster of SPEC §3.2, with hand-written forward and backward passes.
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
    private let wT: UnsafeMutablePointer<Vec>       // per layer: fanIn rows
    private let wRows: UnsafeMutablePointer<Vec>    // per layer ≥ 1: 16 rows over inputs
    private let bias: UnsafeMutablePointer<Vec>     // per layer
    private let head: UnsafeMutablePointer<Vec>     // outputs rows
    private var headBias: (Double, Double) = (0, 0)
    private var wTOffset: [Int] = []
    // Gradients of the effective weights, accumulated over a batch.
    private let dwT: UnsafeMutablePointer<Vec>
    private let dbias: UnsafeMutablePointer<Vec>
    private let dhead: UnsafeMutablePointer<Vec>
    private var dheadBias: (Double, Double) = (0, 0)
    // Per-point scratch: pre-activations and activations per layer for a chunk of points.
    let maxChunk: Int
    private let pre: UnsafeMutablePointer<Vec>
    private let act: UnsafeMutablePointer<Vec>
    /// ∂L/∂(pre-activation) per layer for the pending points, and their input windows.
    private let dpre: UnsafeMutablePointer<Vec>
    private let pendingInputs: UnsafeMutablePointer<UnsafePointer<Double>>
    /// Points whose backward pass ran but whose weight gradients are not yet accumulated; also the slot
    /// the next forward pass writes to.
    private var pending = 0
    private let totalRows: Int

    /// PyTorch's default `Linear` init: kaiming-uniform with a = √5, i.e. U(±1/√fanIn) for weights and biases;
    /// weight norm then starts at g = ‖v‖ so that w = v.
    init(context: Int, layers: Int, outputs: Int, maxChunk: Int, generator: inout SeededGenerator) {
        precondition(context > 0 && layers >= 1 && (outputs == 1 || outputs == 2) && maxChunk > 0)
        self.context = context
        self.layers = layers
        self.outputs = outputs
        self.maxChunk = maxChunk
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
        pre = .allocate(capacity: layers * maxChunk)
        act = .allocate(capacity: layers * maxChunk)
        dpre = .allocate(capacity: layers * maxChunk)
        dpre.initialize(repeating: .zero, count: layers * maxChunk)
        pendingInputs = .allocate(capacity: maxChunk)
        wT.initialize(repeating: .zero, count: rows)
        dwT.initialize(repeating: .zero, count: rows)
        wRows.initialize(repeating: .zero, count: layers * w)
        bias.initialize(repeating: .zero, count: layers)
        dbias.initialize(repeating: .zero, count: layers)
        head.initialize(repeating: .zero, count: 2)
        dhead.initialize(repeating: .zero, count: 2)
        pre.initialize(repeating: .zero, count: layers * maxChunk)
        act.initialize(repeating: .zero, count: layers * maxChunk)
        refresh()
    }

    deinit {
        wT.deallocate(); dwT.deallocate(); wRows.deallocate(); bias.deallocate(); dbias.deallocate()
        head.deallocate(); dhead.deallocate(); pre.deallocate(); act.deallocate()
        dpre.deallocate(); pendingInputs.deallocate()
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

    /// Clears the accumulated effective-weight gradients.
    func zeroGrad() {
        pending = 0
        dwT.update(repeating: .zero, count: totalRows)
        dbias.update(repeating: .zero, count: layers)
        dhead.update(repeating: .zero, count: 2)
        dheadBias = (0, 0)
    }

    @inline(__always)
    private static func leaky(_ h: Vec) -> Vec {
        h.replacing(with: h * 0.01, where: h .< 0)
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
            (act + (l - 1) * maxChunk + slot).withMemoryRebound(to: Double.self, capacity: 16) { ap in
                // Two independent accumulators halve the dependent-add chain.
                u = ap[1] * wl[1]
                h.accumulate(ap[0], wl[0]); u.accumulate(ap[3], wl[3]); h.accumulate(ap[2], wl[2]); u.accumulate(ap[5], wl[5])
                h.accumulate(ap[4], wl[4]); u.accumulate(ap[7], wl[7]); h.accumulate(ap[6], wl[6]); u.accumulate(ap[9], wl[9])
                h.accumulate(ap[8], wl[8]); u.accumulate(ap[11], wl[11]); h.accumulate(ap[10], wl[10]); u.accumulate(ap[13], wl[13])
                h.accumulate(ap[12], wl[12]); u.accumulate(ap[15], wl[15]); h.accumulate(ap[14], wl[14])
            }
            h += u
            pre[l * maxChunk + slot] = h
            a = Forecaster.leaky(h)
            act[l * maxChunk + slot] = a
        }
        let m = (head[0] * a).sum() + headBias.0
        let r = outputs == 2 ? (head[1] * a).sum() + headBias.1 : 0
        return (m, r)
    }

    /// Backward pass of the point just forwarded, given ∂L/∂mean and ∂L/∂raw. Stores ∂L/∂pre-activation per
    /// layer; the weight gradients of a chunk of points are accumulated together in `flush()`, as
    /// outer products summed in registers (no read-modify-write of the gradient per point).
    @inline(__always)
    func backward(_ x: UnsafePointer<Double>, dMean: Double, dRaw: Double) {
        let slot = pending
        let last = act[(layers - 1) * maxChunk + slot]
        dhead[0].accumulate(dMean, last)
        var da = dMean * head[0]
        dheadBias.0 += dMean
        if outputs == 2 {
            dhead[1].accumulate(dRaw, last)
            da.accumulate(dRaw, head[1])
            dheadBias.1 += dRaw
        }
        var l = layers - 1
        while l >= 1 {
            let h = pre[l * maxChunk + slot]
            let dh = da.replacing(with: da * 0.01, where: h .< 0)
            dpre[l * maxChunk + slot] = dh
            let wr = wRows + l * 16
            var g = Vec.zero, q = Vec.zero
            (dpre + l * maxChunk + slot).withMemoryRebound(to: Double.self, capacity: 16) { dp in  // as in `forward`
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
        if pending == maxChunk { flush() }
    }

    /// Accumulates the weight and bias gradients of the pending points: ∂L/∂Wᵀ[i] += Σ_b a_{b,i} · δ_b.
    func flush() {
        let k = pending
        guard k > 0 else { return }
        for l in 0..<layers {
            let d = dpre + l * maxChunk
            var sb = dbias[l]
            for b in 0..<k { sb += d[b] }
            dbias[l] = sb
            // Two rows at a time: each row's sum over the points is one dependent chain (the same order as one
            // row at a time, so the same numbers), and two independent chains keep the multiply-adders busy.
            let dw = dwT + wTOffset[l]
            if l == 0 {
                var i = 0
                while i + 1 < context {
                    var acc = dw[i], acc1 = dw[i + 1]
                    for b in 0..<k {
                        let x = pendingInputs[b], db = d[b]
                        acc.accumulate(x[i], db); acc1.accumulate(x[i + 1], db)
                    }
                    dw[i] = acc; dw[i + 1] = acc1
                    i += 2
                }
                if i < context {
                    var acc = dw[i]
                    for b in 0..<k { acc.accumulate(pendingInputs[b][i], d[b]) }
                    dw[i] = acc
                }
            } else {
                // The activations as scalars: a[b][i] is element 16·b + i (a lane read from memory, not from a register).
                (act + (l - 1) * maxChunk).withMemoryRebound(to: Double.self, capacity: 16 * k) { a in
                    for i in stride(from: 0, to: 16, by: 2) {
                        var acc = dw[i], acc1 = dw[i + 1]
                        for b in 0..<k {
                            let db = d[b]
                            acc.accumulate(a[16 * b + i], db); acc1.accumulate(a[16 * b + i + 1], db)
                        }
                        dw[i] = acc; dw[i + 1] = acc1
                    }
                }
            }
        }
        pending = 0
    }

    /// Converts the accumulated effective-weight gradients into gradients of (v, g, bias) in `grads`:
    /// with n = ‖v‖, ∂L/∂g = (∂L/∂w · v)/n and ∂L/∂v = (g/n)(∂L/∂w − v (∂L/∂w · v)/n²).
    func finishGradients() {
        flush()
        let w = Forecaster.width
        params.withUnsafeBufferPointer { p in
            grads.withUnsafeMutableBufferPointer { gr in
                for l in 0..<layers {
                    let (vOff, gOff, bOff, fanIn) = offsets[l]
                    let base = wTOffset[l]
                    let db = dbias[l]
                    for o in 0..<w {
                        var ss = 0.0, dot = 0.0
                        for i in 0..<fanIn {
                            let v = p[vOff + o * fanIn + i]
                            ss += v * v
                            dot += dwT[base + i][o] * v
                        }
                        let n = ss.squareRoot()
                        let g = p[gOff + o]
                        gr[gOff + o] = dot / n
                        let c = g / n, k = dot / ss
                        for i in 0..<fanIn {
                            gr[vOff + o * fanIn + i] = c * (dwT[base + i][o] - p[vOff + o * fanIn + i] * k)
                        }
                        gr[bOff + o] = db[o]
                    }
                }
                for k in 0..<outputs {
                    let d = dhead[k]
                    for i in 0..<w { gr[headW + k * w + i] = d[i] }
                }
                gr[headB] = dheadBias.0
                if outputs == 2 { gr[headB + 1] = dheadBias.1 }
            }
        }
    }
}

extension SIMD16 where Scalar == Double {
    /// self ← self + a·w: one fused multiply-add (a single rounding) when built with `-DFUSED_MULTIPLY_ADD`,
    /// which the Makefile's release flags add beside `-target-cpu haswell` on a CPU with AVX2 and FMA; else a
    /// multiply, then an add. Every multiply-accumulate of the forward pass, the backward pass and the weight
    /// gradients goes through here. A fused FMA has the latency of the multiply alone (5 cycles on Haswell, against
    /// 5 + 3), and these loops are chains of dependent accumulations. Measured with the scalar broadcasts read from
    /// memory and the paired rows of `flush()` (the same day, same host, 3 alternating runs, medians): topk at the
    /// notebook's settings 4.12 → 3.53 s, mixture and hmm 1.2 → 1.05 s. Without the flag it must stay unfused: a
    /// build for a CPU without FMA turns each fused lane into a call to libm's `fma`.
    @inline(__always)
    mutating func accumulate(_ a: Double, _ w: SIMD16<Double>) {
        #if FUSED_MULTIPLY_ADD
        self = addingProduct(a, w)
        #else
        self += a * w
        #endif
    }
}

/// Softplus as PyTorch computes it in double precision, stably: max(r, 0) + log1p(e^−|r|).
@inline(__always)
func softplus(_ r: Double) -> Double { max(r, 0) + _log1p(_exp(-abs(r))) }

/// The logistic function, stably.
@inline(__always)
func sigmoid(_ r: Double) -> Double {
    r >= 0 ? 1 / (1 + _exp(-r)) : { let e = _exp(r); return e / (1 + e) }()
}

/// ½ ln 2π.
let halfLogTwoPi = 0.918_938_533_204_672_7

/// Gaussian NLL of y under N(m, s²) with s = softplus(raw) + 1e-4, and its derivatives w.r.t. m and raw.
@inline(__always)
func gaussianNLL(y: Double, mean m: Double, raw: Double) -> (nll: Double, scale: Double, dMean: Double, dRaw: Double) {
    let s = softplus(raw) + 1e-4
    let r = y - m
    let inv = 1 / s
    let z2 = r * r * inv * inv
    let nll = halfLogTwoPi + _log(s) + 0.5 * z2
    let dMean = -r * inv * inv
    let dS = inv - z2 * inv
    return (nll, s, dMean, dS * sigmoid(raw))
}
