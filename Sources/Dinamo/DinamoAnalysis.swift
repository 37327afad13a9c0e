import Core

public enum DinamoAnalysis {
    /// The one-call entry point: chooses α and T as asked, runs the monitor over all runs and
    /// summarises.
    ///
    /// Order: (1) α — given, or the `AlphaScan` on the historical runs (published objective |AUC − 0.5| + 0.5;
    /// labels drive the updates; unlabelled runs are judged with the given T, or 1.0 when T is auto);
    /// (2) T — given, or the `ThresholdScan` of the scores of a monitor run with the chosen α over the
    /// historical runs (labels drive the updates; the scan's own run at that α is reused);
    /// (3) the final run over all runs with α and T.
    public static func run(histograms h: HistogramSet, settings s: DinamoSettings) throws -> DinamoResult {
        guard s.initCounts > 0, s.initCounts.isFinite else { throw DinamoError.invalidInitCounts(s.initCounts) }
        guard s.debias >= 0 else { throw DinamoError.negativeDebias(s.debias) }
        if case .value(let a) = s.alpha, !(a > 0 && a < 1) { throw DinamoError.alphaOutOfRange(a) }
        let nHist = s.historical ?? DinamoSettings.defaultHistorical(runs: h.runs)
        guard nHist >= 1, nHist <= h.runs else { throw DinamoError.historicalOutOfRange(nHist, runs: h.runs) }
        var notes: [String] = []
        let histRange = 0..<nHist
        let labels = h.labels
        let histLabelled: [(Int, Bool)] = labels.map { l in histRange.compactMap { r in l[r].map { (r, $0 == 1) } } } ?? []
        let histHasBoth = histLabelled.contains { $0.1 } && histLabelled.contains { !$0.1 }
        let provisionalT: Double = { if case .value(let t) = s.threshold { return t }; return DinamoSettings.defaultThreshold }()

        // (1) α
        var alphaScan: AlphaScan? = nil
        var historicalScores: [Double]? = nil   // at the chosen α, when the scan computed them
        let alpha: Double
        switch s.alpha {
        case .value(let a): alpha = a
        case .auto:
            if histHasBoth, let found = try AlphaScan.compute(histograms: h, historical: histRange,
                                                              provisionalThreshold: provisionalT, initCounts: s.initCounts,
                                                              debias: s.debias, seed: s.seed) {
                alphaScan = found.scan
                historicalScores = found.historicalScores
                alpha = found.scan.chosen
            } else {
                alpha = DinamoSettings.fallbackAlpha
                notes.append("alpha auto needs good and bad labels among the historical runs: alpha = \(alpha)")
            }
        }

        // (2) T
        var thresholdScan: ThresholdScan? = nil
        let threshold: Double
        switch s.threshold {
        case .value(let t): threshold = t
        case .auto:
            if histHasBoth {
                let scores = try historicalScores ?? DinamoMonitor.run(
                    h, alpha: alpha, initCounts: s.initCounts, threshold: provisionalT, labels: labels,
                    runRange: histRange, debias: s.debias, seed: s.seed, recordDetail: false).score
                thresholdScan = ThresholdScan.compute(scores: histLabelled.map { scores[$0.0] },
                                                      bad: histLabelled.map(\.1), seed: s.seed)
            }
            if let scan = thresholdScan {
                threshold = scan.chosen
            } else {
                threshold = DinamoSettings.defaultThreshold
                notes.append("threshold auto needs good and bad labels among the historical runs: T = \(threshold)")
            }
        }

        // (3) the monitor over all runs
        let trace = try DinamoMonitor.run(h, alpha: alpha, initCounts: s.initCounts, threshold: threshold,
                                          labels: labels, debias: s.debias, seed: s.seed, recordDetail: true)
        func summary(_ range: Range<Int>) -> ClassificationSummary? {
            guard let labels else { return nil }
            let idx = range.filter { labels[$0] != nil }
            guard !idx.isEmpty else { return nil }
            return ClassificationSummary(truth: idx.map { labels[$0] == 1 }, predicted: idx.map { trace.flagged[$0] },
                                         scores: idx.map { trace.score[$0] })
        }
        let metrics = DinamoMetrics(historical: summary(histRange), continual: nHist < h.runs ? summary(nHist..<h.runs) : nil)
        let flaggedRuns = trace.flagged.indices.filter { trace.flagged[$0] }
        let misclassified = labels.map { l in l.indices.filter { r in l[r].map { ($0 == 1) != trace.flagged[r] } ?? false } } ?? []
        var worst = 0
        for r in trace.score.indices where trace.score[r] > trace.score[worst] { worst = r }
        let goodRuns = trace.score.indices.filter { r in
            guard !trace.empty[r] else { return false }
            if let l = labels?[r] { return l == 0 }
            return !trace.flagged[r]
        }
        var typical: Int? = nil
        if let med = Statistics.median(goodRuns.map { trace.score[$0] }) {
            typical = goodRuns.min { abs(trace.score[$0] - med) < abs(trace.score[$1] - med) }
        }
        return DinamoResult(name: h.name, runs: h.runs, bins: h.bins, alpha: alpha, threshold: threshold,
                            historicalCount: nHist, trace: trace, labels: labels, runIDs: h.runIDs, binEdges: h.binEdges,
                            alphaScan: alphaScan, thresholdScan: thresholdScan, metrics: metrics, flaggedRuns: flaggedRuns,
                            misclassifiedRuns: misclassified, worstRun: worst, typicalGoodRun: typical, notes: notes)
    }
}
