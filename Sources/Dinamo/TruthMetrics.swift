/// The truth-based metrics of the DINAMO paper for one regime (historical or continual runs).
public struct RegimeTruthMetrics: Sendable, Equatable {
    /// Steps to adapt and adaptivity index over the regime's change points (μ and σ together).
    public var adaptation: AdaptationMetrics
    /// Reference band vs the good runs' spread; nil when the regime has no good run.
    public var jaccard: ReferenceBandJaccard?

    public var meanStepsToAdapt: Double? { adaptation.meanStepsToAdapt }
    public var adaptivityIndex: Double? { adaptation.adaptivityIndex }
    public var jaccardDistance: Double? { jaccard?.distance }
}

/// Steps to adapt, adaptivity index and Jaccard distance on generated data, separately for the historical
/// runs (the first `historicalCount`) and the continual ones, as `scripts/run_dinamo_s_metrics_vs_alpha.py`
/// evaluates them: a change point belongs to the regime it lies in; "good" means the true label.
public struct TruthMetrics: Sendable, Equatable {
    public var historical: RegimeTruthMetrics
    public var continual: RegimeTruthMetrics
    public var threshold: Double
    public var patience: Int

    /// - Parameters:
    ///   - trace: a monitor run over all runs of `histograms`, recorded with detail (references before each run).
    ///   - histograms: the data (bin edges needed; without them bin centres 0, 1, … are used).
    ///   - truth: the generator's truth for the same data.
    ///   - threshold: T of the decisions.
    public static func evaluate(trace: MonitorTrace, histograms h: HistogramSet, truth: ToyTruth,
                                historicalCount: Int, threshold: Double, patience: Int = 1) -> TruthMetrics {
        precondition(trace.runs == h.runs && truth.labels.count == h.runs, "trace, data and truth differ in runs")
        precondition(trace.referenceMu.count == h.runs * h.bins, "the trace must record the reference (recordDetail)")
        let R = h.runs, B = h.bins
        let nHist = min(max(historicalCount, 0), R)
        let bad = truth.labels.map { $0 == 1 }
        let cps = truth.changePoints
        var centres = (0..<B).map { Double($0) }
        if let e = h.binEdges { for b in 0..<B { centres[b] = (e[b] + e[b + 1]) / 2 } }
        let x = normalisedHistograms(h)
        func regime(_ runs: Range<Int>) -> RegimeTruthMetrics {
            let adaptation = AdaptationMetrics.evaluate(scores: trace.score, bad: bad,
                                                        changePoints: cps.filter { runs.contains($0) },
                                                        threshold: threshold, patience: patience)
            let good = runs.filter { !bad[$0] }
            let jaccard = ReferenceBandJaccard.evaluate(binCentres: centres, runs: good, x: x,
                                                        referenceMu: trace.referenceMu, referenceSigma: trace.referenceSigma,
                                                        mu: truth.runMu, sigma: truth.runSigma)
            return RegimeTruthMetrics(adaptation: adaptation, jaccard: jaccard)
        }
        return TruthMetrics(historical: regime(0..<nHist), continual: regime(nHist..<R), threshold: threshold, patience: patience)
    }

    /// x = c/I per run (zeros for an empty run), flat [runs × bins].
    static func normalisedHistograms(_ h: HistogramSet) -> [Double] {
        var x = h.counts
        for r in 0..<h.runs {
            let row = (r * h.bins)..<((r + 1) * h.bins)
            let total = h.counts[row].reduce(0, +)
            if total > 0 { for i in row { x[i] /= total } }
        }
        return x
    }
}
