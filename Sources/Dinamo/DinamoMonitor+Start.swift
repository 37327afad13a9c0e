import Core

/// How the reference starts (docs/methods/dinamo.md, "The start and warm-up").
///
/// The published monitor starts from a uniform reference with a pseudo-count K per bin. With shifter labels
/// that is sound: labelled good runs update the reference whatever they score, and it soon forgets the uniform
/// start. A run the monitor must judge itself, however, is good only if it scores under T — and a real
/// histogram scores far above any T against a uniform shape, so a self-judged monitor that starts uniform never
/// updates and flags every run for ever. `learned` starts instead from the runs themselves: per bin, the median
/// of the first runs' normalised contents, and their robust spread, so a bad run among them cannot poison the
/// start (it is one value of the median).
public enum ReferenceStart: Sendable, Equatable {
    /// The published uniform start (pseudo-count `initCounts` per bin).
    case uniform
    /// A start learned from the first `runs` non-empty runs of the range.
    case learned(runs: Int)

    /// The default number of runs a learned start looks at.
    public static let learningRuns = 10

    /// While the prior's share of a uniform start's weight is above this, runs are warm-up.
    public static let priorShare = 0.05

    /// The start for a sequence: the published uniform one when labels say who is good for every one of the
    /// first `learningRuns` runs of `range` (the labelled runs teach the reference), else a learned one.
    public static func choose(labels: [Int?]?, range: Range<Int>, learningRuns: Int = ReferenceStart.learningRuns) -> ReferenceStart {
        let first = range.prefix(learningRuns)
        if let labels, first.allSatisfy({ labels[$0] != nil }) { return .uniform }
        return .learned(runs: learningRuns)
    }
}

extension DinamoMonitor {
    /// A reference learned from `counts` runs (row-major, `bins` wide; empty runs are skipped): per bin
    ///
    ///     μ₀ = median over runs of x,   σ_μ0² = max((1.4826 · MAD of x)², median of σ_x²),
    ///
    /// the spread floored at the runs' own statistical variance (a handful of runs can agree by chance). The
    /// accumulators stand for a history of these runs: W = (1 − αᴷ)·ω̄, S_μ = W μ₀, S_σ = W σ_μ0², with ω̄ the
    /// median over the runs of ω = 1/(σ_x² + ε) and K the number of runs, so the start weighs as K good runs
    /// would under the EWMA. Returns nil when every run is empty.
    public static func learned(from counts: [[Double]], bins: Int, alpha: Double, initCounts: Double) throws -> DinamoMonitor? {
        var monitor = try DinamoMonitor(bins: bins, alpha: alpha, initCounts: initCounts)
        let runs = counts.filter { $0.reduce(0, +) > 0 }
        guard !runs.isEmpty else { return nil }
        let k = Double(runs.count)
        let weight = 1 - _pow(alpha, k)
        var xs = [Double](repeating: 0, count: runs.count)
        var vs = xs, omegas = xs
        let integrals = runs.map { $0.reduce(0, +) }
        for b in 0..<bins {
            for (j, run) in runs.enumerated() {
                let (x, v) = normalisedBin(run[b], integrals[j])
                xs[j] = x
                vs[j] = v
                omegas[j] = 1 / (v + epsilon)
            }
            let mu = Statistics.median(xs) ?? 0
            let mad = Statistics.median(xs.map { abs($0 - mu) }) ?? 0
            let spread = 1.4826 * mad
            let variance = max(spread * spread, Statistics.median(vs) ?? 0)
            let w = weight * (Statistics.median(omegas) ?? 0)
            monitor.state[b] = mu
            monitor.state[bins + b] = variance
            monitor.state[2 * bins + b] = w
            monitor.state[3 * bins + b] = w * mu
            monitor.state[4 * bins + b] = w * variance
        }
        monitor.referenceIntegral = integrals.reduce(0, +) / k
        return monitor
    }
}
