/// Four lanes of a `SIMD16<Double>`, one AVX2 register.
typealias Q = SIMD4<Double>

/// One quarter (four lanes) of a layer's sums for the four points of a block, one register per point. Rows of
/// 16 doubles (a point's activation, or its ∂L/∂pre-activation) lie 128 bytes apart, the points of a block in
/// consecutive rows; lane i of a row is read as a scalar (a broadcast load).
struct Four {
    var p0, p1, p2, p3: Q

    @inline(__always)
    init(_ v: Q) { p0 = v; p1 = v; p2 = v; p3 = v }

    /// a_p[lane] · w for the four rows at `rows` (a plain product, as the first odd term of `forward`).
    @inline(__always)
    init(products rows: UnsafeRawPointer, lane: Int, _ w: Q) {
        p0 = rows.load(fromByteOffset: lane &* 8, as: Double.self) * w
        p1 = rows.load(fromByteOffset: 128 &+ lane &* 8, as: Double.self) * w
        p2 = rows.load(fromByteOffset: 256 &+ lane &* 8, as: Double.self) * w
        p3 = rows.load(fromByteOffset: 384 &+ lane &* 8, as: Double.self) * w
    }

    /// The quarter at `rows` of four consecutive rows.
    @inline(__always)
    init(loading rows: UnsafeRawPointer) {
        p0 = rows.loadUnaligned(as: Q.self)
        p1 = rows.loadUnaligned(fromByteOffset: 128, as: Q.self)
        p2 = rows.loadUnaligned(fromByteOffset: 256, as: Q.self)
        p3 = rows.loadUnaligned(fromByteOffset: 384, as: Q.self)
    }

    /// p ← p + a_p[lane] · w for the four rows at `rows`.
    @inline(__always)
    mutating func accumulate(_ rows: UnsafeRawPointer, lane: Int, _ w: Q) {
        p0.accumulate(rows.load(fromByteOffset: lane &* 8, as: Double.self), w)
        p1.accumulate(rows.load(fromByteOffset: 128 &+ lane &* 8, as: Double.self), w)
        p2.accumulate(rows.load(fromByteOffset: 256 &+ lane &* 8, as: Double.self), w)
        p3.accumulate(rows.load(fromByteOffset: 384 &+ lane &* 8, as: Double.self), w)
    }

    /// The rest of a 16-lane dot product once lanes 0 and 1 started the pair: even ← even + a[i]·row(i) for
    /// i = 2, 4, …, 14 and odd ← odd + a[i]·row(i) for i = 3, 5, …, 15, in that order (the order of `forward`'s
    /// even/odd accumulators, so the same bits). The forward kernel (rows of the transposed weights over a
    /// layer's inputs) and the backward kernel (rows of the weights over its outputs) share it.
    @inline(__always)
    static func accumulateLanes2to15(_ even: inout Four, _ odd: inout Four, _ rows: UnsafeRawPointer,
                                     _ row: (Int) -> Q) {
        var i = 2
        while i < 16 {
            even.accumulate(rows, lane: i, row(i)); odd.accumulate(rows, lane: i &+ 1, row(i &+ 1))
            i &+= 2
        }
    }

    /// p ← p + x_p[lane] · w for four input windows.
    @inline(__always)
    mutating func accumulate(_ x: (UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>,
                                   UnsafePointer<Double>), lane: Int, _ w: Q) {
        p0.accumulate(x.0[lane], w); p1.accumulate(x.1[lane], w); p2.accumulate(x.2[lane], w); p3.accumulate(x.3[lane], w)
    }

    @inline(__always)
    static func + (a: Four, b: Four) -> Four {
        var r = a
        r.p0 += b.p0; r.p1 += b.p1; r.p2 += b.p2; r.p3 += b.p3
        return r
    }

    /// LeakyReLU(0.01), lane by lane.
    @inline(__always)
    func leaky() -> Four { masked(by: self) }

    /// self where h ≥ 0, 0.01·self where h < 0 (LeakyReLU's derivative applied to a gradient, h the pre-activation).
    @inline(__always)
    func masked(by h: Four) -> Four {
        var r = self
        r.p0 = p0.replacing(with: p0 * 0.01, where: h.p0 .< 0)
        r.p1 = p1.replacing(with: p1 * 0.01, where: h.p1 .< 0)
        r.p2 = p2.replacing(with: p2 * 0.01, where: h.p2 .< 0)
        r.p3 = p3.replacing(with: p3 * 0.01, where: h.p3 .< 0)
        return r
    }

    /// Writes the quarter at `rows` of four consecutive rows.
    @inline(__always)
    func store(_ rows: UnsafeMutableRawPointer) {
        rows.storeBytes(of: p0, as: Q.self)
        rows.storeBytes(of: p1, toByteOffset: 128, as: Q.self)
        rows.storeBytes(of: p2, toByteOffset: 256, as: Q.self)
        rows.storeBytes(of: p3, toByteOffset: 384, as: Q.self)
    }
}
