/// One monitored quantity: a sequence of runs with identical binning, as read from a histogram file.
///
/// `counts` is flat and row-major: run r, bin b is `counts[r * bins + b]`.
/// `labels[r]` is 0 (good), 1 (bad) or nil (unknown); `labels == nil` means no labels at all.
public struct HistogramSet: Sendable, Equatable {
    public var name: String
    public var runs: Int
    public var bins: Int
    public var counts: [Double]
    public var binEdges: [Double]?
    public var labels: [Int?]?
    public var runIDs: [String]?

    /// Validates the shape, the counts (non-negative, finite), the labels (0, 1 or nil) and the lengths.
    public init(name: String, counts: [Double], runs: Int, bins: Int, binEdges: [Double]? = nil,
                labels: [Int?]? = nil, runIDs: [String]? = nil) throws {
        guard bins > 0 else { throw DinamoError.noBins }
        guard runs > 0 else { throw DinamoError.noRuns }
        guard counts.count == runs * bins else { throw DinamoError.countsShape(expected: runs * bins, got: counts.count) }
        for (i, c) in counts.enumerated() where !(c.isFinite && c >= 0) {
            throw DinamoError.invalidCount(run: i / bins, bin: i % bins, value: c)
        }
        if let labels {
            guard labels.count == runs else { throw DinamoError.labelsLength(expected: runs, got: labels.count) }
            for (r, l) in labels.enumerated() { if let l, l != 0 && l != 1 { throw DinamoError.invalidLabel(run: r, value: l) } }
        }
        if let runIDs, runIDs.count != runs { throw DinamoError.runIDsLength(expected: runs, got: runIDs.count) }
        if let binEdges, binEdges.count != bins + 1 { throw DinamoError.binEdgesLength(expected: bins + 1, got: binEdges.count) }
        self.name = name
        self.runs = runs
        self.bins = bins
        self.counts = counts
        self.binEdges = binEdges
        self.labels = labels
        self.runIDs = runIDs
    }

    /// The counts of one run.
    public func counts(ofRun r: Int) -> ArraySlice<Double> { counts[(r * bins)..<((r + 1) * bins)] }

    /// True when at least one run carries a label.
    public var hasLabels: Bool { labels?.contains { $0 != nil } ?? false }
}
