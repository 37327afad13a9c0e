extension SeededGenerator {
    /// An exact Binomial(n, p) deviate.
    ///
    /// - p > ½ is reduced to n − Binomial(n, 1 − p).
    /// - n·p < 10: sequential inversion of the CDF from 0 (pmf recurrence
    ///   f(k+1) = f(k)·(n − k)/(k + 1)·p/q), exact, expected cost O(n·p).
    /// - n·p ≥ 10: BTRS, Hörmann's transformed rejection with squeeze
    ///   (W. Hörmann, "The generation of binomial random variates", J. Stat. Comput. Simul. 46 (1993) 101–110),
    ///   exact: every candidate is accepted against the log-pmf ratio, computed with Stirling-series
    ///   corrections; expected cost O(1) (about 1.2 pairs of uniforms per deviate).
    ///
    /// No normal approximation is used anywhere.
    public mutating func binomial(_ n: Int, _ p: Double) -> Int {
        precondition(n >= 0, "binomial needs n ≥ 0")
        precondition(p >= 0 && p <= 1, "binomial needs 0 ≤ p ≤ 1")
        if n == 0 || p == 0 { return 0 }
        if p == 1 { return n }
        if p > 0.5 { return n - binomial(n, 1 - p) }
        if Double(n) * p < 10 { return binomialInversion(n, p) }
        return binomialBTRS(n, p)
    }

    private mutating func binomialInversion(_ n: Int, _ p: Double) -> Int {
        let q = 1 - p
        let s = p / q
        let a = Double(n + 1) * s
        let r0 = _exp(Double(n) * _log1p(-p))   // q^n ≥ e^(-14) here, no underflow
        while true {
            var r = r0
            var u = uniform()
            var x = 0
            while u > r {
                u -= r
                x += 1
                if x > n { break }               // rounding left u beyond the total mass: redraw
                r *= a / Double(x) - s
            }
            if x <= n { return x }
        }
    }

    /// log(k!) − [(k + ½) log(k + 1) − (k + 1) + ½ log 2π], the Stirling remainder for k!, tabulated for k ≤ 9.
    static func stirlingTail(_ k: Double) -> Double {
        if k <= 9 { return stirlingTable[Int(k)] }
        let kp1sq = (k + 1) * (k + 1)
        return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1)
    }

    private static let stirlingTable: [Double] = [
        0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509,
        0.0166446911898211, 0.0138761288230707, 0.0118967099458917, 0.0104112652619720,
        0.00925546218271273, 0.00833056343336287,
    ]

    private mutating func binomialBTRS(_ n: Int, _ p: Double) -> Int {
        let count = Double(n)
        let spq = (count * p * (1 - p)).squareRoot()
        let b = 1.15 + 2.53 * spq
        let a = -0.0873 + 0.0248 * b + 0.01 * p
        let c = count * p + 0.5
        let vr = 0.92 - 4.2 / b
        let r = p / (1 - p)
        let alpha = (2.83 + 5.1 / b) * spq
        let m = ((count + 1) * p).rounded(.down)
        let hm = SeededGenerator.stirlingTail(m) + SeededGenerator.stirlingTail(count - m)
        while true {
            let u = uniform() - 0.5
            var v = uniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + c).rounded(.down)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || k > count { continue }
            v = _log(v * alpha / (a / (us * us) + b))
            // log[f(k)/f(m)] for the Binomial pmf, with log k! written through Stirling's series.
            let bound = (m + 0.5) * _log((m + 1) / (r * (count - m + 1)))
                + (count + 1) * _log((count - m + 1) / (count - k + 1))
                + (k + 0.5) * _log(r * (count - k + 1) / (k + 1))
                + hm - SeededGenerator.stirlingTail(k) - SeededGenerator.stirlingTail(count - k)
            if v <= bound { return Int(k) }
        }
    }

    /// A multinomial draw of `n` events over the probabilities `p` (need not sum exactly to one;
    /// they are renormalised), by sequential conditional binomials:
    /// k_b ~ Binomial(n − Σ_{j<b} k_j, p_b / Σ_{j≥b} p_j). Exact.
    public mutating func multinomial(_ n: Int, probabilities p: [Double]) -> [Int] {
        var out = [Int](repeating: 0, count: p.count)
        var remainingMass = p.reduce(0, +)
        var remaining = n
        for b in p.indices {
            if remaining == 0 || remainingMass <= 0 { break }
            if b == p.count - 1 { out[b] = remaining; break }
            let q = min(max(p[b] / remainingMass, 0), 1)
            let k = binomial(remaining, q)
            out[b] = k
            remaining -= k
            remainingMass -= p[b]
        }
        return out
    }
}
