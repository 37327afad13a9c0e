import Dinamo
import Core
import Inputs

/// Turns one DINAMO-S analysis into the report's pieces: data files (docs/output.md), the summary entry, the page
/// section, the figures (`DinamoFigures`) and the facts of its record.
struct DinamoPublication {
    /// What the method computed for one input: the analysis, and on generated data the truth metrics and the
    /// published metrics-vs-α scan.
    struct Analysis: Sendable {
        var result: DinamoResult
        var truth: TruthMetrics? = nil
        var metricsVsAlpha: MetricsVsAlpha? = nil
        /// Why the metrics-vs-α scan is absent, when it is.
        var scanNote: String? = nil
    }

    var analysis: Analysis
    var histograms: HistogramSet
    var stem: String
    var seconds: Double?
    var spec: DinamoJobSpec
    /// The x and y edges of a TH2 input (monitored flattened), so its per-run figures are drawn as maps.
    var grid: HistogramGrid? = nil
    /// DINAMO-S or DINAMO-ML (the same result type; DINAMO-ML has no α).
    var variant: DinamoVariant = .s

    var result: DinamoResult { analysis.result }

    func publish() -> PublishedInput {
        let adaptivity = analysis.truth
        let figures = DinamoFigures(result: result, histograms: histograms, adaptivity: adaptivity,
                                    metricsVsAlpha: analysis.metricsVsAlpha, stem: stem, grid: grid).all()
        let files = dataFiles()
        var notes = result.notes
        if let adaptivity {
            let c = adaptivity.continual
            notes.append("Generated data with known truth, continual runs: \(c.adaptation.changePoints.count) rapid changes; "
                + "steps to adapt \(ReportFormat.metric(c.meanStepsToAdapt)), adaptivity index "
                + "\(ReportFormat.metric(c.adaptivityIndex)), Jaccard distance of the reference band to the good runs' "
                + "spread \(ReportFormat.metric(c.jaccardDistance)).")
        }
        if let scanNote = analysis.scanNote { notes.append(scanNote) }
        let warmUp = result.trace.warmUp.filter { $0 }.count
        notes.append((variant == .ml ? "" : "α = \(ReportFormat.short(result.alpha)): \(result.alphaChoice). ")
                     + "T = \(ReportFormat.short(result.threshold)): \(result.thresholdChoice).")
        switch result.start {
        case .uniform:
            if warmUp > 0 {
                notes.append("The reference starts uniform (the published start) and learns from the labelled good runs; the first \(warmUp) runs, scored while the start still weighs more than \(Int(ReferenceStart.priorShare * 100)) % of it, are warm-up: shown, never flagged (the metrics keep the published decisions).")
            }
        case .learned(let k):
            notes.append("No labels say which of the first runs are good, so the reference starts from them: per bin the median of the first \(k) non-empty runs and their robust spread (one bad run among them cannot poison it). Those \(warmUp) runs are warm-up: shown, never flagged.")
        }
        let flagged = result.flaggedRuns
        let autoAlpha = spec.resolvedAlpha(hasLabels: result.labels?.contains { $0 != nil } ?? false) == .auto
        let alphaText = ReportFormat.short(result.alpha) + (autoAlpha ? " (auto)" : "")
        // "α = …, T = …" for DINAMO-S; DINAMO-ML has T only.
        let settingsText = (variant == .ml ? "" : "α = \(alphaText), ") + "T = \(thresholdTextOf(spec))"
        let thresholdText = thresholdTextOf(spec)
        let hasMetrics = result.metrics.historical != nil || result.metrics.continual != nil
        let section = SectionContent(
            methodTitle: "\(variant.title) reference-histogram monitoring", method: DinamoMethod.info.id,
            facts: ["\(result.runs) runs × \(result.bins) bins"] + (variant == .ml ? [] : ["α = \(alphaText)"]) + ["T = \(thresholdText)",
                    "\(flagged.count) flagged", "\(warmUp) warm-up", "\(result.trace.empty.filter { $0 }.count) empty",
                    ReportFormat.seconds(seconds)],
            notes: notes,
            tables: hasMetrics ? [.init(header: ["metric", "historical", "continual"], rows: metricRows() + truthRows(adaptivity))] : [],
            tablesNote: hasMetrics ? nil : "No labels: metrics that need ground truth are not computed.",
            flaggedLabel: "Flagged runs", flagged: flagged.map(runName))
        let key = result.metrics.continual?.balancedAccuracy ?? result.metrics.historical?.balancedAccuracy
        let metrics = result.metrics.continual ?? result.metrics.historical
        let subject = CheckSubject(input: result.name, method: "dinamo", flaggedCount: flagged.count, metrics: [
            .balancedAccuracy: metrics?.balancedAccuracy, .accuracy: metrics?.accuracy,
            .sensitivity: metrics?.sensitivity, .recall: metrics?.sensitivity, .specificity: metrics?.specificity,
            .precision: metrics?.precision, .f1: metrics?.f1, .rocAUC: metrics?.rocAUC,
        ])
        let facts = InputFacts(
            name: result.name, method: MethodInfo(id: DinamoMethod.info.id, title: variant.title), size: [Quantity(result.runs, "runs"), Quantity(result.bins, "bins")],
            unit: .run, units: result.runs, flagged: flagged.count,
            keyMetric: key.map { KeyMetric(name: "balanced accuracy", value: $0) },
            status: flagged.isEmpty ? .ok : .alert, severity: Double(flagged.count) / Double(max(result.runs, 1)),
            seconds: seconds, entry: MethodEntry(method: DinamoMethod.info.id, value: summaryEntry(adaptivity: adaptivity)),
            checks: [subject], trend: result.trace.score, trendThreshold: result.threshold, runs: runScores(),
            system: spec.resolvedSystem, settingsText: "\(variant.title): \(settingsText)")
        let line = "\(variant.title) \(result.name): \(flagged.count) of \(result.runs) runs flagged (\(settingsText))"
        return PublishedInput(section: section, figures: figures, dataFiles: files, facts: facts, progressLine: line)
    }

