/// How fast the monitor accepts good runs again after a rapid change, as the DINAMO paper defines it
/// (`adaptivity_index` of `dinamo/metrics/metrics.py`, patience 1 as in the published configuration).
///
/// For each change point c (μ and σ change points together), over the window c ..< next change point of the
/// same list (the end of the data for the last one), with s the score ln(χ²/ν) and T the threshold:
/// - walk the **good** runs of the window in order (bad runs are skipped); a good run with s ≤ T adds one to a
///   count that a good run with s > T resets; when the count reaches `patience`, the monitor has adapted,
///   with recovered height h = |s(c) − s(that run)|;
/// - **steps to adapt** n_c = the number of good runs walked before that (runs that did not end the walk);
/// - **adaptivity index** a_c = h / n_c; a_c = 0 when n_c = 0 (the first good run was already accepted);
///   if the window ends before adaptation, h = |s(c) − s(last run of the window)| (partial recovery; the last
///   run of the window, good or bad, as published).
/// The summaries are the means over change points; nil without change points.
///
/// Example (T = 0, patience 1): scores [3, 2, 1, −1, 5] from a change point at 0, all good: runs 0, 1, 2 are
/// above T (n = 3), run 3 is accepted, h = |3 − (−1)| = 4, a = 4/3.
public struct AdaptationMetrics: Sendable, Equatable {
    /// The change points evaluated.
    public var changePoints: [Int]
    /// n_c per change point.
    public var stepsToAdapt: [Int]
    /// a_c per change point.
    public var adaptivityIndices: [Double]
    /// Whether the walk ended in adaptation (false: partial recovery at the window's end).
    public var adapted: [Bool]

    /// Mean of n_c; nil without change points.
    public var meanStepsToAdapt: Double? {
        stepsToAdapt.isEmpty ? nil : Double(stepsToAdapt.reduce(0, +)) / Double(stepsToAdapt.count)
    }
    /// Mean of a_c; nil without change points.
    public var adaptivityIndex: Double? {
        adaptivityIndices.isEmpty ? nil : adaptivityIndices.reduce(0, +) / Double(adaptivityIndices.count)
    }

    /// - Parameters:
    ///   - scores: ln(χ²/ν) of every run of the data (windows may run past a regime's end, as published).
    ///   - bad: the true labels (true = bad), one per run.
    ///   - changePoints: ascending, each in 0..<scores.count; the window of the last one ends with the data.
    public static func evaluate(scores: [Double], bad: [Bool], changePoints: [Int], threshold: Double,
                                patience: Int = 1) -> AdaptationMetrics {
        precondition(scores.count == bad.count, "one label per score")
        precondition(patience >= 1, "patience must be at least 1")
        var steps: [Int] = [], indices: [Double] = [], adapted: [Bool] = []
        for (k, c) in changePoints.enumerated() {
            let end = k + 1 < changePoints.count ? changePoints[k + 1] : scores.count
            guard c < end else { continue }
            let start = scores[c]
            var n = 0, below = 0, height = 0.0, done = false
            for r in c..<end where !bad[r] {
                below = scores[r] <= threshold ? below + 1 : 0
                if below >= patience {
                    height = abs(start - scores[r])
                    done = true
                    break
                }
                n += 1
            }
            if !done { height = abs(start - scores[end - 1]) }
            steps.append(n)
            indices.append(n == 0 ? 0 : height / Double(n))
            adapted.append(done)
        }
        return AdaptationMetrics(changePoints: changePoints, stepsToAdapt: steps, adaptivityIndices: indices, adapted: adapted)
    }
}
