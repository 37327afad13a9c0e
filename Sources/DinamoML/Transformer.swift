import Core

/// DINAMO-ML's network (ArseniiGav/DINAMO `TransformerEncoderDML`), with hand-written batched passes.
///
/// For S sequences of M context runs (N = S·M tokens), each token a histogram x (bins values, normalised to
/// unity) and its time t relative to the run predicted:
///
///     e = Linear(ReLU(LayerNorm(Linear(x)))) + Linear(ReLU(LayerNorm(Linear(t))))          (N × d)
///     h = 3 × post-norm encoder layer:  h ← LN₁(h + Drop(MHA(h)));  h ← LN₂(h + Drop(W₂ Drop(ReLU(W₁ h))))
///     p = mean of h over each sequence's M tokens                                                (S × d)
///     μ = softmax(Linear(ReLU(LayerNorm(Linear(p)))))      σ_μ = softplus(same shape, own weights)  (S × bins)
///
/// Every Linear is one `gemm` over all N tokens at once (x·Wᵀ with a transposed copy of W kept in `mirror`,
/// refreshed after each optimiser step; the gradients ∂L/∂W = ∂Yᵀ·X and ∂L/∂X = ∂Y·W read W and X in place),
/// except where the rows repeat: the embeddings run on the distinct histograms and times, and so does layer 0's
/// in-projection when that is fewer rows (`factoredFirstProjection`).
/// Activations live in a `Workspace` sized once; nothing is allocated per token or per step.
///
/// Dropout (p = 0.15 published) acts only in `forward(training: true)`, at the four places PyTorch's encoder
/// layer has it (attention weights, after self-attention, inside and after the feed-forward), with masks drawn
/// from `dropoutGenerator`. Scoring runs `training: false`, like the published `model.eval()`.
public final class Transformer {
    public let layout: ParameterLayout
    public var shape: TransformerShape { layout.shape }
    /// The parameters (PyTorch layout, `layout.tensors`) and their gradients from the last `backward`.
    let params: UnsafeMutablePointer<Float>
    let grads: UnsafeMutablePointer<Float>
    /// Wᵀ of every Linear, for the forward products.
    let mirror: UnsafeMutablePointer<Float>
    let linearSlots: [LinearSlot]
    /// Every LayerNorm of the network.
    let normSlots: [NormSlot]
    let work: Workspace
    /// Draws the dropout masks of training passes.
    public var dropoutGenerator: DropoutStream
    /// Sequences in the last forward pass; `backward` works on those.
    private(set) var sequences = 0
    /// Whether the last forward pass drew dropout masks.
    private(set) var maskedPass = false
    /// The optimiser a fused step (`lossBackwardAndStep`) applies as the backward pass completes each tensor.
    var stepping: SharedAdamW?
    /// Distinct context histograms and distinct times of the last forward pass.
    private(set) var distinctCounts = (histograms: 0, times: 0)
    /// Whether the last forward pass computed layer 0's in-projection from the branch rows
    /// (`factoredFirstProjection`): when the tokens have fewer distinct histograms and times together than tokens.
    private(set) var firstProjectionFactored = false

    /// A network with the given parameters (`layout.count` values), room for `maxSequences` sequences.
    public init(layout: ParameterLayout, parameters: [Float], maxSequences: Int, dropoutSeed: UInt64) {
        precondition(parameters.count == layout.count, "expected \(layout.count) parameters")
        self.layout = layout
        params = .allocate(capacity: layout.count)
        grads = .allocate(capacity: layout.count)
        grads.initialize(repeating: 0, count: layout.count)
        mirror = .allocate(capacity: layout.mirrorCount)
        linearSlots = Transformer.linearSlots(layout)
        normSlots = [layout.xEmbedding.norm, layout.tEmbedding.norm] + layout.encoder.flatMap { [$0.norm1, $0.norm2] }
            + [layout.meanHead.norm, layout.spreadHead.norm]
        work = Workspace(shape: layout.shape, sequences: maxSequences)
        dropoutGenerator = DropoutStream(seed: dropoutSeed)
        parameters.withUnsafeBufferPointer { params.initialize(from: $0.baseAddress!, count: layout.count) }
        refreshMirror()
    }

    deinit {
        params.deallocate()
        grads.deallocate()
        mirror.deallocate()
    }

    public var maxSequences: Int { work.sequences }

    /// The parameters, in the layout of `layout.tensors`. Setting them refreshes the transposed copies.
    public var parameters: [Float] {
        get { Array(UnsafeBufferPointer(start: params, count: layout.count)) }
        set {
            precondition(newValue.count == layout.count)
            newValue.withUnsafeBufferPointer { params.update(from: $0.baseAddress!, count: layout.count) }
            refreshMirror()
        }
    }

