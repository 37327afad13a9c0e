/// Where a `Linear(inputs → outputs)` keeps its weight (outputs × inputs, row-major as PyTorch stores it) and
/// bias in the flat parameter vector, and its transposed copy (inputs × outputs) in the forward-pass mirror.
struct LinearSlot: Sendable {
    let weight: Int
    let bias: Int
    let inputs: Int
    let outputs: Int
    /// Offset of Wᵀ in `Transformer`'s mirror of transposed weights.
    let mirror: Int
}

/// Where a `LayerNorm(width)` keeps its gain γ and shift β.
struct NormSlot: Sendable {
    let gain: Int
    let shift: Int
    let width: Int
}

/// `Linear(a → b) · LayerNorm(b) · ReLU · Linear(b → b)`: the shape of both embeddings and both heads.
struct StackSlots: Sendable {
    let first: LinearSlot
    let norm: NormSlot
    let second: LinearSlot
}

/// One post-norm encoder layer (PyTorch's `TransformerEncoderLayer`): self-attention's packed Q/K/V projection
/// (`in_proj`, 3d × d) and output projection, the feed-forward pair, and the two LayerNorms.
struct EncoderSlots: Sendable {
    let inProjection: LinearSlot
    let outProjection: LinearSlot
    let feedForward1: LinearSlot
    let feedForward2: LinearSlot
    let norm1: NormSlot
    let norm2: NormSlot
}

/// The flat layout of every parameter, in the order of PyTorch's `named_parameters()` for
/// `TransformerEncoderDML` (x_emb, t_emb, the encoder layers, μ_out, σ_out), so that a state dict maps onto it
/// tensor by tensor and the optimiser walks one contiguous vector. The published configuration has 254 700.
public struct ParameterLayout: Sendable {
    public let shape: TransformerShape
    let xEmbedding: StackSlots
    let tEmbedding: StackSlots
    let encoder: [EncoderSlots]
    let meanHead: StackSlots
    let spreadHead: StackSlots
    /// Number of parameters.
    public let count: Int
    /// Floats in the mirror of transposed weights.
    let mirrorCount: Int
    /// Each tensor's PyTorch name, its shape and its offset, in order.
    public let tensors: [(name: String, shape: [Int], offset: Int)]

    public init(shape: TransformerShape) {
        self.shape = shape
        var next = 0, mirrored = 0
        var tensors: [(String, [Int], Int)] = []
        func take(_ name: String, _ dims: [Int]) -> Int {
            defer { next += dims.reduce(1, *) }
            tensors.append((name, dims, next))
            return next
        }
        func linear(_ name: String, _ inputs: Int, _ outputs: Int) -> LinearSlot {
            let w = take(name + ".weight", [outputs, inputs]), b = take(name + ".bias", [outputs])
            defer { mirrored += inputs * outputs }
            return LinearSlot(weight: w, bias: b, inputs: inputs, outputs: outputs, mirror: mirrored)
        }
        func norm(_ name: String, _ width: Int) -> NormSlot {
            NormSlot(gain: take(name + ".weight", [width]), shift: take(name + ".bias", [width]), width: width)
        }
        func stack(_ name: String, _ inputs: Int, _ width: Int) -> StackSlots {
            StackSlots(first: linear(name + ".0", inputs, width), norm: norm(name + ".1", width),
                       second: linear(name + ".3", width, width))
        }
        let d = shape.model
        xEmbedding = stack("x_emb", shape.bins, d)
        tEmbedding = stack("t_emb", 1, d)
        encoder = (0..<shape.layers).map { l in
            let p = "transformer_encoder.layers.\(l)."
            // in_proj is stored as two tensors (weight, bias) named like MultiheadAttention's.
            let w = take(p + "self_attn.in_proj_weight", [3 * d, d]), b = take(p + "self_attn.in_proj_bias", [3 * d])
            let inProjection = LinearSlot(weight: w, bias: b, inputs: d, outputs: 3 * d, mirror: mirrored)
            mirrored += 3 * d * d
            return EncoderSlots(inProjection: inProjection, outProjection: linear(p + "self_attn.out_proj", d, d),
                                feedForward1: linear(p + "linear1", d, shape.feedForward),
                                feedForward2: linear(p + "linear2", shape.feedForward, d),
                                norm1: norm(p + "norm1", d), norm2: norm(p + "norm2", d))
        }
        meanHead = stack("μ_out", d, shape.bins)
        spreadHead = stack("σ_out", d, shape.bins)
        count = next
        mirrorCount = mirrored
        self.tensors = tensors
    }
}
