#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Numerics

/// Parameters of the published DINAMO toy dataset (SPEC §3.1); the defaults are the published ones.
public struct ToyParameters: Sendable, Equatable {
    public var runs = 5000
    public var bins = 100
    public var lower = -5.0
    public var upper = 5.0
    /// Probability that a run is bad.
    public var badFraction = 0.1
    /// Slow drift of the mean: amplitude · sin(π t / period).
    public var driftAmplitude = 0.5
    public var driftPeriod = 500.0
    public var sigma = 1.0
    /// Probability per run of a persistent rapid change (a change point).
    public var stepProbability = 0.005
    public var stepMu: ClosedRange<Double> = 0.5...1.5
    public var stepSigma: ClosedRange<Double> = 0.1...0.4
    /// The good-run mean offset is kept within ±muLimit and σ ≥ sigmaFloor by reflecting the sign of a step.
    public var muLimit = 2.5
    public var sigmaFloor = 0.3
    public var badMuShift: ClosedRange<Double> = 0.25...0.75
    public var badSigmaShift: ClosedRange<Double> = 0.05...0.2
    /// Probability of each (independent) bad-run shift, of μ and of σ.
    public var badShiftProbability = 0.9
    /// Number of dead (zeroed) bins of a bad run; clamped to at most bins − 1.
    public var deadBins: ClosedRange<Int> = 1...19
    /// Events per run, uniform in [lower, upper).
    public var events: Range<Int> = 2000..<20000
    /// p of the coherent Binomial systematic on the right half of the bins (0 = off).
    public var systematicProbability = 0.4
    public var seed: UInt64 = 0

    public init() {}
    /// A shorter configuration, e.g. `ToyParameters(runs: 300, bins: 20)` for tests.
    public init(runs: Int, bins: Int, seed: UInt64 = 0) {
        self.runs = runs
        self.bins = bins
        self.seed = seed
    }
}

/// What the generator knows and the monitor does not.
public struct ToyTruth: Sendable, Equatable {
    /// Good-run Gaussian mean and width per run (drift + steps), before any bad-run shift.
    public var goodMu: [Double]
    public var goodSigma: [Double]
    /// The mean and width actually used for each run (shifted for bad runs).
    public var runMu: [Double]
    public var runSigma: [Double]
    /// Runs at which a rapid step takes effect (ascending).
    public var changePoints: [Int]
    /// Dead bins per run (empty for good runs).
    public var deadBins: [[Int]]
    /// 0 good, 1 bad.
    public var labels: [Int]
    /// Events drawn before the systematic.
    public var events: [Int]
    /// Sign (±1) of the systematic per run.
    public var systematicSign: [Int]
    /// Expected normalised good-run shape per run and bin, flat [runs × bins]: the average over the
    /// systematic's sign of the normalised Gaussian bin probabilities with the systematic applied in expectation.
    public var goodShape: [Double]
    /// True good-run spread per run and bin, flat [runs × bins]: the standard deviation of a good run's
    /// normalised content, √(Var_sign[shape] + E_sign[shape(1 − shape)]/N̄), N̄ the mean event count
    /// (systematic spread plus multinomial noise, both exact to first order).
    public var goodSpread: [Double]
}

public struct ToyDataset: Sendable, Equatable {
    public var histograms: HistogramSet
    public var truth: ToyTruth
    public var parameters: ToyParameters
}