    /// ∂L/∂parameters from the last `backward`.
    public var gradients: [Float] { Array(UnsafeBufferPointer(start: grads, count: layout.count)) }

    /// Rewrites Wᵀ for every Linear from the parameters.
    func refreshMirror() {
        for slot in linearSlots { transposeIntoMirror(slot) }
    }

    /// Rewrites Wᵀ of one Linear from its W, in tiles of 8 × 8: a whole tile is eight row loads, a transpose in
    /// registers and eight row stores (`transposeTile`). Where a side is not a multiple of 8 the last tile overlaps
    /// the one before it (writing some elements twice, with the same values); a side shorter than 8 goes element by
    /// element.
    func transposeIntoMirror(_ slot: LinearSlot) {
        let w = params + slot.weight, m = mirror + slot.mirror
        let (outputs, inputs) = (slot.outputs, slot.inputs)
        guard outputs >= 8 && inputs >= 8 else {
            for i in 0..<inputs { for o in 0..<outputs { m[i &* outputs &+ o] = w[o &* inputs &+ i] } }
            return
        }
        var ob = 0
        while ob < outputs {
            let o = min(ob, outputs &- 8)
            var ib = 0
            while ib < inputs {
                let i = min(ib, inputs &- 8)
                transposeTile(from: w + (o &* inputs &+ i), rowStride: inputs, to: m + (i &* outputs &+ o),
                              rowStride: outputs)
                ib &+= 8
            }
            ob &+= 8
        }
    }

    /// Every Linear of the network (whose Wᵀ the mirror keeps).
    static func linearSlots(_ layout: ParameterLayout) -> [LinearSlot] {
        var slots: [LinearSlot] = []
        for s in [layout.xEmbedding, layout.tEmbedding] { slots += [s.first, s.second] }
        for e in layout.encoder { slots += [e.inProjection, e.outProjection, e.feedForward1, e.feedForward2] }
        for s in [layout.meanHead, layout.spreadHead] { slots += [s.first, s.second] }
        return slots
    }

    // MARK: Inputs and outputs

    /// Context histogram of token `position` of sequence `sequence` (bins floats, to be written).
    func histogramSlot(sequence: Int, position: Int) -> UnsafeMutablePointer<Float> {
        work.x + (sequence * shape.context + position) * shape.bins
    }

    /// Sets the relative time of token `position` of sequence `sequence`.
    func setTime(_ t: Float, sequence: Int, position: Int) { work.t[sequence * shape.context + position] = t }

    /// Predicted μ of sequence `s` from the last forward pass (bins values).
    func predictedMean(_ s: Int) -> UnsafePointer<Float> { UnsafePointer(work.mean + s * shape.bins) }
    /// Predicted σ_μ of sequence `s` from the last forward pass (bins values).
    func predictedSpread(_ s: Int) -> UnsafePointer<Float> { UnsafePointer(work.spread + s * shape.bins) }

    /// Forward pass and outputs as arrays: `x` holds sequences × context × bins values, `t` sequences × context.
    /// Returns μ and σ_μ, each sequences × bins.
    public func predict(x: [Float], t: [Float], training: Bool = false) -> (mean: [Float], spread: [Float]) {
        let s = t.count / shape.context
        precondition(s >= 1 && s <= maxSequences && t.count == s * shape.context && x.count == t.count * shape.bins)
        x.withUnsafeBufferPointer { work.x.update(from: $0.baseAddress!, count: x.count) }
        t.withUnsafeBufferPointer { work.t.update(from: $0.baseAddress!, count: t.count) }
        forward(sequences: s, training: training)
        let n = s * shape.bins
        return (Array(UnsafeBufferPointer(start: work.mean, count: n)),
                Array(UnsafeBufferPointer(start: work.spread, count: n)))
    }

    // MARK: Forward

    /// y (rows × outputs) = x (rows × inputs) · Wᵀ + b.
    @inline(__always)
    func linearForward(_ s: LinearSlot, rows: Int, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        gemm(m: rows, n: s.outputs, k: s.inputs, a: StridedMatrix(x, columns: s.inputs), b: mirror + s.mirror,
             ldb: s.outputs, c: y, ldc: s.outputs, store: .bias(params + s.bias))
    }

    /// Linear · LayerNorm · ReLU of a stack (its second Linear is applied by the caller): `pre` is scratch for the
    /// first Linear's output, `hat`/`inverse` keep LayerNorm's x̂ and 1/σ, `active` receives the ReLU output.
    func stackHidden(_ s: StackSlots, rows: Int, x: UnsafePointer<Float>, pre: UnsafeMutablePointer<Float>,
                     hat: UnsafeMutablePointer<Float>, inverse: UnsafeMutablePointer<Float>,
                     active: UnsafeMutablePointer<Float>) {
        linearForward(s.first, rows: rows, x: x, y: pre)
        layerNormForward(rows: rows, width: s.norm.width, x: pre, gain: params + s.norm.gain,
                         shift: params + s.norm.shift, normalised: hat, inverseDeviation: inverse, y: active,
                         relu: true)
    }

