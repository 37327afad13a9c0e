import Core

/// The DINAMO-S reference (docs/methods/dinamo.md): an exponentially weighted, uncertainty-weighted moving average
/// of the good runs' normalised histograms, with a per-bin uncertainty band.
///
/// State per bin b: the reference μ_b, its uncertainty σ_μ,b and the EWMA accumulators W_b, S_μ,b, S_σ,b.
///
/// Initialisation (pseudo-count K per bin): μ0 = 1/B, N0 = K·B, σ_μ0 = √(μ0/N0 − μ0²/N0),
/// ω0 = 1/(σ_μ0² + ε), W = (1−α)ω0, S_μ = (1−α)ω0 μ0, S_σ = (1−α)ω0 σ_μ0², ε = 1e-9.
///
/// Scoring run i (counts c, integral I = Σc) against the reference *before* it:
/// x = c/I, σ_x = √(x/I − x²/I), except empty bins (c = 0) which get σ_x = 1/I;
/// σ_b² = σ_x,b² + σ_μ,b²; χ² = Σ_b (x_b − μ_b)²/σ_b²; pull_b = (x_b − μ_b)/σ_b; ν = B;
/// score = ln(max(χ²/ν, `minimumReducedChi2`)).
/// An empty run (I = 0) is scored with x = 0, σ_x = 0 and never updates.
///
/// Update with a good run, per bin, in this order (α is the weight of the past):
/// ω = 1/(σ_x² + ε); W ← αW + (1−α)ω; S_σ ← αS_σ + (1−α)ω(x − μ_old)²; σ_μ = √(S_σ/W);
/// S_μ ← αS_μ + (1−α)ωx; μ = S_μ/W. μ is not renormalised: that is the method.
///
/// Arithmetic, for speed (measured: docs/performance.md): the state keeps the variance σ_μ² = S_σ/W, not σ_μ, and χ²
/// is Σ (x − μ)²/σ_b² — no square root anywhere in scoring and updating; σ_μ = √(σ_μ²) and pull = (x − μ)/√σ_b² are
/// taken only where they are shown. χ² equals the published Σ pull² to a few ulps (tests: 1e-14 relative); one
/// division per bin to score and one to update, in SIMD lanes (square roots of `SIMD4` are not vectorised).
public struct DinamoMonitor: Sendable, Equatable {
    /// ε of the weights ω = 1/(σ² + ε).
    public static let epsilon = 1e-9
    /// Floor of χ²/ν before the logarithm: χ² = 0 (a run identical to the reference) would give ln 0 = −∞.
    /// The score is therefore bounded below by ln(1e-12) ≈ −27.6; it never reaches −∞ or NaN.
    public static let minimumReducedChi2 = 1e-12
    /// Floor of the combined variance σ_x² + σ_μ² in the χ² and pulls. It only matters when both vanish
    /// (an empty run against a bin whose σ_μ underflowed); it keeps every number finite.
    public static let minimumVariance = 1e-300

    public let bins: Int
    public let alpha: Double
    public let initCounts: Double
    /// μ, σ_μ², W, S_μ, S_σ, each `bins` long, in one contiguous buffer.
    @usableFromInline var state: [Double]
    /// The reference's integral I_μ of the debiasing: K·B initially, I_μ ← α I_μ + (1−α) I with each good run.
    public internal(set) var referenceIntegral: Double

    public init(bins: Int, alpha: Double, initCounts: Double = 100) throws {
        guard bins > 0 else { throw DinamoError.noBins }
        guard alpha > 0, alpha < 1 else { throw DinamoError.alphaOutOfRange(alpha) }
        guard initCounts > 0, initCounts.isFinite else { throw DinamoError.invalidInitCounts(initCounts) }
        self.bins = bins
        self.alpha = alpha
        self.initCounts = initCounts
        let mu0 = 1 / Double(bins)
        let n0 = initCounts * Double(bins)
        let var0 = max(mu0 / n0 - mu0 * mu0 / n0, 0)
        let omega0 = 1 / (var0 + DinamoMonitor.epsilon)
        var s = [Double](repeating: 0, count: 5 * bins)
        for b in 0..<bins {
            s[b] = mu0
            s[bins + b] = var0
            s[2 * bins + b] = (1 - alpha) * omega0
            s[3 * bins + b] = (1 - alpha) * omega0 * mu0
            s[4 * bins + b] = (1 - alpha) * omega0 * var0
        }
        state = s
        referenceIntegral = n0
    }

    /// The current reference shape μ.
    public var mu: [Double] { Array(state[0..<bins]) }
    /// The current reference uncertainty σ_μ.
    public var sigmaMu: [Double] { state[bins..<(2 * bins)].map { $0.squareRoot() } }
    /// The accumulators (W, S_μ, S_σ), for tests and inspection.
    public var accumulators: (w: [Double], sMu: [Double], sSigma: [Double]) {
        (Array(state[(2 * bins)..<(3 * bins)]), Array(state[(3 * bins)..<(4 * bins)]), Array(state[(4 * bins)..<(5 * bins)]))
    }

    // MARK: normalisation

