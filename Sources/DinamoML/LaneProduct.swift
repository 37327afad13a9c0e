/// A matrix of lane vectors seen through strides (in vectors): lane l of every element belongs to problem l, so one
/// view holds eight matrices of the same shape.
typealias LaneMatrix = StridedMatrix<Lanes>

/// C ← A·B for eight problems at once, one per lane: A is m × k, B is k × n, C is m × n row-major with `ldc`
/// (all of lane vectors). Every lane of every C element is one chain of multiply-adds in k order from zero, the
/// chain `gemm` runs for that element of that lane's problem, so the bits are `gemm`'s.
///
/// Made for the attention's tiny products (20 × 20 × 10 per head at the published shape), where `gemm`'s panels
/// are mostly edges: here every multiply-add fills all eight lanes. C is computed in tiles of 2 × 5 elements when n
/// is a multiple of 5 (ten independent chains, more than the eight that cover the multiply-add's latency on both
/// ports), else 2 × 4, or 4 × 2 when n is not a multiple of 4 either; a tile reaching past the last row or column
/// repeats it (and stores the same value twice).
func laneProduct(m: Int, n: Int, k: Int, a: LaneMatrix, b: LaneMatrix, c: UnsafeMutablePointer<Lanes>, ldc: Int) {
    guard m > 0 && n > 0 else { return }
    if n % 5 == 0 {
        tiles(rows: 2, columns: 5, m: m, n: n, k: k, a: a, b: b, c: c, ldc: ldc)
    } else if n % 4 == 0 || n == 1 || n == 3 {
        tiles(rows: 2, columns: 4, m: m, n: n, k: k, a: a, b: b, c: c, ldc: ldc)
    } else {
        tiles(rows: 4, columns: 2, m: m, n: n, k: k, a: a, b: b, c: c, ldc: ldc)
    }
}

