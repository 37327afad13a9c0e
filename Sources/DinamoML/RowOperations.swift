// Small row-wise helpers of the passes: bias rows, column sums, masks.

/// Writes `bias` (width values) into each of `rows` rows, so that a following `gemm(accumulate: true)` yields
/// bias + X·Wᵀ.
func fillRows(_ c: UnsafeMutablePointer<Float>, rows: Int, width: Int, bias: UnsafePointer<Float>) {
    for r in 0..<rows { (c + r &* width).update(from: bias, count: width) }
}

/// out[j] = Σ_r m[r, j] (a bias gradient: the column sums of ∂L/∂y), overwriting `out`.
func columnSums(_ m: UnsafePointer<Float>, rows: Int, width: Int, into out: UnsafeMutablePointer<Float>) {
    out.update(repeating: 0, count: width)
    for r in 0..<rows {
        let row = m + r &* width
        for j in 0..<width { out[j] += row[j] }
    }
}

/// x ← x ⊙ mask where `reference` > 0 (the ReLU derivative, read from the ReLU's output or its input).
func maskByPositive(_ x: UnsafeMutablePointer<Float>, _ reference: UnsafePointer<Float>, count: Int) {
    for i in 0..<count where !(reference[i] > 0) { x[i] = 0 }
}
