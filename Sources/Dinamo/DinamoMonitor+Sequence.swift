import Core

/// The monitor run over a sequence of runs: per-run scores and decisions, and the reference before each run.
///
/// Flat arrays are row-major [runs × bins]: run r, bin b at `r * bins + b`.
public struct MonitorTrace: Sendable, Equatable {
    public var runs: Int
    public var bins: Int
    /// χ² per run (debiased when `debias > 0`).
    public var chi2: [Double]
    /// ln(χ²/ν) per run, always finite.
    public var score: [Double]
    /// score > threshold.
    public var flagged: [Bool]
    /// The run had no entries (I = 0): scored with x = 0, σ_x = 0, never updates.
    public var empty: [Bool]
    /// The run updated the reference (judged good and not empty).
    public var updated: [Bool]
    /// The run was scored before the reference had learned (`ReferenceStart`): shown, never reported as flagged.
    public var warmUp: [Bool]
    /// Integral I per run.
    public var integral: [Double]
    /// Pulls (x − μ)/σ per run and bin (debiased: the mean over the resamples, when `debias > 0`); empty when not recorded.
    public var pulls: [Double]
    /// μ of the reference *before* each run; empty when not recorded.
    public var referenceMu: [Double]
    /// σ_μ of the reference *before* each run; empty when not recorded.
    public var referenceSigma: [Double]
    /// The reference after the last run.
    public var finalMu: [Double]
    public var finalSigma: [Double]
    /// The threshold used for flagging and for judging runs without a label.
    public var threshold: Double
    public var alpha: Double

    /// μ of the reference before run `k` of the trace (empty when the detail was not recorded).
    public func referenceMu(beforeRun k: Int) -> ArraySlice<Double> { slice(referenceMu, k) }
    /// σ_μ of the reference before run `k` of the trace.
    public func referenceSigma(beforeRun k: Int) -> ArraySlice<Double> { slice(referenceSigma, k) }
    /// Pulls of run `k` of the trace.
    public func pulls(ofRun k: Int) -> ArraySlice<Double> { slice(pulls, k) }

    private func slice(_ a: [Double], _ k: Int) -> ArraySlice<Double> {
        a.isEmpty ? a[0..<0] : a[(k * bins)..<((k + 1) * bins)]
    }
}

