/// The Adler-32 checksum of RFC 1950 §8.2, which ends every zlib stream (so every PNG's IDAT data).
///
/// Over bytes x₀ … xₙ₋₁ it keeps two sums modulo 65521 (the largest prime below 2¹⁶):
/// A = 1 + Σ xᵢ, and B = Σ Aᵢ, the sum of the running A after each byte; the checksum is B·65536 + A.
/// Continuing from (A₀, B₀) over n bytes gives A = A₀ + Σ xᵢ and B = B₀ + n·A₀ + Σ (n − i)·xᵢ.
///
/// zlib 1.2.13 computes it a byte at a time, a visible share of a PNG render (measured: docs/performance.md);
/// here 16 bytes go at once: lane j of `sums` adds up x_{16c+j} over the 16-byte blocks c, and lane j of
/// `prefixSums` adds, before each block, what `sums` held — Σ over c of (C − 1 − c)·x_{16c+j} after C blocks.
/// Then n − i = 16(C − 1 − c) + 16 − j gives B = B₀ + n·A₀ + 16·Σ prefixSums + 16·Σ sums − Σ j·sums[j].
/// At most 347 blocks (5552 bytes, zlib's NMAX) go between reductions, so no lane passes 2³².
enum Adler32 {
    static let modulus: UInt64 = 65521
    /// The checksum of no bytes; the start of every stream.
    static let initial: UInt32 = 1
    /// Blocks of 16 bytes between reductions modulo 65521: 347 · 16 = 5552.
    private static let blocksPerRound = 347

    /// Continues `checksum` over `count` bytes at `bytes`.
    static func update(_ checksum: UInt32, _ bytes: UnsafeRawPointer, count: Int) -> UInt32 {
        var a = UInt64(checksum & 0xFFFF), b = UInt64(checksum >> 16)
        var p = bytes
        var remaining = count
        while remaining >= 16 {
            let blocks = min(remaining / 16, blocksPerRound)
            var sums = SIMD16<UInt32>(repeating: 0), prefixSums = SIMD16<UInt32>(repeating: 0)
            for c in 0..<blocks {
                prefixSums &+= sums
                sums &+= SIMD16<UInt32>(truncatingIfNeeded: p.loadUnaligned(fromByteOffset: 16 * c, as: SIMD16<UInt8>.self))
            }
            var sumA: UInt64 = 0, sumB: UInt64 = 0, weighted: UInt64 = 0
            for j in 0..<16 {
                sumA += UInt64(sums[j]); sumB += UInt64(prefixSums[j]); weighted += UInt64(j) * UInt64(sums[j])
            }
            let n = UInt64(16 * blocks)
            b = (b + n * a + 16 * sumB + 16 * sumA - weighted) % modulus
            a = (a + sumA) % modulus
            p += 16 * blocks
            remaining -= 16 * blocks
        }
        let tail = p.assumingMemoryBound(to: UInt8.self)
        for i in 0..<remaining {
            a += UInt64(tail[i])
            b += a
        }
        return UInt32(b % modulus) << 16 | UInt32(a % modulus)
    }
}
