import Core

/// Metrics on the historical runs and on the later ("continual") runs; nil where no labels of the
/// needed kind exist. Only runs with a known label count; a run is predicted bad iff flagged.
public struct DinamoMetrics: Sendable, Equatable {
    public var historical: ClassificationSummary?
    public var continual: ClassificationSummary?
}

/// Everything the report needs about one monitored histogram.
public struct DinamoResult: Sendable, Equatable {
    public var name: String
    public var runs: Int
    public var bins: Int
    public var alpha: Double
    public var threshold: Double
    /// The first `historicalCount` runs are historical, the rest continual.
    public var historicalCount: Int
    /// Per-run chi2, score, pulls, flagged, empty, updated, the reference before each run and the final one.
    public var trace: MonitorTrace
    public var labels: [Int?]?
    public var runIDs: [String]?
    public var binEdges: [Double]?
    public var alphaScan: AlphaScan?
    public var thresholdScan: ThresholdScan?
    public var metrics: DinamoMetrics
    /// Indices of runs with score > T.
    public var flaggedRuns: [Int]
    /// Labelled runs where flagged ≠ (label == 1).
    public var misclassifiedRuns: [Int]
    /// The run with the highest score.
    public var worstRun: Int
    /// A good run (label 0, or unflagged without labels; non-empty) whose score is nearest the median of such runs; nil if none.
    public var typicalGoodRun: Int?
    /// Human-readable notes on fallbacks taken (e.g. "no labels: T = 1.0").
    public var notes: [String]
    /// How α and T were chosen, in words (e.g. "auto: false-alarm budget 0.5 % — …"), and how the reference
    /// started.
    public var alphaChoice: String = "given"
    public var thresholdChoice: String = "given"
    public var start: ReferenceStart = .uniform

    public var chi2: [Double] { trace.chi2 }
    public var score: [Double] { trace.score }
    public var finalMu: [Double] { trace.finalMu }
    public var finalSigmaMu: [Double] { trace.finalSigma }
}
