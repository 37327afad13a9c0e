/// How α (the weight of the past) is chosen.
public enum AlphaSetting: Sendable, Equatable {
    case value(Double)
    /// The α of `AlphaScan.grid` maximising |ROC AUC − 0.5| + 0.5 on the historical runs (needs labels of both classes;
    /// otherwise `DinamoSettings.fallbackAlpha` with a note).
    case auto
}

/// How the threshold T on ln(χ²/ν) is chosen.
public enum ThresholdSetting: Sendable, Equatable {
    case value(Double)
    /// `ThresholdScan` on the historical runs (needs labels of both classes; otherwise T = 1.0 with a note).
    case auto
}

public struct DinamoSettings: Sendable, Equatable {
    public var alpha: AlphaSetting
    public var threshold: ThresholdSetting
    /// Number of historical runs (the first N); nil = min(1000, 20 % of runs), at least 1.
    public var historical: Int?
    /// Pseudo-count K per bin of the initial uniform reference.
    public var initCounts: Double
    /// Monte Carlo resamples of the statistical debiasing; 0 = off.
    public var debias: Int
    /// Seeds the bootstrap of the threshold scan and the debiasing.
    public var seed: UInt64
    /// The share of good historical runs an automatic threshold may flag (docs/methods/dinamo.md, "Thresholds");
    /// nil: the published procedure (uniform start, T tuned without a budget, T = 1 without labels).
    public var falseAlarmRate: Double?

    /// The threshold T on the score (a run is flagged when its score exceeds T) when no labels choose it.
    public static let defaultThreshold = 1.0
    /// α used when `.auto` cannot be computed (no labels of both classes among the historical runs).
    public static let fallbackAlpha = 0.5

    /// The false-alarm budget of the tool: 0.5 % of the historical runs judged good.
    public static let defaultFalseAlarmRate = 0.005
    /// Labelled historical runs `auto` needs of each class to tune α and T on; fewer, and the unlabelled rules apply.
    public static let minimumGoodLabels = 20
    public static let minimumBadLabels = 5

    public init(alpha: AlphaSetting = .auto, threshold: ThresholdSetting = .auto, historical: Int? = nil,
                initCounts: Double = 100, debias: Int = 0, seed: UInt64 = 0, falseAlarmRate: Double? = nil) {
        self.alpha = alpha
        self.threshold = threshold
        self.historical = historical
        self.initCounts = initCounts
        self.debias = debias
        self.seed = seed
        self.falseAlarmRate = falseAlarmRate
    }

    /// The default historical count for `runs` runs: min(1000, ⌊0.2·runs⌋), at least 1.
    public static func defaultHistorical(runs: Int) -> Int { max(1, min(1000, runs / 5)) }
}