    /// T as the page states it: its value, and "(auto)" when chosen automatically.
    func thresholdTextOf(_ spec: DinamoJobSpec) -> String {
        ReportFormat.short(result.threshold) + (spec.threshold == .auto ? " (auto)" : "")
    }

    /// Steps to adapt, adaptivity index and Jaccard distance per regime, for the metrics table (generated data).
    func truthRows(_ t: TruthMetrics?) -> [SectionContent.Row] {
        guard let t else { return [] }
        func row(_ name: String, _ f: (RegimeTruthMetrics) -> Double?) -> SectionContent.Row {
            .init(name: name, cells: [.metric(f(t.historical)), .metric(f(t.continual))])
        }
        return [row("steps to adapt (truth)", \.meanStepsToAdapt), row("adaptivity index (truth)", \.adaptivityIndex),
                row("Jaccard distance of the band (truth)", \.jaccardDistance)]
    }

    /// Every run's id, score and reported flag, for the summary map and the run pages.
    func runScores() -> RunScores {
        let t = result.trace
        return RunScores(ids: (0..<result.runs).map(runName),
                         scores: t.score.map { $0.isFinite ? $0 : nil },
                         flagged: (0..<result.runs).map(reported), threshold: result.threshold)
    }

    /// The run's id as the input names it (its position when the input names none).
    func runName(_ index: Int) -> String {
        if let ids = result.runIDs, index < ids.count { return ids[index] }
        return String(index)
    }

    /// Whether the report says run `r` is flagged: the monitor flagged it and it is not a warm-up run.
    func reported(_ r: Int) -> Bool { result.trace.flagged[r] && !result.trace.warmUp[r] }

