import Dinamo
import Core
import Inputs

/// Turns one DINAMO-S result into the report's pieces: data files (SPEC §4.3), the summary entry, the page
/// section and the figures (`DinamoFigures`).
struct DinamoPublication {
    var result: DinamoResult
    var histograms: HistogramSet
    var truth: ToyTruth?
    var stem: String
    var anchor: String
    var seconds: Double?
    var spec: DinamoJobSpec
    /// The run's seed (bootstrap of the thresholds in the metrics-vs-α scan).
    var seed: UInt64 = 0
    /// `--quick`: the metrics-vs-α scan (99 analyses over all runs) is left out.
    var quick = false
    /// The α grid of the metrics-vs-α scan (the published 0.01…0.99; tests pass a shorter one).
    var metricsAlphas: [Double] = AlphaScan.grid
    /// The x and y edges of a TH2 input (monitored flattened), so its per-run figures are drawn as maps.
    var grid: HistogramGrid? = nil

    func publish(formatsNote: String? = nil) -> PublishedInput {
        let adaptivity = truth.map { TruthMetrics.evaluate(trace: result.trace, histograms: histograms, truth: $0,
                                                           historicalCount: result.historicalCount, threshold: result.threshold) }
        var scanNote: String? = nil
        let scan = metricsVsAlpha(note: &scanNote)
        let figures = DinamoFigures(result: result, histograms: histograms, adaptivity: adaptivity, metricsVsAlpha: scan,
                                    stem: stem, grid: grid).all()
        let files = dataFiles()
        let entry = summaryEntry(adaptivity: adaptivity)
        var notes = result.notes
        if let adaptivity {
            let c = adaptivity.continual
            notes.append("Generated data with known truth, continual runs: \(c.adaptation.changePoints.count) rapid changes; "
                + "steps to adapt \(ReportFormat.metric(c.meanStepsToAdapt)), adaptivity index "
                + "\(ReportFormat.metric(c.adaptivityIndex)), Jaccard distance of the reference band to the good runs' "
                + "spread \(ReportFormat.metric(c.jaccardDistance)).")
        }
        if let scanNote { notes.append(scanNote) }
        let flagged = result.flaggedRuns
        let autoAlpha = spec.resolvedAlpha(hasLabels: result.labels?.contains { $0 != nil } ?? false) == .auto
        let alphaText = ReportFormat.short(result.alpha) + (autoAlpha ? " (auto)" : "")
        let thresholdText = ReportFormat.short(result.threshold) + (spec.threshold == .auto ? " (auto)" : "")
        let section = ReportPage.DinamoSection(
            anchor: anchor, name: result.name, runs: result.runs, bins: result.bins,
            alpha: alphaText, threshold: thresholdText,
            flaggedCount: flagged.count, emptyCount: result.trace.empty.filter { $0 }.count,
            seconds: ReportFormat.seconds(seconds), notes: notes,
            hasMetrics: result.metrics.historical != nil || result.metrics.continual != nil,
            metrics: metricRows() + truthRows(adaptivity), hasFlagged: !flagged.isEmpty,
            flaggedList: runList(flagged),
            figures: [], dataFiles: files.map { ReportPage.DataLink(href: "data/\($0.fileName)", fileName: $0.fileName, label: $0.label) })
        let key = result.metrics.continual?.balancedAccuracy ?? result.metrics.historical?.balancedAccuracy
        let row = ReportPage.InputRow(
            name: result.name, anchor: anchor, method: "DINAMO-S", size: "\(result.runs) runs × \(result.bins) bins",
            flagged: "\(flagged.count) runs", keyMetric: key.map { "balanced accuracy " + ReportFormat.metric($0) } ?? "no labels",
            statusClass: flagged.isEmpty ? "ok" : "alert",
            severity: Double(flagged.count) / Double(max(result.runs, 1)))
        let metrics = result.metrics.continual ?? result.metrics.historical
        let subject = CheckSubject(input: result.name, method: "dinamo", flaggedCount: flagged.count, metrics: [
            "balanced_accuracy": metrics?.balancedAccuracy, "accuracy": metrics?.accuracy,
            "sensitivity": metrics?.sensitivity, "recall": metrics?.sensitivity, "specificity": metrics?.specificity,
            "precision": metrics?.precision, "f1": metrics?.f1, "roc_auc": metrics?.rocAUC,
        ])
        return PublishedInput(section: .dinamo(section, entry), row: row, figures: figures, dataFiles: files,
                              subjects: [subject], seconds: seconds, units: result.runs, flaggedUnits: flagged.count,
                              trend: result.trace.score, trendThreshold: result.threshold, runScores: latestRuns(),
                              settingsText: "DINAMO-S: α = \(alphaText), T = \(thresholdText)")
    }

