import Core

/// Every metric reported for one approach (docs/methods/mcem.md, docs/output.md). Label-dependent values are `nil`
/// without labels, with labels that mark no point anomalous, or when undefined; never invented.
public struct ApproachMetrics: Sendable, Equatable {
    public var approach: Approach
    /// VUS-PR and VUS-ROC of the score (TSB-AD, version "opt", 250 thresholds) and the window used.
    public var vusPR: Double?
    public var vusROC: Double?
    public var vusWindow: Int?
    public var rocAUC: Double?
    public var averagePrecision: Double?
    /// Plain F1 of the flagged set (posterior > 0.5; topk: its k points; baseline: its NLL threshold).
    public var f1: Double?
    public var precision: Double?
    public var recall: Double?
    public var pointAdjustedF1: Double?
    public var bestF1: Double?
    public var bestF1Threshold: Double?
    public var eventRecall: Double?
    public var flagged: [Int]
    public var finalLoss: Double?
    /// hmm only: the matrix per epoch.
    public var transitions: [Transitions]?
    /// Forecast MAE and mean Gaussian NLL on the nominal points (label false; all points without labels).
    /// NLL is nil for topk, which has no scale.
    public var nominalMAE: Double?
    public var nominalNLL: Double?
}

extension MonteCarloEM {
    /// The metrics of one result against optional ground truth. `vusWindow` defaults to TSB-AD's choice
    /// from the series' autocorrelation (`Autocorrelation.tsbADWindow`).
    public static func metrics(_ r: ApproachResult, series: [Double], labels: [Bool]?,
                               vusWindow: Int? = nil) -> ApproachMetrics {
        let n = series.count
        let nominal = labels.map { $0.map { !$0 } } ?? [Bool](repeating: true, count: n)
        var m = ApproachMetrics(approach: r.approach, flagged: r.flagged, finalLoss: r.finalLoss,
                                transitions: r.transitionsPerEpoch)
        m.nominalMAE = DetectionMetrics.meanAbsoluteError(values: series, forecasts: r.mean, nominal: nominal)
        if let sc = r.scale {
            m.nominalNLL = DetectionMetrics.gaussianNLL(values: series, means: r.mean, scales: sc, nominal: nominal)
        }
        // Without a positive label there is nothing to find: every detection metric is undefined (left nil, never
        // 0), as with no labels at all (docs/output.md#summaryjson).
        guard let labels, labels.count == n, labels.contains(true) else { return m }
        let flaggedMask = DetectionMetrics.mask(r.flagged, count: n)
        let c = DetectionMetrics.confusion(flagged: flaggedMask, labels: labels)
        let window = vusWindow ?? Autocorrelation.tsbADWindow(series)
        if let v = DetectionMetrics.volumeUnderSurface(scores: r.score, labels: labels, window: window) {
            m.vusPR = v.pr
            m.vusROC = v.roc
            m.vusWindow = v.window
        }
        m.rocAUC = DetectionMetrics.rocAUC(scores: r.score, labels: labels)
        m.averagePrecision = DetectionMetrics.averagePrecision(scores: r.score, labels: labels)
        m.f1 = c.f1
        m.precision = c.precision
        m.recall = c.sensitivity
        m.pointAdjustedF1 = DetectionMetrics.pointAdjustedF1(flagged: flaggedMask, labels: labels)
        if let b = DetectionMetrics.bestF1(scores: r.score, labels: labels) {
            m.bestF1 = b.f1
            m.bestF1Threshold = b.threshold
        }
        m.eventRecall = DetectionMetrics.eventRecall(flagged: flaggedMask, labels: labels)
        return m
    }
}
