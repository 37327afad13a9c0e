/// The methods the tool runs, in report order (a config's lists are read, and its inputs placed, in this order).
/// Adding a method is one line here and one folder under `Methods/` (docs/architecture.md).
enum MethodRegistry {
    nonisolated(unsafe) static let all: [any DetectionMethod.Type] = [DinamoMethod.self, MonteCarloEMMethod.self]

    static func method(_ id: MethodID) -> (any DetectionMethod.Type)? {
        all.first { $0.info.id == id }
    }

    /// The `summary.json` entry type of a method, for reading a shard's records back.
    static func entryType(for id: MethodID) -> (any SummaryEntry.Type)? { method(id)?.entryType }
}
