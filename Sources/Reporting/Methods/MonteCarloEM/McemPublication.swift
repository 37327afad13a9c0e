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
    /// Seconds since 1970 UTC per point when every time parses (the figures' date axes, the data files' timestamps).
    var dates: [Double]? = nil
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
                                  dates: dates).all()
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
        // A score that ranks the labelled points below the others on the whole is worse than a random order.
        let belowChance = Set(all.filter { ($0.1.rocAUC ?? 0.5) < 0.5 }.map(\.0.approach))
        let rocRow = SectionContent.Row(name: "ROC AUC", cells: all.map { r, m in
            belowChance.contains(r.approach) ? .marked(.metric(m.rocAUC), "below 0.5") : .metric(m.rocAUC)
        })
        // The threshold-free, range-aware metrics the field reports lead; point-adjusted F1 (which counts a
        // whole window as found for one flagged point in it) comes after the plain ones (Kim et al., AAAI 2022).
        let window = all.lazy.compactMap(\.1.vusWindow).first
        var rows = [
            row("VUS-PR" + (window.map { " (window \($0))" } ?? ""), \.vusPR), row("VUS-ROC", \.vusROC),
            row("average precision (AUC-PR)", \.averagePrecision), rocRow,
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
            notes: notes + judgementNotes(belowChance: belowChance), tables: [.init(header: ["metric"] + results.map(\.approach.rawValue), rows: rows)],
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

    /// What the page says about what was and was not judged (docs/methods/mcem.md#8-what-is-never-flagged): the
    /// warm-up, a series too steady to judge, ground truth without an anomaly, a score worse than chance.
    func judgementNotes(belowChance: Set<Approach>) -> [String] {
        var out: [String] = []
        if let warmUp = results.map(\.warmUp).max(), warmUp > 0 {
            out.append("The first \(warmUp) points are the warm-up: the forecaster has no full context of \(settings.context) points before them (their windows are padded with the first value), so they are scored but never flagged; the figures shade them.")
        }
        if let steady = results.first(where: \.tooSteadyToJudge), let spread = steady.residualSpread {
            out.append("Nothing is flagged: the series repeats itself (its residual spread, the 90th percentile of |zₜ − zₜ₋ₖ| one context or period back, is \(ReportFormat.plain(spread)) robust standard deviations, below \(ReportFormat.plain(ResidualSpread.minimum))), so there is no noise to judge a departure against. The scores still rank the points.")
        }
        if let labels, !labels.contains(true) {
            out.append("The ground truth marks no point anomalous: the detection metrics are undefined and left out (—).")
        }
        if !belowChance.isEmpty {
            let names = results.map(\.approach).filter(belowChance.contains).map(\.rawValue).joined(separator: ", ")
            out.append("ROC AUC below 0.5 (\(names)): the score ranks the labelled points below the others on the whole, worse than a random order; read these flags with care.")
        }
        return out
    }
}
