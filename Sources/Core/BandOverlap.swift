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

    /// Where piecewise-linear interpolation reads: for a position t among ascending xs, the segment j with
    /// xs[j] < t ≤ xs[j+1], offset t − xs[j] and span xs[j+1] − xs[j]; or an end held. It depends on xs and t
    /// only, so positions computed once serve any number of ys (the DINAMO Jaccard scan reuses them over α).
    public struct InterpolationPoint: Sendable, Equatable {
        /// j ≥ 0: between xs[j] and xs[j+1]; −1: at or before xs[0] (ys[0] held); −2: at or after the last x
        /// (the last y held).
        public var segment: Int32
        public var offset: Double
        public var span: Double

        public init(segment: Int32, offset: Double, span: Double) {
            self.segment = segment
            self.offset = offset
            self.span = span
        }

        /// y_j + (y_{j+1} − y_j)·offset/span (y_{j+1} when the span is 0), with y(k) the k-th of `count` ys.
        @inlinable @inline(__always)
        public func value(count: Int, _ y: (Int) -> Double) -> Double {
            switch segment {
            case -1: return y(0)
            case -2: return y(count - 1)
            default:
                let j = Int(segment)
                let y0 = y(j), y1 = y(j + 1)
                return span == 0 ? y1 : y0 + (y1 - y0) * offset / span
            }
        }
    }

    /// The interpolation points of `at` among `xs` (ascending), numpy's `interp` search: `at` is usually
    /// ascending, so the search continues from the last segment and restarts when it is not.
    public static func interpolationPoints(xs: UnsafeBufferPointer<Double>, at: UnsafeBufferPointer<Double>,
                                           into out: UnsafeMutableBufferPointer<InterpolationPoint>) {
        let n = xs.count
        precondition(n > 0 && at.count == out.count)
        var j = 0
        for (i, t) in at.enumerated() {
            if t <= xs[0] { out[i] = InterpolationPoint(segment: -1, offset: 0, span: 0); continue }
            if t >= xs[n - 1] { out[i] = InterpolationPoint(segment: -2, offset: 0, span: 0); continue }
            if j > 0 && xs[j] > t { j = 0 }
            while xs[j + 1] < t { j += 1 }
            out[i] = InterpolationPoint(segment: Int32(j), offset: t - xs[j], span: xs[j + 1] - xs[j])
        }
    }

    /// Piecewise-linear interpolation of the points (xs, ys) at `at`, xs ascending; outside [xs.first, xs.last]
    /// the end values are held (numpy's `interp`). Writes into `out` (same length as `at`).
    public static func interpolate(xs: UnsafeBufferPointer<Double>, ys: UnsafeBufferPointer<Double>,
                                   at: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        precondition(xs.count == ys.count)
        var points = [InterpolationPoint](repeating: InterpolationPoint(segment: -1, offset: 0, span: 0), count: at.count)
        points.withUnsafeMutableBufferPointer { interpolationPoints(xs: xs, at: at, into: $0) }
        for (i, p) in points.enumerated() { out[i] = p.value(count: ys.count) { ys[$0] } }
    }

    /// Array convenience of `interpolate(xs:ys:at:into:)`.
    public static func interpolate(xs: [Double], ys: [Double], at: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: at.count)
        xs.withUnsafeBufferPointer { x in ys.withUnsafeBufferPointer { y in at.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { interpolate(xs: x, ys: y, at: a, into: $0) } } } }
        return out
    }
}
