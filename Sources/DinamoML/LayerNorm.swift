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
        let mean = rowSum(row, count: width) * inverseWidth
        // Σ (x − μ)², eight lanes at a time (the tail padded with μ, so its extra lanes add 0).
        var squares = Lanes(), i = 0
        while i &+ 8 <= width {
            let c = UnsafeRawPointer(row + i).loadUnaligned(as: Lanes.self) - mean
            squares.accumulate(c, c)
            i &+= 8
        }
        if i < width { let c = tailLanes(row, from: i, count: width, padding: mean) - mean; squares.accumulate(c, c) }
        let inv = 1 / (squares.sum() * inverseWidth + layerNormEpsilon).squareRoot()
        inverseDeviation[r] = inv
        i = 0
        while i &+ 8 <= width {
            let h = (UnsafeRawPointer(row + i).loadUnaligned(as: Lanes.self) - mean) * inv
            UnsafeMutableRawPointer(hat + i).storeBytes(of: h, as: Lanes.self)
            let v = UnsafeRawPointer(gain + i).loadUnaligned(as: Lanes.self) * h
                + UnsafeRawPointer(shift + i).loadUnaligned(as: Lanes.self)
            UnsafeMutableRawPointer(out + i).storeBytes(of: relu ? v.atLeast(Lanes()) : v, as: Lanes.self)
            i &+= 8
        }
        while i < width {
            let h = (row[i] - mean) * inv
            hat[i] = h
            let v = gain[i] * h + shift[i]
            out[i] = relu ? max(v, 0) : v
            i &+= 1
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
    @inline(__always) func load(_ p: UnsafePointer<Float>, _ i: Int) -> Lanes {
        UnsafeRawPointer(p + i).loadUnaligned(as: Lanes.self)
    }
    @inline(__always) func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: Lanes.self)
    }
    for r in 0..<rows {
        let g = dy + r &* width, hat = normalised + r &* width, out = dx + r &* width
        // Σ g⊙γ and Σ g⊙γ⊙x̂ in lanes; the parameter gradients element by element.
        var sumG = Lanes(), sumGH = Lanes(), i = 0
        while i &+ 8 <= width {
            let gv = load(g, i), hv = load(hat, i), gi = gv * load(gain, i)
            store(load(dGain, i) + gv * hv, dGain, i)
            store(load(dShift, i) + gv, dShift, i)
            sumG += gi
            sumGH.accumulate(gi, hv)
            i &+= 8
        }
        if i < width {
            let gv = tailLanes(g, from: i, count: width), hv = tailLanes(hat, from: i, count: width)
            let gi = gv * tailLanes(gain, from: i, count: width)
            for j in 0..<(width &- i) { dGain[i &+ j] += gv[j] * hv[j]; dShift[i &+ j] += gv[j] }
            sumG += gi
            sumGH.accumulate(gi, hv)
        }
        let meanG = sumG.sum() * inverseWidth, meanGH = sumGH.sum() * inverseWidth
        let inv = inverseDeviation[r]
        i = 0
        while i &+ 8 <= width {
            store(inv * (load(g, i) * load(gain, i) - meanG - load(hat, i) * meanGH), out, i)
            i &+= 8
        }
        while i < width {
            out[i] = inv * (g[i] * gain[i] - meanG - hat[i] * meanGH)
            i &+= 1
        }
    }
}
