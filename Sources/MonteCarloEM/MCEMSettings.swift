import Core

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
