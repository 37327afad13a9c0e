// Sums and dot products over a row, eight lanes at a time: the reductions of LayerNorm and the softmaxes.

/// Eight floats, the vector every row helper works in (one AVX2 register).
typealias Lanes = SIMD8<Float>

/// The `count − i` (< 8) floats left at `p + i`, in the first lanes of a vector padded with `padding`.
@inline(__always)
func tailLanes(_ p: UnsafePointer<Float>, from i: Int, count: Int, padding: Float = 0) -> Lanes {
    var v = Lanes(repeating: padding)
    for j in 0..<(count &- i) { v[j] = p[i &+ j] }
    return v
}

/// Σ p[i]: lane j sums the elements j, j + 8, …; the tail is added lane by lane; then the lanes are added.
/// The order is fixed by `count` alone, so the same row gives the same bits.
@inline(__always)
func rowSum(_ p: UnsafePointer<Float>, count: Int) -> Float {
    var s = Lanes(), i = 0
    while i &+ 8 <= count { s += UnsafeRawPointer(p + i).loadUnaligned(as: Lanes.self); i &+= 8 }
    if i < count { s += tailLanes(p, from: i, count: count) }
    return s.sum()
}

/// Σ a[i]·b[i], in the lane order of `rowSum`.
@inline(__always)
func rowDot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
    var s = Lanes(), i = 0
    while i &+ 8 <= count {
        s.accumulate(UnsafeRawPointer(a + i).loadUnaligned(as: Lanes.self),
                     UnsafeRawPointer(b + i).loadUnaligned(as: Lanes.self))
        i &+= 8
    }
    if i < count { s.accumulate(tailLanes(a, from: i, count: count), tailLanes(b, from: i, count: count)) }
    return s.sum()
}

/// max p[i] (−∞ for an empty row).
@inline(__always)
func rowMax(_ p: UnsafePointer<Float>, count: Int) -> Float {
    var s = Lanes(repeating: -.infinity), i = 0
    while i &+ 8 <= count { s = s.atLeast(UnsafeRawPointer(p + i).loadUnaligned(as: Lanes.self)); i &+= 8 }
    if i < count { s = s.atLeast(tailLanes(p, from: i, count: count, padding: -.infinity)) }
    var top = s[0]
    for j in 1..<8 where s[j] > top { top = s[j] }
    return top
}

extension SIMD8 where Scalar == Float {
    /// The lane-wise maximum of self and `other`, a NaN lane of self staying NaN. Written lane by lane, which the
    /// compiler turns into one vector maximum; the standard library's `pointwiseMax` stayed a call per vector,
    /// and a comparison mask (`.<`, `replacing(with:where:)`) was taken apart lane by lane.
    @inline(__always)
    func atLeast(_ other: Self) -> Self {
        var r = self
        for i in 0..<8 { r[i] = self[i] < other[i] ? other[i] : self[i] }
        return r
    }

    /// The lane-wise minimum of self and `other`, a NaN lane of self staying NaN.
    @inline(__always)
    func atMost(_ other: Self) -> Self {
        var r = self
        for i in 0..<8 { r[i] = self[i] > other[i] ? other[i] : self[i] }
        return r
    }
}
