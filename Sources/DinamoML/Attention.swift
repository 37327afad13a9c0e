// Multi-head self-attention (PyTorch's `MultiheadAttention` inside `TransformerEncoderLayer`, no mask), forward
// and backward, for `sequences` sequences of `length` tokens at once. The packed projection Q|K|V (N × 3d, per
// token q, then k, then v, each d = heads × headWidth wide) is made by the caller's `gemm`; here are the
// per-head products.
//
// Every (sequence, head) pair is the same small problem (20 × 20 scores over a head width of 10 at the published
// shape), so the pairs run eight at a time, one per lane of a vector (`LaneGroup`): each pair's q, k and v are
// moved into the lanes (`LaneRows.gather`), the products (`laneProduct`), the softmax and its backward run on
// whole vectors with no edges and no horizontal sums, and the results go back (`scatter`). Every element is
// computed with the operations, in the order, of the per-head version (`gemm` per product, `rowSum` and `rowDot`
// per row), so the bits are those of running the heads one by one.

/// The sizes of one attention call and its scratch.
struct AttentionShape {
    let sequences: Int
    let length: Int
    let heads: Int
    let headWidth: Int
    var model: Int { heads * headWidth }
    /// Floats of one head's probability matrix, length².
    var square: Int { length * length }
    /// Floats of every head's probability matrices, sequences × heads × length² (the dropout mask's size).
    var probabilityCount: Int { sequences * heads * square }
    /// (sequence, head) pairs.
    var pairs: Int { sequences * heads }
    /// Groups of eight pairs, the last padded.
    var groups: Int { (pairs + 7) / 8 }
    /// Vectors of every group's probability matrices, groups × length² (P kept for the backward pass).
    var laneProbabilityCount: Int { groups * square }
    /// Vectors of one group's q, k and v (3 × length × headWidth).
    var laneHeadCount: Int { 3 * length * headWidth }
}

/// Eight (sequence, head) pairs in the lanes of a vector: pairs 8g … 8g + 7 of group g, lanes past the last pair
/// repeating it (computed, never written back).
struct LaneGroup {
    /// Pairs of this group that exist (lanes 0 ..< valid).
    let valid: Int
    /// Each lane's pair index, and where its head starts in a token-major buffer of `width` floats per token.
    let pairs: SIMD8<Int>

    init(_ g: Int, _ shape: AttentionShape) {
        var pairs = SIMD8<Int>()
        for l in 0..<8 { pairs[l] = min(g &* 8 &+ l, shape.pairs &- 1) }
        self.pairs = pairs
        valid = min(8, shape.pairs &- g &* 8)
    }

    /// Offsets of each lane's head in its sequence's first token, in a buffer of `width` floats per token.
    func headOffsets(_ shape: AttentionShape, width: Int) -> SIMD8<Int> {
        var o = SIMD8<Int>()
        for l in 0..<8 {
            let (s, h) = pairs[l].quotientAndRemainder(dividingBy: shape.heads)
            o[l] = s &* shape.length &* width &+ h &* shape.headWidth
        }
        return o
    }
}

/// One group's q, k and v in lane vectors (length × headWidth each), at `base`.
struct LaneHeads {
    let q, k, v: UnsafeMutablePointer<Lanes>

    init(_ base: UnsafeMutablePointer<Lanes>, _ shape: AttentionShape) {
        let head = shape.length * shape.headWidth
        q = base; k = base + head; v = base + 2 * head
    }
}

/// Per-group scratch of the attention, in lane vectors: ∂O (length × headWidth), P̃ and ∂S (length² each), and
/// three results (O, or ∂Q, ∂K, ∂V).
final class AttentionScratch {
    let dOut, weighted, dScores, result0, result1, result2: UnsafeMutablePointer<Lanes>
    private let storage: UnsafeMutablePointer<Lanes>

    init(length: Int, headWidth: Int) {
        let head = length * headWidth, square = length * length
        storage = .allocate(capacity: 4 * head + 2 * square)
        storage.initialize(repeating: Lanes(), count: 4 * head + 2 * square)
        dOut = storage
        result0 = dOut + head; result1 = result0 + head; result2 = result1 + head
        weighted = result2 + head; dScores = weighted + square
    }

    deinit { storage.deallocate() }
}