    /// The published metrics-vs-α scan (`MetricsVsAlpha`) when α is auto and the truth is known; nil otherwise,
    /// and under `--quick` (with a note saying so).
    func metricsVsAlpha(note: inout String?) -> MetricsVsAlpha? {
        guard let truth, result.alphaScan != nil else { return nil }
        guard !quick else {
            note = "Metrics versus α (99 analyses over all runs) are left out under --quick."
            return nil
        }
        do {
            return try MetricsVsAlpha.compute(histograms: histograms, truth: truth, historicalCount: result.historicalCount,
                                              initCounts: spec.initCounts, debias: spec.debias, seed: seed,
                                              alphas: metricsAlphas)
        } catch {
            note = "Metrics versus α could not be computed: \(error)"
            return nil
        }
    }

    /// Steps to adapt, adaptivity index and Jaccard distance per regime, for the metrics table (generated data).
    func truthRows(_ t: TruthMetrics?) -> [ReportPage.DinamoMetricRow] {
        guard let t else { return [] }
        func row(_ name: String, _ f: (RegimeTruthMetrics) -> Double?) -> ReportPage.DinamoMetricRow {
            .init(name: name, historical: ReportFormat.metric(f(t.historical)), continual: ReportFormat.metric(f(t.continual)))
        }
        return [row("steps to adapt (truth)", \.meanStepsToAdapt), row("adaptivity index (truth)", \.adaptivityIndex),
                row("Jaccard distance of the band (truth)", \.jaccardDistance)]
    }

    /// The latest `RunScores.kept` runs, for the summary map.
    func latestRuns() -> RunScores {
        let first = max(0, result.runs - RunScores.kept)
        let t = result.trace
        return RunScores(ids: (first..<result.runs).map(runName),
                         scores: (first..<result.runs).map { t.score[$0].isFinite ? t.score[$0] : nil },
                         flagged: Array(t.flagged[first...]), threshold: result.threshold)
    }

    /// A short list of run identifiers: the first 40, then "… and N more".
    func runList(_ runs: [Int]) -> String {
        let names = runs.prefix(40).map(runName)
        let more = runs.count > 40 ? " … and \(runs.count - 40) more (see the scores CSV)" : ""
        return names.joined(separator: ", ") + more
    }

    func runName(_ index: Int) -> String {
        if let ids = result.runIDs, index < ids.count { return ids[index] }
        return String(index)
    }

    func metricRows() -> [ReportPage.DinamoMetricRow] {
        let h = result.metrics.historical
        let c = result.metrics.continual
        func row(_ name: String, _ f: (ClassificationSummary) -> Double?) -> ReportPage.DinamoMetricRow {
            .init(name: name, historical: ReportFormat.metric(h.flatMap(f)), continual: ReportFormat.metric(c.flatMap(f)))
        }
        func count(_ name: String, _ f: (ConfusionMatrix) -> Int) -> ReportPage.DinamoMetricRow {
            .init(name: name, historical: h.map { String(f($0.confusion)) } ?? "—", continual: c.map { String(f($0.confusion)) } ?? "—")
        }
        return [
            row("balanced accuracy", \.balancedAccuracy), row("accuracy", \.accuracy),
            row("sensitivity (bad runs caught)", \.sensitivity), row("specificity (good runs passed)", \.specificity),
            row("precision", \.precision), row("F1", \.f1), row("ROC AUC", \.rocAUC),
            count("bad runs flagged (TP)", \.truePositives), count("good runs flagged (FP)", \.falsePositives),
            count("good runs passed (TN)", \.trueNegatives), count("bad runs missed (FN)", \.falseNegatives),
        ]
    }

