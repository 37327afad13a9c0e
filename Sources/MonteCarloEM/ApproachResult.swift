/// What one approach produced. Seconds are not measured here: the caller times the run.
public struct ApproachResult: Sendable, Equatable {
    public var approach: Approach
    /// Forecast mean per point: the trained forecaster run once more over the series in time order with the
    /// points it judged anomalous (mixture/hmm: posterior > `flagThreshold`; topk: its k masked points and those
    /// beyond `topkCleaningSigmas`) replaced by its own forecast, so that it does not follow an anomalous stretch;
    /// baseline: over the series as it is.
    public var mean: [Double]
    /// Forecast scale per point; `nil` for `topk` (a point forecaster has no scale).
    public var scale: [Double]?
    /// The per-point anomaly score (docs/output.md), continuous so that it ranks (what every metric uses):
    /// for every approach sₜ = |rₜ| + ½ · max_{|u−t|≤h} |rᵤ| over the residuals of its own forecaster on the
    /// standardised series, h = `scoreReach` × context (`AnomalyScore`). Dimensionless (robust standard
    /// deviations of the series), so it is the same in any unit.
    public var score: [Double]
    /// Posterior P(anomalous) per point (mixture, hmm), from an E-step after the last epoch.
    public var posterior: [Double]?
    /// Flagged point indices, ascending: never one of the warm-up, nothing when the series is too steady to judge
    /// (docs/methods/mcem.md#8-what-is-never-flagged).
    public var flagged: [Int]
    /// The points 0..<warmUp (one context) are scored but never flagged: their windows are padded, not seen.
    public var warmUp: Int = 0
    /// The series' residual spread in robust standard deviations (`ResidualSpread`); nil when not measured.
    public var residualSpread: Double?
    /// True when the residual spread is below `ResidualSpread.minimum`: nothing is flagged.
    public var tooSteadyToJudge: Bool { residualSpread.map { $0 < ResidualSpread.minimum } ?? false }
    /// Mean training loss per epoch (topk: the masked full-batch loss of each epoch).
    public var lossPerEpoch: [Double]
    /// hmm only: the transition matrix in force at each epoch's E-step, followed by the final one
    /// (so `epochs + 1` entries; the first is the initial matrix).
    public var transitionsPerEpoch: [Transitions]?
    /// Negative log-likelihood of each point under the Gaussian forecast of `mean` and `scale` (nil for topk).
    public var nll: [Double]?

    /// The standardisation the approach trained under (forecasts above are already mapped back).
    public var standardisation: Standardisation = .identity

    public var finalLoss: Double? { lossPerEpoch.last }

    public init(approach: Approach, mean: [Double], scale: [Double]?, score: [Double], posterior: [Double]?,
                flagged: [Int], lossPerEpoch: [Double], transitionsPerEpoch: [Transitions]?, nll: [Double]?,
                standardisation: Standardisation = .identity) {
        self.approach = approach
        self.mean = mean
        self.scale = scale
        self.score = score
        self.posterior = posterior
        self.flagged = flagged
        self.lossPerEpoch = lossPerEpoch
        self.transitionsPerEpoch = transitionsPerEpoch
        self.nll = nll
        self.standardisation = standardisation
    }

    /// Maps a result computed on standardised values back to the series' units: means by centre + spread·m,
    /// scales by spread, NLLs by + ln spread. The score stays in robust standard deviations.
    func restored(_ map: Standardisation) -> ApproachResult {
        var r = self
        r.standardisation = map
        r.mean = map.restore(mean)
        r.scale = scale.map { $0.map { $0 * map.spread } }
        let logSpread = _log(map.spread)
        r.nll = nll.map { $0.map { $0 + logSpread } }
        return r
    }
}