/// All tiles of `rows` × `columns` (2 × 5, 2 × 4 or 4 × 2) elements of C.
@inline(__always)
private func tiles(rows: Int, columns: Int, m: Int, n: Int, k: Int, a: LaneMatrix, b: LaneMatrix,
                   c: UnsafeMutablePointer<Lanes>, ldc: Int) {
    let aStep = a.columnStride, bStep = b.rowStride
    var i = 0
    while i < m {
        var j = 0
        while j < n {
            // The tile's rows and columns, the last repeated past the edge.
            @inline(__always) func row(_ t: Int) -> Int { min(i &+ t, m &- 1) }
            @inline(__always) func column(_ t: Int) -> Int { min(j &+ t, n &- 1) }
            @inline(__always) func aRow(_ t: Int) -> UnsafePointer<Lanes> { a.base + row(t) &* a.rowStride }
            @inline(__always) func bColumn(_ t: Int) -> UnsafePointer<Lanes> { b.base + column(t) &* b.columnStride }
            var s0 = Lanes(), s1 = Lanes(), s2 = Lanes(), s3 = Lanes()
            var s4 = Lanes(), s5 = Lanes(), s6 = Lanes(), s7 = Lanes()
            if columns == 5 {
                // Ten chains; each B element is loaded once and used for both rows.
                var s8 = Lanes(), s9 = Lanes()
                var a0 = aRow(0), a1 = aRow(1)
                var b0 = bColumn(0), b1 = bColumn(1), b2 = bColumn(2), b3 = bColumn(3), b4 = bColumn(4)
                for _ in 0..<k {
                    let x0 = a0.pointee, x1 = a1.pointee
                    let y0 = b0.pointee; s0.accumulate(x0, y0); s5.accumulate(x1, y0)
                    let y1 = b1.pointee; s1.accumulate(x0, y1); s6.accumulate(x1, y1)
                    let y2 = b2.pointee; s2.accumulate(x0, y2); s7.accumulate(x1, y2)
                    let y3 = b3.pointee; s3.accumulate(x0, y3); s8.accumulate(x1, y3)
                    let y4 = b4.pointee; s4.accumulate(x0, y4); s9.accumulate(x1, y4)
                    a0 += aStep; a1 += aStep
                    b0 += bStep; b1 += bStep; b2 += bStep; b3 += bStep; b4 += bStep
                }
                let c0 = c + row(0) &* ldc, c1 = c + row(1) &* ldc
                c0[column(0)] = s0; c0[column(1)] = s1; c0[column(2)] = s2; c0[column(3)] = s3; c0[column(4)] = s4
                c1[column(0)] = s5; c1[column(1)] = s6; c1[column(2)] = s7; c1[column(3)] = s8; c1[column(4)] = s9
            } else if rows == 2 {
                var a0 = aRow(0), a1 = aRow(1)
                var b0 = bColumn(0), b1 = bColumn(1), b2 = bColumn(2), b3 = bColumn(3)
                for _ in 0..<k {
                    let x0 = a0.pointee, x1 = a1.pointee
                    let y0 = b0.pointee, y1 = b1.pointee, y2 = b2.pointee, y3 = b3.pointee
                    s0.accumulate(x0, y0); s1.accumulate(x0, y1); s2.accumulate(x0, y2); s3.accumulate(x0, y3)
                    s4.accumulate(x1, y0); s5.accumulate(x1, y1); s6.accumulate(x1, y2); s7.accumulate(x1, y3)
                    a0 += aStep; a1 += aStep
                    b0 += bStep; b1 += bStep; b2 += bStep; b3 += bStep
                }
                if i &+ 2 <= m && j &+ 4 <= n {
                    let c0 = c + (i &* ldc &+ j), c1 = c0 + ldc
                    c0[0] = s0; c0[1] = s1; c0[2] = s2; c0[3] = s3
                    c1[0] = s4; c1[1] = s5; c1[2] = s6; c1[3] = s7
                } else {
                    let c0 = c + row(0) &* ldc, c1 = c + row(1) &* ldc
                    c0[column(0)] = s0; c0[column(1)] = s1; c0[column(2)] = s2; c0[column(3)] = s3
                    c1[column(0)] = s4; c1[column(1)] = s5; c1[column(2)] = s6; c1[column(3)] = s7
                }
            } else {
                var a0 = aRow(0), a1 = aRow(1), a2 = aRow(2), a3 = aRow(3)
                var b0 = bColumn(0), b1 = bColumn(1)
                for _ in 0..<k {
                    let x0 = a0.pointee, x1 = a1.pointee, x2 = a2.pointee, x3 = a3.pointee
                    let y0 = b0.pointee, y1 = b1.pointee
                    s0.accumulate(x0, y0); s1.accumulate(x0, y1); s2.accumulate(x1, y0); s3.accumulate(x1, y1)
                    s4.accumulate(x2, y0); s5.accumulate(x2, y1); s6.accumulate(x3, y0); s7.accumulate(x3, y1)
                    a0 += aStep; a1 += aStep; a2 += aStep; a3 += aStep
                    b0 += bStep; b1 += bStep
                }
                if i &+ 4 <= m && j &+ 2 <= n {
                    let c0 = c + (i &* ldc &+ j), c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc
                    c0[0] = s0; c0[1] = s1; c1[0] = s2; c1[1] = s3
                    c2[0] = s4; c2[1] = s5; c3[0] = s6; c3[1] = s7
                } else {
                    let c0 = c + row(0) &* ldc, c1 = c + row(1) &* ldc, c2 = c + row(2) &* ldc, c3 = c + row(3) &* ldc
                    c0[column(0)] = s0; c0[column(1)] = s1; c1[column(0)] = s2; c1[column(1)] = s3
                    c2[column(0)] = s4; c2[column(1)] = s5; c3[column(0)] = s6; c3[column(1)] = s7
                }
            }
            j &+= columns
        }
        i &+= rows
    }
}
