import Core

/// The published scan of the method's quality against α (`scripts/run_dinamo_s_metrics_vs_alpha.py` of the
/// DINAMO repository), on data whose truth is known. For every α of the grid, independently:
/// 1. the monitor runs over all runs, the true labels driving the updates;
/// 2. T is chosen by `ThresholdScan` on the historical runs' scores (T = 1.0 if it cannot be);
/// 3. balanced accuracy (flagged iff score > T) on the historical and on the continual runs;
/// 4. `TruthMetrics`: steps to adapt, adaptivity index and Jaccard distance per regime.
/// The published script scans α = 0.00…0.99 and averages over 200 datasets; α = 0 (no memory) is outside this
/// tool's (0, 1), so the grid is 0.01…0.99, and averaging over datasets is the caller's. Grid points are
/// evaluated on the cores; the result is bit-identical to the serial scan.
public struct MetricsVsAlpha: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var alpha: Double
        public var threshold: Double
        public var balancedAccuracyHistorical: Double?
        public var balancedAccuracyContinual: Double?
        public var truth: TruthMetrics
    }

    public var points: [Point]
    public var historicalCount: Int

    public var alphas: [Double] { points.map(\.alpha) }

    public static func compute(histograms h: HistogramSet, truth: ToyTruth, historicalCount: Int,
                               initCounts: Double = 100, debias: Int = 0, seed: UInt64 = 0,
                               alphas: [Double] = AlphaScan.grid, parallel: Bool = true) throws -> MetricsVsAlpha {
        guard truth.labels.count == h.runs else { throw DinamoError.labelsLength(expected: h.runs, got: truth.labels.count) }
        guard (1...h.runs).contains(historicalCount) else { throw DinamoError.historicalOutOfRange(historicalCount, runs: h.runs) }
        for a in alphas where !(a > 0 && a < 1) { throw DinamoError.alphaOutOfRange(a) }
        let labels = truth.labels.map { Optional($0) }
        let bad = truth.labels.map { $0 == 1 }
        let nHist = historicalCount
        let context = TruthMetrics.Context(histograms: h, truth: truth, historicalCount: nHist)
        let points = try ParallelMap.map(count: alphas.count, parallel: parallel) { i -> Point in
            let a = alphas[i]
            let trace = try DinamoMonitor.run(h, alpha: a, initCounts: initCounts, threshold: DinamoSettings.defaultThreshold,
                                              labels: labels, debias: debias, seed: seed, recordDetail: true,
                                              recordPulls: false)
            let t = ThresholdScan.compute(scores: Array(trace.score[0..<nHist]), bad: Array(bad[0..<nHist]), seed: seed)?.chosen
                ?? DinamoSettings.defaultThreshold
            func ba(_ range: Range<Int>) -> Double? {
                guard !range.isEmpty else { return nil }
                return ConfusionMatrix(truth: Array(bad[range]), predicted: range.map { trace.score[$0] > t }).balancedAccuracy
            }
            let metrics = TruthMetrics.evaluate(trace: trace, context: context, truth: truth, threshold: t)
            return Point(alpha: a, threshold: t, balancedAccuracyHistorical: ba(0..<nHist),
                         balancedAccuracyContinual: ba(nHist..<h.runs), truth: metrics)
        }
        return MetricsVsAlpha(points: points, historicalCount: nHist)
    }
}
