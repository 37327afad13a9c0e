import Core

/// `summary.json` (SPEC §4.2): the machine-readable results of one report.
///
/// Keys are written in snake_case, sorted, so two runs with the same inputs give the same bytes.
/// A metric that cannot be computed (no labels, no positives) is `null`, never invented; every number
/// is finite by construction (`Summary.finite`) and the encoder refuses NaN as a last line of defence.
public struct Summary: Codable, Sendable, Equatable {
    public struct Tool: Codable, Sendable, Equatable {
        public var name: String
        public var version: String
    }

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

    public struct DinamoMetrics: Codable, Sendable, Equatable {
        public var historical: RunMetrics?
        public var continual: RunMetrics?
    }

    /// Truth-aware metrics, on generated data only. The top-level numbers are the continual regime's (as the
    /// paper reports them); `historical` and `continual` give both regimes.
    public struct DinamoTruth: Codable, Sendable, Equatable {
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

    public struct DinamoEntry: Codable, Sendable, Equatable {
        public var name: String
        public var runs: Int
        public var bins: Int
        public var alpha: Double
        public var threshold: Double
        public var flagged: [Int]
        public var empty: [Int]
        public var metrics: DinamoMetrics
        public var truth: DinamoTruth?
        public var seconds: Double?
    }

    public struct Approach: Codable, Sendable, Equatable {
        /// Range-based volume under the PR / ROC surface (TSB-AD "opt", 250 thresholds) and its window.
        public var vusPr: Double?
        public var vusRoc: Double?
        public var vusWindow: Int?
        public var rocAuc: Double?
        public var averagePrecision: Double?
        public var precision: Double?
        public var recall: Double?
        public var f1: Double?
        public var pointAdjustedF1: Double?
        public var bestF1: Double?
        public var eventRecall: Double?
        public var nominalMae: Double?
        public var nominalNll: Double?
        public var flagged: [Int]
        public var finalLoss: Double?
        public var epochs: Int
        public var seconds: Double?
        /// hmm only: the 2×2 transition matrix after each epoch, rows = from (normal, anomalous).
        public var transitions: [[[Double]]]?
    }

    public struct McemEntry: Codable, Sendable, Equatable {
        public var name: String
        public var length: Int
        public var labelled: Bool
        public var approaches: [String: Approach]
    }

    public struct FigureEntry: Codable, Sendable, Equatable {
        /// The figure's id (`anomaly-report figure DIR --id ID`), also its file stem.
        public var id: String
        public var file: String
        public var title: String
        public var alt: String
    }

    public var tool: Tool
    public var seed: UInt64
    public var quick: Bool
    public var dinamo: [DinamoEntry]
    public var mcem: [McemEntry]
    public var figures: [FigureEntry]
    /// Inputs that could not be processed (`--keep-going`), with the reason.
    public var failed: [FailedInput]
    /// How the report was made: the command line, the shard, the merged parts. The only key that differs
    /// between a sharded-and-merged report and the unsharded one.
    public var invocation: Invocation
    /// Total wall time; `null` when SOURCE_DATE_EPOCH asks for byte-reproducible output.
    public var seconds: Double?

    public struct FailedInput: Codable, Sendable, Equatable {
        public var name: String
        public var error: String
    }

    public struct Invocation: Codable, Sendable, Equatable {
        public var commandLine: String
        /// `I/N` of a partial run.
        public var shard: String?
        /// The part directories a `merge` assembled, in shard order.
        public var mergedParts: [String]?
    }

    /// `x` when finite, else `nil` (written as `null`).
    public static func finite(_ x: Double?) -> Double? {
        guard let x, x.isFinite else { return nil }
        return x
    }
}
