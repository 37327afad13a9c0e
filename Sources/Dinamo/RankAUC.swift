/// The ROC AUC of the α scan, computed 99 times per analysis: the Mann–Whitney statistic
///
///   U = Σ_{positives p} ( #{negatives n: s_n < s_p} + ½ #{negatives n: s_n = s_p} ),  AUC = U/(n₊ n₋),
///
/// Only the smaller class is sorted; each score of the larger class finds its place in it by two binary
/// searches (counted the other way round when the positives are the larger class:
/// U = Σ_n ( #{p: s_p > s_n} + ½ #{p: s_p = s_n} )). O(n log m) for m ≪ n — with 250 bad runs among 2500 this
/// took the sort of 2250 good runs out of the scan. 2U is an integer, so U and the AUC are bit-identical to the
/// mid-rank formula of `ClassificationMetrics.rocAUC`. Nil without both classes or when a score is not finite.
enum RankAUC {
    /// `positives` and `negatives` are consumed as scratch (the smaller one is sorted in place).
    static func auc(positives: inout [Double], negatives: inout [Double]) -> Double? {
        guard !positives.isEmpty, !negatives.isEmpty,
              positives.allSatisfy({ $0.isFinite }), negatives.allSatisfy({ $0.isFinite }) else { return nil }
        var twiceU = 0
        if positives.count <= negatives.count {
            positives.sort()
            positives.withUnsafeBufferPointer { p in
                for s in negatives {
                    let below = lowerBound(p, s), upTo = upperBound(p, s)   // positives < s and ≤ s
                    twiceU += 2 * (p.count - upTo) + (upTo - below)
                }
            }
        } else {
            negatives.sort()
            negatives.withUnsafeBufferPointer { n in
                for s in positives {
                    let below = lowerBound(n, s), upTo = upperBound(n, s)   // negatives < s and ≤ s
                    twiceU += below + upTo                                    // 2·below + (upTo − below)
                }
            }
        }
        return (Double(twiceU) / 2) / (Double(positives.count) * Double(negatives.count))
    }

    /// The number of elements of ascending `a` that are < `s`.
    @inline(__always)
    private static func lowerBound(_ a: UnsafeBufferPointer<Double>, _ s: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if a[mid] < s { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The number of elements of ascending `a` that are ≤ `s`.
    @inline(__always)
    private static func upperBound(_ a: UnsafeBufferPointer<Double>, _ s: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if a[mid] <= s { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
