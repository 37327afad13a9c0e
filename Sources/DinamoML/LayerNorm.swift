// LayerNorm over the last dimension (PyTorch's `nn.LayerNorm`, ε = 1e-5), row by row, forward and backward.

/// PyTorch's default LayerNorm ε.
let layerNormEpsilon: Float = 1e-5

/// For each of `rows` rows of `width` values: μ = mean(x), σ² = mean((x − μ)²) (biased), r = 1/√(σ² + ε),
/// x̂ = (x − μ)·r, y = γ ⊙ x̂ + β. Keeps x̂ (`normalised`) and r (`inverseDeviation`) for the backward pass.
/// `y` may be `x`. With `relu`, writes max(y, 0) instead (LayerNorm · ReLU, as in the embeddings and heads).
func layerNormForward(rows: Int, width: Int, x: UnsafePointer<Float>, gain: UnsafePointer<Float>,
                      shift: UnsafePointer<Float>, normalised: UnsafeMutablePointer<Float>,
                      inverseDeviation: UnsafeMutablePointer<Float>, y: UnsafeMutablePointer<Float>, relu: Bool) {
    let inverseWidth = 1 / Float(width)
    for r in 0..<rows {
        let row = x + r &* width, hat = normalised + r &* width, out = y + r &* width
        var sum: Float = 0
        for i in 0..<width { sum += row[i] }
        let mean = sum * inverseWidth
        var squares: Float = 0
        for i in 0..<width { let c = row[i] - mean; squares += c * c }
        let inv = 1 / (squares * inverseWidth + layerNormEpsilon).squareRoot()
        inverseDeviation[r] = inv
        for i in 0..<width {
            let h = (row[i] - mean) * inv
            hat[i] = h
            let v = gain[i] * h + shift[i]
            out[i] = relu ? max(v, 0) : v
        }
    }
}

/// Backward of `layerNormForward` given ∂L/∂y in `dy` (already masked by the ReLU where there was one):
/// ∂L/∂γ += Σ_rows dy ⊙ x̂, ∂L/∂β += Σ_rows dy, and with g = dy ⊙ γ,
/// ∂L/∂x = r · (g − mean(g) − x̂ · mean(g ⊙ x̂)). `dx` may be `dy`.
func layerNormBackward(rows: Int, width: Int, dy: UnsafePointer<Float>, normalised: UnsafePointer<Float>,
                       inverseDeviation: UnsafePointer<Float>, gain: UnsafePointer<Float>,
                       dGain: UnsafeMutablePointer<Float>, dShift: UnsafeMutablePointer<Float>,
                       dx: UnsafeMutablePointer<Float>) {
    let inverseWidth = 1 / Float(width)
    for r in 0..<rows {
        let g = dy + r &* width, hat = normalised + r &* width, out = dx + r &* width
        var meanG: Float = 0, meanGH: Float = 0
        for i in 0..<width {
            dGain[i] += g[i] * hat[i]
            dShift[i] += g[i]
            let gi = g[i] * gain[i]
            meanG += gi
            meanGH += gi * hat[i]
        }
        meanG *= inverseWidth
        meanGH *= inverseWidth
        let inv = inverseDeviation[r]
        for i in 0..<width {
            out[i] = inv * (g[i] * gain[i] - meanG - hat[i] * meanGH)
        }
    }
}