/// Forward: for each sequence s and head h, S = (Q_h K_hᵀ)/√headWidth, P = softmax over each row of S,
/// P̃ = P ⊙ mask (dropout on the attention weights, training only; `laneMask` nil means P̃ = P), O_h = P̃ V_h
/// written into `out` (N × d, head h in columns h·headWidth…). Keeps, eight pairs (pair = s·heads + h) to a
/// vector and group by group, each group's q, k, v in `heads` (`laneHeadCount` vectors a group) and P in
/// `probabilities` (row-major length²). The mask is drawn in P's layout: lane l of vector g·length² + e masks
/// element e of pair 8g + l.
func attentionForward(_ shape: AttentionShape, qkv: UnsafeMutablePointer<Float>, heads: UnsafeMutablePointer<Lanes>,
                      probabilities: UnsafeMutablePointer<Lanes>, laneMask: UnsafePointer<Lanes>?,
                      scratch w: AttentionScratch,
                      out: UnsafeMutablePointer<Float>) {
    let (n, hw, d) = (shape.length, shape.headWidth, shape.model)
    let square = shape.square, stride = 3 &* d
    let scale = Lanes(repeating: 1 / Float(hw).squareRoot())
    for g in 0..<shape.groups {
        let group = LaneGroup(g, shape)
        let h = LaneHeads(heads + g &* shape.laneHeadCount, shape)
        gatherHeads(LaneRows(qkv, offsets: group.headOffsets(shape, width: stride)), shape, width: stride, into: h)
        let p = probabilities + g &* square
        laneProduct(m: n, n: n, k: hw, a: LaneMatrix(h.q, columns: hw), b: .transposed(h.k, columns: hw), c: p, ldc: n)
        // Row softmax of the scaled scores: shift each row by its maximum, exponentiate, divide by the row's sum.
        for i in 0..<n {
            let row = p + i &* n
            var top = Lanes(repeating: -.infinity)
            for j in 0..<n { row[j] *= scale; top = top.atLeast(row[j]) }
            for j in 0..<n { row[j] = exp8(row[j] - top) }
            let inverse = 1 / laneRowSum(row, count: n)
            for j in 0..<n { row[j] *= inverse }
        }
        var weights = UnsafePointer(p)
        if let laneMask {
            weights = UnsafePointer(dropped(p, mask: laneMask + g &* square, count: square, into: w.weighted))
        }
        laneProduct(m: n, n: hw, k: n, a: LaneMatrix(weights, columns: n), b: LaneMatrix(h.v, columns: hw),
                    c: w.result0, ldc: hw)
        let outRows = LaneRows(out, offsets: group.headOffsets(shape, width: d))
        for i in 0..<n {
            outRows.advanced(by: i &* d).scatter(width: hw, from: w.result0 + i &* hw, lanes: group.valid)
        }
    }
}

