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

    private enum CodingKeys: String, CodingKey { case input, method, flaggedCount, metrics }

    // Metrics are stored under their snake_case names as text keys, which JSON key strategies leave alone.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        input = try c.decode(String.self, forKey: .input)
        method = try c.decode(String.self, forKey: .method)
        flaggedCount = try c.decode(Int.self, forKey: .flaggedCount)
        var metrics: [MetricKey: Double?] = [:]
        for (name, value) in try c.decode([String: Double?].self, forKey: .metrics) {
            guard let key = MetricKey(rawValue: name) else {
                throw DecodingError.dataCorruptedError(forKey: .metrics, in: c, debugDescription: "unknown metric '\(name)'")
            }
            metrics[key] = value
        }
        self.metrics = metrics
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(input, forKey: .input)
        try c.encode(method, forKey: .method)
        try c.encode(flaggedCount, forKey: .flaggedCount)
        try c.encode(Dictionary(uniqueKeysWithValues: metrics.map { ($0.key.rawValue, $0.value) }), forKey: .metrics)
    }
}
