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
    ///
    /// With a false-alarm budget (`DinamoSettings.falseAlarmRate`, the tool's default; docs/methods/dinamo.md):
    /// the reference starts learned from the first runs when labels do not cover them (`ReferenceStart`);
    /// `auto` tunes on labels only when the history holds at least `minimumGoodLabels` good and
    /// `minimumBadLabels` bad labelled runs, and the tuned T is the best balanced accuracy among the
    /// thresholds that flag at most the budget's share of the labelled good historical runs; otherwise T comes
    /// from the budget alone (`budgetThreshold`). Without a budget every step is the published one.
    public static func run(histograms h: HistogramSet, settings s: DinamoSettings) throws -> DinamoResult {
        guard s.initCounts > 0, s.initCounts.isFinite else { throw DinamoError.invalidInitCounts(s.initCounts) }
        guard s.debias >= 0 else { throw DinamoError.negativeDebias(s.debias) }
        if case .value(let a) = s.alpha, !(a > 0 && a < 1) { throw DinamoError.alphaOutOfRange(a) }
        let nHist = s.historical ?? DinamoSettings.defaultHistorical(runs: h.runs)
        guard nHist >= 1, nHist <= h.runs else { throw DinamoError.historicalOutOfRange(nHist, runs: h.runs) }
        var notes: [String] = []
        let histRange = 0..<nHist
        let labels = h.labels
        let budget = s.falseAlarmRate
        let history = HistoricalLabels(h, historical: nHist, budget: budget)
        let (histLabelled, goodLabels, badLabels) = (history.labelled, history.good, history.bad)
        let (canTune, labelCounts, start) = (history.canTune, history.counts, history.start)
        let provisionalT: Double = { if case .value(let t) = s.threshold { return t }; return DinamoSettings.defaultThreshold }()

        // (1) α
        var alphaScan: AlphaScan? = nil
        var historicalScores: [Double]? = nil   // at the chosen α, when the scan computed them
        let alpha: Double
        var alphaChoice = "given"
        switch s.alpha {
        case .value(let a): alpha = a
        case .auto:
            if canTune, let found = try AlphaScan.compute(histograms: h, historical: histRange,
                                                          provisionalThreshold: provisionalT, initCounts: s.initCounts,
                                                          debias: s.debias, seed: s.seed) {
                alphaScan = found.scan
                historicalScores = found.historicalScores
                alpha = found.scan.chosen
                alphaChoice = "auto: |ROC AUC − 0.5| + 0.5 on \(labelCounts)"
            } else {
                alpha = DinamoSettings.fallbackAlpha
                alphaChoice = "auto not possible: \(labelCounts)" + (budget == nil ? "" : " (needs ≥ \(DinamoSettings.minimumGoodLabels) and ≥ \(DinamoSettings.minimumBadLabels))") + "; the default \(alpha)"
                notes.append("alpha auto needs good and bad labels among the historical runs"
                    + (budget == nil ? "" : " (at least \(DinamoSettings.minimumGoodLabels) good and \(DinamoSettings.minimumBadLabels) bad; found \(goodLabels) and \(badLabels))")
                    + ": alpha = \(alpha)")
            }
        }

        // (2) T
        var thresholdScan: ThresholdScan? = nil
        var threshold = DinamoSettings.defaultThreshold
        var thresholdChoice = "given"
        switch s.threshold {
        case .value(let t): threshold = t
        case .auto:
            var tuned: Double? = nil   // T from the labels, when they can tune it
            if canTune {
                let scores = try historicalScores ?? DinamoMonitor.run(
                    h, alpha: alpha, initCounts: s.initCounts, threshold: provisionalT, labels: labels,
                    runRange: histRange, debias: s.debias, seed: s.seed, recordDetail: false).score
                if let found = labelledThreshold(scores: scores, labelled: histLabelled, budget: budget, seed: s.seed,
                                                 labelCounts: labelCounts) {
                    tuned = found.threshold
                    thresholdScan = found.scan
                    thresholdChoice = found.choice
                }
            }
            if let tuned {
                threshold = tuned
            } else if let budget {
                let found = try budgetThreshold(h, alpha: alpha, settings: s, start: start, historical: histRange,
                                                rate: budget)
                threshold = found.threshold
                thresholdChoice = found.choice
                if !histLabelled.isEmpty {
                    notes.append("threshold auto tunes on labels only with at least \(DinamoSettings.minimumGoodLabels) good and \(DinamoSettings.minimumBadLabels) bad labelled historical runs (found \(goodLabels) and \(badLabels)): T from the false-alarm budget instead")
                }
            } else {
                threshold = DinamoSettings.defaultThreshold
                thresholdChoice = "auto not possible without labels of both classes: the published T = \(threshold)"
                notes.append("threshold auto needs good and bad labels among the historical runs: T = \(threshold)")
            }
        }

        // (3) the monitor over all runs
        let trace = try DinamoMonitor.run(h, alpha: alpha, initCounts: s.initCounts, threshold: threshold,
                                          labels: labels, debias: s.debias, seed: s.seed, recordDetail: true, start: start)
        return DinamoResult.summarising(trace: trace, histograms: h, historicalCount: nHist, alpha: alpha,
                                        threshold: threshold, alphaScan: alphaScan, thresholdScan: thresholdScan,
                                        notes: notes, alphaChoice: alphaChoice, thresholdChoice: thresholdChoice,
                                        start: start)
    }

    /// T from the false-alarm budget alone, for runs the monitor judges itself: the scores of good runs, one run
    /// ahead of a reference that follows them, are close to normal in ln(χ²/ν), so
    ///
    ///     T = median + z₁₋ᵣ · max(1.4826 · MAD, s₅, √(2/ν))      (z₁₋ᵣ = Φ⁻¹(1 − r); r = 0.5 % gives z = 2.576)
    ///
    /// over the historical runs (warm-up and empty runs left out), s₅ their standard deviation after dropping the
    /// scores beyond 5 robust deviations of the median. The median and MAD ignore the bad runs among them; s₅
    /// keeps the good runs' own tails, which the MAD of a normal core misses; √(2/ν), the relative fluctuation of a
    /// χ² of ν terms (so of its logarithm), floors what a few dozen runs can underestimate by chance. The scores depend on T (only runs under it update the
    /// reference), so T is found in two passes: first with every run updating, then with that T. Fewer than
    /// `budgetRuns` such runs in the history: the first `budgetRuns` runs (all runs when there are fewer).
    /// The runs the budget's median and spread need at least.
    public static let budgetRuns = 100

    static func budgetThreshold(_ h: HistogramSet, alpha: Double, settings s: DinamoSettings, start: ReferenceStart,
                                historical: Range<Int>, rate: Double) throws -> (threshold: Double, choice: String) {
        let z = Statistics.normalQuantile(1 - rate)
        var range = historical
        func pool(_ trace: MonitorTrace) -> [Double] {
            (0..<trace.runs).filter { !trace.warmUp[$0] && !trace.empty[$0] }.map { trace.score[$0] }
        }
        var t = Double.greatestFiniteMagnitude
        var used = 0
        for _ in 0..<2 {
            var trace = try DinamoMonitor.run(h, alpha: alpha, initCounts: s.initCounts, threshold: t, labels: h.labels,
                                              runRange: range, debias: s.debias, seed: s.seed, recordDetail: false, start: start)
            var scores = pool(trace)
            if scores.count < budgetRuns && range != 0..<h.runs {
                range = 0..<min(h.runs, max(historical.upperBound, budgetRuns + ReferenceStart.learningRuns))
                trace = try DinamoMonitor.run(h, alpha: alpha, initCounts: s.initCounts, threshold: t, labels: h.labels,
                                              runRange: range, debias: s.debias, seed: s.seed, recordDetail: false, start: start)
                scores = pool(trace)
            }
            guard let found = budgetThreshold(scores: scores, bins: h.bins, rate: rate) else {
                return (DinamoSettings.defaultThreshold, "no runs to judge the score's spread on: the published T = \(DinamoSettings.defaultThreshold)")
            }
            t = found
            used = scores.count
        }
        let percent = (rate * 100_000).rounded() / 1000
        let zText = (z * 1000).rounded() / 1000
        let which = range == historical ? "historical runs" : "first runs (too few historical ones)"
        return (t, "auto: false-alarm budget \(percent) % — the median plus \(zText) robust deviations of the scores of \(used) \(which) judged by the monitor")
    }
}
