import Core

extension DinamoResult {
    /// The result of a finished pass of a DINAMO monitor (DINAMO-S, or DINAMO-ML through the same trace): the
    /// metrics on the labelled historical and continual runs (a run is predicted bad iff flagged), the runs
    /// reported as flagged (warm-up runs are scored and shown but never reported; the metrics keep the published
    /// decisions), the misclassified labelled runs, the worst run, and the typical good run (a good run — label 0,
    /// or unflagged without a label; non-empty — whose score is nearest the median of such runs).
    public static func summarising(trace: MonitorTrace, histograms h: HistogramSet, historicalCount nHist: Int,
                                   alpha: Double, threshold: Double, alphaScan: AlphaScan?,
                                   thresholdScan: ThresholdScan?, notes: [String], alphaChoice: String,
                                   thresholdChoice: String, start: ReferenceStart) -> DinamoResult {
        let labels = h.labels
        func summary(_ range: Range<Int>) -> ClassificationSummary? {
            guard let labels else { return nil }
            let idx = range.filter { labels[$0] != nil }
            guard !idx.isEmpty else { return nil }
            return ClassificationSummary(truth: idx.map { labels[$0] == 1 }, predicted: idx.map { trace.flagged[$0] },
                                         scores: idx.map { trace.score[$0] })
        }
        let metrics = DinamoMetrics(historical: summary(0..<nHist),
                                    continual: nHist < h.runs ? summary(nHist..<h.runs) : nil)
        let flaggedRuns = trace.flagged.indices.filter { trace.flagged[$0] && !trace.warmUp[$0] }
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
                            misclassifiedRuns: misclassified, worstRun: worst, typicalGoodRun: typical, notes: notes,
                            alphaChoice: alphaChoice, thresholdChoice: thresholdChoice, start: start)
    }
}
