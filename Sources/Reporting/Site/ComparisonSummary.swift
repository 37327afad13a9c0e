/// The overview's "which member flagged what": for each comparison group (`InputComparison`: the same input
/// monitored by several variants, e.g. `dinamo --variant both`), the runs flagged by every member, and those
/// flagged by one member only, named by the members' titles. Read from the records alone, like every consumer:
/// the group and the titles are facts the records carry, the flagged runs are their `RunScores`.
struct ComparisonSummary {
    /// Runs listed per line before "… and N more" (the rest are on the members' pages and in their scores CSVs).
    static let runsListed = 20

    var selfContained: Bool

    func views(_ records: [InputRecord]) -> [OverviewPage.ComparisonView] {
        var groups: [Int: [InputRecord]] = [:]
        for r in records { if let c = r.comparison { groups[c.group, default: []].append(r) } }
        return groups.keys.sorted().compactMap { view(groups[$0]!.sorted { $0.position < $1.position }) }
    }

    /// One group's lines: flagged by all members, then by each member alone, then by any other combination;
    /// nil when fewer than two members were computed (a failed member is said on the overview's failed list).
    func view(_ members: [InputRecord]) -> OverviewPage.ComparisonView? {
        let computed = members.filter { $0.failure == nil && $0.runs != nil }
        guard computed.count > 1, let first = computed.first?.comparison else { return nil }
        let titles = computed.map { $0.comparison?.member ?? $0.method.title }
        // Which members flagged each run, in the members' order.
        var flaggedBy: [String: [Int]] = [:], order: [String] = []
        for (m, r) in computed.enumerated() {
            let runs = r.runs!
            for (k, id) in runs.ids.enumerated() where runs.flagged[k] {
                if flaggedBy[id] == nil { order.append(id) }
                flaggedBy[id, default: []].append(m)
            }
        }
        if order.allSatisfy({ Int($0) != nil }) { order.sort { Int($0)! < Int($1)! } }
        let all = Array(computed.indices)
        var sets: [[Int]] = [all] + all.map { [$0] }
        for id in order where !sets.contains(flaggedBy[id]!) { sets.append(flaggedBy[id]!) }
        let rows = sets.map { set -> OverviewPage.ComparisonRow in
            let runs = order.filter { flaggedBy[$0]! == set }
            let label: String
            if set == all { label = computed.count == 2 ? "by both" : "by all \(computed.count)" }
            else if set.count == 1 { label = "by \(titles[set[0]]) only" }
            else { label = "by " + set.map { titles[$0] }.joined(separator: " and ") + " only" }
            let shown = runs.prefix(Self.runsListed)
            return OverviewPage.ComparisonRow(
                label: label, count: runs.count,
                runs: shown.enumerated().map { k, run in
                    ReportPage.Link(text: run, href: selfContained ? nil : RunVerdict(run: run, flags: []).page,
                                    after: k < shown.count - 1 ? "," : "")
                },
                more: runs.count > shown.count ? "… and \(runs.count - shown.count) more" : nil,
                statusClass: runs.isEmpty ? "ok" : "alert")
        }
        return OverviewPage.ComparisonView(
            subject: first.subject, href: selfContained ? "#" + first.anchor : first.page,
            members: titles.joined(separator: " · "),
            unit: computed[0].unit.plural, rows: rows)
    }
}
