/// The block kernels: `blockSize` points forwarded and back-propagated together, a quarter layer (four SIMD4
/// lanes) at a time for the four points, with exactly the per-point kernels' arithmetic; and the batch driver
/// both trainers go through.
extension Forecaster {
    /// Points forwarded and back-propagated together by `forwardBlock` / `backwardBlock`.
    static let blockSize = 4

    /// Test hook: inside `Forecaster.$perPointTraining.withValue(true) { … }` the trainers run the per-point
    /// path (`forward`, then `backward`, one point at a time) instead of blocks, so that a test can train the
    /// same series both ways and require the same bits. Read once, when a forecaster is made.
    @TaskLocal static var perPointTraining = false

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
    /// Blocks of 4 train faster than one point at a time, while blocks of 8 (two groups of 4 interleaved per layer)
    /// gained nothing more (measured: docs/performance.md).
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
}
