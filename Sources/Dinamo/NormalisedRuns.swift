import Core

/// The α-independent part of scoring and updating (docs/methods/dinamo.md), computed once for a range of runs so that
/// the 99 monitors of the α scan share it instead of recomputing it per α:
///
///   x_b = c_b/I,  σ²_x,b = x_b/I − x_b²/I (computed as (x − x²)/I, floored at 0; 1/I² for an empty bin),
///   ω_b = 1/(σ²_x,b + ε).
///
/// An empty run (I = 0) has x = 0, σ²_x = 0. The arithmetic is the one of `DinamoMonitor.scoreKernel` and
/// `updateKernel`, operation for operation, so scores computed from these buffers are bit-identical.
/// Buffers are contiguous and row-major [runs × bins].
struct NormalisedRuns: Sendable {
    let runs: Range<Int>
    let bins: Int
    var x: [Double]
    var variance: [Double]
    var weight: [Double]
    var integral: [Double]

    init(_ h: HistogramSet, runs range: Range<Int>) {
        runs = range
        bins = h.bins
        let n = range.count * h.bins
        var x = [Double](repeating: 0, count: n), v = x, w = x
        var integral = [Double](repeating: 0, count: range.count)
        let bins = h.bins
        h.counts.withUnsafeBufferPointer { cBuf in
            x.withUnsafeMutableBufferPointer { xBuf in
                v.withUnsafeMutableBufferPointer { vBuf in
                    w.withUnsafeMutableBufferPointer { wBuf in
                        for (k, r) in range.enumerated() {
                            let c = cBuf.baseAddress! + r * bins
                            var sum = 0.0
                            for b in 0..<bins { sum += c[b] }
                            integral[k] = sum
                            let invI = sum > 0 ? 1 / sum : 0
                            let emptyVar = invI * invI
                            for b in 0..<bins {
                                let xb = c[b] * invI
                                let vb = c[b] == 0 ? emptyVar : max((xb - xb * xb) * invI, 0)
                                xBuf[k * bins + b] = xb
                                vBuf[k * bins + b] = vb
                                wBuf[k * bins + b] = 1 / (vb + DinamoMonitor.epsilon)
                            }
                        }
                    }
                }
            }
        }
        self.x = x
        self.variance = v
        self.weight = w
        self.integral = integral
    }
}
