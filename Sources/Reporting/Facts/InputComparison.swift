/// An input's place in a comparison: inputs that monitor the same data under different variants of a method
/// (`dinamo --variant both`: DINAMO-S and DINAMO-ML on one histogram) form a group, and one member's page shows
/// them side by side. Every member's record carries it, so the overview can say which member flagged what
/// (`ComparisonSummary`) without asking which method made the records: a fact, like the flagged count.
public struct InputComparison: Sendable, Codable, Equatable {
    /// The group: the position of its first member, the same for all members and unique in the report (so a
    /// sharded run and `merge` group exactly as an unsharded run does).
    public var group: Int
    /// What the members monitor, as the overview names the group ("pt").
    public var subject: String
    /// This member's title within the group ("DINAMO-S", "DINAMO-ML").
    public var member: String
    /// The input page that shows the members side by side, relative to the report's root.
    public var page: String
    /// The anchor of that page's section in a self-contained report.
    public var anchor: String
}