/// Backward, given ∂L/∂O in `dOut` (N × d) and the q, k, v, P and mask kept by `attentionForward`: for each
/// sequence and head, ∂P̃ = ∂O V_hᵀ, ∂V_h = P̃ᵀ ∂O, ∂P = ∂P̃ ⊙ mask, ∂S = P ⊙ (∂P − rowsum(∂P ⊙ P)) / √headWidth,
/// ∂Q_h = ∂S K_h, ∂K_h = ∂Sᵀ Q_h — written into `dqkv` (N × 3d, overwritten).
func attentionBackward(_ shape: AttentionShape, heads: UnsafePointer<Lanes>,
                       probabilities: UnsafePointer<Lanes>, laneMask: UnsafePointer<Lanes>?,
                       dOut: UnsafeMutablePointer<Float>, scratch w: AttentionScratch,
                       dqkv: UnsafeMutablePointer<Float>) {
    let (n, hw, d) = (shape.length, shape.headWidth, shape.model)
    let square = shape.square, stride = 3 &* d
    let scale = Lanes(repeating: 1 / Float(hw).squareRoot())
    for g in 0..<shape.groups {
        let group = LaneGroup(g, shape)
        let h = LaneHeads(UnsafeMutablePointer(mutating: heads) + g &* shape.laneHeadCount, shape)
        let dOutRows = LaneRows(dOut, offsets: group.headOffsets(shape, width: d))
        for i in 0..<n { dOutRows.advanced(by: i &* d).gather(width: hw, into: w.dOut + i &* hw) }
        let p = probabilities + g &* square
        var weights = p
        let lm = laneMask.map { $0 + g &* square }
        if let lm {
            weights = UnsafePointer(dropped(p, mask: lm, count: square, into: w.weighted))
        }
        let dS = w.dScores
        laneProduct(m: n, n: n, k: hw, a: LaneMatrix(w.dOut, columns: hw), b: .transposed(h.v, columns: hw),
                    c: dS, ldc: n)
        laneProduct(m: n, n: hw, k: n, a: .transposed(weights, columns: n), b: LaneMatrix(w.dOut, columns: hw),
                    c: w.result2, ldc: hw)
        if let lm { for e in 0..<square { dS[e] *= lm[e] } }
        for i in 0..<n {
            let row = dS + i &* n, pr = p + i &* n
            let dot = laneRowDot(row, pr, count: n)
            for j in 0..<n { row[j] = pr[j] * (row[j] - dot) * scale }
        }
        laneProduct(m: n, n: hw, k: n, a: LaneMatrix(dS, columns: n), b: LaneMatrix(h.k, columns: hw),
                    c: w.result0, ldc: hw)
        laneProduct(m: n, n: hw, k: n, a: .transposed(dS, columns: n), b: LaneMatrix(h.q, columns: hw),
                    c: w.result1, ldc: hw)
        let dRows = LaneRows(dqkv, offsets: group.headOffsets(shape, width: stride))
        for i in 0..<n {
            let token = dRows.advanced(by: i &* stride), at = i &* hw
            token.scatter(width: hw, from: w.result0 + at, lanes: group.valid)
            token.advanced(by: d).scatter(width: hw, from: w.result1 + at, lanes: group.valid)
            token.advanced(by: 2 &* d).scatter(width: hw, from: w.result2 + at, lanes: group.valid)
        }
    }
}

/// P̃ = P ⊙ mask, `count` vectors, written to `out` (the forward pass makes it, the backward pass makes it again
/// rather than keeping a third length² buffer a layer).
@inline(__always)
private func dropped(_ p: UnsafePointer<Lanes>, mask: UnsafePointer<Lanes>, count: Int,
                     into out: UnsafeMutablePointer<Lanes>) -> UnsafeMutablePointer<Lanes> {
    for e in 0..<count { out[e] = p[e] * mask[e] }
    return out
}

/// One group's q, k and v (length × headWidth vectors each) from the packed Q|K|V rows.
@inline(__always)
private func gatherHeads(_ rows: LaneRows, _ shape: AttentionShape, width: Int, into h: LaneHeads) {
    let (hw, d) = (shape.headWidth, shape.model)
    for i in 0..<shape.length {
        let token = rows.advanced(by: i &* width), at = i &* hw
        token.gather(width: hw, into: h.q + at)
        token.advanced(by: d).gather(width: hw, into: h.k + at)
        token.advanced(by: 2 &* d).gather(width: hw, into: h.v + at)
    }
}

/// `rowSum` of each lane's row: lane l is `rowSum` of the count values of lane l, with its partial sums (elements
/// j, j + 8, …, the padded tail) and their sequential total, so each lane gets `rowSum`'s bits.
@inline(__always)
func laneRowSum(_ row: UnsafePointer<Lanes>, count: Int) -> Lanes {
    var total = Lanes(repeating: -0.0)
    for j in 0..<8 {
        var s = Lanes(), i = 0
        while i &+ 8 <= count { s += row[i &+ j]; i &+= 8 }
        if i < count { s += i &+ j < count ? row[i &+ j] : Lanes() }
        total += s
    }
    return total
}

/// `rowDot` of each lane's rows, in the same way.
@inline(__always)
func laneRowDot(_ a: UnsafePointer<Lanes>, _ b: UnsafePointer<Lanes>, count: Int) -> Lanes {
    var total = Lanes(repeating: -0.0)
    for j in 0..<8 {
        var s = Lanes(), i = 0
        while i &+ 8 <= count { s.accumulate(a[i &+ j], b[i &+ j]); i &+= 8 }
        if i < count {
            if i &+ j < count { s.accumulate(a[i &+ j], b[i &+ j]) } else { s.accumulate(Lanes(), Lanes()) }
        }
        total += s
    }
    return total
}
