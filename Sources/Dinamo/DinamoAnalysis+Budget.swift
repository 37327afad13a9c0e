import Core

extension DinamoAnalysis {
    /// The false-alarm budget's threshold from the scores of runs the monitor judged itself (see
    /// `budgetThreshold(_:alpha:settings:start:historical:rate:)`):
    /// T = median + z₁₋ᵣ · max(1.4826 · MAD, s₅, √(2/ν)), s₅ the standard deviation of the scores within five robust
    /// deviations of the median. Nil without scores. Shared by DINAMO-S and DINAMO-ML.
    public static func budgetThreshold(scores: [Double], bins: Int, rate: Double) -> Double? {
        let z = Statistics.normalQuantile(1 - rate)
        let floor = (2 / Double(bins)).squareRoot()
        guard let median = Statistics.median(scores), let robust = Statistics.robustSpread(scores) else { return nil }
        let core = scores.filter { abs($0 - median) <= 5 * max(robust, floor) }
        let clipped = Statistics.variance(core).map { $0.squareRoot() } ?? 0
        return median + z * max(robust, clipped, floor)
    }
}

extension DinamoAnalysis {
    /// T tuned on the labelled historical runs (`labelled`: run index and whether it is bad; `scores` indexed by
    /// run): the `ThresholdScan`'s best bootstrap balanced accuracy, and with a false-alarm budget the best among
    /// the thresholds that flag at most the budget's share of the labelled good runs (when none of the grid does,
    /// the lowest T that does, from the good runs' scores). Nil when the scan needs both classes and lacks one.
    /// Shared by DINAMO-S and DINAMO-ML.
    public static func labelledThreshold(scores: [Double], labelled: [(Int, Bool)], budget: Double?, seed: UInt64,
                                         labelCounts: String)
        -> (threshold: Double, scan: ThresholdScan?, choice: String)? {
        guard let scan = ThresholdScan.compute(scores: labelled.map { scores[$0.0] }, bad: labelled.map(\.1),
                                               seed: seed) else { return nil }
        guard let budget else { return (scan.chosen, scan, "auto: best balanced accuracy on \(labelCounts)") }
        // Thresholds that flag at most the budget's share of the labelled good historical runs.
        let good = labelled.filter { !$0.1 }.map { scores[$0.0] }.sorted()
        let allowedFlags = Int((budget * Double(good.count)).rounded(.down))
        let allowed = scan.thresholds.map { t in good.filter { $0 > t }.count <= allowedFlags }
        if let within = scan.choosing(among: allowed) {
            return (within.chosen, within,
                    "auto: best balanced accuracy on \(labelCounts), flagging at most \(allowedFlags) of the \(good.count) good")
        }
        // No threshold of the grid respects the budget: the lowest T that does, from the good runs.
        return (good[max(0, good.count - 1 - allowedFlags)], nil,
                "auto: no threshold of the scan respects the false-alarm budget; T flags \(allowedFlags) of the \(good.count) good labelled historical runs")
    }
}
