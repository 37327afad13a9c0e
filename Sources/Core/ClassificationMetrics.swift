/// Binary-classification metrics. "Positive" means *anomalous* (a bad run, an anomalous point).
///
/// Every ratio is `nil` when its denominator is zero (no positives, no predicted positives, …):
/// a metric that cannot be computed is reported as missing, never as NaN and never invented.
public struct ConfusionMatrix: Sendable, Hashable, Codable {
    public var truePositives: Int
    public var falsePositives: Int
    public var trueNegatives: Int
    public var falseNegatives: Int

    public init(truePositives: Int, falsePositives: Int, trueNegatives: Int, falseNegatives: Int) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.trueNegatives = trueNegatives
        self.falseNegatives = falseNegatives
    }

    /// Counts the four outcomes; `truth[i]` and `predicted[i]` are true for "anomalous".
    public init(truth: [Bool], predicted: [Bool]) {
        precondition(truth.count == predicted.count, "truth and prediction differ in length")
        var tp = 0, fp = 0, tn = 0, fn = 0
        for (t, p) in zip(truth, predicted) {
            switch (t, p) {
            case (true, true): tp += 1
            case (false, true): fp += 1
            case (false, false): tn += 1
            case (true, false): fn += 1
            }
        }
        self.init(truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn)
    }

    public var positives: Int { truePositives + falseNegatives }
    public var negatives: Int { trueNegatives + falsePositives }
    public var total: Int { positives + negatives }

    /// (TP + TN) / total.
    public var accuracy: Double? { ratio(truePositives + trueNegatives, total) }
    /// Recall, true-positive rate: TP / (TP + FN); `nil` without positives.
    public var sensitivity: Double? { ratio(truePositives, positives) }
    /// True-negative rate: TN / (TN + FP); `nil` without negatives.
    public var specificity: Double? { ratio(trueNegatives, negatives) }
    /// TP / (TP + FP); `nil` when nothing is predicted positive.
    public var precision: Double? { ratio(truePositives, truePositives + falsePositives) }
    /// (sensitivity + specificity) / 2; `nil` unless both classes are present.
    public var balancedAccuracy: Double? {
        guard let se = sensitivity, let sp = specificity else { return nil }
        return (se + sp) / 2
    }
    /// F1 = 2TP / (2TP + FP + FN), the harmonic mean of precision and recall; `nil` when TP = FP = FN = 0
    /// (no positives and nothing predicted positive), 0 when the predictions miss every positive.
    public var f1: Double? { ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }

    private func ratio(_ a: Int, _ b: Int) -> Double? { b > 0 ? Double(a) / Double(b) : nil }
}

/// All the threshold metrics of one classification plus the score's ROC AUC.
public struct ClassificationSummary: Sendable, Hashable, Codable {
    public var confusion: ConfusionMatrix
    public var accuracy: Double?
    public var balancedAccuracy: Double?
    public var sensitivity: Double?
    public var specificity: Double?
    public var precision: Double?
    public var f1: Double?
    public var rocAUC: Double?

    /// Summarises predictions (`predicted`, true = flagged) and a continuous score (higher = more anomalous).
    public init(truth: [Bool], predicted: [Bool], scores: [Double]) {
        let c = ConfusionMatrix(truth: truth, predicted: predicted)
        confusion = c
        accuracy = c.accuracy
        balancedAccuracy = c.balancedAccuracy
        sensitivity = c.sensitivity
        specificity = c.specificity
        precision = c.precision
        f1 = c.f1
        rocAUC = ClassificationMetrics.rocAUC(scores: scores, truth: truth)
    }
}

public enum ClassificationMetrics {
    /// Area under the ROC curve of `scores` (higher = more anomalous) against `truth` (true = anomalous),
    /// by the Mann–Whitney statistic with mid-ranks for ties:
    /// AUC = (R₊ − n₊(n₊ + 1)/2) / (n₊ n₋), R₊ the rank sum of the positives.
    /// Equals P(score₊ > score₋) + ½ P(score₊ = score₋); all-equal scores give 0.5.
    /// `nil` without both classes or when a score is not finite.
    public static func rocAUC(scores: [Double], truth: [Bool]) -> Double? {
        precondition(scores.count == truth.count, "scores and truth differ in length")
        let nPos = truth.lazy.filter { $0 }.count
        let nNeg = truth.count - nPos
        guard nPos > 0, nNeg > 0, scores.allSatisfy({ $0.isFinite }) else { return nil }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSumPositives = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
            // Ranks i+1 … j+1 share the mid-rank.
            let midRank = Double(i + j + 2) / 2
            for k in i...j where truth[order[k]] { rankSumPositives += midRank }
            i = j + 1
        }
        let p = Double(nPos), n = Double(nNeg)
        return (rankSumPositives - p * (p + 1) / 2) / (p * n)
    }
}