extension DinamoMonitor {
    /// Runs the monitor over `runRange` of `histograms` (default: all runs), in order.
    ///
    /// Who is good: `labels[r]` when non-nil (0 good, 1 bad); otherwise the monitor itself
    /// (good iff score ≤ `threshold`). `labels == nil` means every run is judged by the monitor.
    /// Only good, non-empty runs update the reference, after they are scored.
    ///
    /// - Parameters:
    ///   - debias: number of Monte Carlo resamples of the statistical debiasing (0 = off);
    ///     see `DinamoMonitor.debiasedChi2`; χ², scores and pulls are then the debiased ones.
    ///   - seed: seeds the debiasing, one independent stream per run index.
    ///   - recordDetail: store pulls and the reference before each run (3 × runs × bins doubles).
    ///   - recordPulls: with `recordDetail`, also the pulls (false: the reference only, for the truth metrics).
    ///   - start: the published uniform start, or one learned from the first runs (`ReferenceStart`). Warm-up
    ///     runs: with a learned start, the runs it was learned from; with the uniform start, the runs scored
    ///     while the start's share of the reference, αᵘ after u good updates, is above `ReferenceStart.priorShare`.
    public static func run(_ histograms: HistogramSet, alpha: Double, initCounts: Double = 100, threshold: Double,
                           labels: [Int?]?, runRange: Range<Int>? = nil, debias: Int = 0, seed: UInt64 = 0,
                           recordDetail: Bool = true, recordPulls: Bool = true,
                           start: ReferenceStart = .uniform) throws -> MonitorTrace {
        guard debias >= 0 else { throw DinamoError.negativeDebias(debias) }
        var monitor = try DinamoMonitor(bins: histograms.bins, alpha: alpha, initCounts: initCounts)
        let range = runRange ?? 0..<histograms.runs
        // The learned start's runs (the first non-empty ones) end the warm-up; the uniform start's ends when the
        // prior's share falls below `priorShare`.
        var learnedUntil: Int? = nil
        if case .learned(let k) = start, k > 0 {
            var chosen: [[Double]] = []
            for r in range where chosen.count < k {
                let row = Array(histograms.counts[(r * histograms.bins)..<((r + 1) * histograms.bins)])
                if row.reduce(0, +) > 0 { chosen.append(row); learnedUntil = r }
            }
            if let learned = try DinamoMonitor.learned(from: chosen, bins: histograms.bins, alpha: alpha, initCounts: initCounts) {
                monitor = learned
            } else {
                learnedUntil = nil
            }
        }
        var priorShare = 1.0
        precondition(range.lowerBound >= 0 && range.upperBound <= histograms.runs, "run range outside the data")
        if let labels { precondition(labels.count == histograms.runs, "one label per run") }
        let bins = histograms.bins
        let n = range.count
        var chi2 = [Double](repeating: 0, count: n)
        var score = chi2, integral = chi2
        var flagged = [Bool](repeating: false, count: n)
        var empty = flagged, updated = flagged, warmUp = flagged
        let detail = recordDetail ? n * bins : 0
        // Every entry of the detail buffers is written below (each run's row, whatever the run), so they start
        // uninitialised: 12 MB of zeros for 5000 × 100 runs would cost more than the scoring itself.
        func detailBuffer(_ count: Int) -> [Double] { [Double](unsafeUninitializedCapacity: count) { $1 = count } }
        var pulls = detailBuffer(recordPulls ? detail : 0)
        var refMu = detailBuffer(detail), refSigma = detailBuffer(detail)

        var refIntegral = monitor.referenceIntegral
        histograms.counts.withUnsafeBufferPointer { countsBuf in
            monitor.state.withUnsafeMutableBufferPointer { stBuf in
                pulls.withUnsafeMutableBufferPointer { pullBuf in
                    refMu.withUnsafeMutableBufferPointer { muBuf in
                        refSigma.withUnsafeMutableBufferPointer { sgBuf in
                            let st = stBuf.baseAddress!
                            for (k, r) in range.enumerated() {
                                let c = countsBuf.baseAddress! + r * bins
                                var pullPtr: UnsafeMutablePointer<Double>? = nil
                                if recordDetail {
                                    (muBuf.baseAddress! + k * bins).update(from: st, count: bins)
                                    let sgRow = sgBuf.baseAddress! + k * bins
                                    for b in 0..<bins { sgRow[b] = st[bins + b].squareRoot() }
                                    if recordPulls { pullPtr = pullBuf.baseAddress! + k * bins }
                                }
                                var (x2, sum) = scoreKernel(counts: c, bins: bins, state: st, pulls: pullPtr)
                                if debias > 0 && sum > 0 {
                                    var g = SeededGenerator.stream(seed: seed, UInt64(r))
                                    x2 = debiasedChi2(counts: c, integral: sum, bins: bins, state: st,
                                                      referenceIntegral: refIntegral, resamples: debias,
                                                      generator: &g, pulls: pullPtr)
                                }
                                let s = DinamoMonitor.score(chi2: x2, bins: bins)
                                chi2[k] = x2
                                score[k] = s
                                integral[k] = sum
                                empty[k] = sum == 0
                                flagged[k] = s > threshold
                                if let until = learnedUntil {
                                    warmUp[k] = r <= until
                                } else {
                                    warmUp[k] = priorShare > ReferenceStart.priorShare
                                }
                                let good: Bool
                                if let l = labels?[r] { good = l == 0 } else { good = s <= threshold }
                                if good && sum > 0 {
                                    updateKernel(counts: c, integral: sum, bins: bins, alpha: alpha, state: st)
                                    refIntegral = alpha * refIntegral + (1 - alpha) * sum
                                    updated[k] = true
                                    priorShare *= alpha
                                }
                            }
                        }
                    }
                }
            }
        }
        monitor.referenceIntegral = refIntegral
        return MonitorTrace(runs: n, bins: bins, chi2: chi2, score: score, flagged: flagged, empty: empty,
                            updated: updated, warmUp: warmUp, integral: integral, pulls: pulls, referenceMu: refMu,
                            referenceSigma: refSigma, finalMu: monitor.mu, finalSigma: monitor.sigmaMu,
                            threshold: threshold, alpha: alpha)
    }
}
