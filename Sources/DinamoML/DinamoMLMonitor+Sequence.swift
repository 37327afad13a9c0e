import Core
import Dinamo

/// A DINAMO-ML pass over a sequence of runs: DINAMO-S's `MonitorTrace` (so thresholds, metrics and the report read
/// it as they read DINAMO-S's; the reference before each run is the network's prediction μ, σ_μ; α is 0, DINAMO-ML
/// has none), with the training steps each run took.
public struct DinamoMLTrace: Sendable, Equatable {
    public var monitor: MonitorTrace
    /// Training steps after each run (0 for a run not learned from).
    public var trainingSteps: [Int]
    /// Loss of each run's last training step (nil for a run not learned from).
    public var finalLoss: [Float?]
    public var totalSteps: Int { trainingSteps.reduce(0, +) }
}

extension DinamoMLMonitor {
    /// Runs a fresh monitor over `histograms`, run index as time.
    ///
    /// Who is good, as for DINAMO-S: `labels[r]` when non-nil (0 good, 1 bad), otherwise the monitor itself
    /// (good iff score ≤ `threshold`). With `start: .learned(runs: k)` (`ReferenceStart.choose`, when labels do not
    /// cover the first runs) the first k non-empty runs are taken as good without judgement and shown as warm-up:
    /// an untrained network cannot judge. Good, non-empty runs are learned from after they are scored.
    ///
    /// `progress(done)` is called after each run. Same settings and inputs give the same bits.
    public static func run(_ histograms: HistogramSet, settings: DinamoMLSettings, threshold: Double,
                           labels: [Int?]?, start: ReferenceStart = .uniform, recordDetail: Bool = true,
                           progress: ((Int) -> Void)? = nil) -> DinamoMLTrace {
        precondition(histograms.bins == settings.shape.bins, "histograms have \(histograms.bins) bins")
        let monitor = DinamoMLMonitor(settings: settings)
        let n = histograms.runs, bins = histograms.bins
        var warmUpLeft = 0
        if case .learned(let k) = start { warmUpLeft = k }
        var chi2 = [Double](repeating: 0, count: n), score = chi2, integral = chi2
        var flagged = [Bool](repeating: false, count: n), empty = flagged, updated = flagged, warmUp = flagged
        var pulls: [Double] = [], refMu: [Double] = [], refSigma: [Double] = []
        if recordDetail {
            pulls.reserveCapacity(n * bins); refMu.reserveCapacity(n * bins); refSigma.reserveCapacity(n * bins)
        }
        var steps = [Int](repeating: 0, count: n), losses = [Float?](repeating: nil, count: n)
        for r in 0..<n {
            let counts = histograms.counts(ofRun: r)
            let s = monitor.score(counts: counts, time: r)
            chi2[r] = s.chi2
            score[r] = s.score
            integral[r] = s.integral
            empty[r] = s.empty
            flagged[r] = s.score > threshold
            if recordDetail { pulls += s.pulls; refMu += s.mean; refSigma += s.spread }
            var good: Bool
            if warmUpLeft > 0 && !s.empty {
                warmUp[r] = true
                warmUpLeft -= 1
                good = true
            } else if let label = labels?[r] {
                good = label == 0
            } else {
                good = !flagged[r]
            }
            if s.empty { good = false }
            if good, let learned = monitor.learn(counts: counts, time: r) {
                updated[r] = true
                steps[r] = learned.steps
                losses[r] = learned.loss
            }
            progress?(r + 1)
        }
        let final = monitor.prediction(before: n)
        let trace = MonitorTrace(bins: bins, chi2: chi2, score: score, flagged: flagged, empty: empty,
                                 updated: updated, warmUp: warmUp, integral: integral, pulls: pulls,
                                 referenceMu: refMu, referenceSigma: refSigma, finalMu: final.mean,
                                 finalSigma: final.spread, threshold: threshold, alpha: 0)
        return DinamoMLTrace(monitor: trace, trainingSteps: steps, finalLoss: losses)
    }
}
