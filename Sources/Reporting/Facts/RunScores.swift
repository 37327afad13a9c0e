/// The latest runs of a run-scoring input, for the overview's run × histogram summary map: each run's id as
/// the input names it, its score, whether it was flagged, and the threshold the scores are judged by.
public struct RunScores: Sendable, Codable, Equatable {
    /// At most this many of the latest runs are kept.
    public static let kept = 100
    public var ids: [String]
    public var scores: [Double?]
    public var flagged: [Bool]
    public var threshold: Double
}
