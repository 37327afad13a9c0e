/// Which part of a config's inputs one process computes: shard `index` of `count` (array-job indices count
/// from 0). Input `k` (by position in the config) belongs to shard `k mod count`, a fixed assignment that
/// needs no coordination between the shards.
public struct Shard: Sendable, Equatable, Codable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, index >= 0, index < count else {
            throw ReportError.usage("--shard \(index)/\(count): expected I/N with 0 ≤ I < N (array-job indices count from 0)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `I/N`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let n = Int(parts[1].trimmingCharacters(in: .whitespaces)) else {
            throw ReportError.usage("--shard \(text): expected I/N, e.g. 0/4 (I counts from 0)")
        }
        try self.init(index: i, count: n)
    }

    public func owns(_ position: Int) -> Bool { position % count == index }
    public var description: String { "\(index)/\(count)" }
}