    /// x = c/I and σ_x = √(x/I − x²/I) of one run, σ_x = 1/I in an empty bin (see the type); for I = 0 both are zero
    /// and `empty` is true.
    public static func normalise(_ counts: [Double]) -> (x: [Double], sigmaX: [Double], integral: Double, empty: Bool) {
        let integral = counts.reduce(0, +)
        guard integral > 0 else {
            return ([Double](repeating: 0, count: counts.count), [Double](repeating: 0, count: counts.count), 0, true)
        }
        var x = [Double](repeating: 0, count: counts.count)
        var s = x
        for b in counts.indices {
            let (xb, vb) = normalisedBin(counts[b], integral)
            x[b] = xb
            s[b] = vb.squareRoot()
        }
        return (x, s, integral, false)
    }

    /// x and σ_x² of one bin of a non-empty run: σ_x² = x/I − x²/I, or 1/I² for an empty bin.
    @inlinable @inline(__always)
    static func normalisedBin(_ c: Double, _ integral: Double) -> (x: Double, variance: Double) {
        let x = c / integral
        if c == 0 { return (0, 1 / (integral * integral)) }
        return (x, max(x / integral - x * x / integral, 0))
    }

    // MARK: scoring and updating one run (array conveniences; the sequence runner uses the buffer kernels)

    /// The score of one run's counts against the current reference.
    public func score(counts: [Double]) -> RunScore {
        precondition(counts.count == bins, "run has \(counts.count) bins, the reference \(bins)")
        var pulls = [Double](repeating: 0, count: bins)
        let (chi2, integral) = counts.withUnsafeBufferPointer { c in
            state.withUnsafeBufferPointer { st in
                pulls.withUnsafeMutableBufferPointer { p in
                    DinamoMonitor.scoreKernel(counts: c.baseAddress!, bins: bins, state: st.baseAddress!, pulls: p.baseAddress)
                }
            }
        }
        return RunScore(chi2: chi2, score: DinamoMonitor.score(chi2: chi2, bins: bins), pulls: pulls, empty: integral == 0)
    }

    /// Updates the reference with a good run. An empty run never updates: returns false and changes nothing.
    @discardableResult
    public mutating func update(counts: [Double]) -> Bool {
        precondition(counts.count == bins, "run has \(counts.count) bins, the reference \(bins)")
        let integral = counts.reduce(0, +)
        guard integral > 0 else { return false }
        let (n, a) = (bins, alpha)
        counts.withUnsafeBufferPointer { c in
            state.withUnsafeMutableBufferPointer { st in
                DinamoMonitor.updateKernel(counts: c.baseAddress!, integral: integral, bins: n, alpha: a, state: st.baseAddress!)
            }
        }
        referenceIntegral = alpha * referenceIntegral + (1 - alpha) * integral
        return true
    }

    /// ln(max(χ²/B, `minimumReducedChi2`)), finite for every finite or infinite χ² ≥ 0.
    @inlinable
    public static func score(chi2: Double, bins: Int) -> Double {
        let r = chi2 / Double(bins)
        guard r.isFinite else { return _log(Double.greatestFiniteMagnitude) }
        return _log(max(r, minimumReducedChi2))
    }

    // MARK: kernels over raw buffers

    /// χ² of one run against the reference in `state`, writing pulls when asked. Returns (χ², I).
    ///
    /// Per bin: σ_b² = max(σ_x² + σ_μ², floor), χ² += (x − μ)²/σ_b² (one division, no square root); with pulls,
    /// also pull = (x − μ)/√σ_b².
    /// Four bins at a time in SIMD lanes, then a scalar tail.
    @inlinable
    static func scoreKernel(counts c: UnsafePointer<Double>, bins: Int, state st: UnsafePointer<Double>,
                            pulls: UnsafeMutablePointer<Double>?) -> (Double, Double) {
        var integral = 0.0
        for b in 0..<bins { integral += c[b] }
        let vmu = st + bins
        let invI = integral > 0 ? 1 / integral : 0
        let emptyVar = invI * invI
        let vInvI = V4(repeating: invI), vEmpty = V4(repeating: emptyVar)
        let vZero = V4(repeating: 0), vFloor = V4(repeating: minimumVariance)
        var acc = vZero
        var b = 0
        // Pulls written in the same pass when asked, from the same d and σ_b² (√ lane by lane: `SIMD4`'s square
        // root is not vectorised), so χ² is the same bits with or without them.
        while b + 4 <= bins {
            let cb = load(c + b)
            let x = cb * vInvI
            let vx = vmax((x - x * x) * vInvI, vZero).replacing(with: vEmpty, where: cb .== vZero)
            let d = x - load(st + b)
            let v = vmax(vx + load(vmu + b), vFloor)
            acc += d * d / v
            if let pulls {
                store(d / V4(v[0].squareRoot(), v[1].squareRoot(), v[2].squareRoot(), v[3].squareRoot()), pulls + b)
            }
            b += 4
        }
        var chi2 = acc.sum()
        while b < bins {
            let cb = c[b]
            let x = cb * invI
            let vx = cb == 0 ? emptyVar : max((x - x * x) * invI, 0)
            let d = x - st[b]
            let v = max(vx + vmu[b], minimumVariance)
            chi2 += d * d / v
            pulls?[b] = d / v.squareRoot()
            b += 1
        }
        return (chi2, integral)
    }

