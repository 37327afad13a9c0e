// The one matrix kernel of DinamoML: every linear layer (forward, input gradient, weight gradient) goes through
// `gemm`.

import Synchronization

extension SIMD where Scalar == Float {
    /// self ← self + a·w: one fused multiply-add when built with `-DFUSED_MULTIPLY_ADD` (the Makefile's release
    /// flags beside `-target-cpu haswell`), else a multiply, then an add — as MonteCarloEM's kernels do.
    @inline(__always)
    mutating func accumulate(_ a: Float, _ w: Self) { accumulate(Self(repeating: a), w) }

    /// self ← self + a ⊙ b, lane by lane, fused in the same builds.
    @inline(__always)
    mutating func accumulate(_ a: Self, _ b: Self) {
        #if FUSED_MULTIPLY_ADD
        self = addingProduct(a, b)
        #else
        self += a * b
        #endif
    }
}

/// A read-only matrix operand seen through strides: element (r, c) is `base[r·rowStride + c·columnStride]`.
/// A row-major matrix has `(rowStride: columns, columnStride: 1)`; its transpose, read in place, swaps them.
/// `gemm` reads floats; `laneProduct` reads lane vectors, eight problems' elements in one.
struct StridedMatrix<Element> {
    let base: UnsafePointer<Element>
    let rowStride: Int
    let columnStride: Int

    /// The matrix itself, row-major with `columns` per row.
    init(_ base: UnsafePointer<Element>, columns: Int) { self.init(base, rowStride: columns, columnStride: 1) }

    init(_ base: UnsafePointer<Element>, rowStride: Int, columnStride: Int) {
        self.base = base
        self.rowStride = rowStride
        self.columnStride = columnStride
    }

    /// The transpose of a row-major matrix with `columns` per row, read in place.
    static func transposed(_ base: UnsafePointer<Element>, columns: Int) -> StridedMatrix {
        StridedMatrix(base, rowStride: 1, columnStride: columns)
    }
}

/// Rows of A (and of C) computed together by the panel kernel: 6 for strips of 16 columns, 12 for the narrower
/// strips at the right edge.
let gemmRows = 6
let narrowGemmRows = 12

/// What a panel does with its sums when it stores them into C.
enum GemmStore {
    /// C ← A·B.
    case overwrite
    /// C ← C + A·B.
    case accumulate
    /// C ← bias + A·B, `bias` holding one value per column of C (a Linear's b).
    case bias(UnsafePointer<Float>)
}

/// C ← A·B (+ C or + bias, as `store` says): A is m × k (any strides), B is k × n row-major with `ldb` floats
/// between rows, C is m × n row-major with `ldc`.
///
/// Blocked as a register panel: 6 rows of C by one SIMD width of columns (16, then 8, 4, 2 for what is left, one
/// column at a time for the last odd one). For each k the panel loads one vector of B's row k, broadcasts the six
/// A(r, k) and does six multiply-adds into six accumulators; with 16 columns that is 12 AVX2 registers of
/// accumulators, enough independent chains to cover the fused multiply-add's latency on both FMA ports. The
/// narrower strips (a Linear of 100 outputs ends with 4 columns) take 12 rows at once, so that they too have 12
/// chains. A panel's strip of B (k × 16 floats) stays in L1 while the row panels run down it. Rows beyond m in
/// the last panel read A's last row again and are not stored, so every panel runs the same unrolled code.
///
/// Each C element is one chain of multiply-adds in k order, then added to C or the bias, so the result does not
/// depend on the panel a column or row falls into: the same inputs give the same bits.
func gemm(m: Int, n: Int, k: Int, a: StridedMatrix<Float>, b: UnsafePointer<Float>, ldb: Int,
          c: UnsafeMutablePointer<Float>, ldc: Int, store: GemmStore) {
    guard m > 0 && n > 0 else { return }
    if m &* k >= touchThreshold { touch(a.base, span: (m &- 1) &* a.rowStride &+ (k &- 1) &* a.columnStride &+ 1) }
    if k &* n >= touchThreshold { touch(b, span: (k &- 1) &* ldb &+ n) }
    var j = 0
    while j &+ 16 <= n { panels(SIMD16<Float>.self, 0..<m, j, k, a, b, ldb, c, ldc, store); j &+= 16 }
    if j &+ 8 <= n { narrowPanels(SIMD8<Float>.self, m, j, k, a, b, ldb, c, ldc, store); j &+= 8 }
    if j &+ 4 <= n { narrowPanels(SIMD4<Float>.self, m, j, k, a, b, ldb, c, ldc, store); j &+= 4 }
    if j &+ 2 <= n { narrowPanels(SIMD2<Float>.self, m, j, k, a, b, ldb, c, ldc, store); j &+= 2 }
    if j < n { singleColumn(m, j, k, a, b, ldb, c, ldc, store) }
}

