/// Overlap of two bands drawn over the same bins, and the linear interpolation used to put bands on a
/// common grid (the measures of the DINAMO paper's uncertainty study, `dinamo/metrics/metrics.py`).
public enum BandOverlap {
    /// The Jaccard distance between two bands [lowerA, upperA] and [lowerB, upperB] given bin by bin:
    ///
    ///   intersection = Σ_b max(0, min(upperA_b, upperB_b) − max(lowerA_b, lowerB_b)),
    ///   union        = Σ_b (max(upperA_b, upperB_b) − min(lowerA_b, lowerB_b)),
    ///   distance     = 1 − intersection / union,
    ///
    /// 0 for identical bands, 1 for disjoint ones; 1 when the union is empty (both bands degenerate), as
    /// published. As published, the union of two disjoint intervals in a bin includes the gap between them.
    public static func jaccardDistance(lowerA: [Double], upperA: [Double], lowerB: [Double], upperB: [Double]) -> Double {
        precondition(lowerA.count == upperA.count && lowerA.count == lowerB.count && lowerA.count == upperB.count,
                     "bands must have the same number of bins")
        var intersection = 0.0, union = 0.0
        for b in lowerA.indices {
            intersection += max(0, min(upperA[b], upperB[b]) - max(lowerA[b], lowerB[b]))
            union += max(upperA[b], upperB[b]) - min(lowerA[b], lowerB[b])
        }
        return union == 0 ? 1 : 1 - intersection / union
    }

    /// Piecewise-linear interpolation of the points (xs, ys) at `at`, xs ascending; outside [xs.first, xs.last]
    /// the end values are held (numpy's `interp`). Writes into `out` (same length as `at`).
    public static func interpolate(xs: UnsafeBufferPointer<Double>, ys: UnsafeBufferPointer<Double>,
                                   at: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        let n = xs.count
        precondition(n == ys.count && n > 0 && at.count == out.count)
        var j = 0
        for (i, t) in at.enumerated() {
            if t <= xs[0] { out[i] = ys[0]; continue }
            if t >= xs[n - 1] { out[i] = ys[n - 1]; continue }
            // `at` is usually ascending: continue the search from the last segment, restart when it is not.
            if j > 0 && xs[j] > t { j = 0 }
            while xs[j + 1] < t { j += 1 }
            let x0 = xs[j], x1 = xs[j + 1]
            out[i] = x1 == x0 ? ys[j + 1] : ys[j] + (ys[j + 1] - ys[j]) * (t - x0) / (x1 - x0)
        }
    }

    /// Array convenience of `interpolate(xs:ys:at:into:)`.
    public static func interpolate(xs: [Double], ys: [Double], at: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: at.count)
        xs.withUnsafeBufferPointer { x in ys.withUnsafeBufferPointer { y in at.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { interpolate(xs: x, ys: y, at: a, into: $0) } } } }
        return out
    }
}
