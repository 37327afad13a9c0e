import Core

/// The α scan of DINAMO-S (docs/methods/dinamo.md; `alpha auto`, and the α-scan figure): for α = 0.01, 0.02, …, 0.99
/// the monitor runs over the historical runs (labels drive the updates; unlabelled runs are judged with the
/// provisional T) and the score's ROC AUC on the labelled historical runs gives the published objective
///
///   J(α) = |AUC(α) − 0.5| + 0.5
///
/// (`hyperopt_dinamo_s`, metric mode "auc", of the DINAMO repository, which searches α with a TPE sampler; we
/// search the deterministic grid). The chosen α is the first maximum of J. Grid points are independent and are
/// evaluated on the cores; the result is bit-identical to the serial scan.
public struct AlphaScan: Sendable, Equatable {
    public var alphas: [Double]
    /// ROC AUC per α; nil where undefined.
    public var rocAUC: [Double?]
    /// J(α) = |AUC − 0.5| + 0.5 per α; nil where the AUC is undefined.
    public var objective: [Double?]
    public var chosenIndex: Int
    public var chosen: Double { alphas[chosenIndex] }

    public static var grid: [Double] { (1...99).map { Double($0) / 100 } }

    /// The published objective of a ROC AUC.
    public static func objective(rocAUC: Double) -> Double { abs(rocAUC - 0.5) + 0.5 }

    /// The index of the first maximum of `objective`, nil entries never chosen; nil when all are nil.
    public static func firstMaximum(_ objective: [Double?]) -> Int? {
        var best: Int? = nil
        for (i, v) in objective.enumerated() {
            guard let v else { continue }
            if let b = best, let bv = objective[b], bv >= v { continue }
            best = i
        }
        return best
    }

    /// Scans `alphas` on `historical` runs of `histograms`. Returns the scan and the historical scores at the
    /// chosen α (for the threshold scan), or nil when no α has a defined AUC (labels of one class only).
    public static func compute(histograms h: HistogramSet, historical: Range<Int>, provisionalThreshold: Double,
                               initCounts: Double = 100, debias: Int = 0, seed: UInt64 = 0,
                               alphas: [Double] = AlphaScan.grid, parallel: Bool = true) throws
        -> (scan: AlphaScan, historicalScores: [Double])? {
        guard let labels = h.labels else { return nil }
        let labelled = historical.filter { labels[$0] != nil }
        let truth = labelled.map { labels[$0] == 1 }
        let offset = historical.lowerBound
        // α-independent normalisation, shared by every grid point (the debiased path draws per run and keeps `run`).
        let normalised = debias == 0 ? NormalisedRuns(h, runs: historical) : nil
        let points = try ParallelMap.map(count: alphas.count, parallel: parallel) { i -> (Double?, [Double]) in
            let scores: [Double]
            if let normalised {
                scores = try DinamoMonitor.scanScores(normalised, alpha: alphas[i], initCounts: initCounts,
                                                      threshold: provisionalThreshold, labels: labels)
            } else {
                scores = try DinamoMonitor.run(h, alpha: alphas[i], initCounts: initCounts, threshold: provisionalThreshold,
                                               labels: labels, runRange: historical, debias: debias, seed: seed,
                                               recordDetail: false).score
            }
            var positives: [Double] = [], negatives: [Double] = []
            positives.reserveCapacity(labelled.count)
            negatives.reserveCapacity(labelled.count)
            for (j, r) in labelled.enumerated() {
                if truth[j] { positives.append(scores[r - offset]) } else { negatives.append(scores[r - offset]) }
            }
            return (RankAUC.auc(positives: &positives, negatives: &negatives), scores)
        }
        let aucs = points.map(\.0)
        let objective = aucs.map { $0.map(AlphaScan.objective(rocAUC:)) }
        guard let best = firstMaximum(objective) else { return nil }
        return (AlphaScan(alphas: alphas, rocAUC: aucs, objective: objective, chosenIndex: best), points[best].1)
    }
}
