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

/// Writes the transpose of the 8 × 8 block at `source` (rows `sourceStride` floats apart) to `target` (rows
/// `targetStride` apart): eight vector loads, each output row gathered from the eight vectors, eight vector stores.
@inline(__always)
func transposeTile(from source: UnsafePointer<Float>, rowStride sourceStride: Int,
                   to target: UnsafeMutablePointer<Float>, rowStride targetStride: Int) {
    typealias V = SIMD8<Float>
    let raw = UnsafeRawPointer(source), step = sourceStride &* 4
    let r0 = raw.loadUnaligned(as: V.self), r1 = (raw + step).loadUnaligned(as: V.self)
    let r2 = (raw + 2 &* step).loadUnaligned(as: V.self), r3 = (raw + 3 &* step).loadUnaligned(as: V.self)
    let r4 = (raw + 4 &* step).loadUnaligned(as: V.self), r5 = (raw + 5 &* step).loadUnaligned(as: V.self)
    let r6 = (raw + 6 &* step).loadUnaligned(as: V.self), r7 = (raw + 7 &* step).loadUnaligned(as: V.self)
    let out = UnsafeMutableRawPointer(target), outStep = targetStride &* 4
    for j in 0..<8 {
        (out + j &* outStep).storeBytes(of: V(r0[j], r1[j], r2[j], r3[j], r4[j], r5[j], r6[j], r7[j]), as: V.self)
    }
}
