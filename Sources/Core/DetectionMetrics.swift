/// Detection metrics (docs/methods/mcem.md) for a per-point score (higher = more anomalous) against boolean labels.
/// Anything undefined (no positives, no negatives, nothing flagged, empty input) is `nil`, never NaN.
public enum DetectionMetrics {
    /// One point of a curve: `x`, `y` and the score threshold that produced it (`score ≥ threshold` flagged).
    public struct CurvePoint: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public var threshold: Double
        public init(x: Double, y: Double, threshold: Double) { self.x = x; self.y = y; self.threshold = threshold }
    }

    // MARK: ranking metrics

    /// Sorted distinct thresholds with cumulative (tp, fp) when flagging `score ≥ threshold`, descending.
    /// NaN scores rank lowest.
    private static func cumulative(_ scores: [Double], _ labels: [Bool]) -> [(threshold: Double, tp: Int, fp: Int)] {
        precondition(scores.count == labels.count, "scores and labels differ in length")
        let key = scores.map { $0.isNaN ? -Double.infinity : $0 }
        let order = key.indices.sorted { key[$0] > key[$1] }
        var out: [(Double, Int, Int)] = []
        var tp = 0, fp = 0, i = 0
        while i < order.count {
            let s = key[order[i]]
            while i < order.count && key[order[i]] == s {
                if labels[order[i]] { tp += 1 } else { fp += 1 }
                i += 1
            }
            out.append((s, tp, fp))
        }
        return out
    }

    /// ROC AUC as the Mann–Whitney statistic with average ranks for ties:
    /// (Σ ranks of positives − P(P+1)/2) / (P·N). Nil without both classes.
    /// Scores that are NaN rank lowest and infinite ones at the ends; the statistic itself is
    /// `ClassificationMetrics.rocAUC`.
    public static func rocAUC(scores: [Double], labels: [Bool]) -> Double? {
        let ranked = scores.map { $0.isNaN ? -Double.greatestFiniteMagnitude : max(-Double.greatestFiniteMagnitude, min(Double.greatestFiniteMagnitude, $0)) }
        return ClassificationMetrics.rocAUC(scores: ranked, truth: labels)
    }

    /// ROC curve (x = false-positive rate, y = true-positive rate), from (0, 0) to (1, 1). Empty without both classes.
    public static func rocCurve(scores: [Double], labels: [Bool]) -> [CurvePoint] {
        let p = labels.filter { $0 }.count, n = labels.count - p
        guard p > 0, n > 0 else { return [] }
        var pts = [CurvePoint(x: 0, y: 0, threshold: .infinity)]
        for c in cumulative(scores, labels) {
            pts.append(CurvePoint(x: Double(c.fp) / Double(n), y: Double(c.tp) / Double(p), threshold: c.threshold))
        }
        return pts
    }

    /// Precision–recall curve (x = recall, y = precision), one point per distinct threshold, descending
    /// threshold. Empty without positives.
    public static func precisionRecallCurve(scores: [Double], labels: [Bool]) -> [CurvePoint] {
        let p = labels.filter { $0 }.count
        guard p > 0 else { return [] }
        return cumulative(scores, labels).map { c in
            CurvePoint(x: Double(c.tp) / Double(p), y: Double(c.tp) / Double(c.tp + c.fp), threshold: c.threshold)
        }
    }

    /// Average precision Σₙ (Rₙ − Rₙ₋₁) Pₙ over distinct thresholds (scikit-learn's definition, no interpolation).
    public static func averagePrecision(scores: [Double], labels: [Bool]) -> Double? {
        let curve = precisionRecallCurve(scores: scores, labels: labels)
        guard !curve.isEmpty else { return nil }
        var ap = 0.0, prevRecall = 0.0
        for c in curve {
            ap += (c.x - prevRecall) * c.y
            prevRecall = c.x
        }
        return ap
    }

    /// The best F1 over all thresholds (`score ≥ threshold`) and the threshold reaching it. Nil without positives.
    public static func bestF1(scores: [Double], labels: [Bool]) -> (f1: Double, threshold: Double)? {
        let p = labels.filter { $0 }.count
        guard p > 0 else { return nil }
        var best: (Double, Double)?
        for c in cumulative(scores, labels) {
            let f = Double(2 * c.tp) / Double(2 * c.tp + c.fp + (p - c.tp))
            if best == nil || f > best!.0 { best = (f, c.threshold) }
        }
        return best
    }

    // MARK: flagged sets

    /// The confusion matrix of a flagged mask (predicted anomalous) against labels (true = anomalous).
    public static func confusion(flagged: [Bool], labels: [Bool]) -> ConfusionMatrix {
        ConfusionMatrix(truth: labels, predicted: flagged)
    }

    /// A boolean mask of length `count` true at `indices`.
    public static func mask(_ indices: [Int], count: Int) -> [Bool] {
        var m = [Bool](repeating: false, count: count)
        for i in indices where i >= 0 && i < count { m[i] = true }
        return m
    }

    /// Maximal runs of consecutive true labels (the anomaly segments / events).
    public static func segments(_ labels: [Bool]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start: Int?
        for (i, l) in labels.enumerated() {
            if l, start == nil { start = i }
            if !l, let s = start { out.append(s..<i); start = nil }
        }
        if let s = start { out.append(s..<labels.count) }
        return out
    }

    /// Point adjustment (Xu et al. 2018): when any point of a true anomaly segment is flagged, the whole
    /// segment counts as flagged. Flags outside segments are kept as they are.
    public static func pointAdjusted(flagged: [Bool], labels: [Bool]) -> [Bool] {
        var adj = flagged
        for seg in segments(labels) where seg.contains(where: { flagged[$0] }) {
            for i in seg { adj[i] = true }
        }
        return adj
    }

    /// F1 after point adjustment.
    public static func pointAdjustedF1(flagged: [Bool], labels: [Bool]) -> Double? {
        confusion(flagged: pointAdjusted(flagged: flagged, labels: labels), labels: labels).f1
    }

    /// Fraction of anomaly segments with at least one flagged point; nil without segments.
    public static func eventRecall(flagged: [Bool], labels: [Bool]) -> Double? {
        let segs = segments(labels)
        guard !segs.isEmpty else { return nil }
        let hit = segs.filter { seg in seg.contains(where: { flagged[$0] }) }.count
        return Double(hit) / Double(segs.count)
    }

    // MARK: forecast quality on nominal points

    /// Mean |value − forecast| over the points where `nominal` is true; nil when there are none.
    public static func meanAbsoluteError(values: [Double], forecasts: [Double], nominal: [Bool]) -> Double? {
        var s = 0.0, k = 0
        for i in values.indices where nominal[i] && values[i].isFinite && forecasts[i].isFinite {
            s += abs(values[i] - forecasts[i]); k += 1
        }
        return k > 0 ? s / Double(k) : nil
    }

    /// Mean Gaussian negative log-likelihood ½ln2π + ln s + (x − m)²/(2s²) over nominal points; nil when
    /// there are none or a scale is not positive.
    public static func gaussianNLL(values: [Double], means: [Double], scales: [Double], nominal: [Bool]) -> Double? {
        var s = 0.0, k = 0
        for i in values.indices where nominal[i] {
            let sc = scales[i]
            guard sc > 0, sc.isFinite, means[i].isFinite, values[i].isFinite else { return nil }
            let z = (values[i] - means[i]) / sc
            s += 0.918_938_533_204_672_7 + _log(sc) + 0.5 * z * z
            k += 1
        }
        return k > 0 ? s / Double(k) : nil
    }
}
