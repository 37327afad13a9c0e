/// Every buffer of the forward and backward passes, allocated once for at most `sequences` sequences of the
/// shape's context length (N = sequences × context tokens), so that a training step allocates nothing.
/// Row-major throughout: a token's features are contiguous.
final class Workspace {
    typealias Buffer = UnsafeMutablePointer<Float>
    let sequences: Int
    let tokens: Int
    private var owned: [UnsafeMutableRawPointer] = []

    // Inputs: the context histograms (N × bins) and their relative times (N).
    let x: Buffer, t: Buffer
    // Embeddings, on the distinct inputs only (`DistinctRows`): the distinct histograms and times, LayerNorm's x̂
    // and 1/σ and the ReLU output (input of the second Linear), per branch.
    let xRows: DistinctRows, tRows: DistinctRows
    let xUnique: Buffer, tUnique: Buffer
    let xHat: Buffer, xInverse: Buffer, xActive: Buffer
    let tHat: Buffer, tInverse: Buffer, tActive: Buffer
    /// The branches' outputs, stacked: the x-branch's distinct rows, then the t-branch's (at most 2N × d), and
    /// ∂L/∂(those rows).
    let branches: Buffer, dBranches: Buffer
    /// The first in-projection of the stacked branch rows (forward), or ∂L/∂Q|K|V summed per branch row
    /// (backward): at most 2N × 3d (`Transformer.firstProjectionFactored`).
    let branchProjection: Buffer
    /// layerInput[l] is the input of encoder layer l (N × d); layerInput[layers] is the encoder's output.
    let layerInput: [Buffer]
    /// Q|K|V of the layer being computed (N × 3d); the backward pass needs only its lane copies.
    let qkv: Buffer
    /// The feed-forward's dropout mask of the layer being computed (N × ff): the backward pass knows it from the
    /// output (`encoderLayerBackward`).
    let feedMask: Buffer
    // Per encoder layer: each head's q, k, v, the attention probabilities P and the attention's dropout mask, eight
    // (sequence, head) pairs to a vector (`attentionForward`; the mask is drawn in that layout); the heads'
    // concatenated output; the other two dropout masks, both LayerNorms' x̂ and 1/σ, the first LayerNorm's output
    // y₁ and the feed-forward's (ReLU, dropout) output.
    let attended: [Buffer]
    let laneHeads: [UnsafeMutablePointer<Lanes>], probabilities: [UnsafeMutablePointer<Lanes>]
    let laneMask: [UnsafeMutablePointer<Lanes>]
    let mask1: [Buffer], hat1: [Buffer], inverse1: [Buffer], normed1: [Buffer]
    let feedActive: [Buffer]
    let mask2: [Buffer], hat2: [Buffer], inverse2: [Buffer]
    /// Mean over each sequence's tokens of the encoder's output (sequences × d).
    let pooled: Buffer
    // Heads (sequences × bins each): LayerNorm's x̂, 1/σ, ReLU output and the logits z, per head.
    let meanHat: Buffer, meanInverse: Buffer, meanActive: Buffer, meanLogits: Buffer
    let spreadHat: Buffer, spreadInverse: Buffer, spreadActive: Buffer, spreadLogits: Buffer
    /// The outputs: μ = softmax(z_μ) and σ_μ = softplus(z_σ), sequences × bins.
    let mean: Buffer, spread: Buffer

    // Backward scratch.
    let dMean: Buffer, dSpread: Buffer, dHead: Buffer, dPooled: Buffer
    let dA: Buffer, dB: Buffer, scratch: Buffer, dFeed: Buffer, dAttended: Buffer, dqkv: Buffer
    let attention: AttentionScratch

    init(shape: TransformerShape, sequences: Int) {
        precondition(sequences >= 1)
        self.sequences = sequences
        let n = sequences * shape.context, d = shape.model, b = shape.bins, ff = shape.feedForward
        tokens = n
        let attentionShape = AttentionShape(sequences: sequences, length: shape.context, heads: shape.heads,
                                            headWidth: shape.headWidth)
        var owned: [UnsafeMutableRawPointer] = []
        func make<T>(_ count: Int, _ zero: T) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
            p.initialize(repeating: zero, count: max(count, 1))
            owned.append(UnsafeMutableRawPointer(p))
            return p
        }
        func make(_ count: Int) -> Buffer { make(count, Float(0)) }
        func perLayer(_ count: Int) -> [Buffer] { (0..<shape.layers).map { _ in make(count) } }
        func laneLayers(_ count: Int) -> [UnsafeMutablePointer<Lanes>] {
            (0..<shape.layers).map { _ in make(count, Lanes()) }
        }
        x = make(n * b); t = make(n)
        xRows = DistinctRows(capacity: n); tRows = DistinctRows(capacity: n)
        xUnique = make(n * b); tUnique = make(n)
        xHat = make(n * d); xInverse = make(n); xActive = make(n * d)
        tHat = make(n * d); tInverse = make(n); tActive = make(n * d)
        branches = make(2 * n * d); dBranches = make(2 * n * d); branchProjection = make(2 * n * 3 * d)
        layerInput = (0...shape.layers).map { _ in make(n * d) }
        qkv = make(n * 3 * d); feedMask = make(n * ff)
        laneHeads = laneLayers(attentionShape.groups * attentionShape.laneHeadCount)
        probabilities = laneLayers(attentionShape.laneProbabilityCount)
        laneMask = laneLayers(attentionShape.laneProbabilityCount)
        attended = perLayer(n * d)
        mask1 = perLayer(n * d); hat1 = perLayer(n * d); inverse1 = perLayer(n); normed1 = perLayer(n * d)
        feedActive = perLayer(n * ff)
        mask2 = perLayer(n * d); hat2 = perLayer(n * d); inverse2 = perLayer(n)
        pooled = make(sequences * d)
        meanHat = make(sequences * b); meanInverse = make(sequences); meanActive = make(sequences * b)
        meanLogits = make(sequences * b)
        spreadHat = make(sequences * b); spreadInverse = make(sequences); spreadActive = make(sequences * b)
        spreadLogits = make(sequences * b)
        mean = make(sequences * b); spread = make(sequences * b)
        dMean = make(sequences * b); dSpread = make(sequences * b); dHead = make(sequences * b)
        dPooled = make(sequences * d)
        dA = make(n * d); dB = make(n * d); scratch = make(n * max(d, ff, b)); dFeed = make(n * ff)
        dAttended = make(n * d); dqkv = make(n * 3 * d)
        attention = AttentionScratch(length: shape.context, headWidth: shape.headWidth)
        self.owned = owned
    }

    deinit {
        for p in owned { p.deallocate() }
    }
}
