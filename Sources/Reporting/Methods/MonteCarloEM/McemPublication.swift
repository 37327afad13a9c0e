import MonteCarloEM
import Core

/// Turns the MC-EM results of one series into the report's pieces: metrics per approach (docs/methods/mcem.md),
/// the summary entry, the page section, the figures (`McemFigures`, each with its data) and the facts of its record.
struct McemPublication {
    var name: String
    var stem: String
    var values: [Double]
    var labels: [Bool]?
    var timestamps: [String]?
    var results: [ApproachResult]
    var seconds: [Approach: Double]
    /// False when timings are left out (`SOURCE_DATE_EPOCH`): every time is then nil.
    var timed: Bool
    var settings: MCEMSettings
    var notes: [String]
    /// The VUS window (`--vus-window`); nil: TSB-AD's choice from the series' autocorrelation.
    var vusWindow: Int? = nil

    /// The detection metrics of one approach (`nil` where they need labels that are absent).
    func metrics(_ r: ApproachResult) -> ApproachMetrics {
        MonteCarloEM.metrics(r, series: values, labels: labels, vusWindow: vusWindow)
    }

    func epochs(_ a: Approach) -> Int {
        switch a {
        case .topk: return settings.topkEpochs
        case .baseline: return settings.baselineEpochs ?? settings.epochs * settings.samplesPerEpoch
        case .mixture, .hmm: return settings.epochs
        }
    }

    func publish() -> PublishedInput {
        let figures = McemFigures(name: name, stem: stem, values: values, labels: labels, results: results,
                                  dates: McemFigures.dates(timestamps)).all()
        let seconds: [Approach: Double] = timed ? self.seconds : [:]
        let all = results.map { ($0, metrics($0)) }
        var approaches: [String: McemEntry.Approach] = [:]
        for (r, m) in all {
            approaches[r.approach.rawValue] = McemEntry.Approach(
                vusPr: Summary.finite(m.vusPR), vusRoc: Summary.finite(m.vusROC), vusWindow: m.vusWindow,
                rocAuc: Summary.finite(m.rocAUC), averagePrecision: Summary.finite(m.averagePrecision),
                precision: Summary.finite(m.precision), recall: Summary.finite(m.recall), f1: Summary.finite(m.f1),
                pointAdjustedF1: Summary.finite(m.pointAdjustedF1), bestF1: Summary.finite(m.bestF1),
                eventRecall: Summary.finite(m.eventRecall), nominalMae: Summary.finite(m.nominalMAE),
                nominalNll: Summary.finite(m.nominalNLL), flagged: r.flagged, finalLoss: Summary.finite(r.finalLoss),
                epochs: epochs(r.approach), seconds: seconds[r.approach],
                transitions: r.transitionsPerEpoch?.map { [[$0.normalToNormal, $0.normalToAnomalous], [$0.anomalousToNormal, $0.anomalousToAnomalous]] })
        }
        let entry = McemEntry(name: name, length: values.count, labelled: labels != nil, approaches: approaches)
        func row(_ title: String, _ f: (ApproachMetrics) -> Double?) -> SectionContent.Row {
            .init(name: title, cells: all.map { .metric(f($0.1)) })
        }
        // The threshold-free, range-aware metrics the field reports lead; point-adjusted F1 (which counts a
        // whole window as found for one flagged point in it) comes after the plain ones (Kim et al., AAAI 2022).
        let window = all.lazy.compactMap(\.1.vusWindow).first
        var rows = [
            row("VUS-PR" + (window.map { " (window \($0))" } ?? ""), \.vusPR), row("VUS-ROC", \.vusROC),
            row("average precision (AUC-PR)", \.averagePrecision), row("ROC AUC", \.rocAUC),
            row("best F1 over thresholds", \.bestF1),
            row("precision (flagged)", \.precision), row("recall (flagged)", \.recall), row("F1 (flagged)", \.f1),
            row("event recall", \.eventRecall), row("point-adjusted F1 (flatters)", \.pointAdjustedF1),
            row("MAE on nominal points", \.nominalMAE), row("NLL on nominal points", \.nominalNLL),
        ]
        rows.append(.init(name: "points flagged", cells: results.map { .count($0.flagged.count) }))
        rows.append(.init(name: "final training loss", cells: results.map { .text(ReportFormat.plain($0.finalLoss.map { ($0 * 10000).rounded() / 10000 })) }))
        rows.append(.init(name: "CPU time", cells: results.map { .seconds(seconds[$0.approach]) }))
        let totalSeconds: Double? = timed ? seconds.values.reduce(0, +) : nil
        var labelsText = "no ground truth"
        if let labels {
            let segs = DetectionMetrics.segments(labels)
            labelsText = "\(labels.filter { $0 }.count) anomalous points in \(segs.count) segments"
        }
        if let timestamps, let first = timestamps.first, let last = timestamps.last {
            labelsText += " · \(first) to \(last)"
        }
        labelsText += " · context \(settings.context)"
        let section = SectionContent(
            methodTitle: "Monte Carlo EM time-series anomaly detection", method: MonteCarloEMMethod.info.id,
            facts: ["\(values.count) points", labelsText, ReportFormat.seconds(totalSeconds) + " of computing"],
            notes: notes, tables: [.init(header: ["metric"] + results.map(\.approach.rawValue), rows: rows)],
            tablesNote: nil, flaggedLabel: "Flagged points", flagged: nil)
        let bestVUS = all.compactMap { m in m.1.vusPR.map { (m.0.approach, $0) } }.max { $0.1 < $1.1 }
        let keyMetric = bestVUS.map { KeyMetric(name: "best VUS-PR", value: $0.1, by: $0.0.rawValue) }
            ?? all.compactMap { $0.1.rocAUC }.max().map { KeyMetric(name: "best ROC AUC", value: $0) }
        let flaggedMost = results.map(\.flagged.count).max() ?? 0
        let preferred = results.first { $0.approach == .hmm } ?? results.last
        let subjects = all.map { r, m in
            CheckSubject(input: name, method: "mcem/\(r.approach.rawValue)", flaggedCount: r.flagged.count, metrics: [
                .vusPR: m.vusPR, .vusROC: m.vusROC, .rocAUC: m.rocAUC, .averagePrecision: m.averagePrecision, .f1: m.f1,
                .bestF1: m.bestF1, .pointAdjustedF1: m.pointAdjustedF1, .eventRecall: m.eventRecall,
                .precision: m.precision, .recall: m.recall, .sensitivity: m.recall,
            ])
        }
        let facts = InputFacts(
            name: name, method: MonteCarloEMMethod.info, size: [Quantity(values.count, "points")], unit: .point,
            units: values.count, flagged: preferred?.flagged.count ?? 0, flaggedBy: preferred?.approach.rawValue,
            keyMetric: keyMetric, status: (preferred?.flagged.isEmpty ?? true) ? .ok : .alert,
            severity: Double(flaggedMost) / Double(max(values.count, 1)), seconds: totalSeconds,
            entry: MethodEntry(method: MonteCarloEMMethod.info.id, value: entry), checks: subjects,
            trend: preferred?.score ?? [], trendThreshold: nil, runs: nil,
            settingsText: "MC-EM: " + results.map(\.approach.rawValue).joined(separator: ", "))
        let flaggedText = results.map { "\($0.approach.rawValue) \($0.flagged.count)" }.joined(separator: ", ")
        return PublishedInput(section: section, figures: figures, dataFiles: [], facts: facts,
                              progressLine: "MC-EM \(name): points flagged \(flaggedText)")
    }
}
