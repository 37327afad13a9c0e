import Core

extension DinamoMonitor {
    /// The published statistical debiasing (`--debias N`, docs/methods/dinamo.md; `DinamoS._calculate_χ2` of the
    /// DINAMO repository with `stat_debiasing=True`): χ² and pulls averaged over N Gaussian resamples of the side
    /// with *more* events, so that runs of very different statistics become comparable.
    ///
    /// The reference keeps an integral I_μ (K·B initially, then I_μ ← α I_μ + (1−α) I with each good run).
    /// Per bin, with σ_x the run's statistical uncertainty and σ_μ the reference band:
    /// - **I_μ ≥ I** (the run has fewer events): the reference is smeared,
    ///   μ_r ~ N(μ, σ_μ² + σ_x²), and with D = 2σ_x² + σ_μ²
    ///   χ² = (1/N) Σ_r Σ_b (x − μ_r)²/D,  pull_b = (1/N) Σ_r (x − μ_r)/√D.
    ///   In expectation χ² = Σ_b [(x − μ)² + σ_μ² + σ_x²]/D and pull_b = (x − μ)/√D.
    /// - **I_μ < I** (the reference has fewer events): the run is smeared with the reference's own Poisson
    ///   uncertainty σ_pμ² = μ/I_μ − μ²/I_μ (σ_pμ = 1/I_μ where μ = 0, as published),
    ///   x_r ~ N(x, σ_μ² + σ_pμ²), and with D = σ_x² + σ_μ² + σ_pμ²
    ///   χ² = (1/N) Σ_r Σ_b (x_r − μ)²/D,  pull_b = (1/N) Σ_r (x_r − μ)/√D.
    ///   In expectation χ² = Σ_b [(x − μ)² + σ_μ² + σ_pμ²]/D.
    ///
    /// The normal deviates come from `generator`, bin-major then resample, as the published `(bins, N)` array.
    /// Returns χ²; writes the debiased pulls when `pulls` is given. Empty runs are not debiased (the caller
    /// scores them plainly).
    @inlinable
    static func debiasedChi2(counts c: UnsafePointer<Double>, integral: Double, bins: Int,
                             state st: UnsafePointer<Double>, referenceIntegral: Double, resamples: Int,
                             generator g: inout SeededGenerator, pulls: UnsafeMutablePointer<Double>?) -> Double {
        let varMu = st + bins
        let n = Double(resamples)
        let smearReference = referenceIntegral >= integral
        let invIRef = 1 / referenceIntegral
        var chi2 = 0.0
        for b in 0..<bins {
            let (x, vx) = normalisedBin(c[b], integral)
            let mu = st[b], vmu = varMu[b]
            var sum = 0.0, sumSq = 0.0
            if smearReference {
                let spread = (vmu + vx).squareRoot()
                let inv = 1 / max(2 * vx + vmu, minimumVariance).squareRoot()
                for _ in 0..<resamples {
                    let d = (x - (mu + spread * g.normal())) * inv
                    sum += d
                    sumSq += d * d
                }
            } else {
                let vp = mu == 0 ? invIRef * invIRef : max(mu * invIRef - mu * mu * invIRef, 0)
                let spread = (vmu + vp).squareRoot()
                let inv = 1 / max(vx + vmu + vp, minimumVariance).squareRoot()
                for _ in 0..<resamples {
                    let d = ((x + spread * g.normal()) - mu) * inv
                    sum += d
                    sumSq += d * d
                }
            }
            chi2 += sumSq / n
            pulls?[b] = sum / n
        }
        return chi2
    }
}
