/// DINAMO-ML's settings, defaulting to the published configuration (ArseniiGav/DINAMO `configs.py`):
/// the transformer's shape (M = 20 context runs), K = 10 training runs per step, AdamW with lr 5e-4 and
/// weight decay 1e-4, at most 1000 steps after each good run and early stopping after 5 steps without a lower
/// loss. `seed` draws the initial weights and the dropout masks (the published code seeds torch with 22).
public struct DinamoMLSettings: Sendable, Equatable, Codable {
    public var shape: TransformerShape
    public var trainingRuns: Int
    public var learningRate: Double
    public var weightDecay: Double
    public var maxSteps: Int
    public var patience: Int
    public var seed: UInt64

    public init(shape: TransformerShape = TransformerShape(), trainingRuns: Int = 10, learningRate: Double = 5e-4,
                weightDecay: Double = 1e-4, maxSteps: Int = 1000, patience: Int = 5, seed: UInt64 = 22) {
        self.shape = shape
        self.trainingRuns = trainingRuns
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.maxSteps = maxSteps
        self.patience = patience
        self.seed = seed
    }

    /// The published settings for histograms of `bins` bins.
    public static func published(bins: Int, seed: UInt64 = 22) -> DinamoMLSettings {
        var s = DinamoMLSettings(seed: seed)
        s.shape.bins = bins
        return s
    }
}