/// Operands of at least this many elements are touched before the product (`touch`).
let touchThreshold = 4096

/// Where `touch` leaves its sum, so that its loads are not optimised away.
private let touchedSum = Atomic<UInt32>(0)

/// Reads one float of every cache line of `p[0 ..< span]`, in order, before a product reads them in its own
/// pattern. A weight read in strips of 16 columns down its rows, or the activations of the forward pass read again
/// by the backward pass, are often no longer in this core's caches; one sequential pass lets the hardware
/// prefetcher stream them in, where the panels' strided first touches each waited for memory. The loads are
/// independent, so many misses are in flight at once; on data already in cache the pass costs a few per cent of
/// the product.
@inline(__always)
private func touch(_ p: UnsafePointer<Float>, span: Int) {
    var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
    var i = 0
    while i &+ 64 <= span { s0 += p[i]; s1 += p[i &+ 16]; s2 += p[i &+ 32]; s3 += p[i &+ 48]; i &+= 64 }
    while i < span { s0 += p[i]; i &+= 16 }
    touchedSum.store((s0 + s1 + s2 + s3).bitPattern, ordering: .relaxed)
}

/// Stores the sums `v` of row `r` of a panel whose C starts at `out` (rows `outStep` bytes apart), column `j`.
@inline(__always)
private func storePanelRow<V: SIMD>(_ v: V, _ r: Int, _ out: UnsafeMutableRawPointer, _ outStep: Int, _ j: Int,
                                    _ store: GemmStore) where V.Scalar == Float {
    let p = out + r &* outStep
    switch store {
    case .overwrite: p.storeBytes(of: v, as: V.self)
    case .accumulate: p.storeBytes(of: p.loadUnaligned(as: V.self) + v, as: V.self)
    case .bias(let bias): p.storeBytes(of: UnsafeRawPointer(bias + j).loadUnaligned(as: V.self) + v, as: V.self)
    }
}

/// The row panels of rows `range` of the column strip starting at column `j`, one vector `V` wide.
@inline(__always)
private func panels<V: SIMD>(_: V.Type, _ range: Range<Int>, _ j: Int, _ k: Int, _ a: StridedMatrix<Float>,
                             _ b: UnsafePointer<Float>, _ ldb: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int,
                             _ store: GemmStore) where V.Scalar == Float {
    let rs = a.rowStride, cs = a.columnStride, m = range.upperBound
    let bRow = UnsafeRawPointer(b + j), bStep = ldb &* 4
    var i = range.lowerBound
    while i < m {
        let rows = min(gemmRows, m &- i)
        var c0 = V(), c1 = V(), c2 = V(), c3 = V(), c4 = V(), c5 = V()
        var bp = bRow
        if rows == gemmRows {
            // A's rows i … i + 5 from two pointers and the row stride (few registers, two increments a step).
            var p0 = a.base + i &* rs, p3 = p0 + 3 &* rs
            let rs2 = 2 &* rs
            for _ in 0..<k {
                let w = bp.loadUnaligned(as: V.self)
                c0.accumulate(p0[0], w); c1.accumulate(p0[rs], w); c2.accumulate(p0[rs2], w)
                c3.accumulate(p3[0], w); c4.accumulate(p3[rs], w); c5.accumulate(p3[rs2], w)
                p0 += cs; p3 += cs
                bp += bStep
            }
        } else {
            // The last panel: row r reads A's row i + min(r, rows − 1).
            @inline(__always) func row(_ r: Int) -> UnsafePointer<Float> { a.base + (i &+ min(r, rows &- 1)) &* rs }
            let a0 = row(0), a1 = row(1), a2 = row(2), a3 = row(3), a4 = row(4), a5 = row(5)
            var o = 0
            for _ in 0..<k {
                let w = bp.loadUnaligned(as: V.self)
                c0.accumulate(a0[o], w); c1.accumulate(a1[o], w); c2.accumulate(a2[o], w)
                c3.accumulate(a3[o], w); c4.accumulate(a4[o], w); c5.accumulate(a5[o], w)
                o &+= cs
                bp += bStep
            }
        }
        let out = UnsafeMutableRawPointer(c + (i &* ldc &+ j)), outStep = ldc &* 4
        storePanelRow(c0, 0, out, outStep, j, store)
        if rows > 1 { storePanelRow(c1, 1, out, outStep, j, store) }
        if rows > 2 { storePanelRow(c2, 2, out, outStep, j, store) }
        if rows > 3 { storePanelRow(c3, 3, out, outStep, j, store) }
        if rows > 4 { storePanelRow(c4, 4, out, outStep, j, store) }
        if rows > 5 { storePanelRow(c5, 5, out, outStep, j, store) }
        i &+= gemmRows
    }
}

