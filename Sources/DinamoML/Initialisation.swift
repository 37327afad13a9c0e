import Core

/// PyTorch's default initialisation of `TransformerEncoderDML`, drawn from our seeded generator:
///
/// - every `Linear(fan_in → ·)`: weight from kaiming_uniform(a = √5), whose bound is gain·√(3/fan_in) with
///   gain = √(2/(1 + a²)) = √(1/3), i.e. U(−1/√fan_in, 1/√fan_in); bias U(−1/√fan_in, 1/√fan_in);
/// - every `LayerNorm`: γ = 1, β = 0;
/// - `MultiheadAttention`: in_proj weight xavier_uniform, U(±√(6/(fan_in + fan_out))) = U(±√(6/(d + 3d))),
///   in_proj bias 0 and out_proj bias 0 (its weight keeps the Linear default);
/// - `TransformerEncoder` deep-copies one layer `layers` times, so **all encoder layers start equal**: one layer
///   is drawn and copied.
///
/// Draws go tensor by tensor in construction order (x_emb, t_emb, one encoder layer, μ_out, σ_out), each value
/// U(−b, b) in double precision, rounded to Float.
public func initialParameters(_ layout: ParameterLayout, generator: inout SeededGenerator) -> [Float] {
    var p = [Float](repeating: 0, count: layout.count)
    func uniform(_ offset: Int, _ count: Int, bound: Double) {
        for i in 0..<count { p[offset + i] = Float(generator.uniform(-bound, bound)) }
    }
    func linear(_ s: LinearSlot) {
        let bound = 1 / Double(s.inputs).squareRoot()
        uniform(s.weight, s.inputs * s.outputs, bound: bound)
        uniform(s.bias, s.outputs, bound: bound)
    }
    func norm(_ s: NormSlot) {
        for i in 0..<s.width { p[s.gain + i] = 1; p[s.shift + i] = 0 }
    }
    func stack(_ s: StackSlots) { linear(s.first); norm(s.norm); linear(s.second) }

    stack(layout.xEmbedding)
    stack(layout.tEmbedding)
    let first = layout.encoder[0], d = layout.shape.model
    uniform(first.inProjection.weight, 3 * d * d, bound: (6.0 / Double(d + 3 * d)).squareRoot())
    uniform(first.outProjection.weight, d * d, bound: 1 / Double(d).squareRoot())
    linear(first.feedForward1)
    linear(first.feedForward2)
    norm(first.norm1)
    norm(first.norm2)
    // Biases of in_proj and out_proj stay 0. The other layers are copies of the first (contiguous per layer).
    let layerStart = first.inProjection.weight
    let layerSize = (layout.encoder.count > 1 ? layout.encoder[1].inProjection.weight : layout.meanHead.first.weight)
        - layerStart
    for l in 1..<max(layout.encoder.count, 1) {
        let start = layout.encoder[l].inProjection.weight
        for i in 0..<layerSize { p[start + i] = p[layerStart + i] }
    }
    stack(layout.meanHead)
    stack(layout.spreadHead)
    return p
}