/// The published toy generator (SPEC §3.1), seeded and exact.
///
/// Per run t = 0, 1, …:
/// 1. With probability `stepProbability` (t > 0) a persistent step: offset_μ += ±U(stepMu), σ += ±U(stepSigma);
///    a step's sign is reflected when it would leave |offset_μ| ≤ muLimit or σ ≥ sigmaFloor (otherwise the
///    random walk of 25 steps drifts out of the histogram's range).
/// 2. Good shape: N(μ(t), σ(t)), μ(t) = driftAmplitude·sin(πt/driftPeriod) + offset_μ.
/// 3. Bad with probability `badFraction`: μ ± U(badMuShift) with probability 0.9, independently
///    σ ± U(badSigmaShift) with probability 0.9, and k ∈ U{deadBins} distinct dead bins.
/// 4. N ~ U[events); counts ~ Multinomial(N, p), p_b = Φ((e_{b+1}−μ)/σ) − Φ((e_b−μ)/σ) renormalised over the
///    histogram's range, drawn exactly by sequential binomials.
/// 5. The systematic: one sign s = ±1 per run (coherent over the bins), and for every bin b ≥ B/2
///    (the right half) c_b ← c_b + s·Binomial(c_b, p), p = `systematicProbability` = 0.4 — a coherent gain
///    or loss of events on one side of the detector, of relative size Binomial(c, 0.4)/c ≈ 40 %,
///    which never makes a count negative.
/// 6. Dead bins of bad runs are zeroed.
public enum ToyGenerator {
    public static func generate(_ p: ToyParameters = ToyParameters()) throws -> ToyDataset {
        guard p.runs > 0, p.bins > 0, p.upper > p.lower else { throw DinamoError.invalidToyParameters("need runs > 0, bins > 0, upper > lower") }
        guard !p.events.isEmpty, p.events.lowerBound >= 0 else { throw DinamoError.invalidToyParameters("events must be a non-empty range of non-negative counts") }
        guard p.sigma > 0, p.sigmaFloor > 0 else { throw DinamoError.invalidToyParameters("widths must be positive") }
        guard (0...1).contains(p.systematicProbability), (0...1).contains(p.badFraction) else {
            throw DinamoError.invalidToyParameters("probabilities must lie in [0, 1]")
        }
        var g = SeededGenerator(seed: p.seed)
        let B = p.bins, R = p.runs
        let edges = (0...B).map { p.lower + (p.upper - p.lower) * Double($0) / Double(B) }
        var counts = [Double](repeating: 0, count: R * B)
        var goodMu = [Double](), goodSigma = [Double](), runMu = [Double](), runSigma = [Double]()
        var changePoints = [Int](), dead = [[Int]](), labels = [Int](), events = [Int](), signs = [Int]()
        var goodShape = [Double](repeating: 0, count: R * B)
        var goodSpread = goodShape
        var offsetMu = 0.0, sigma = p.sigma
        let meanEvents = Double(p.events.lowerBound + p.events.upperBound - 1) / 2
        let half = B / 2
        let maxDead = max(0, min(p.deadBins.upperBound, B - 1))
        let minDead = min(max(0, p.deadBins.lowerBound), maxDead)
        for t in 0..<R {
            if t > 0 && g.bernoulli(p.stepProbability) {
                var dm = g.sign() * g.uniform(p.stepMu.lowerBound, p.stepMu.upperBound)
                if abs(offsetMu + dm) > p.muLimit { dm = -dm }
                var ds = g.sign() * g.uniform(p.stepSigma.lowerBound, p.stepSigma.upperBound)
                if sigma + ds < p.sigmaFloor { ds = -ds }
                offsetMu += dm
                sigma += ds
                changePoints.append(t)
            }
            let muGood = p.driftAmplitude * sin(Double.pi * Double(t) / p.driftPeriod) + offsetMu
            goodMu.append(muGood)
            goodSigma.append(sigma)
            var mu = muGood, sd = sigma
            var deadHere: [Int] = []
            let bad = g.bernoulli(p.badFraction)
            if bad {
                if g.bernoulli(p.badShiftProbability) { mu += g.sign() * g.uniform(p.badMuShift.lowerBound, p.badMuShift.upperBound) }
                if g.bernoulli(p.badShiftProbability) { sd += g.sign() * g.uniform(p.badSigmaShift.lowerBound, p.badSigmaShift.upperBound) }
                sd = max(sd, 0.05)
                if maxDead > 0 { deadHere = g.sample(g.int(in: minDead...maxDead), from: B).sorted() }
            }
            labels.append(bad ? 1 : 0)
            runMu.append(mu)
            runSigma.append(sd)
            dead.append(deadHere)
            let n = p.events.lowerBound + g.int(below: p.events.count)
            events.append(n)
            let probs = binProbabilities(edges: edges, mu: mu, sigma: sd)
            let k = g.multinomial(n, probabilities: probs)
            let s = g.sign()
            signs.append(s > 0 ? 1 : -1)
            for b in 0..<B {
                var c = k[b]
                if b >= half && p.systematicProbability > 0 {
                    let d = g.binomial(c, p.systematicProbability)
                    c += s > 0 ? d : -d
                }
                counts[t * B + b] = Double(c)
            }
            for b in deadHere { counts[t * B + b] = 0 }
            // Truth: expected good shape and spread, averaged over the two signs of the systematic.
            let pg = binProbabilities(edges: edges, mu: muGood, sigma: sigma)
            let right = pg[half...].reduce(0, +)
            let q = p.systematicProbability
            for b in 0..<B {
                var m1 = 0.0, m2 = 0.0, stat = 0.0
                for sgn in [1.0, -1.0] {
                    let gain = b >= half ? 1 + sgn * q : 1
                    let v = pg[b] * gain / (1 + sgn * q * right)
                    m1 += v / 2
                    m2 += v * v / 2
                    stat += v * (1 - v) / meanEvents / 2
                }
                goodShape[t * B + b] = m1
                goodSpread[t * B + b] = (max(m2 - m1 * m1, 0) + max(stat, 0)).squareRoot()
            }
        }
        let hs = try HistogramSet(name: "dinamo-toy", counts: counts, runs: R, bins: B, binEdges: edges,
                                  labels: labels.map { Optional($0) }, runIDs: nil)
        let truth = ToyTruth(goodMu: goodMu, goodSigma: goodSigma, runMu: runMu, runSigma: runSigma,
                             changePoints: changePoints, deadBins: dead, labels: labels, events: events,
                             systematicSign: signs, goodShape: goodShape, goodSpread: goodSpread)
        return ToyDataset(histograms: hs, truth: truth, parameters: p)
    }

    /// Φ((e_{b+1} − μ)/σ) − Φ((e_b − μ)/σ), renormalised to sum to one over the range
    /// (differences of erfc in the upper tail to keep precision).
    public static func binProbabilities(edges: [Double], mu: Double, sigma: Double) -> [Double] {
        let cdf = edges.map { e -> Double in
            let z = (e - mu) / (sigma * 2.0.squareRoot())
            return 0.5 * erfc(-z)
        }
        var p = (0..<(edges.count - 1)).map { max(cdf[$0 + 1] - cdf[$0], 0) }
        let total = p.reduce(0, +)
        if total > 0 { for i in p.indices { p[i] /= total } } else { p = [Double](repeating: 1 / Double(p.count), count: p.count) }
        return p
    }
}