/// `panels` with 12 rows at once, for strips narrower than 16 columns; the rows after the last full 12 go through
/// `panels` (the same chains, so the same bits).
@inline(__always)
private func narrowPanels<V: SIMD>(_: V.Type, _ m: Int, _ j: Int, _ k: Int, _ a: StridedMatrix<Float>,
                                   _ b: UnsafePointer<Float>, _ ldb: Int, _ c: UnsafeMutablePointer<Float>,
                                   _ ldc: Int, _ store: GemmStore) where V.Scalar == Float {
    let rs = a.rowStride, cs = a.columnStride
    let bRow = UnsafeRawPointer(b + j), bStep = ldb &* 4
    var i = 0
    while i &+ narrowGemmRows <= m {
        var c0 = V(), c1 = V(), c2 = V(), c3 = V(), c4 = V(), c5 = V()
        var c6 = V(), c7 = V(), c8 = V(), c9 = V(), c10 = V(), c11 = V()
        var bp = bRow
        // A's rows i … i + 11 from four pointers and the row stride: twelve pointers would not fit in the general
        // registers, and their reloads from the stack slowed every step.
        var p0 = a.base + i &* rs, p3 = p0 + 3 &* rs, p6 = p0 + 6 &* rs, p9 = p0 + 9 &* rs
        let rs2 = 2 &* rs
        for _ in 0..<k {
            let w = bp.loadUnaligned(as: V.self)
            c0.accumulate(p0[0], w); c1.accumulate(p0[rs], w); c2.accumulate(p0[rs2], w)
            c3.accumulate(p3[0], w); c4.accumulate(p3[rs], w); c5.accumulate(p3[rs2], w)
            c6.accumulate(p6[0], w); c7.accumulate(p6[rs], w); c8.accumulate(p6[rs2], w)
            c9.accumulate(p9[0], w); c10.accumulate(p9[rs], w); c11.accumulate(p9[rs2], w)
            p0 += cs; p3 += cs; p6 += cs; p9 += cs
            bp += bStep
        }
        let out = UnsafeMutableRawPointer(c + (i &* ldc &+ j)), outStep = ldc &* 4
        @inline(__always) func put(_ v: V, _ r: Int) { storePanelRow(v, r, out, outStep, j, store) }
        put(c0, 0); put(c1, 1); put(c2, 2); put(c3, 3); put(c4, 4); put(c5, 5)
        put(c6, 6); put(c7, 7); put(c8, 8); put(c9, 9); put(c10, 10); put(c11, 11)
        i &+= narrowGemmRows
    }
    if i < m { panels(V.self, i..<m, j, k, a, b, ldb, c, ldc, store) }
}

/// The last column of an odd-width C, one multiply-add chain per element, in k order like the panels.
private func singleColumn(_ m: Int, _ j: Int, _ k: Int, _ a: StridedMatrix<Float>, _ b: UnsafePointer<Float>, _ ldb: Int,
                          _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ store: GemmStore) {
    for i in 0..<m {
        var s = SIMD2<Float>()
        var o = i &* a.rowStride
        for p in 0..<k {
            s.accumulate(a.base[o], SIMD2(b[p &* ldb &+ j], 0))
            o &+= a.columnStride
        }
        let at = i &* ldc &+ j
        switch store {
        case .overwrite: c[at] = s[0]
        case .accumulate: c[at] = c[at] + s[0]
        case .bias(let bias): c[at] = bias[j] + s[0]
        }
    }
}
