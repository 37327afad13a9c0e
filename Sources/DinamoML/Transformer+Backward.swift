/// The backward pass: ∂L/∂(every parameter) from ∂L/∂μ and ∂L/∂σ_μ of the last forward pass.
extension Transformer {
    /// Linear backward for y = x·Wᵀ + b: ∂L/∂W = ∂Yᵀ·X (outputs × inputs, PyTorch's layout), ∂L/∂b = Σ_rows ∂Y,
    /// and, when `dx` is given, ∂L/∂X = ∂Y·W, written or (with `accumulateInput`) added to `dx`.
    @inline(__always)
    func linearBackward(_ s: LinearSlot, rows: Int, x: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                        dx: UnsafeMutablePointer<Float>?, accumulateInput: Bool = false) {
        gemm(m: s.outputs, n: s.inputs, k: rows, a: .transposed(dy, columns: s.outputs), b: x, ldb: s.inputs,
             c: grads + s.weight, ldc: s.inputs, store: .overwrite)
        columnSums(dy, rows: rows, width: s.outputs, into: grads + s.bias)
        if let dx {
            gemm(m: rows, n: s.inputs, k: s.outputs, a: StridedMatrix(dy, columns: s.outputs), b: params + s.weight,
                 ldb: s.inputs, c: dx, ldc: s.inputs, store: accumulateInput ? .accumulate : .overwrite)
        }
        finished(s)
    }

    /// LayerNorm backward for one of the network's LayerNorms (`layerNormBackward` with its γ and their
    /// gradients), then the step on γ and β when one is being fused.
    @inline(__always)
    func normBackward(_ s: NormSlot, rows: Int, dy: UnsafePointer<Float>, hat: UnsafePointer<Float>,
                      inverse: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>) {
        layerNormBackward(rows: rows, width: s.width, dy: dy, normalised: hat, inverseDeviation: inverse,
                          gain: params + s.gain, dGain: grads + s.gain, dShift: grads + s.shift, dx: dx)
        finished(s)
    }

    /// Backward of a stack's hidden part (Linear · LayerNorm · ReLU) given ∂L/∂(ReLU output) in `dActive`
    /// (overwritten): masks by the ReLU, back through LayerNorm and the first Linear; ∂L/∂input into `dx` if given.
    func stackHiddenBackward(_ s: StackSlots, rows: Int, x: UnsafePointer<Float>, hat: UnsafePointer<Float>,
                             inverse: UnsafePointer<Float>, active: UnsafePointer<Float>,
                             dActive: UnsafeMutablePointer<Float>, dx: UnsafeMutablePointer<Float>?,
                             accumulateInput: Bool) {
        maskByPositive(dActive, active, count: rows * s.norm.width)
        normBackward(s.norm, rows: rows, dy: dActive, hat: hat, inverse: inverse, dx: dActive)
        linearBackward(s.first, rows: rows, x: x, dy: dActive, dx: dx, accumulateInput: accumulateInput)
    }