    func summaryEntry(adaptivity: TruthMetrics?) -> Summary.DinamoEntry {
        func metrics(_ s: ClassificationSummary?) -> Summary.RunMetrics? {
            guard let s else { return nil }
            let c = s.confusion
            return Summary.RunMetrics(
                runs: c.total, balancedAccuracy: Summary.finite(s.balancedAccuracy), accuracy: Summary.finite(s.accuracy),
                sensitivity: Summary.finite(s.sensitivity), specificity: Summary.finite(s.specificity),
                precision: Summary.finite(s.precision), f1: Summary.finite(s.f1), rocAuc: Summary.finite(s.rocAUC),
                confusion: c)
        }
        func regime(_ a: RegimeTruthMetrics) -> Summary.DinamoTruth.Regime {
            Summary.DinamoTruth.Regime(changePoints: a.adaptation.changePoints.count,
                                       meanStepsToAdapt: Summary.finite(a.meanStepsToAdapt),
                                       adaptivityIndex: Summary.finite(a.adaptivityIndex),
                                       jaccardDistance: Summary.finite(a.jaccardDistance))
        }
        let truthEntry = adaptivity.map { t -> Summary.DinamoTruth in
            let a = t.continual   // the continual regime, as the paper reports
            return Summary.DinamoTruth(changePoints: a.adaptation.changePoints.count,
                                       meanStepsToAdapt: Summary.finite(a.meanStepsToAdapt),
                                       adaptivityIndex: Summary.finite(a.adaptivityIndex),
                                       jaccardDistance: Summary.finite(a.jaccardDistance),
                                       historical: regime(t.historical), continual: regime(t.continual))
        }
        return Summary.DinamoEntry(
            name: result.name, runs: result.runs, bins: result.bins, alpha: result.alpha, threshold: result.threshold,
            flagged: result.flaggedRuns, empty: result.trace.empty.indices.filter { result.trace.empty[$0] },
            metrics: .init(historical: metrics(result.metrics.historical), continual: metrics(result.metrics.continual)),
            truth: truthEntry, seconds: seconds)
    }

    /// `data/<name>-scores.csv` (run,label,chi2,score,flagged,empty) and `data/<name>-reference.csv`.
    func dataFiles() -> [DataFile] {
        var scores = CSVTable(header: ["run", "label", "chi2", "score", "flagged", "empty"])
        let t = result.trace
        for r in 0..<result.runs {
            let label: CSVTable.Cell = result.labels?[r].map { .integer($0) } ?? .missing
            scores.append([.text(runName(r)), label, .number(t.chi2[r]), .number(t.score[r]),
                           .integer(t.flagged[r] ? 1 : 0), .integer(t.empty[r] ? 1 : 0)])
        }
        var reference = CSVTable(header: ["bin", "lower_edge", "upper_edge", "mu", "sigma_mu"])
        for b in 0..<result.bins {
            let lo: CSVTable.Cell = result.binEdges.map { .number($0[b]) } ?? .missing
            let hi: CSVTable.Cell = result.binEdges.map { .number($0[b + 1]) } ?? .missing
            reference.append([.integer(b), lo, hi, .number(result.finalMu[b]), .number(result.finalSigmaMu[b])])
        }
        return [DataFile(fileName: "\(stem)-scores.csv", label: "scores per run", table: scores),
                DataFile(fileName: "\(stem)-reference.csv", label: "final reference", table: reference)]
    }
}
