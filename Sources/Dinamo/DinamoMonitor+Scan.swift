import Core

extension DinamoMonitor {
    /// The scores ln(χ²/ν) of the monitor with weight `alpha` over the runs of `normalised`, and nothing else:
    /// the inner loop of the α scan. No pulls, no reference copies, no debiasing; one state buffer of 5 × bins.
    /// Who updates is decided as in `run` (the label when known, else score ≤ `threshold`), and the result is
    /// bit-identical to `run(…, recordDetail: false).score` over the same runs.
    static func scanScores(_ normalised: NormalisedRuns, alpha: Double, initCounts: Double, threshold: Double,
                           labels: [Int?]?) throws -> [Double] {
        var monitor = try DinamoMonitor(bins: normalised.bins, alpha: alpha, initCounts: initCounts)
        let bins = normalised.bins
        var scores = [Double](repeating: 0, count: normalised.runs.count)
        normalised.x.withUnsafeBufferPointer { xBuf in
            normalised.variance.withUnsafeBufferPointer { vBuf in
                normalised.weight.withUnsafeBufferPointer { wBuf in
                    monitor.state.withUnsafeMutableBufferPointer { stBuf in
                        let st = stBuf.baseAddress!
                        for (k, r) in normalised.runs.enumerated() {
                            let x = xBuf.baseAddress! + k * bins, v = vBuf.baseAddress! + k * bins
                            let chi2 = normalisedScoreKernel(x: x, variance: v, bins: bins, state: st)
                            let s = DinamoMonitor.score(chi2: chi2, bins: bins)
                            scores[k] = s
                            let good: Bool
                            if let l = labels?[r] { good = l == 0 } else { good = s <= threshold }
                            if good && normalised.integral[k] > 0 {
                                normalisedUpdateKernel(x: x, variance: v, weight: wBuf.baseAddress! + k * bins,
                                                       bins: bins, alpha: alpha, state: st)
                            }
                        }
                    }
                }
            }
        }
        return scores
    }

    /// χ² = Σ_b (x − μ)²/max(σ_x² + σ_μ², floor) from precomputed x and σ_x², with the lanes and operation order
    /// of `scoreKernel`, hence the same bits.
    @inlinable
    static func normalisedScoreKernel(x: UnsafePointer<Double>, variance vxp: UnsafePointer<Double>, bins: Int,
                                      state st: UnsafePointer<Double>) -> Double {
        let vmu = st + bins
        let vFloor = V4(repeating: minimumVariance)
        var acc = V4(repeating: 0)
        var b = 0
        while b + 4 <= bins {
            let d = load(x + b) - load(st + b)
            acc += d * d / vmax(load(vxp + b) + load(vmu + b), vFloor)
            b += 4
        }
        var chi2 = acc.sum()
        while b < bins {
            let d = x[b] - st[b]
            chi2 += d * d / max(vxp[b] + vmu[b], minimumVariance)
            b += 1
        }
        return chi2
    }

    /// The EWMA update of `updateKernel` from precomputed x, σ_x² and ω = 1/(σ_x² + ε); same operations, same bits.
    @inlinable
    static func normalisedUpdateKernel(x xp: UnsafePointer<Double>, variance _: UnsafePointer<Double>,
                                       weight wp: UnsafePointer<Double>, bins: Int, alpha: Double,
                                       state st: UnsafeMutablePointer<Double>) {
        let beta = 1 - alpha
        let vAlpha = V4(repeating: alpha), vBeta = V4(repeating: beta)
        var b = 0
        while b + 4 <= bins {
            ewmaStep(x: load(xp + b), omega: load(wp + b), at: b, alpha: vAlpha, beta: vBeta, state: st, bins: bins)
            b += 4
        }
        while b < bins {
            ewmaStep(x: xp[b], omega: wp[b], at: b, alpha: alpha, beta: beta, state: st, bins: bins)
            b += 1
        }
    }
}
