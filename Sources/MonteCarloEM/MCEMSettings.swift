import Core

/// The four training approaches (docs/methods/mcem.md).
public enum Approach: String, Sendable, CaseIterable, Codable {
    case baseline, topk, mixture, hmm

    /// The fixed random sub-stream of this approach (`SeededGenerator.stream(seed:, streamIndex)`), so an
    /// approach's numbers depend only on the seed — not on which other approaches run, nor on the cores.
    public var streamIndex: UInt64 {
        switch self {
        case .baseline: 0
        case .topk: 1
        case .mixture: 2
        case .hmm: 3
        }
    }
}

/// Every setting of the forecaster and the approaches, defaulting to the notebook's (docs/methods/mcem.md).
public struct MCEMSettings: Sendable, Equatable, Codable {
    // Forecaster
    public var context = 25
    /// Weight-normalised layers: Linear(context→16) + (hiddenLayers − 1) × Linear(16→16). Width is fixed at 16.
    public var hiddenLayers = 9
    public var learningRate = 5e-5
    public var weightDecay = 1e-6
    public var batchSize = 25
    // topk
    public var topkEpochs = 5000
    public var topkMasked = 40
    /// topk's learning rate; `nil` = `learningRate`. Fewer full-batch epochs on long series take a
    /// proportionally larger step (`defaults(for:)`), so the distance Adam can travel stays the same.
    public var topkLearningRate: Double? = nil
    /// topk's batch: `nil` = one full-batch step per epoch (the notebook's); a size = shuffled mini-batches of
    /// that size, every point once per epoch (one Adam step per batch), the k largest errors seen during the
    /// epoch masked in the next. Mini-batches give n/size steps per pass, so far fewer passes reach the same fit.
    public var topkBatchSize: Int? = nil
    /// topk's cleaned forecast (the forecast its score uses) replaces its k masked points and, beyond them, any
    /// point whose residual exceeds this many robust standard deviations of the last epoch's residuals, for at
    /// most one context in a row (`MiniBatchTrainer.cleanedForecast`); `nil` = the k masked points only.
    ///
    /// Why: k is the method's budget of masked points, and when the anomalies outnumber it (the toy series at
    /// length 1600 has 68 for k = 40) the 48 spikes take every slot, the −2 block is never masked, the forecaster
    /// follows it from its second point on, and the block ranks last. Bridging the points beyond 6 deviations
    /// lifts the toy's worst case without costing the development series; without the limit of one context in a
    /// row a level shift was forecast away to the end of the series (measured: docs/performance.md).
    public var topkCleaningSigmas: Double? = 6
    // mixture / hmm
    public var prior = 0.03
    public var epochs = 25
    public var warmUpEpochs = 5
    public var samplesPerEpoch = 20
    // hmm
    public var initialNormalToAnomalous = 0.05
    public var initialAnomalousToNormal = 0.98
    /// Weight of the previous matrix in the M-step blend (0.5 = 50/50).
    public var transitionMemory = 0.5
    // baseline
    /// Epochs of the baseline; `nil` = `epochs × samplesPerEpoch`, the same number of updates as `mixture`.
    public var baselineEpochs: Int? = nil
    /// Baseline flags points whose NLL exceeds the median NLL by this many nats (4.5 ≈ a 3σ residual).
    public var baselineNLLMargin = 4.5
    /// Posterior threshold for flagging (mixture, hmm).
    public var flagThreshold = 0.5
    // score
    /// Half-width of the score's neighbourhood in contexts: h = scoreReach × context points on either side
    /// (`AnomalyScore`). 0 (the notebook's toy demo) ranks each point by its own residual.
    public var scoreReach = 0

    public init() {}

    /// The notebook's settings (the defaults).
    public static let notebook = MCEMSettings()
}

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
    /// Flagged point indices, ascending.
    public var flagged: [Int]
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
