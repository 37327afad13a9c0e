import Core
import Dinamo

/// DINAMO-ML's one-call analysis, the counterpart of `DinamoAnalysis.run` with the same settings (α aside:
/// DINAMO-ML has none) and the same result type, so the report reads both alike.
///
/// T, as for DINAMO-S:
/// - given: used as is;
/// - auto with labels that can tune it (both classes; with a false-alarm budget at least
///   `DinamoSettings.minimumGoodLabels` good and `minimumBadLabels` bad historical runs): the `ThresholdScan`'s
///   best bootstrap balanced accuracy on the labelled historical runs' scores, within the budget when there is one
///   (`DinamoAnalysis.labelledThreshold`) — the published `threshold_opt` on the historical runs;
/// - auto with a budget otherwise: `DinamoAnalysis.budgetThreshold(scores:bins:rate:)` on the scores of the
///   historical runs the monitor judged itself, in two passes (every run learned from, then with that T);
/// - otherwise the published T = 1.
///
/// A pass trains the network after every good run, so passes are the cost: when every run has a label (or is
/// warm-up), who is good does not depend on T and one pass over all runs serves both the scan and the result
/// (flags set afterwards); otherwise the historical runs are passed first with a provisional T.
/// `progress(done, total)` counts runs over all passes.
public enum DinamoMLAnalysis {
    public static func run(histograms h: HistogramSet, settings s: DinamoSettings, network ml: DinamoMLSettings,
                           progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws -> DinamoMLOutcome {
        let nHist = s.historical ?? DinamoSettings.defaultHistorical(runs: h.runs)
        guard nHist >= 1, nHist <= h.runs else { throw DinamoError.historicalOutOfRange(nHist, runs: h.runs) }
        var ml = ml
        ml.shape.bins = h.bins
        let labels = h.labels
        let budget = s.falseAlarmRate
        let historyLabels = HistoricalLabels(h, historical: nHist, budget: budget)
        let (histLabelled, canTune, labelCounts, start) = (historyLabels.labelled, historyLabels.canTune,
                                                           historyLabels.counts, historyLabels.start)
        let provisionalT: Double = { if case .value(let t) = s.threshold { return t }; return DinamoSettings.defaultThreshold }()
        let fullyLabelled = labels.map { l in l.allSatisfy { $0 != nil } } ?? false
        var notes: [String] = []

        // The runs the false-alarm budget judges the score's spread on: the historical ones, or, as DINAMO-S does
        // (`DinamoAnalysis.budgetRuns`), the first runs when too few historical ones follow the warm-up.
        let budgetPool = nHist >= DinamoAnalysis.budgetRuns + ReferenceStart.learningRuns
            ? nHist : min(h.runs, max(nHist, DinamoAnalysis.budgetRuns + ReferenceStart.learningRuns))
        // Runs to pass over, for the progress: the final pass, plus the historical passes T needs.
        var historicalRuns = 0
        if case .auto = s.threshold {
            if canTune { historicalRuns = fullyLabelled ? 0 : nHist } else if budget != nil { historicalRuns = 2 * budgetPool }
        }
        let total = h.runs + historicalRuns
        var done = 0
        func pass(_ set: HistogramSet, threshold: Double, detail: Bool) -> DinamoMLTrace {
            let before = done
            let trace = DinamoMLMonitor.run(set, settings: ml, threshold: threshold, labels: set.labels, start: start,
                                            recordDetail: detail) { progress?(before + $0, total) }
            done = before + set.runs
            return trace
        }
        let history = h.prefix(nHist)

        var threshold = DinamoSettings.defaultThreshold
        var thresholdScan: ThresholdScan? = nil
        var thresholdChoice = "given"
        var final: DinamoMLTrace? = nil
        switch s.threshold {
        case .value(let t): threshold = t
        case .auto:
            var tuned: (threshold: Double, scan: ThresholdScan?, choice: String)? = nil
            if canTune {
                let scores: [Double]
                if fullyLabelled {
                    final = pass(h, threshold: provisionalT, detail: true)
                    scores = final!.monitor.score
                } else {
                    scores = pass(history, threshold: provisionalT, detail: false).monitor.score
                }
                tuned = DinamoAnalysis.labelledThreshold(scores: scores, labelled: histLabelled, budget: budget,
                                                         seed: s.seed, labelCounts: labelCounts)
            }
            if let tuned {
                (threshold, thresholdScan, thresholdChoice) = tuned
            } else if let budget {
                var t = Double.greatestFiniteMagnitude
                var used = 0
                for _ in 0..<2 {
                    let trace = pass(h.prefix(budgetPool), threshold: t, detail: false).monitor
                    let scores = (0..<trace.runs).filter { !trace.warmUp[$0] && !trace.empty[$0] }.map { trace.score[$0] }
                    t = DinamoAnalysis.budgetThreshold(scores: scores, bins: h.bins, rate: budget)
                        ?? DinamoSettings.defaultThreshold
                    used = scores.count
                }
                threshold = t
                let percent = (budget * 100_000).rounded() / 1000
                let z = (Statistics.normalQuantile(1 - budget) * 1000).rounded() / 1000
                let which = budgetPool == nHist ? "historical runs" : "first runs (too few historical ones)"
                thresholdChoice = "auto: false-alarm budget \(percent) % — the median plus \(z) robust deviations of the scores of \(used) \(which) judged by the monitor"
            } else {
                thresholdChoice = "auto not possible without labels of both classes: the published T = \(threshold)"
                notes.append("threshold auto needs good and bad labels among the historical runs: T = \(threshold)")
            }
        }
        var trace: DinamoMLTrace
        if var reused = final {
            // Fully labelled: who was good did not depend on T; only the flags change.
            reused.monitor.threshold = threshold
            reused.monitor.flagged = reused.monitor.score.map { $0 > threshold }
            trace = reused
        } else {
            trace = pass(h, threshold: threshold, detail: true)
        }
        let result = DinamoResult.summarising(trace: trace.monitor, histograms: h, historicalCount: nHist, alpha: 0,
                                              threshold: threshold, alphaScan: nil, thresholdScan: thresholdScan,
                                              notes: notes, alphaChoice: "none (DINAMO-ML has no α)",
                                              thresholdChoice: thresholdChoice, start: start)
        return DinamoMLOutcome(result: result, trainingSteps: trace.trainingSteps)
    }
}

/// DINAMO-ML's analysis: the result (the same type as DINAMO-S's) and the training steps each run took.
public struct DinamoMLOutcome: Sendable {
    public var result: DinamoResult
    public var trainingSteps: [Int]
    public var totalSteps: Int { trainingSteps.reduce(0, +) }
}

extension HistogramSet {
    /// The first `count` runs (with their labels, ids and edges).
    func prefix(_ count: Int) -> HistogramSet {
        var p = self
        p.runs = count
        p.counts = Array(counts[0..<(count * bins)])
        p.labels = labels.map { Array($0[0..<count]) }
        p.runIDs = runIDs.map { Array($0[0..<count]) }
        return p
    }
}
