/// Truth-based measures of how well the reference follows the good-run shape, for generated data
/// (in the spirit of the DINAMO paper's adaptivity study).
///
/// Distance of the reference to the truth at run t (the reference *before* run t, i.e. built from runs < t):
///   d(t) = (1/B) Σ_b (μ_b(t) − g_b(t))² / (σ_μ,b(t)² + s_b(t)² + ε),
/// with g the expected good-run shape and s the true good-run spread (`ToyTruth.goodShape`, `goodSpread`),
/// ε = 1e-12: a reduced χ² of the reference against the truth, ≈ O(1) or less when the reference band
/// covers the true shape.
///
/// - **Steps to adapt** after a change point c: the smallest k ≥ 0 with d(c + k) ≤ `tolerance` (default 1),
///   searched up to the next change point (or the end of data): L_c = next − c runs available.
///   nil when the reference never comes back within L_c runs (censored).
/// - **Adaptivity index** = mean over change points of (1 − k_c / L_c), counting a censored change point as 0;
///   in [0, 1], 1 = the reference is compatible with the new shape immediately, 0 = never within the window.
///   nil without change points.
/// - **Jaccard distance** between the reference band [μ − σ_μ, μ + σ_μ] and the true good-run band
///   [g − s, g + s], per run: J(t) = 1 − Σ_b |A_b ∩ T_b| / Σ_b |A_b ∪ T_b| (interval lengths summed over
///   bins; 0 when both bands are degenerate); the summary is the mean over runs.
public struct AdaptivityReport: Sendable, Equatable {
    public var changePoints: [Int]
    public var stepsToAdapt: [Int?]
    public var adaptivityIndex: Double?
    /// d(t) per run.
    public var referenceDistance: [Double]
    public var jaccardPerRun: [Double]
    public var meanJaccardDistance: Double?
    public var tolerance: Double

    public static func evaluate(trace: MonitorTrace, truth: ToyTruth, tolerance: Double = 1) -> AdaptivityReport {
        let R = trace.runs, B = trace.bins
        precondition(trace.referenceMu.count == R * B, "the trace must record the reference (recordDetail)")
        precondition(truth.goodShape.count == R * B, "truth and trace differ in shape")
        var dist = [Double](repeating: 0, count: R)
        var jac = dist
        for t in 0..<R {
            var d = 0.0, inter = 0.0, union = 0.0
            for b in 0..<B {
                let i = t * B + b
                let m = trace.referenceMu[i], sm = trace.referenceSigma[i]
                let gb = truth.goodShape[i], sb = truth.goodSpread[i]
                d += (m - gb) * (m - gb) / (sm * sm + sb * sb + 1e-12)
                let (a0, a1, t0, t1) = (m - sm, m + sm, gb - sb, gb + sb)
                inter += max(0, min(a1, t1) - max(a0, t0))
                union += (a1 - a0) + (t1 - t0) - max(0, min(a1, t1) - max(a0, t0))
            }
            dist[t] = d / Double(B)
            jac[t] = union > 0 ? 1 - inter / union : 0
        }
        let cps = truth.changePoints.filter { $0 < R }
        var steps: [Int?] = []
        var scores: [Double] = []
        for (i, c) in cps.enumerated() {
            let end = i + 1 < cps.count ? cps[i + 1] : R
            let window = end - c
            var k: Int? = nil
            for j in 0..<window where dist[c + j] <= tolerance { k = j; break }
            steps.append(k)
            scores.append(k.map { 1 - Double($0) / Double(window) } ?? 0)
        }
        let index = scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
        let meanJ = R > 0 ? jac.reduce(0, +) / Double(R) : nil
        return AdaptivityReport(changePoints: cps, stepsToAdapt: steps, adaptivityIndex: index, referenceDistance: dist,
                                jaccardPerRun: jac, meanJaccardDistance: meanJ, tolerance: tolerance)
    }
}
