import Core

/// The random bits of the dropout masks: eight xoshiro128** generators side by side in the lanes of one vector
/// (Blackman and Vigna's 32-bit generator, state s₀…s₃ per lane):
///
///     out = rotl(s₁·5, 7)·9;   t = s₁ ≪ 9;   s₂ ^= s₀;  s₃ ^= s₁;  s₁ ^= s₂;  s₀ ^= s₃;  s₂ ^= t;  s₃ = rotl(s₃, 11)
///
/// One draw gives 8 × 32 random bits in a few vector instructions, where a draw of the 64-bit `SeededGenerator`
/// costs a call; the lanes are seeded from that generator, so a seed still fixes every mask.
public struct DropoutStream: Sendable, Equatable {
    typealias Word = SIMD8<UInt32>
    private var s0 = Word(), s1 = Word(), s2 = Word(), s3 = Word()

    /// Lanes seeded from `SeededGenerator(seed:)` (two 64-bit draws a lane; a lane never starts all zero).
    public init(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        for lane in 0..<8 {
            let a = g.next(), b = g.next()
            s0[lane] = UInt32(truncatingIfNeeded: a)
            s1[lane] = UInt32(truncatingIfNeeded: a >> 32)
            s2[lane] = UInt32(truncatingIfNeeded: b)
            s3[lane] = UInt32(truncatingIfNeeded: b >> 32)
            if a == 0 && b == 0 { s0[lane] = 1 }
        }
    }

    @inline(__always)
    private static func rotl(_ x: Word, _ k: UInt32) -> Word { (x &<< k) | (x &>> (32 &- k)) }

    /// The next 8 × 32 bits.
    @inline(__always)
    mutating func next() -> Word {
        let out = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 &<< 9
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 11)
        return out
    }
}

/// The kept elements' multiplier of inverted dropout, 1/(1 − p).
@inline(__always)
func dropoutScale(_ p: Float) -> Float { 1 / (1 - p) }

/// Fills `count` dropout multipliers: 0 with probability p, else 1/(1 − p) (inverted dropout, as PyTorch's
/// `nn.Dropout` in training mode), so that x ⊙ mask has the expectation of x.
///
/// Each draw of the stream decides sixteen elements, 16 bits each (the low halves of its eight lanes, then the high
/// halves): an element is dropped when its 16 bits are below round(p · 2¹⁶), so the probability is p to within
/// 2⁻¹⁷ (0.15 → 0.149994).
func fillDropoutMask(_ mask: UnsafeMutablePointer<Float>, count: Int, probability p: Float,
                     generator: inout DropoutStream) {
    typealias V = SIMD8<Float>
    let threshold = SIMD8<UInt32>(repeating: UInt32((Double(p) * 65536).rounded()))
    let keep = V(repeating: dropoutScale(p))
    var i = 0
    while i < count {
        let bits = generator.next()
        let low = keep.replacing(with: 0, where: (bits & 0xFFFF) .< threshold)
        let high = keep.replacing(with: 0, where: (bits &>> 16) .< threshold)
        if i &+ 16 <= count {
            let raw = UnsafeMutableRawPointer(mask + i)
            raw.storeBytes(of: low, as: V.self)
            raw.storeBytes(of: high, toByteOffset: 32, as: V.self)
        } else {
            for j in 0..<min(8, count &- i) { mask[i &+ j] = low[j] }
            for j in 0..<max(0, count &- i &- 8) { mask[i &+ 8 &+ j] = high[j] }
        }
        i &+= 16
    }
}
