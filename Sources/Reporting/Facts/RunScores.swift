/// Every run of a run-scoring input, for the summary map and the run pages: each run's id as the input names
/// it, its score, whether the report flags it, and the threshold the scores are judged by.
public struct RunScores: Sendable, Codable, Equatable {
    public var ids: [String]
    public var scores: [Double?]
    public var flagged: [Bool]
    public var threshold: Double
}
