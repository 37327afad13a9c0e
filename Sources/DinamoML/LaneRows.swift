// Moving eight independent problems into and out of the lanes of one vector: eight rows of floats, one per lane,
// become one vector per column (`gather`), and back (`scatter`). The attention runs its (sequence, head) pairs
// eight at a time this way (Attention.swift).

/// Eight rows of floats, row l feeding lane l, each at its own address.
struct LaneRows {
    var r0, r1, r2, r3, r4, r5, r6, r7: UnsafeMutablePointer<Float>

    /// Row l of each lane at `base + offsets[l]`.
    init(_ base: UnsafeMutablePointer<Float>, offsets o: SIMD8<Int>) {
        r0 = base + o[0]; r1 = base + o[1]; r2 = base + o[2]; r3 = base + o[3]
        r4 = base + o[4]; r5 = base + o[5]; r6 = base + o[6]; r7 = base + o[7]
    }

    /// The same rows moved `by` floats along.
    @inline(__always)
    func advanced(by k: Int) -> LaneRows {
        var r = self
        r.r0 += k; r.r1 += k; r.r2 += k; r.r3 += k; r.r4 += k; r.r5 += k; r.r6 += k; r.r7 += k
        return r
    }

    /// out[c] = (r0[c], r1[c], …, r7[c]) for c < width: eight columns at a time as a tile of eight row loads
    /// transposed in registers, the last tile ending at `width` (overlapping the one before, whose columns it writes
    /// again with the same values); lane by lane when the rows are narrower than a tile.
    @inline(__always)
    func gather(width: Int, into out: UnsafeMutablePointer<Lanes>) {
        guard width >= 8 else {
            for c in 0..<width { out[c] = Lanes(r0[c], r1[c], r2[c], r3[c], r4[c], r5[c], r6[c], r7[c]) }
            return
        }
        var c = 0
        while c < width { let at = min(c, width &- 8); gatherTile(at: at, into: out + at); c &+= 8 }
    }

    @inline(__always)
    private func gatherTile(at c: Int, into out: UnsafeMutablePointer<Lanes>) {
        @inline(__always) func row(_ p: UnsafeMutablePointer<Float>) -> Lanes {
            UnsafeRawPointer(p + c).loadUnaligned(as: Lanes.self)
        }
        let t = transposed((row(r0), row(r1), row(r2), row(r3), row(r4), row(r5), row(r6), row(r7)))
        out[0] = t.0; out[1] = t.1; out[2] = t.2; out[3] = t.3; out[4] = t.4; out[5] = t.5; out[6] = t.6; out[7] = t.7
    }

    /// The inverse of `gather` for the first `lanes` rows (1…8): row l, column c ← lane l of `source[c]`.
    @inline(__always)
    func scatter(width: Int, from source: UnsafePointer<Lanes>, lanes: Int) {
        if lanes == 8 {
            scatter(width: width, from: source) { _ in true }
        } else {
            scatter(width: width, from: source) { $0 < lanes }
        }
    }

    /// `scatter` to the rows l for which `keep(l)`, tile by tile as in `gather`.
    @inline(__always)
    private func scatter(width: Int, from source: UnsafePointer<Lanes>, keep: (Int) -> Bool) {
        if width >= 8 {
            var c = 0
            while c < width {
                let at = min(c, width &- 8)
                scatterTile(at: at, from: source + at, keep: keep)
                c &+= 8
            }
            return
        }
        for c in 0..<width {
            let v = source[c]
            if keep(0) { r0[c] = v[0] }
            if keep(1) { r1[c] = v[1] }
            if keep(2) { r2[c] = v[2] }
            if keep(3) { r3[c] = v[3] }
            if keep(4) { r4[c] = v[4] }
            if keep(5) { r5[c] = v[5] }
            if keep(6) { r6[c] = v[6] }
            if keep(7) { r7[c] = v[7] }
        }
    }

    @inline(__always)
    private func scatterTile(at c: Int, from source: UnsafePointer<Lanes>, keep: (Int) -> Bool) {
        let t = transposed((source[0], source[1], source[2], source[3], source[4], source[5], source[6], source[7]))
        @inline(__always) func store(_ row: UnsafeMutablePointer<Float>, _ v: Lanes) {
            UnsafeMutableRawPointer(row + c).storeBytes(of: v, as: Lanes.self)
        }
        if keep(0) { store(r0, t.0) }
        if keep(1) { store(r1, t.1) }
        if keep(2) { store(r2, t.2) }
        if keep(3) { store(r3, t.3) }
        if keep(4) { store(r4, t.4) }
        if keep(5) { store(r5, t.5) }
        if keep(6) { store(r6, t.6) }
        if keep(7) { store(r7, t.7) }
    }
}
