import Core

/// A DINAMO-S input's entry in `summary.json` (docs/output.md): its settings as chosen, the runs it flagged, the
/// empty and the warm-up ones (by run id), the classification metrics per regime when labels exist, and on generated data
/// the truth metrics.
public struct DinamoEntry: SummaryEntry, Equatable {
    public var name: String
    public var runs: Int
    public var bins: Int
    public var alpha: Double
    public var threshold: Double
    /// The runs flagged (warm-up runs never are), empty, and scored in the warm-up, by the ids the input gives them.
    public var flagged: [String]
    public var empty: [String]
    public var warmUp: [String]
    /// How α and T were chosen, in words, and the false-alarm budget.
    public var alphaChoice: String
    public var thresholdChoice: String
    public var falseAlarmRate: Double
    /// The DINAMO variant: "s" (the EWMA reference) or "ml" (the transformer reference, `DinamoMLRunner`).
    public var variant = "s"
    public var metrics: Metrics
    public var truth: Truth?
    public var seconds: Double?

    /// Classification metrics of runs (1 = bad is the positive class).
    public struct RunMetrics: Codable, Sendable, Equatable {
        public var runs: Int
        public var balancedAccuracy: Double?
        public var accuracy: Double?
        public var sensitivity: Double?
        public var specificity: Double?
        public var precision: Double?
        public var f1: Double?
        public var rocAuc: Double?
        public var confusion: ConfusionMatrix
        public init(runs: Int, balancedAccuracy: Double?, accuracy: Double?, sensitivity: Double?, specificity: Double?,
                    precision: Double?, f1: Double?, rocAuc: Double?, confusion: ConfusionMatrix) {
            self.runs = runs
            self.balancedAccuracy = balancedAccuracy
            self.accuracy = accuracy
            self.sensitivity = sensitivity
            self.specificity = specificity
            self.precision = precision
            self.f1 = f1
            self.rocAuc = rocAuc
            self.confusion = confusion
        }
    }

    public struct Metrics: Codable, Sendable, Equatable {
        public var historical: RunMetrics?
        public var continual: RunMetrics?
    }

    /// Truth-aware metrics, on generated data only. The top-level numbers are the continual regime's (as the
    /// paper reports them); `historical` and `continual` give both regimes.
    public struct Truth: Codable, Sendable, Equatable {
        public var changePoints: Int
        public var meanStepsToAdapt: Double?
        public var adaptivityIndex: Double?
        public var jaccardDistance: Double?
        public var historical: Regime?
        public var continual: Regime?

        /// Steps to adapt and adaptivity index over the regime's μ and σ change points; the Jaccard distance
        /// between the z-score-aligned reference band and the good runs' spread.
        public struct Regime: Codable, Sendable, Equatable {
            public var changePoints: Int
            public var meanStepsToAdapt: Double?
            public var adaptivityIndex: Double?
            public var jaccardDistance: Double?
        }
    }

}