    /// The EWMA update of the reference (docs/methods/dinamo.md) with a non-empty good run (integral > 0).
    @inlinable
    static func updateKernel(counts c: UnsafePointer<Double>, integral: Double, bins: Int, alpha: Double,
                             state st: UnsafeMutablePointer<Double>) {
        let invI = 1 / integral
        let emptyVar = invI * invI
        let beta = 1 - alpha
        let vInvI = V4(repeating: invI), vEmpty = V4(repeating: emptyVar), vZero = V4(repeating: 0)
        let vAlpha = V4(repeating: alpha), vBeta = V4(repeating: beta), vEps = V4(repeating: epsilon), vOne = V4(repeating: 1)
        var b = 0
        while b + 4 <= bins {
            let cb = load(c + b)
            let x = cb * vInvI
            let vx = vmax((x - x * x) * vInvI, vZero).replacing(with: vEmpty, where: cb .== vZero)
            ewmaStep(x: x, omega: vOne / (vx + vEps), at: b, alpha: vAlpha, beta: vBeta, state: st, bins: bins)
            b += 4
        }
        while b < bins {
            let x = c[b] * invI
            let vx = c[b] == 0 ? emptyVar : max((x - x * x) * invI, 0)
            ewmaStep(x: x, omega: 1 / (vx + epsilon), at: b, alpha: alpha, beta: beta, state: st, bins: bins)
            b += 1
        }
    }

    /// One EWMA step for the four bins b…b+3, given x and ω = 1/(σ_x² + ε), in the order the method
    /// prescribes: W ← αW + (1−α)ω; S_σ ← αS_σ + (1−α)ω(x − μ_old)²; σ_μ² = S_σ/W; S_μ ← αS_μ + (1−α)ωx; μ = S_μ/W.
    /// `state` holds μ, σ_μ², W, S_μ, S_σ, each `bins` long. Shared by every update path, so they agree to the bit.
    @inlinable @inline(__always)
    static func ewmaStep(x: V4, omega: V4, at b: Int, alpha: V4, beta: V4,
                         state st: UnsafeMutablePointer<Double>, bins: Int) {
        let mu = st + b, vmu = st + bins + b, w = st + 2 * bins + b, sMu = st + 3 * bins + b, sSig = st + 4 * bins + b
        let wNew = alpha * load(w) + beta * omega
        let d = x - load(mu)
        let sSigNew = alpha * load(sSig) + beta * omega * d * d
        let sMuNew = alpha * load(sMu) + beta * omega * x
        let invW = V4(repeating: 1) / wNew
        store(wNew, w)
        store(sSigNew, sSig)
        store(sMuNew, sMu)
        store(sSigNew * invW, vmu)
        store(sMuNew * invW, mu)
    }

    /// The same step for the single bin b.
    @inlinable @inline(__always)
    static func ewmaStep(x: Double, omega: Double, at b: Int, alpha: Double, beta: Double,
                         state st: UnsafeMutablePointer<Double>, bins: Int) {
        let mu = st + b, vmu = st + bins + b, w = st + 2 * bins + b, sMu = st + 3 * bins + b, sSig = st + 4 * bins + b
        let wNew = alpha * w.pointee + beta * omega
        let d = x - mu.pointee
        let sSigNew = alpha * sSig.pointee + beta * omega * d * d
        let sMuNew = alpha * sMu.pointee + beta * omega * x
        let invW = 1 / wNew
        w.pointee = wNew
        sSig.pointee = sSigNew
        sMu.pointee = sMuNew
        vmu.pointee = sSigNew * invW
        mu.pointee = sMuNew * invW
    }

    @usableFromInline typealias V4 = SIMD4<Double>

    /// Lane-wise maximum (the standard library's generic `pointwiseMax` is not always specialised).
    @inlinable @inline(__always)
    static func vmax(_ a: V4, _ b: V4) -> V4 { a.replacing(with: b, where: a .< b) }

    @inlinable @inline(__always)
    static func load(_ p: UnsafePointer<Double>) -> V4 { UnsafeRawPointer(p).loadUnaligned(as: V4.self) }

    @inlinable @inline(__always)
    static func load(_ p: UnsafeMutablePointer<Double>) -> V4 { UnsafeRawPointer(p).loadUnaligned(as: V4.self) }

    @inlinable @inline(__always)
    static func store(_ v: V4, _ p: UnsafeMutablePointer<Double>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: V4.self) }
}

/// The score of one run against a reference.
public struct RunScore: Sendable, Equatable {
    /// χ² = Σ (x − μ)²/(σ_x² + σ_μ²).
    public var chi2: Double
    /// ln(χ²/ν), ν = B, floored as documented on `DinamoMonitor.minimumReducedChi2`.
    public var score: Double
    /// (x_b − μ_b)/σ_b per bin.
    public var pulls: [Double]
    /// The run had no entries (I = 0).
    public var empty: Bool
}