    func metricRows() -> [SectionContent.Row] {
        let h = result.metrics.historical
        let c = result.metrics.continual
        func row(_ name: String, _ f: (ClassificationSummary) -> Double?) -> SectionContent.Row {
            .init(name: name, cells: [.metric(h.flatMap(f)), .metric(c.flatMap(f))])
        }
        func count(_ name: String, _ f: (ConfusionMatrix) -> Int) -> SectionContent.Row {
            .init(name: name, cells: [.count(h.map { f($0.confusion) }), .count(c.map { f($0.confusion) })])
        }
        return [
            row("balanced accuracy", \.balancedAccuracy), row("accuracy", \.accuracy),
            row("sensitivity (bad runs caught)", \.sensitivity), row("specificity (good runs passed)", \.specificity),
            row("precision", \.precision), row("F1", \.f1), row("ROC AUC", \.rocAUC),
            count("bad runs flagged (TP)", \.truePositives), count("good runs flagged (FP)", \.falsePositives),
            count("good runs passed (TN)", \.trueNegatives), count("bad runs missed (FN)", \.falseNegatives),
        ]
    }

    func summaryEntry(adaptivity: TruthMetrics?) -> DinamoEntry {
        func metrics(_ s: ClassificationSummary?) -> DinamoEntry.RunMetrics? {
            guard let s else { return nil }
            let c = s.confusion
            return DinamoEntry.RunMetrics(
                runs: c.total, balancedAccuracy: Summary.finite(s.balancedAccuracy), accuracy: Summary.finite(s.accuracy),
                sensitivity: Summary.finite(s.sensitivity), specificity: Summary.finite(s.specificity),
                precision: Summary.finite(s.precision), f1: Summary.finite(s.f1), rocAuc: Summary.finite(s.rocAUC),
                confusion: c)
        }
        func regime(_ a: RegimeTruthMetrics) -> DinamoEntry.Truth.Regime {
            DinamoEntry.Truth.Regime(changePoints: a.adaptation.changePoints.count,
                                       meanStepsToAdapt: Summary.finite(a.meanStepsToAdapt),
                                       adaptivityIndex: Summary.finite(a.adaptivityIndex),
                                       jaccardDistance: Summary.finite(a.jaccardDistance))
        }
        let truthEntry = adaptivity.map { t -> DinamoEntry.Truth in
            let a = t.continual   // the continual regime, as the paper reports
            return DinamoEntry.Truth(changePoints: a.adaptation.changePoints.count,
                                       meanStepsToAdapt: Summary.finite(a.meanStepsToAdapt),
                                       adaptivityIndex: Summary.finite(a.adaptivityIndex),
                                       jaccardDistance: Summary.finite(a.jaccardDistance),
                                       historical: regime(t.historical), continual: regime(t.continual))
        }
        return DinamoEntry(
            name: result.name, runs: result.runs, bins: result.bins, alpha: result.alpha, threshold: result.threshold,
            flagged: result.flaggedRuns.map(runName),
            empty: result.trace.empty.indices.filter { result.trace.empty[$0] }.map(runName),
            warmUp: result.trace.warmUp.indices.filter { result.trace.warmUp[$0] }.map(runName),
            alphaChoice: result.alphaChoice, thresholdChoice: result.thresholdChoice,
            falseAlarmRate: spec.falseAlarmRate, variant: variant.rawValue,
            metrics: .init(historical: metrics(result.metrics.historical), continual: metrics(result.metrics.continual)),
            truth: truthEntry, seconds: seconds)
    }

    /// `data/<name>-reference.csv`; the scores (`data/<name>-scores.csv`) are written as the score trend's data
    /// (`DinamoFigures.scoresTable`).
    func dataFiles() -> [DataFile] {
        var reference = CSVTable(header: ["bin", "lower_edge", "upper_edge", "mu", "sigma_mu"])
        for b in 0..<result.bins {
            let lo: CSVTable.Cell = result.binEdges.map { .number($0[b]) } ?? .missing
            let hi: CSVTable.Cell = result.binEdges.map { .number($0[b + 1]) } ?? .missing
            reference.append([.integer(b), lo, hi, .number(result.finalMu[b]), .number(result.finalSigmaMu[b])])
        }
        return [DataFile(fileName: "\(stem)-reference.csv", label: "final reference", table: reference)]
    }
}
