import Core

/// Fills `count` dropout multipliers: 0 with probability p, else 1/(1 − p) (inverted dropout, as PyTorch's
/// `nn.Dropout` in training mode), so that x ⊙ mask has the expectation of x.
///
/// Each 64-bit draw of the seeded generator decides four elements, 16 bits each: an element is dropped when its
/// 16 bits are below round(p · 2¹⁶), so the probability is p to within 2⁻¹⁷ (0.15 → 0.149994). Four draws per
/// generator call keep the masks of a training step (≈ 0.19 M elements at the published shape) cheap.
func fillDropoutMask(_ mask: UnsafeMutablePointer<Float>, count: Int, probability p: Float,
                     generator: inout SeededGenerator) {
    let threshold = SIMD4<UInt32>(repeating: UInt32((Double(p) * 65536).rounded()))
    let keep = SIMD4<Float>(repeating: 1 / (1 - p))
    var i = 0
    while i < count {
        let w = generator.next()
        let lanes = SIMD4<UInt32>(UInt32(truncatingIfNeeded: w), UInt32(truncatingIfNeeded: w >> 16),
                                  UInt32(truncatingIfNeeded: w >> 32), UInt32(truncatingIfNeeded: w >> 48)) & 0xFFFF
        let four = keep.replacing(with: 0, where: lanes .< threshold)
        if i + 4 <= count {
            UnsafeMutableRawPointer(mask + i).storeBytes(of: four, as: SIMD4<Float>.self)
        } else {
            for j in 0..<(count - i) { mask[i + j] = four[j] }
        }
        i += 4
    }
}
