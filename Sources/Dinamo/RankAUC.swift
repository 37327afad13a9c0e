/// The ROC AUC of the α scan, computed 99 times per analysis: the Mann–Whitney statistic
///
///   U = Σ_{positives p} ( #{negatives n: s_n < s_p} + ½ #{negatives n: s_n = s_p} ),  AUC = U/(n₊ n₋),
///
/// from the two classes' scores sorted separately (a plain `[Double]` sort, no index permutation) and
/// one merge pass. 2U is an integer, so U and the AUC are bit-identical to the mid-rank formula of
/// `ClassificationMetrics.rocAUC`. Nil without both classes or when a score is not finite.
enum RankAUC {
    /// `positives` and `negatives` are consumed as scratch (sorted in place).
    static func auc(positives: inout [Double], negatives: inout [Double]) -> Double? {
        guard !positives.isEmpty, !negatives.isEmpty,
              positives.allSatisfy({ $0.isFinite }), negatives.allSatisfy({ $0.isFinite }) else { return nil }
        positives.sort()
        negatives.sort()
        var twiceU = 0
        var below = 0, upTo = 0   // negatives with score < s and ≤ s, for the current positive s
        for s in positives {
            while below < negatives.count && negatives[below] < s { below += 1 }
            if upTo < below { upTo = below }
            while upTo < negatives.count && negatives[upTo] <= s { upTo += 1 }
            twiceU += below + upTo   // 2·below + (upTo − below)
        }
        return (Double(twiceU) / 2) / (Double(positives.count) * Double(negatives.count))
    }
}
