/// The anomaly score every approach reports (docs/output.md): the residual of its own forecaster, with the evidence
/// of a neighbourhood tied to the series' period added, so that a point inside an anomalous stretch ranks
/// above the quiet points even where its own residual is small.
///
/// With zₜ the robustly standardised series (`Standardisation`), m̂ₜ the approach's cleaned forecast of it (the
/// trained forecaster run in time order with the points it judged anomalous replaced by its own forecast:
/// mixture/hmm posterior > ½, topk its k masked points and any point beyond 6 robust deviations of its residuals,
/// `MCEMSettings.topkCleaningSigmas`; baseline: the series as it is) and rₜ = zₜ − m̂ₜ,
///
///     sₜ = |rₜ| + ½ · max{ |rᵤ| : |u − t| ≤ h }          (u clipped to the series)
///
/// in robust standard deviations of the series, so scores do not depend on its units. The half-width h is
/// `MCEMSettings.scoreReach` contexts (the forecaster's context is the series' period when it has one):
/// h = 0 ranks by the point's own residual; the series' defaults take two periods on either side.
///
/// Why this form (measured: docs/performance.md): NAB labels anomalies as windows of 100–400 points, and
/// range-based metrics (VUS-PR) reward a score that stays high over the region, while a forecaster's residual
/// spikes at one or two points of it. The moving maximum carries the largest departure of the neighbourhood over
/// the whole stretch (a subsequence detector scores a window of about the period for the same reason), and the
/// point's own |rₜ| orders the points inside it, so that a point anomaly still ranks above its normal neighbours
/// (the toy series' labels are single points).
/// The neighbourhood counts half: a normal point ν next to the largest residual M of its neighbourhood stays
/// below an isolated anomaly a as long as ν + M/2 < 3a/2, i.e. M < 3a − 2ν. A weight of 1 (M < 2a − ν) gains
/// little on the development series and costs the toy's ROC AUC, as the block's residual spills over the normal
/// points after it (measured: docs/performance.md).
/// The posterior is not the score: it saturates at 0 and 1, so most points tie; it stays the flag.
public enum AnomalyScore {
    /// The weight ½ of the neighbourhood's largest residual (see the type for why).
    public static let neighbourhoodWeight = 0.5

    /// sₜ = |rₜ| + ½ · max_{|u−t|≤h} |rᵤ| (see the type). A non-finite residual counts as 1e300, so that a
    /// broken point ranks first and every score stays finite.
    public static func windowed(residuals: [Double], halfWidth h: Int) -> [Double] {
        let evidence = residuals.map { r -> Double in
            let a = abs(r)
            return a.isFinite ? a : 1e300
        }
        let neighbourhood = movingMaximum(evidence, halfWidth: h)
        return zip(evidence, neighbourhood).map { $0 + neighbourhoodWeight * $1 }
    }

    /// The centred moving maximum Mₜ = max{vᵤ : max(0, t−h) ≤ u ≤ min(n−1, t+h)}, h ≥ 0, in O(n):
    /// a deque of indices whose values decrease from front to back holds the candidates of the current
    /// window; each index enters and leaves it once. A negative h is taken as 0.
    public static func movingMaximum(_ v: [Double], halfWidth: Int) -> [Double] {
        let n = v.count
        let h = max(0, halfWidth)
        guard n > 0, h > 0 else { return v }
        var out = [Double](repeating: 0, count: n)
        var deque = [Int](repeating: 0, count: n)
        var head = 0, tail = 0     // deque[head..<tail]
        var next = 0               // the next index to enter
        for t in 0..<n {
            let last = min(n - 1, t + h)
            while next <= last {
                while tail > head && v[deque[tail - 1]] <= v[next] { tail -= 1 }
                deque[tail] = next
                tail += 1
                next += 1
            }
            while deque[head] < t - h { head += 1 }
            out[t] = v[deque[head]]
        }
        return out
    }
}
