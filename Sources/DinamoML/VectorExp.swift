/// e^x for every element of a buffer, eight lanes at a time (Cephes' `expf` in SIMD): with n = x·log₂e rounded to the nearest integer
/// and r = x − n·ln 2 (ln 2 in two parts, so r is exact), |r| ≤ ½ ln 2 and
///
///     e^x = 2ⁿ · (1 + r + r² P(r)),   P a degree-5 polynomial (relative error ≈ 1 ulp),
///
/// 2ⁿ built from its exponent bits. Inputs are clamped to [−87.3, 88.3] (the normal range of Float). The softmaxes
/// of the attention and of the μ head go through here: the C library's scalar `expf` was the largest cost of the
/// forward pass outside the matrix products. A tail shorter than eight lanes is computed in a padded vector, so
/// every element gets the same arithmetic.
func expInPlace(_ p: UnsafeMutablePointer<Float>, count: Int) {
    typealias V = Lanes
    var i = 0
    let raw = UnsafeMutableRawPointer(p)
    while i + 8 <= count {
        let at = raw + i * 4
        at.storeBytes(of: exp8(at.loadUnaligned(as: V.self)), as: V.self)
        i += 8
    }
    if i < count {
        var tail = V()
        for j in 0..<(count - i) { tail[j] = p[i + j] }
        let e = exp8(tail)
        for j in 0..<(count - i) { p[i + j] = e[j] }
    }
}

/// e^x lane by lane, the arithmetic of `expInPlace`.
@inline(__always)
func exp8(_ x0: Lanes) -> Lanes {
    typealias V = Lanes
    let magic = V(repeating: 12_582_912)
    let x = x0.atLeast(V(repeating: -87.3)).atMost(V(repeating: 88.3))
    // n = x·log₂e rounded to the nearest integer by the 1.5·2²³ trick: adding it leaves n in the low
    // mantissa bits, subtracting it gives n as a float.
    let shifted = x * 1.442_695_04 + magic
    let n = shifted - magic
    var r = x - n * 0.693_359_375
    r = r + n * 2.121_944_4e-4
    let r2 = r * r
    var q = V(repeating: 1.987_569_15e-4)
    q = q * r + 1.398_199_950_7e-3
    q = q * r + 8.333_451_907_3e-3
    q = q * r + 4.166_579_589_4e-2
    q = q * r + 1.666_666_545_9e-1
    q = q * r + 5.000_000_120_1e-1
    let e = q * r2 + r + 1
    let integer = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- unsafeBitCast(magic, to: SIMD8<Int32>.self)
    let bits = (integer &+ 127) &<< 23
    return e * unsafeBitCast(bits, to: V.self)
}
