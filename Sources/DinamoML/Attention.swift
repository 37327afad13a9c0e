// Multi-head self-attention (PyTorch's `MultiheadAttention` inside `TransformerEncoderLayer`, no mask), forward
// and backward, for `sequences` sequences of `length` tokens at once. The packed projection Q|K|V (N × 3d, per
// token q, then k, then v, each d = heads × headWidth wide) is made by the caller's `gemm`; here are the
// per-head products, each a small `gemm` on strided views of that buffer.

/// The sizes of one attention call and its scratch.
struct AttentionShape {
    let sequences: Int
    let length: Int
    let heads: Int
    let headWidth: Int
    var model: Int { heads * headWidth }
    /// Floats of one head's probability matrix, length².
    var square: Int { length * length }
    /// Floats of every head's probability matrices, sequences × heads × length².
    var probabilityCount: Int { sequences * heads * square }
}

/// Forward: for each sequence s and head h, S = (Q_h K_hᵀ)/√headWidth, P = softmax over each row of S,
/// P̃ = P ⊙ mask (dropout on the attention weights, training only; `mask` nil means P̃ = P), O_h = P̃ V_h written
/// into `out` (N × d, head h in columns h·headWidth…). Keeps P in `probabilities` and P̃ in `dropped` (the same
/// buffer may be passed for both when there is no mask). `keysT` is scratch of headWidth × length floats.
func attentionForward(_ shape: AttentionShape, qkv: UnsafePointer<Float>,
                      probabilities: UnsafeMutablePointer<Float>, dropped: UnsafeMutablePointer<Float>,
                      mask: UnsafePointer<Float>?, keysT: UnsafeMutablePointer<Float>,
                      out: UnsafeMutablePointer<Float>) {
    let (n, hw, d) = (shape.length, shape.headWidth, shape.model)
    let scale = 1 / Float(hw).squareRoot()
    let stride = 3 &* d
    for s in 0..<shape.sequences {
        let tokens = qkv + s &* n &* stride
        for h in 0..<shape.heads {
            let q = tokens + h &* hw, k = q + d, v = q + 2 &* d
            let at = (s &* shape.heads &+ h) &* shape.square
            let p = probabilities + at
            for j in 0..<n { for c in 0..<hw { keysT[c &* n &+ j] = k[j &* stride &+ c] } }
            gemm(m: n, n: n, k: hw, a: StridedMatrix(q, rowStride: stride, columnStride: 1), b: keysT, ldb: n,
                 c: p, ldc: n, accumulate: false)
            // Row softmax of the scaled scores: shift each row by its maximum, one vector exp over the square,
            // then normalise each row.
            for i in 0..<n {
                let row = p + i &* n
                var top = -Float.infinity
                for j in 0..<n { row[j] *= scale; top = max(top, row[j]) }
                for j in 0..<n { row[j] -= top }
            }
            expInPlace(p, count: shape.square)
            for i in 0..<n {
                let row = p + i &* n
                let inv = 1 / rowSum(row, count: n)
                for j in 0..<n { row[j] *= inv }
            }
            var weights = UnsafePointer(p)
            if let mask {
                let pd = dropped + at, mk = mask + at
                for e in 0..<shape.square { pd[e] = p[e] * mk[e] }
                weights = UnsafePointer(pd)
            }
            gemm(m: n, n: hw, k: n, a: StridedMatrix(weights, columns: n), b: v, ldb: stride,
                 c: out + (s &* n &* d &+ h &* hw), ldc: d, accumulate: false)
        }
    }
}

/// Backward, given ∂L/∂O in `dOut` (N × d): for each sequence and head,
/// ∂P̃ = ∂O V_hᵀ, ∂V_h = P̃ᵀ ∂O, ∂P = ∂P̃ ⊙ mask, ∂S = P ⊙ (∂P − rowsum(∂P ⊙ P)) / √headWidth,
/// ∂Q_h = ∂S K_h, ∂K_h = ∂Sᵀ Q_h — written into `dqkv` (N × 3d, overwritten). `valuesT` is scratch of
/// headWidth × length floats, `dP` of length².
func attentionBackward(_ shape: AttentionShape, qkv: UnsafePointer<Float>, probabilities: UnsafePointer<Float>,
                       dropped: UnsafePointer<Float>, mask: UnsafePointer<Float>?, dOut: UnsafePointer<Float>,
                       valuesT: UnsafeMutablePointer<Float>, dP: UnsafeMutablePointer<Float>,
                       dqkv: UnsafeMutablePointer<Float>) {
    let (n, hw, d) = (shape.length, shape.headWidth, shape.model)
    let scale = 1 / Float(hw).squareRoot()
    let stride = 3 &* d
    for s in 0..<shape.sequences {
        let tokens = qkv + s &* n &* stride, dTokens = dqkv + s &* n &* stride
        for h in 0..<shape.heads {
            let q = tokens + h &* hw, k = q + d, v = q + 2 &* d
            let dq = dTokens + h &* hw, dk = dq + d, dv = dq + 2 &* d
            let at = (s &* shape.heads &+ h) &* shape.square
            let p = probabilities + at, weights = mask == nil ? p : dropped + at
            let dO = dOut + (s &* n &* d &+ h &* hw)
            for j in 0..<n { for c in 0..<hw { valuesT[c &* n &+ j] = v[j &* stride &+ c] } }
            gemm(m: n, n: n, k: hw, a: StridedMatrix(dO, rowStride: d, columnStride: 1), b: valuesT, ldb: n,
                 c: dP, ldc: n, accumulate: false)
            gemm(m: n, n: hw, k: n, a: .transposed(weights, columns: n), b: dO, ldb: d, c: dv, ldc: stride,
                 accumulate: false)
            if let mask {
                let mk = mask + at
                for e in 0..<shape.square { dP[e] *= mk[e] }
            }
            for i in 0..<n {
                let row = dP + i &* n, pr = p + i &* n
                let dot = rowDot(row, pr, count: n)
                for j in 0..<n { row[j] = pr[j] * (row[j] - dot) * scale }
            }
            gemm(m: n, n: hw, k: n, a: StridedMatrix(dP, columns: n), b: k, ldb: stride, c: dq, ldc: stride,
                 accumulate: false)
            gemm(m: n, n: hw, k: n, a: .transposed(dP, columns: n), b: q, ldb: stride, c: dk, ldc: stride,
                 accumulate: false)
        }
    }
}