    /// The forward pass of the first `sequences` sequences of the workspace's inputs; writes μ and σ_μ and keeps
    /// what `backward` needs. With `training` and a non-zero dropout, draws fresh dropout masks. With
    /// `inputsUnchanged`, the inputs are those of the last forward pass (the steps of one learn), whose distinct
    /// histograms and times are used again rather than found anew.
    public func forward(sequences: Int, training: Bool, inputsUnchanged: Bool = false) {
        precondition(sequences >= 1 && sequences <= maxSequences)
        precondition(!inputsUnchanged || sequences == self.sequences, "unchanged inputs need the same sequences")
        self.sequences = sequences
        let w = work, shape = self.shape
        let n = sequences * shape.context, d = shape.model, ff = shape.feedForward
        let masked = training && shape.dropout > 0
        maskedPass = masked
        // Embeddings, each branch on its distinct inputs, stacked in `branches` (x-branch rows, then t-branch rows);
        // layer 0's input is e = x-branch(x) + t-branch(t) per token.
        let xs = inputsUnchanged ? distinctCounts.histograms
            : w.xRows.build(rows: n, width: shape.bins, source: w.x, unique: w.xUnique)
        stackHidden(layout.xEmbedding, rows: xs, x: w.xUnique, pre: w.scratch, hat: w.xHat, inverse: w.xInverse,
                    active: w.xActive)
        linearForward(layout.xEmbedding.second, rows: xs, x: w.xActive, y: w.branches)
        let ts = inputsUnchanged ? distinctCounts.times
            : w.tRows.build(rows: n, width: 1, source: w.t, unique: w.tUnique)
        stackHidden(layout.tEmbedding, rows: ts, x: w.tUnique, pre: w.scratch, hat: w.tHat, inverse: w.tInverse,
                    active: w.tActive)
        linearForward(layout.tEmbedding.second, rows: ts, x: w.tActive, y: w.branches + xs * d)
        distinctCounts = (xs, ts)
        firstProjectionFactored = xs + ts < n
        sumBranchRows(w.branches, tokens: n, width: d, bias: nil, into: w.layerInput[0])
        // Encoder layers.
        let attention = AttentionShape(sequences: sequences, length: shape.context, heads: shape.heads,
                                       headWidth: shape.headWidth)
        for (l, slots) in layout.encoder.enumerated() {
            let input = w.layerInput[l], sum = w.scratch
            if masked {
                w.laneMask[l].withMemoryRebound(to: Float.self, capacity: 8 * attention.laneProbabilityCount) {
                    fillDropoutMask($0, count: 8 * attention.laneProbabilityCount, probability: shape.dropout,
                                    generator: &dropoutGenerator)
                }
                fillDropoutMask(w.mask1[l], count: n * d, probability: shape.dropout, generator: &dropoutGenerator)
                fillDropoutMask(w.feedMask, count: n * ff, probability: shape.dropout,
                                generator: &dropoutGenerator)
                fillDropoutMask(w.mask2[l], count: n * d, probability: shape.dropout, generator: &dropoutGenerator)
            }
            if l == 0 && firstProjectionFactored {
                factoredFirstProjection(slots.inProjection, tokens: n)
            } else {
                linearForward(slots.inProjection, rows: n, x: input, y: w.qkv)
            }
            attentionForward(attention, qkv: w.qkv, heads: w.laneHeads[l], probabilities: w.probabilities[l],
                             laneMask: masked ? UnsafePointer(w.laneMask[l]) : nil, scratch: w.attention,
                             out: w.attended[l])
            linearForward(slots.outProjection, rows: n, x: w.attended[l], y: sum)
            addResidual(sum, input, mask: masked ? w.mask1[l] : nil, count: n * d)
            layerNormForward(rows: n, width: d, x: sum, gain: params + slots.norm1.gain,
                             shift: params + slots.norm1.shift, normalised: w.hat1[l], inverseDeviation: w.inverse1[l],
                             y: w.normed1[l], relu: false)
            let active = w.feedActive[l]
            linearForward(slots.feedForward1, rows: n, x: w.normed1[l], y: active)
            if masked {
                let mk = w.feedMask
                for i in 0..<(n * ff) { active[i] = max(active[i], 0) * mk[i] }
            } else {
                for i in 0..<(n * ff) { active[i] = max(active[i], 0) }
            }
            linearForward(slots.feedForward2, rows: n, x: active, y: sum)
            addResidual(sum, w.normed1[l], mask: masked ? w.mask2[l] : nil, count: n * d)
            layerNormForward(rows: n, width: d, x: sum, gain: params + slots.norm2.gain,
                             shift: params + slots.norm2.shift, normalised: w.hat2[l], inverseDeviation: w.inverse2[l],
                             y: w.layerInput[l + 1], relu: false)
        }
        // Mean pooling over each sequence's tokens.
        let top = w.layerInput[shape.layers], m = shape.context
        for s in 0..<sequences {
            let p = w.pooled + s * d
            p.update(repeating: 0, count: d)
            for j in 0..<m { let row = top + (s * m + j) * d; for c in 0..<d { p[c] += row[c] } }
            for c in 0..<d { p[c] /= Float(m) }
        }
        // Heads.
        let b = shape.bins
        stackHidden(layout.meanHead, rows: sequences, x: w.pooled, pre: w.scratch, hat: w.meanHat,
                    inverse: w.meanInverse, active: w.meanActive)
        linearForward(layout.meanHead.second, rows: sequences, x: w.meanActive, y: w.meanLogits)
        for s in 0..<sequences { softmaxRow(w.meanLogits + s * b, into: w.mean + s * b, count: b) }
        stackHidden(layout.spreadHead, rows: sequences, x: w.pooled, pre: w.scratch, hat: w.spreadHat,
                    inverse: w.spreadInverse, active: w.spreadActive)
        linearForward(layout.spreadHead.second, rows: sequences, x: w.spreadActive, y: w.spreadLogits)
        for i in 0..<(sequences * b) { w.spread[i] = softplusFloat(w.spreadLogits[i]) }
    }

