import Core

extension MCEMSettings {
    /// The default settings for one series: the notebook's, with the context and the training effort
    /// following the series. Every field can still be overridden afterwards; `.notebook` is the notebook exactly.
    ///
    /// - Context: the series' dominant period, the lag of the strongest peak of its autocorrelation over lags
    ///   3…400 (`Autocorrelation.strongestPeak`) when that peak reaches ρ ≥ 0.3, bounded to 8…288 (a day of
    ///   5-minute samples); the notebook's 25 when there is no such peak. A forecaster that sees one whole
    ///   cycle can tell a flattened or shifted stretch of a daily pattern from the pattern itself.
    /// - Effort: relative to the notebook's (1000 points, context 25) by the cost of one epoch,
    ///   r = (n/1000)·(context + 128)/153 (the first layer costs context·16, the eight hidden ones 8·16·16).
    ///   For r > 1, mixture/hmm (and so baseline) draw round(20/r) MC samples per epoch (at least 2): every
    ///   sample is a full pass of mini-batches of 25, so a longer series already gets n/25 updates per pass;
    ///   the cost of a run then stays that of the notebook's 1000-point run until the floor of 2 samples
    ///   (r ≥ 10), and grows linearly beyond. (20/√r, phase 1's choice, took a long series over the 6 s
    ///   wall-time goal on 2 cores; measured: docs/performance.md.)
    /// - topk: 100 epochs of shuffled mini-batches of 25 (`topkBatchSize`) at the notebook's learning rate,
    ///   instead of 5000 full-batch epochs. 100 passes give 4n Adam steps (4000 at n = 1000, near the
    ///   notebook's 5000), so the cost is 100 passes, linear in the length and 50× below the notebook's.
    /// - Score: each point's residual plus the largest residual within two contexts (two periods) on either
    ///   side (`scoreReach` = 2, `AnomalyScore`), so that a score stays high over an anomalous stretch.
    public static func defaults(for series: [Double], context: Int? = nil) -> MCEMSettings {
        var s = MCEMSettings.notebook
        s.context = context ?? defaultContext(for: series)
        s.scoreReach = 2
        let r = Double(series.count) / 1000 * Double(s.context + 128) / 153
        if r > 1 {
            s.samplesPerEpoch = max(2, Int((20 / r).rounded()))
        }
        s.topkBatchSize = s.batchSize
        s.topkEpochs = 100
        return s
    }

    /// The dominant period bounded to 8…288, or 25 without one (see `defaults(for:)`).
    public static func defaultContext(for series: [Double]) -> Int {
        guard let peak = Autocorrelation.strongestPeak(series), peak.height >= 0.3 else { return 25 }
        return min(max(peak.lag, 8), 288)
    }
}
