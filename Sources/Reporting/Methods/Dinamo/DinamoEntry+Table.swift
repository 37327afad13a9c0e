/// DINAMO-S's table: a row per histogram input with the α and threshold T it used, its balanced accuracy and
/// ROC AUC on the labelled continual runs (the historical ones when there are none, as `--fail-on` reads them;
/// missing without labels) and the number of runs it flagged. The columns hold different quantities, so no
/// cell is marked best.
extension DinamoEntry: TabulatedEntry {
    public static let tableQuantities = ["alpha", "threshold", MetricKey.balancedAccuracy.rawValue, MetricKey.rocAUC.rawValue, "flagged"]
    public static let tableDefaults = tableQuantities

    public static func tables(of entries: [DinamoEntry], showing selection: [String]) -> [ResultTable] {
        let shown = tableQuantities.filter(selection.contains)
        guard !shown.isEmpty, !entries.isEmpty else { return [] }
        let columns = shown.map { q -> ResultTable.Column in
            switch q {
            case "alpha": ResultTable.Column("α", latex: "$\\alpha$")
            case "threshold": ResultTable.Column("T", latex: "$T$")
            case "balanced_accuracy": ResultTable.Column("BA")
            case "roc_auc": ResultTable.Column("AUC")
            default: ResultTable.Column("flagged runs")
            }
        }
        let rows = entries.map { e in
            let m = e.metrics.continual ?? e.metrics.historical
            return ResultTable.Row(label: e.name, cells: shown.map { q -> ResultTable.Value? in
                switch q {
                case "alpha": .number(e.alpha)
                case "threshold": .number(e.threshold)
                case "balanced_accuracy": m?.balancedAccuracy.map(ResultTable.Value.number)
                case "roc_auc": m?.rocAuc.map(ResultTable.Value.number)
                default: .count(e.flagged.count)
                }
            })
        }
        return [ResultTable(id: "dinamo", title: "DINAMO-S per histogram: α, threshold T, balanced accuracy (BA) and ROC AUC on the labelled continual runs (else historical), runs flagged",
                            rowHeading: "histogram", columns: columns, rows: rows, bestInRow: nil)]
    }
}
