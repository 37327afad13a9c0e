/// The four training approaches (docs/methods/mcem.md).
public enum Approach: String, Sendable, CaseIterable, Codable {
    case baseline, topk, mixture, hmm

    /// The fixed random sub-stream of this approach (`SeededGenerator.stream(seed:, streamIndex)`), so an
    /// approach's numbers depend only on the seed — not on which other approaches run, nor on the cores.
    public var streamIndex: UInt64 {
        switch self {
        case .baseline: 0
        case .topk: 1
        case .mixture: 2
        case .hmm: 3
        }
    }
}
