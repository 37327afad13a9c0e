import Numerics

extension DinamoMonitor {
    /// Effective number of events of the reference: N_ref = Σ_b μ_b(1 − μ_b) / Σ_b σ_μ,b²,
    /// the N for which a multinomial histogram of shape μ would have the reference's total variance.
    /// `infinity` when σ_μ vanishes everywhere.
    @inlinable
    static func referenceEffectiveEvents(state st: UnsafePointer<Double>, bins: Int) -> Double {
        var num = 0.0, den = 0.0
        for b in 0..<bins {
            let m = st[b]
            num += max(m * (1 - m), 0)
            den += st[bins + b] * st[bins + b]
        }
        return den > 0 ? num / den : .infinity
    }

    /// The statistical debiasing (`--debias N`): χ² averaged over N Monte Carlo resamples in which the side
    /// with *more* effective events is brought down to the other side's event count.
    ///
    /// Why: χ² between a shape and a reference grows with the statistics of the better-measured side
    /// (tiny real differences become significant with many events), so runs of different sizes are not
    /// comparable. Smearing both sides to the same statistics removes that bias.
    ///
    /// What is implemented. Let I be the run's integral and N_ref the reference's effective events
    /// (`referenceEffectiveEvents`), n = max(1, round(min(I, N_ref))).
    /// - I > N_ref (run better measured): each resample draws c′ ~ Multinomial(n, x); x′ = c′/n,
    ///   σ_x′² = x′(1 − x′)/n (1/n² for empty bins); the reference is unchanged.
    /// - otherwise (reference better measured): each resample draws k ~ Multinomial(n, μ/Σμ);
    ///   μ′ = k/n · Σμ and σ_ref² = σ_μ² + μ′(1 − μ′)/n (the resample's own fluctuation added to the band);
    ///   the run is unchanged.
    /// χ²_debiased = (1/N) Σ_resamples Σ_b (x − μ)²/(σ_x² + σ_ref²) with the resampled side substituted.
    /// Multinomials are exact (sequential binomials, `SeededGenerator.multinomial`); pulls are not debiased.
    static func debiasedChi2(counts c: UnsafePointer<Double>, integral: Double, bins: Int,
                             state st: UnsafePointer<Double>, resamples: Int,
                             generator g: inout SeededGenerator) -> Double {
        let nRef = referenceEffectiveEvents(state: st, bins: bins)
        let runIsRicher = integral > nRef
        let nDraw = max(1, Int(min(integral, nRef).rounded()))
        let n = Double(nDraw)
        let sg = st + bins
        var probabilities = [Double](repeating: 0, count: bins)
        var muSum = 0.0
        for b in 0..<bins { muSum += max(st[b], 0) }
        for b in 0..<bins { probabilities[b] = runIsRicher ? c[b] / integral : max(st[b], 0) / max(muSum, .leastNormalMagnitude) }
        var total = 0.0
        for _ in 0..<resamples {
            let k = g.multinomial(nDraw, probabilities: probabilities)
            var chi2 = 0.0
            for b in 0..<bins {
                let kb = Double(k[b])
                if runIsRicher {
                    let x = kb / n
                    let vx = kb == 0 ? 1 / (n * n) : max((x - x * x) / n, 0)
                    let v = max(vx + sg[b] * sg[b], minimumVariance)
                    let d = x - st[b]
                    chi2 += d * d / v
                } else {
                    let (x, vx) = normalisedBin(c[b], integral)
                    let m = kb / n * muSum
                    let vm = sg[b] * sg[b] + max(m * (1 - m), 0) / n
                    let v = max(vx + vm, minimumVariance)
                    let d = x - m
                    chi2 += d * d / v
                }
            }
            total += chi2
        }
        return total / Double(resamples)
    }
}
