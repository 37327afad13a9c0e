/// The metrics a `--fail-on` condition can name and an input's facts carry, under one spelling each (the
/// snake_case names of `summary.json`). A method reports the metrics it has; a metric it cannot compute (no
/// labels) is absent or nil, never invented.
public enum MetricKey: String, Sendable, Codable, CaseIterable {
    case balancedAccuracy = "balanced_accuracy"
    case accuracy
    case sensitivity
    case specificity
    case precision
    case recall
    case f1
    case rocAUC = "roc_auc"
    case averagePrecision = "average_precision"
    case bestF1 = "best_f1"
    case pointAdjustedF1 = "point_adjusted_f1"
    case eventRecall = "event_recall"
    case vusPR = "vus_pr"
    case vusROC = "vus_roc"

    /// Short names a user may write for a key (`auc<0.9`, `ap>=0.5`).
    public static let aliases: [String: MetricKey] = ["auc": .rocAUC, "ap": .averagePrecision]

    /// The key a user's name stands for: a key's own name or an alias, case-insensitively.
    public init?(userName: String) {
        let name = userName.lowercased()
        guard let key = MetricKey(rawValue: name) ?? MetricKey.aliases[name] else { return nil }
        self = key
    }

    /// Every name accepted by `init(userName:)`, sorted.
    public static var userNames: [String] { (allCases.map(\.rawValue) + aliases.keys).sorted() }
}
