/// The labels of the historical runs as the automatic choices see them (shared by DINAMO-S's and DINAMO-ML's
/// analyses): the labelled runs (index, bad?), their counts, whether they can tune α and T, and the reference's
/// start.
public struct HistoricalLabels: Sendable {
    /// Labelled historical runs: run index and whether it is bad.
    public let labelled: [(Int, Bool)]
    public let good: Int
    public let bad: Int
    /// Published: any labels of both classes; with a false-alarm budget, enough of each
    /// (`DinamoSettings.minimumGoodLabels`, `minimumBadLabels`).
    public let canTune: Bool
    /// "N good and M bad labelled historical runs", for the choices' wording.
    public let counts: String
    /// The published uniform start without a budget; with one, `ReferenceStart.choose`.
    public let start: ReferenceStart

    public init(_ h: HistogramSet, historical: Int, budget: Double?) {
        let labels = h.labels
        labelled = labels.map { l in (0..<historical).compactMap { r in l[r].map { (r, $0 == 1) } } } ?? []
        good = labelled.filter { !$0.1 }.count
        bad = labelled.count - good
        canTune = budget == nil ? (good > 0 && bad > 0)
            : (good >= DinamoSettings.minimumGoodLabels && bad >= DinamoSettings.minimumBadLabels)
        counts = "\(good) good and \(bad) bad labelled historical runs"
        start = budget == nil ? .uniform : ReferenceStart.choose(labels: labels, range: 0..<h.runs)
    }
}
