/// What a `--fail-on` condition is checked against: one monitored input, or one part of it that a method
/// judges separately (an MC-EM approach). `part` names the latter ("mcem/hmm"); the verdict names it.
public struct CheckSubject: Sendable, Codable, Equatable {
    public var input: String
    /// The method, and the part of it judged ("dinamo", "mcem/hmm").
    public var method: String
    public var flaggedCount: Int
    /// The subject's metrics; nil where the metric cannot be computed (no labels).
    public var metrics: [MetricKey: Double?]

    public init(input: String, method: String, flaggedCount: Int, metrics: [MetricKey: Double?]) {
        self.input = input
        self.method = method
        self.flaggedCount = flaggedCount
        self.metrics = metrics
    }
}
