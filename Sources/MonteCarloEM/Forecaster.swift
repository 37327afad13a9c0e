import Core

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
    // Per-point scratch: pre-activations and activations per layer for a chunk of points, `slots` per layer:
    // `maxChunk` pending points plus one block being forwarded behind them.
    let maxChunk: Int
    private let slots: Int
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
    private func headBackward(last: Vec, dMean: Double, dRaw: Double) -> Vec {
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

    // MARK: blocks of points

    /// Points forwarded and back-propagated together by `forwardBlock` / `backwardBlock`.
    static let blockSize = 4

    /// Test hook: inside `Forecaster.$perPointTraining.withValue(true) { … }` the trainers run the per-point
    /// path (`forward`, then `backward`, one point at a time) instead of blocks, so that a test can train the
    /// same series both ways and require the same bits. Read once, when a forecaster is made.
    @TaskLocal static var perPointTraining = false
    /// The value of `perPointTraining` when this forecaster was made.
    let perPointReference: Bool

    /// The inputs and outputs of one block (`blockSize` entries each): the caller writes `inputs` (windows
    /// of `context` values), calls `forwardBlock`, reads `mean`/`raw`, writes `keep`, `dMean` and `dRaw`
    /// (∂L/∂mean, ∂L/∂raw of the kept points) and calls `backwardBlock`.
    struct Block {
        let inputs = UnsafeMutablePointer<UnsafePointer<Double>>.allocate(capacity: Forecaster.blockSize)
        let mean = UnsafeMutablePointer<Double>.allocate(capacity: Forecaster.blockSize)
        let raw = UnsafeMutablePointer<Double>.allocate(capacity: Forecaster.blockSize)
        let dMean = UnsafeMutablePointer<Double>.allocate(capacity: Forecaster.blockSize)
        let dRaw = UnsafeMutablePointer<Double>.allocate(capacity: Forecaster.blockSize)
        let keep = UnsafeMutablePointer<Bool>.allocate(capacity: Forecaster.blockSize)

        func deallocate() {
            inputs.deallocate(); mean.deallocate(); raw.deallocate(); dMean.deallocate(); dRaw.deallocate()
            keep.deallocate()
        }
    }
    let block: Block

    /// One batch's forward and backward passes over the points `order[range]` (window of point t at `windows + t`):
    /// `gradient(t, mean, raw)` sees each point's outputs in batch order and returns ∂L/∂mean and ∂L/∂raw, or
    /// `nil` for a point that does not enter the loss. Blocks of `blockSize` points (`forwardBlock` /
    /// `backwardBlock`), or with `perPointReference` one point at a time (`forward` / `backward`); both call
    /// `gradient` in the same order, so a loss summed inside it is the same bits either way. Both trainers (the
    /// Gaussian epoch and topk's squared error) go through here and differ only in `gradient`.
    @inline(__always)
    func trainBatch(order: [Int], _ range: Range<Int>, windows: UnsafePointer<Double>,
                    gradient: (_ t: Int, _ mean: Double, _ raw: Double) -> (dMean: Double, dRaw: Double)?) {
        if perPointReference {
            for j in range {
                let t = order[j]
                let (m, r) = forward(windows + t)
                if let g = gradient(t, m, r) { backward(windows + t, dMean: g.dMean, dRaw: g.dRaw) }
            }
            return
        }
        let io = block
        var j = range.lowerBound
        while j < range.upperBound {
            let c = min(Forecaster.blockSize, range.upperBound - j)
            for k in 0..<c { io.inputs[k] = windows + order[j + k] }
            forwardBlock(count: c)
            for k in 0..<c {
                if let g = gradient(order[j + k], io.mean[k], io.raw[k]) {
                    io.keep[k] = true
                    io.dMean[k] = g.dMean
                    io.dRaw[k] = g.dRaw
                } else {
                    io.keep[k] = false
                }
            }
            backwardBlock(count: c)
            j += c
        }
    }

    /// Forward pass of the first `count` (1…`blockSize`) windows of `block.inputs`, all with the current
    /// weights; writes `block.mean` and `block.raw` and keeps the activations for `backwardBlock`.
    ///
    /// Each point's arithmetic is exactly `forward`'s (the same even/odd accumulator pair per layer, the same
    /// fused or unfused multiply-adds, the same final sum), so the numbers are the same bits; only the
    /// interleaving differs. A layer is computed a quarter of its outputs (four lanes, one AVX2 register) at a
    /// time for the four points together: 4 points × 2 accumulators = 8 registers, and each quarter-row of
    /// weights loaded serves four points. `forward` runs one point's two 4-register accumulators, a chain of
    /// 8 dependent multiply-adds per layer, and reloads every weight row for every point.
    /// Missing points of a short block are computed on a copy of the last window and ignored.
    ///
    /// Measured (`Bench mcem-notebook`, one core, old and new binaries alternated on a quiet host, medians of
    /// 4 resp. 3 runs): topk 3.09 → 2.79 s (−10 %), mixture 0.97 → 0.92 s, hmm 0.925 → 0.916 s. The training is
    /// then 34 % forward, 32 % backward, 24 % `flush()` (perf); at ≈ 2.6 GHz, topk's 35 G multiply-adds run at
    /// ≈ 60 % of the two FMA ports' peak (the per-point path at ≈ 52 %), so the dependent chains were not the
    /// main limit. Tried and dropped: blocks of 8 as two groups of 4 interleaved per layer (to hide the layer
    /// boundary): topk 2.72 s, within the noise of 4, mixture and hmm slightly slower.
    func forwardBlock(count: Int) {
        precondition(count >= 1 && count <= Forecaster.blockSize)
        let s = pending
        let x = block.inputs
        for p in count..<Forecaster.blockSize { x[p] = x[count - 1] }
        let windows = (x[0], x[1], x[2], x[3])
        let w = UnsafeRawPointer(wT), bq = UnsafeRawPointer(bias)
        let pq = UnsafeMutableRawPointer(pre), aq = UnsafeMutableRawPointer(act)
        for q in 0..<4 {
            // Layer 0: h = bias + Σ_even x_i w_i, u = Σ_odd x_i w_i (from zero), pre = h + u.
            let wq = w + (q &* 32)
            var h = Four(bq.loadUnaligned(fromByteOffset: q &* 32, as: Q.self)), u = Four(.zero)
            var i = 0
            while i &+ 1 < context {
                h.accumulate(windows, lane: i, wq.loadUnaligned(fromByteOffset: i &* 128, as: Q.self))
                u.accumulate(windows, lane: i &+ 1, wq.loadUnaligned(fromByteOffset: (i &+ 1) &* 128, as: Q.self))
                i &+= 2
            }
            if i < context { h.accumulate(windows, lane: i, wq.loadUnaligned(fromByteOffset: i &* 128, as: Q.self)) }
            let y = h + u
            let out = (s &* 16 &+ q &* 4) &* 8
            y.store(pq + out)
            y.leaky().store(aq + out)
        }
        // Layers ≥ 1: h = bias + Σ_even a_i w_i, u = a_1 w_1 + Σ_odd≥3 a_i w_i, pre = h + u; the activations
        // are read back as scalars (broadcast loads), as in `forward`.
        for l in 1..<max(layers, 1) {
            let a = UnsafeRawPointer(aq + ((l &- 1) &* slots &+ s) &* 128)
            for q in 0..<4 {
                let wq = w + ((wTOffset[l] &* 16 &+ q &* 4) &* 8)
                @inline(__always) func row(_ i: Int) -> Q { wq.loadUnaligned(fromByteOffset: i &* 128, as: Q.self) }
                var h = Four(bq.loadUnaligned(fromByteOffset: (l &* 16 &+ q &* 4) &* 8, as: Q.self))
                var u = Four(products: a, lane: 1, row(1))
                h.accumulate(a, lane: 0, row(0))
                Four.accumulateLanes2to15(&h, &u, a, row)
                let y = h + u
                let out = ((l &* slots &+ s) &* 16 &+ q &* 4) &* 8
                y.store(pq + out)
                y.leaky().store(aq + out)
            }
        }
        let top = (layers - 1) * slots + s
        for p in 0..<count {
            let a = act[top + p]
            block.mean[p] = (head[0] * a).sum() + headBias.0
            block.raw[p] = outputs == 2 ? (head[1] * a).sum() + headBias.1 : 0
        }
    }

    /// Backward pass of the block just forwarded: for each of the first `count` points with `block.keep`,
    /// the gradients ∂L/∂mean = `block.dMean`, ∂L/∂raw = `block.dRaw`. Each kept point's arithmetic is
    /// exactly `backward`'s; its head gradients are accumulated in point order, and its ∂L/∂pre-activations
    /// join the pending points (in point order) whose weight gradients `flush()` sums.
    /// Points not kept are computed with zero gradients and dropped.
    func backwardBlock(count: Int) {
        precondition(count >= 1 && count <= Forecaster.blockSize)
        let s = pending
        let keep = block.keep
        let top = (layers - 1) * slots + s
        for p in 0..<Forecaster.blockSize {
            guard p < count && keep[p] else { dpre[top + p] = .zero; continue }
            let dMean = block.dMean[p], dRaw = block.dRaw[p]
            let da = headBackward(last: act[top + p], dMean: dMean, dRaw: dRaw)
            let h = pre[top + p]
            dpre[top + p] = da.replacing(with: da * 0.01, where: h .< 0)
        }
        // ∂L/∂a_{l−1} = Σ_o δ_o W[o] with g over even o (from δ_0 W[0]), q over odd o, then g + q; masked by
        // the sign of the pre-activation of layer l − 1 into its δ. A quarter of the inputs for four points at a time.
        let wr = UnsafeRawPointer(wRows), dq = UnsafeMutableRawPointer(dpre), pq = UnsafeRawPointer(pre)
        var l = layers - 1
        while l >= 1 {
            let d = UnsafeRawPointer(dq + (l &* slots &+ s) &* 128), below = ((l &- 1) &* slots &+ s) &* 16
            for q in 0..<4 {
                let wq = wr + ((l &* 16 &* 16 &+ q &* 4) &* 8)
                @inline(__always) func row(_ o: Int) -> Q { wq.loadUnaligned(fromByteOffset: o &* 128, as: Q.self) }
                var g = Four(products: d, lane: 0, row(0)), u = Four(products: d, lane: 1, row(1))
                Four.accumulateLanes2to15(&g, &u, d, row)
                let out = (below &+ q &* 4) &* 8
                (g + u).masked(by: Four(loading: pq + out)).store(dq + out)
            }
            l -= 1
        }
        // The kept points become the next pending ones, in order (moved down over the dropped ones).
        var kept = 0
        for p in 0..<count where keep[p] {
            let from = s + p, to = s + kept
            if from != to {
                for l in 0..<layers {
                    act[l * slots + to] = act[l * slots + from]
                    dpre[l * slots + to] = dpre[l * slots + from]
                }
            }
            pendingInputs[to] = block.inputs[p]
            kept += 1
        }
        pending += kept
        if pending >= maxChunk { flush() }
    }

    /// Accumulates the weight and bias gradients of the pending points: ∂L/∂Wᵀ[i] += Σ_b a_{b,i} · δ_b.
    func flush() {
        let k = pending
        guard k > 0 else { return }
        for l in 0..<layers {
            let d = dpre + l * slots
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
                (act + (l - 1) * slots).withMemoryRebound(to: Double.self, capacity: 16 * k) { a in
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

extension SIMD where Scalar == Double {
    /// self ← self + a·w: one fused multiply-add (a single rounding) when built with `-DFUSED_MULTIPLY_ADD`,
    /// which the Makefile's release flags add beside `-target-cpu haswell` on a CPU with AVX2 and FMA; else a
    /// multiply, then an add. Every multiply-accumulate of the forward pass, the backward pass and the weight
    /// gradients goes through here. A fused FMA has the latency of the multiply alone (5 cycles on Haswell, against
    /// 5 + 3), and these loops are chains of dependent accumulations. Measured with the scalar broadcasts read from
    /// memory and the paired rows of `flush()` (the same day, same host, 3 alternating runs, medians): topk at the
    /// notebook's settings 4.12 → 3.53 s, mixture and hmm 1.2 → 1.05 s. Without the flag it must stay unfused: a
    /// build for a CPU without FMA turns each fused lane into a call to libm's `fma`.
    /// The same for every width: `SIMD16` (one point's layer) and `SIMD4` (a quarter layer in the block kernels).
    @inline(__always)
    mutating func accumulate(_ a: Double, _ w: Self) {
        #if FUSED_MULTIPLY_ADD
        self = addingProduct(a, w)
        #else
        self += a * w
        #endif
    }
}

/// Four lanes of a `SIMD16<Double>`, one AVX2 register.
typealias Q = SIMD4<Double>

/// One quarter (four lanes) of a layer's sums for the four points of a block, one register per point. Rows of
/// 16 doubles (a point's activation, or its ∂L/∂pre-activation) lie 128 bytes apart, the points of a block in
/// consecutive rows; lane i of a row is read as a scalar (a broadcast load).
struct Four {
    var p0, p1, p2, p3: Q

    @inline(__always)
    init(_ v: Q) { p0 = v; p1 = v; p2 = v; p3 = v }

    /// a_p[lane] · w for the four rows at `rows` (a plain product, as the first odd term of `forward`).
    @inline(__always)
    init(products rows: UnsafeRawPointer, lane: Int, _ w: Q) {
        p0 = rows.load(fromByteOffset: lane &* 8, as: Double.self) * w
        p1 = rows.load(fromByteOffset: 128 &+ lane &* 8, as: Double.self) * w
        p2 = rows.load(fromByteOffset: 256 &+ lane &* 8, as: Double.self) * w
        p3 = rows.load(fromByteOffset: 384 &+ lane &* 8, as: Double.self) * w
    }

    /// The quarter at `rows` of four consecutive rows.
    @inline(__always)
    init(loading rows: UnsafeRawPointer) {
        p0 = rows.loadUnaligned(as: Q.self)
        p1 = rows.loadUnaligned(fromByteOffset: 128, as: Q.self)
        p2 = rows.loadUnaligned(fromByteOffset: 256, as: Q.self)
        p3 = rows.loadUnaligned(fromByteOffset: 384, as: Q.self)
    }

    /// p ← p + a_p[lane] · w for the four rows at `rows`.
    @inline(__always)
    mutating func accumulate(_ rows: UnsafeRawPointer, lane: Int, _ w: Q) {
        p0.accumulate(rows.load(fromByteOffset: lane &* 8, as: Double.self), w)
        p1.accumulate(rows.load(fromByteOffset: 128 &+ lane &* 8, as: Double.self), w)
        p2.accumulate(rows.load(fromByteOffset: 256 &+ lane &* 8, as: Double.self), w)
        p3.accumulate(rows.load(fromByteOffset: 384 &+ lane &* 8, as: Double.self), w)
    }

    /// The rest of a 16-lane dot product once lanes 0 and 1 started the pair: even ← even + a[i]·row(i) for
    /// i = 2, 4, …, 14 and odd ← odd + a[i]·row(i) for i = 3, 5, …, 15, in that order (the order of `forward`'s
    /// even/odd accumulators, so the same bits). The forward kernel (rows of the transposed weights over a
    /// layer's inputs) and the backward kernel (rows of the weights over its outputs) share it.
    @inline(__always)
    static func accumulateLanes2to15(_ even: inout Four, _ odd: inout Four, _ rows: UnsafeRawPointer,
                                     _ row: (Int) -> Q) {
        var i = 2
        while i < 16 {
            even.accumulate(rows, lane: i, row(i)); odd.accumulate(rows, lane: i &+ 1, row(i &+ 1))
            i &+= 2
        }
    }

    /// p ← p + x_p[lane] · w for four input windows.
    @inline(__always)
    mutating func accumulate(_ x: (UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>,
                                   UnsafePointer<Double>), lane: Int, _ w: Q) {
        p0.accumulate(x.0[lane], w); p1.accumulate(x.1[lane], w); p2.accumulate(x.2[lane], w); p3.accumulate(x.3[lane], w)
    }

    @inline(__always)
    static func + (a: Four, b: Four) -> Four {
        var r = a
        r.p0 += b.p0; r.p1 += b.p1; r.p2 += b.p2; r.p3 += b.p3
        return r
    }

    /// LeakyReLU(0.01), lane by lane.
    @inline(__always)
    func leaky() -> Four { masked(by: self) }

    /// self where h ≥ 0, 0.01·self where h < 0 (LeakyReLU's derivative applied to a gradient, h the pre-activation).
    @inline(__always)
    func masked(by h: Four) -> Four {
        var r = self
        r.p0 = p0.replacing(with: p0 * 0.01, where: h.p0 .< 0)
        r.p1 = p1.replacing(with: p1 * 0.01, where: h.p1 .< 0)
        r.p2 = p2.replacing(with: p2 * 0.01, where: h.p2 .< 0)
        r.p3 = p3.replacing(with: p3 * 0.01, where: h.p3 .< 0)
        return r
    }

    /// Writes the quarter at `rows` of four consecutive rows.
    @inline(__always)
    func store(_ rows: UnsafeMutableRawPointer) {
        rows.storeBytes(of: p0, as: Q.self)
        rows.storeBytes(of: p1, toByteOffset: 128, as: Q.self)
        rows.storeBytes(of: p2, toByteOffset: 256, as: Q.self)
        rows.storeBytes(of: p3, toByteOffset: 384, as: Q.self)
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
