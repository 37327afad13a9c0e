// Small row-wise helpers of the passes: column sums, masks, tile transposes.

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
/// `targetStride` apart): eight vector loads, the transpose in registers (`transposed`), eight vector stores.
@inline(__always)
func transposeTile(from source: UnsafePointer<Float>, rowStride sourceStride: Int,
                   to target: UnsafeMutablePointer<Float>, rowStride targetStride: Int) {
    let raw = UnsafeRawPointer(source), step = sourceStride &* 4
    @inline(__always) func row(_ r: Int) -> Lanes { (raw + r &* step).loadUnaligned(as: Lanes.self) }
    let t = transposed((row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7)))
    let out = UnsafeMutableRawPointer(target), outStep = targetStride &* 4
    @inline(__always) func store(_ v: Lanes, _ r: Int) { (out + r &* outStep).storeBytes(of: v, as: Lanes.self) }
    store(t.0, 0); store(t.1, 1); store(t.2, 2); store(t.3, 3)
    store(t.4, 4); store(t.5, 5); store(t.6, 6); store(t.7, 7)
}