    /// Layer 0's Q|K|V = e·Wᵀ + b from the branch rows. The in-projection is linear and each token's e is the sum of
    /// one x-branch row and one t-branch row, so
    ///
    ///     e·Wᵀ + b = (x-branch row)·Wᵀ + (t-branch row)·Wᵀ + b:
    ///
    /// one product over the xs + ts stacked branch rows (about 50 in training, against N = 200 tokens), then a sum
    /// per token.
    private func factoredFirstProjection(_ s: LinearSlot, tokens n: Int) {
        let w = work, width = s.outputs, p = w.branchProjection
        gemm(m: distinctCounts.histograms + distinctCounts.times, n: width, k: s.inputs,
             a: StridedMatrix(w.branches, columns: s.inputs), b: mirror + s.mirror, ldb: width, c: p, ldc: width,
             store: .overwrite)
        sumBranchRows(p, tokens: n, width: width, bias: params + s.bias, into: w.qkv)
    }

    /// Each token's row of `out` (N × width) ← its x-branch row + its t-branch row of `rows` (stacked as
    /// `branches`), then + `bias` when given.
    func sumBranchRows(_ rows: UnsafePointer<Float>, tokens n: Int, width: Int, bias: UnsafePointer<Float>?,
                       into out: UnsafeMutablePointer<Float>) {
        let w = work, xs = distinctCounts.histograms
        for r in 0..<n {
            let x = rows + w.xRows.map[r] &* width, t = rows + (xs &+ w.tRows.map[r]) &* width, o = out + r &* width
            if let bias {
                for j in 0..<width { o[j] = (x[j] + t[j]) + bias[j] }
            } else {
                for j in 0..<width { o[j] = x[j] + t[j] }
            }
        }
    }

    /// Adds each token's row of `g` (N × width) to its x-branch row and to its t-branch row of `sums` (stacked as
    /// `branches`): a gradient with respect to e, summed per branch row, is the gradient with respect to that row.
    func addPerBranchRow(_ g: UnsafePointer<Float>, tokens n: Int, width: Int, into sums: UnsafeMutablePointer<Float>) {
        let w = work, xs = distinctCounts.histograms
        for r in 0..<n {
            let row = g + r &* width, x = sums + w.xRows.map[r] &* width, t = sums + (xs &+ w.tRows.map[r]) &* width
            for j in 0..<width { x[j] += row[j]; t[j] += row[j] }
        }
    }

    /// sum ← residual + sum ⊙ mask (dropout on the sublayer's output, then the residual connection).
    @inline(__always)
    private func addResidual(_ sum: UnsafeMutablePointer<Float>, _ residual: UnsafePointer<Float>,
                             mask: UnsafePointer<Float>?, count: Int) {
        if let mask {
            for i in 0..<count { sum[i] = residual[i] + sum[i] * mask[i] }
        } else {
            for i in 0..<count { sum[i] = residual[i] + sum[i] }
        }
    }
}

/// out = softmax(z) = e^(z − max z) / Σ e^(z − max z).
func softmaxRow(_ z: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, count: Int) {
    var top = -Float.infinity
    for i in 0..<count { top = max(top, z[i]) }
    for i in 0..<count { out[i] = z[i] - top }
    expInPlace(out, count: count)
    var sum: Float = 0
    for i in 0..<count { sum += out[i] }
    let inv = 1 / sum
    for i in 0..<count { out[i] *= inv }
}
