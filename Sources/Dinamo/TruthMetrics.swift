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

    /// The α-independent part of the truth metrics on one dataset — the z-score alignment of each regime's good
    /// runs and their band — computed once for a scan over α.
    public struct Context: Sendable {
        let bad: [Bool]
        let historicalCount: Int
        /// Per regime: the alignment of its good runs and their band; nil when the regime has no good run.
        let historicalBand: (ReferenceBandJaccard.Alignment, ReferenceBandJaccard.RunBand)?
        let continualBand: (ReferenceBandJaccard.Alignment, ReferenceBandJaccard.RunBand)?

        public init(histograms h: HistogramSet, truth: ToyTruth, historicalCount: Int) {
            precondition(truth.labels.count == h.runs, "data and truth differ in runs")
            let B = h.bins
            var centres = (0..<B).map { Double($0) }
            if let e = h.binEdges { for b in 0..<B { centres[b] = (e[b] + e[b + 1]) / 2 } }
            let bad = truth.labels.map { $0 == 1 }
            let nHist = min(max(historicalCount, 0), h.runs)
            let x = TruthMetrics.normalisedHistograms(h)
            func band(_ runs: Range<Int>) -> (ReferenceBandJaccard.Alignment, ReferenceBandJaccard.RunBand)? {
                guard let a = ReferenceBandJaccard.Alignment(binCentres: centres, runs: runs.filter { !bad[$0] },
                                                             mu: truth.runMu, sigma: truth.runSigma) else { return nil }
                return (a, ReferenceBandJaccard.runBand(alignment: a, x: x))
            }
            self.bad = bad
            self.historicalCount = nHist
            self.historicalBand = band(0..<nHist)
            self.continualBand = band(nHist..<h.runs)
        }
    }

    /// - Parameters:
    ///   - trace: a monitor run over all runs of `histograms`, recorded with detail (references before each run).
    ///   - histograms: the data (bin edges needed; without them bin centres 0, 1, … are used).
    ///   - truth: the generator's truth for the same data.
    ///   - threshold: T of the decisions.
    public static func evaluate(trace: MonitorTrace, histograms h: HistogramSet, truth: ToyTruth,
                                historicalCount: Int, threshold: Double, patience: Int = 1) -> TruthMetrics {
        evaluate(trace: trace, context: Context(histograms: h, truth: truth, historicalCount: historicalCount),
                 truth: truth, threshold: threshold, patience: patience)
    }

    /// As `evaluate(trace:histograms:truth:historicalCount:threshold:patience:)` with the α-independent part given.
    public static func evaluate(trace: MonitorTrace, context c: Context, truth: ToyTruth, threshold: Double,
                                patience: Int = 1) -> TruthMetrics {
        let R = trace.runs
        precondition(c.bad.count == R && truth.labels.count == R, "trace, data and truth differ in runs")
        precondition(trace.referenceMu.count == R * trace.bins, "the trace must record the reference (recordDetail)")
        let cps = truth.changePoints
        func regime(_ runs: Range<Int>,
                    _ band: (ReferenceBandJaccard.Alignment, ReferenceBandJaccard.RunBand)?) -> RegimeTruthMetrics {
            let adaptation = AdaptationMetrics.evaluate(scores: trace.score, bad: c.bad,
                                                        changePoints: cps.filter { runs.contains($0) },
                                                        threshold: threshold, patience: patience)
            let jaccard = band.map {
                ReferenceBandJaccard.evaluate(alignment: $0.0, runBand: $0.1, referenceMu: trace.referenceMu,
                                              referenceSigma: trace.referenceSigma)
            }
            return RegimeTruthMetrics(adaptation: adaptation, jaccard: jaccard)
        }
        return TruthMetrics(historical: regime(0..<c.historicalCount, c.historicalBand),
                            continual: regime(c.historicalCount..<R, c.continualBand),
                            threshold: threshold, patience: patience)
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
