import Core

/// A two-state transition matrix: state 0 = normal, state 1 = anomalous.
public struct Transitions: Sendable, Equatable, Codable {
    /// P(z_{t+1} = anomalous | z_t = normal).
    public var normalToAnomalous: Double
    /// P(z_{t+1} = normal | z_t = anomalous).
    public var anomalousToNormal: Double
    public var normalToNormal: Double { 1 - normalToAnomalous }
    public var anomalousToAnomalous: Double { 1 - anomalousToNormal }
    public init(normalToAnomalous: Double, anomalousToNormal: Double) {
        self.normalToAnomalous = normalToAnomalous
        self.anomalousToNormal = anomalousToNormal
    }
}

enum HiddenMarkov {
    /// Posterior P(z_t = anomalous | x_{0..n−1}) of a two-state HMM by scaled forward–backward over the whole
    /// series, t = 0 included (the notebook's backward loop stops at t = 1).
    ///
    /// Emissions are given as log densities; at each t both are divided by the larger of the two
    /// (e_k = exp(log p_k − max)), so ratios as extreme as e^±1000 stay finite. The initial state
    /// distribution is (1 − π, π). Messages are renormalised to sum 1 at every step.
    static func posterior(logNormal: [Double], logAnomalous: [Double], transitions a: Transitions,
                          prior pi: Double) -> [Double] {
        let n = logNormal.count
        guard n > 0 else { return [] }
        precondition(logAnomalous.count == n)
        var e0 = [Double](repeating: 0, count: n), e1 = e0
        for t in 0..<n {
            var l0 = logNormal[t], l1 = logAnomalous[t]
            if l0.isNaN { l0 = -.infinity }
            if l1.isNaN { l1 = -.infinity }
            let mx = max(l0, l1)
            if mx == -.infinity { e0[t] = 1; e1[t] = 1; continue }
            e0[t] = _exp(l0 - mx); e1[t] = _exp(l1 - mx)
        }
        let tiny = 1e-300
        let p01 = min(max(a.normalToAnomalous, tiny), 1 - 1e-16), p00 = 1 - p01
        let p10 = min(max(a.anomalousToNormal, tiny), 1 - 1e-16), p11 = 1 - p10
        var f0 = [Double](repeating: 0, count: n), f1 = f0
        var u0 = (1 - pi) * e0[0], u1 = pi * e1[0]
        var s = u0 + u1
        if !(s > 0) { u0 = 1 - pi; u1 = pi; s = 1 }
        f0[0] = u0 / s; f1[0] = u1 / s
        for t in 1..<max(n, 1) {
            u0 = e0[t] * (f0[t - 1] * p00 + f1[t - 1] * p10)
            u1 = e1[t] * (f0[t - 1] * p01 + f1[t - 1] * p11)
            s = u0 + u1
            if !(s > 0) { u0 = f0[t - 1] * p00 + f1[t - 1] * p10; u1 = 1 - u0; s = 1 }
            f0[t] = u0 / s; f1[t] = u1 / s
        }
        var post = [Double](repeating: 0, count: n)
        var b0 = 1.0, b1 = 1.0
        for t in stride(from: n - 1, through: 0, by: -1) {
            if t < n - 1 {
                let c0 = e0[t + 1] * b0, c1 = e1[t + 1] * b1
                var nb0 = p00 * c0 + p01 * c1
                var nb1 = p10 * c0 + p11 * c1
                let sb = nb0 + nb1
                if sb > 0 { nb0 /= sb; nb1 /= sb } else { nb0 = 0.5; nb1 = 0.5 }
                b0 = nb0; b1 = nb1
            }
            let g0 = f0[t] * b0, g1 = f1[t] * b1
            let g = g0 + g1
            post[t] = g > 0 ? g1 / g : f1[t]
        }
        return post
    }

    /// Counts transitions in sampled indicator sequences and blends the estimate with the previous matrix:
    /// new = (1 − memory)·counted + memory·previous. A row with no observed departures keeps its previous value.
    static func mStep(counts: (n2n: Int, n2a: Int, a2n: Int, a2a: Int), previous: Transitions,
                      memory: Double) -> Transitions {
        var next = previous
        let fromN = counts.n2n + counts.n2a
        if fromN > 0 {
            next.normalToAnomalous = (1 - memory) * Double(counts.n2a) / Double(fromN) + memory * previous.normalToAnomalous
        }
        let fromA = counts.a2n + counts.a2a
        if fromA > 0 {
            next.anomalousToNormal = (1 - memory) * Double(counts.a2n) / Double(fromA) + memory * previous.anomalousToNormal
        }
        return next
    }
}
