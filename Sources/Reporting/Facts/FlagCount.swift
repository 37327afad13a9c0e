/// How much the computed inputs flagged of one unit (runs of the monitored histograms, points of the series):
/// the headline count of the overview and of the CI page, worded the same way in both
/// ("842 of 50000 runs in 50 monitored histograms").
struct FlagCount: Sendable, Equatable {
    var unit: FlaggedUnit
    var flagged: Int
    var total: Int
    /// How many inputs flag this unit.
    var inputs: Int

    /// "842 of 50000 runs in 50 monitored histograms", the count in `emphasis` (`**` in Markdown).
    func text(emphasis: String = "") -> String {
        "\(emphasis)\(flagged) of \(total) \(unit.plural)\(emphasis) in \(inputs) \(unit.holders(inputs))"
    }

    /// One count per unit some computed input flags, in `FlaggedUnit` order; failed inputs are left out.
    static func counts(_ records: [InputRecord]) -> [FlagCount] {
        let computed = records.filter { $0.failure == nil }
        return FlaggedUnit.allCases.compactMap { unit in
            let holding = computed.filter { $0.unit == unit }
            guard !holding.isEmpty else { return nil }
            return FlagCount(unit: unit, flagged: holding.reduce(0) { $0 + $1.flaggedUnits },
                             total: holding.reduce(0) { $0 + $1.units }, inputs: holding.count)
        }
    }
}