    /// Back-propagates `dMean` = ∂L/∂μ and `dSpread` = ∂L/∂σ_μ (sequences × bins each, for the sequences of the
    /// last forward pass) and overwrites the gradients. Through the heads: softmax,
    /// ∂z_μ = μ ⊙ (∂μ − ⟨∂μ, μ⟩), and softplus, ∂z_σ = ∂σ ⊙ logistic(z_σ); pooling spreads ∂p/M over the tokens;
    /// each encoder layer then in reverse (`encoderLayerBackward`), and both embeddings.
    public func backward(dMean: UnsafePointer<Float>, dSpread: UnsafePointer<Float>) {
        let w = work, shape = self.shape, s = sequences
        let n = s * shape.context, d = shape.model, b = shape.bins
        // Every gradient is written whole by the pass except LayerNorm's γ and β, which sum over rows.
        for norm in normSlots {
            (grads + norm.gain).update(repeating: 0, count: norm.width)
            (grads + norm.shift).update(repeating: 0, count: norm.width)
        }
        // μ head.
        for r in 0..<s {
            let mu = w.mean + r * b, g = dMean + r * b, dz = w.dHead + r * b
            var dot: Float = 0
            for i in 0..<b { dot += g[i] * mu[i] }
            for i in 0..<b { dz[i] = mu[i] * (g[i] - dot) }
        }
        linearBackward(layout.meanHead.second, rows: s, x: w.meanActive, dy: w.dHead, dx: w.scratch)
        stackHiddenBackward(layout.meanHead, rows: s, x: w.pooled, hat: w.meanHat, inverse: w.meanInverse,
                            active: w.meanActive, dActive: w.scratch, dx: w.dPooled, accumulateInput: false)
        // σ head.
        for i in 0..<(s * b) { w.dHead[i] = dSpread[i] * softplusSlope(w.spreadLogits[i]) }
        linearBackward(layout.spreadHead.second, rows: s, x: w.spreadActive, dy: w.dHead, dx: w.scratch)
        stackHiddenBackward(layout.spreadHead, rows: s, x: w.pooled, hat: w.spreadHat, inverse: w.spreadInverse,
                            active: w.spreadActive, dActive: w.scratch, dx: w.dPooled, accumulateInput: true)
        // Mean pooling.
        let m = shape.context, inverseLength = 1 / Float(m)
        for q in 0..<s {
            let g = w.dPooled + q * d
            for j in 0..<m { let row = w.dA + (q * m + j) * d; for c in 0..<d { row[c] = g[c] * inverseLength } }
        }
        // Encoder layers, last first; ∂L/∂(layer output) is in dA, and after each layer ∂L/∂(its input) too.
        for l in stride(from: shape.layers - 1, through: 0, by: -1) { encoderLayerBackward(l, tokens: n) }
        // Embeddings: each branch row receives ∂L/∂e summed over the tokens that share it (already so when layer 0's
        // in-projection was factored).
        let x = layout.xEmbedding, t = layout.tEmbedding
        let (xs, ts) = distinctCounts
        if !firstProjectionFactored {
            w.dBranches.update(repeating: 0, count: (xs + ts) * d)
            addPerBranchRow(w.dA, tokens: n, width: d, into: w.dBranches)
        }
        linearBackward(x.second, rows: xs, x: w.xActive, dy: w.dBranches, dx: w.scratch)
        stackHiddenBackward(x, rows: xs, x: w.xUnique, hat: w.xHat, inverse: w.xInverse, active: w.xActive,
                            dActive: w.scratch, dx: nil, accumulateInput: false)
        linearBackward(t.second, rows: ts, x: w.tActive, dy: w.dBranches + xs * d, dx: w.scratch)
        stackHiddenBackward(t, rows: ts, x: w.tUnique, hat: w.tHat, inverse: w.tInverse, active: w.tActive,
                            dActive: w.scratch, dx: nil, accumulateInput: false)
    }

    /// Backward of `factoredFirstProjection`, given ∂L/∂Q|K|V in `dqkv` and the residual path's ∂L/∂e in `dB`.
    /// With G = ∂L/∂Q|K|V summed per branch row (xs + ts rows):
    ///
    ///     ∂L/∂W = Gᵀ·[branch rows],   ∂L/∂b = Σ_tokens ∂L/∂Q|K|V,
    ///     ∂L/∂(branch row) = (G·W)[row] + Σ over the row's tokens of dB,
    ///
    /// into `dBranches`: ∂L/∂e summed per branch row, what the embeddings' backward needs; ∂L/∂e is never formed.
    private func factoredFirstProjectionBackward(_ s: LinearSlot, tokens n: Int) {
        let w = work, (xs, ts) = distinctCounts, rows = xs + ts, width = s.outputs, d = s.inputs
        let g = w.branchProjection
        g.update(repeating: 0, count: rows * width)
        addPerBranchRow(w.dqkv, tokens: n, width: width, into: g)
        gemm(m: width, n: d, k: rows, a: .transposed(g, columns: width), b: w.branches, ldb: d, c: grads + s.weight,
             ldc: d, store: .overwrite)
        columnSums(w.dqkv, rows: n, width: width, into: grads + s.bias)
        gemm(m: rows, n: d, k: width, a: StridedMatrix(g, columns: width), b: params + s.weight, ldb: d,
             c: w.dBranches, ldc: d, store: .overwrite)
        finished(s)
        addPerBranchRow(w.dB, tokens: n, width: d, into: w.dBranches)
    }

