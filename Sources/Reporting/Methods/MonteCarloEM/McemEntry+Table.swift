import MonteCarloEM

/// The forecasting approaches in the order the report shows them (`MonteCarloEM.Approach`; inside `McemEntry`
/// the name `Approach` is the entry's own per-approach record).
private typealias ForecastApproach = Approach

/// MC-EM's tables: one per metric, a row per series, a column per approach that ran on any of them, the best
/// approach of each row in bold (every metric tabulated is higher-is-better). A series without the metric (no
/// ground truth) has no row; a metric no series has makes no table.
extension McemEntry: TabulatedEntry {
    public static let tableQuantities = [MetricKey.vusPR, .vusROC, .rocAUC, .averagePrecision, .bestF1, .f1, .precision,
                                         .recall, .pointAdjustedF1, .eventRecall].map(\.rawValue)
    public static let tableDefaults = [MetricKey.vusPR, .vusROC, .rocAUC, .averagePrecision, .f1].map(\.rawValue)

    public static func tables(of entries: [McemEntry], showing selection: [String]) -> [ResultTable] {
        let approaches = ForecastApproach.allCases.map(\.rawValue).filter { a in entries.contains { $0.approaches[a] != nil } }
        var tables: [ResultTable] = []
        for name in selection {
            guard tableQuantities.contains(name), let key = MetricKey(rawValue: name) else { continue }
            let rows = entries.compactMap { entry -> ResultTable.Row? in
                let cells = approaches.map { a in entry.approaches[a].flatMap { value(key, of: $0) }.map(ResultTable.Value.number) }
                return cells.contains { $0 != nil } ? ResultTable.Row(label: entry.name, cells: cells) : nil
            }
            guard !rows.isEmpty else { continue }
            tables.append(ResultTable(
                id: "mcem-\(name)", title: "MC-EM: \(name) per series and approach (higher is better; the best of each row in bold)",
                rowHeading: "series", columns: approaches.map { ResultTable.Column($0) }, rows: rows, bestInRow: .higher))
        }
        return tables
    }

    /// The metric `key` of one approach's entry, as `summary.json` holds it.
    private static func value(_ key: MetricKey, of a: McemEntry.Approach) -> Double? {
        switch key {
        case .vusPR: a.vusPr
        case .vusROC: a.vusRoc
        case .rocAUC: a.rocAuc
        case .averagePrecision: a.averagePrecision
        case .bestF1: a.bestF1
        case .f1: a.f1
        case .precision: a.precision
        case .recall, .sensitivity: a.recall
        case .pointAdjustedF1: a.pointAdjustedF1
        case .eventRecall: a.eventRecall
        case .balancedAccuracy, .accuracy, .specificity: nil
        }
    }
}