    /// One post-norm encoder layer backward, ∂L/∂(output) in `dA` → ∂L/∂(input) in `dA` (for a factored layer 0,
    /// ∂L/∂(branch rows) in `dBranches` instead):
    ///
    ///     out = LN₂(y₁ + D₂(W₂ D(ReLU(W₁ y₁))))   →  ∂h₂ = LN₂ᵀ ∂out;  ∂y₁ = ∂h₂ + W₁-path(D₂ ⊙ ∂h₂)
    ///     y₁  = LN₁(in + D₁(MHA(in)))               →  ∂h₁ = LN₁ᵀ ∂y₁;   ∂in = ∂h₁ + in_proj-path(MHAᵀ(D₁ ⊙ ∂h₁))
    func encoderLayerBackward(_ l: Int, tokens n: Int) {
        let w = work, shape = self.shape, slots = layout.encoder[l]
        let d = shape.model, ff = shape.feedForward
        let masked = maskedPass
        normBackward(slots.norm2, rows: n, dy: w.dA, hat: w.hat2[l], inverse: w.inverse2[l], dx: w.dB)
        applyMask(from: w.dB, masked ? w.mask2[l] : nil, into: w.scratch, count: n * d)
        linearBackward(slots.feedForward2, rows: n, x: w.feedActive[l], dy: w.scratch, dx: w.dFeed)
        // Back through dropout and ReLU: a = max(z, 0)·m with m ∈ {0, 1/(1 − p)}, so ∂z = ∂a·m where z > 0. Where
        // a > 0, z > 0 and m = 1/(1 − p); where a = 0 the gradient is 0 (z ≤ 0 or dropped), so a alone decides.
        let active = w.feedActive[l], g = w.dFeed
        if masked {
            let scale = dropoutScale(shape.dropout)
            for i in 0..<(n * ff) { g[i] = active[i] > 0 ? g[i] * scale : 0 }
        } else {
            for i in 0..<(n * ff) where !(active[i] > 0) { g[i] = 0 }
        }
        linearBackward(slots.feedForward1, rows: n, x: w.normed1[l], dy: w.dFeed, dx: w.dB, accumulateInput: true)
        normBackward(slots.norm1, rows: n, dy: w.dB, hat: w.hat1[l], inverse: w.inverse1[l], dx: w.dB)
        applyMask(from: w.dB, masked ? w.mask1[l] : nil, into: w.scratch, count: n * d)
        linearBackward(slots.outProjection, rows: n, x: w.attended[l], dy: w.scratch, dx: w.dAttended)
        let attention = AttentionShape(sequences: sequences, length: shape.context, heads: shape.heads,
                                       headWidth: shape.headWidth)
        attentionBackward(attention, heads: w.laneHeads[l], probabilities: w.probabilities[l],
                          laneMask: masked ? UnsafePointer(w.laneMask[l]) : nil, dOut: w.dAttended,
                          scratch: w.attention, dqkv: w.dqkv)
        if l == 0 && firstProjectionFactored {
            factoredFirstProjectionBackward(slots.inProjection, tokens: n)
        } else {
            linearBackward(slots.inProjection, rows: n, x: w.layerInput[l], dy: w.dqkv, dx: w.dB,
                           accumulateInput: true)
            w.dA.update(from: w.dB, count: n * d)
        }
    }

    /// out = g ⊙ mask, or a copy of g without a mask.
    @inline(__always)
    private func applyMask(from g: UnsafePointer<Float>, _ mask: UnsafePointer<Float>?,
                           into out: UnsafeMutablePointer<Float>, count: Int) {
        if let mask {
            for i in 0..<count { out[i] = g[i] * mask[i] }
        } else {
            out.update(from: g, count: count)
        }
    }
}
