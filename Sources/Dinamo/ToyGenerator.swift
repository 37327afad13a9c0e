#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Core

/// Parameters of the published DINAMO toy dataset (docs/methods/dinamo.md, `dinamo/datasets/toy_dataset.py` and
/// `dinamo/configs/configs.py` of the DINAMO repository); the defaults are the published ones.
public struct ToyParameters: Sendable, Equatable {
    public var runs = 5000
    public var bins = 100
    /// The histogram range; events outside it are dropped.
    public var lower = -5.0
    public var upper = 5.0
    /// Exactly this many runs are bad (chosen without replacement).
    public var badRuns = 500
    /// Slow drift of the mean: amplitude · sin(π t / period).
    public var driftAmplitude = 0.5
    public var driftPeriod = 500.0
    /// The good-run width before rapid changes.
    public var sigma = 1.0
    /// Probability per run (run 0 included) of a change point, drawn separately for μ and for σ.
    public var changePointProbability = 0.005
    /// |shift| of μ and of σ at a change point (uniform; random sign).
    public var stepMu: ClosedRange<Double> = 0.5...1.5
    public var stepSigma: ClosedRange<Double> = 0.1...0.4
    /// Fraction of the bad runs with a μ shift, and (independently chosen) with a σ shift: ⌊0.9 · 500⌋ = 450 each.
    public var badShiftFraction = 0.9
    public var badMuShift: ClosedRange<Double> = 0.25...0.75
    public var badSigmaShift: ClosedRange<Double> = 0.05...0.2
    /// Number of dead (zeroed) bins of every bad run, uniform in this range.
    public var deadBins: ClosedRange<Int> = 1...19
    /// Events per run, uniform in [lower, upper).
    public var events: Range<Int> = 2000..<20000
    /// p of the per-run ±Binomial(c, p) systematic (0 = off).
    public var systematicProbability = 0.4
    /// First bin of the systematic (it acts on bins `systematicFirstBin..<bins`); nil = bins / 2 (50 of 100, as published).
    public var systematicFirstBin: Int? = nil
    public var seed: UInt64 = 0

    public init() {}
    /// A shorter configuration, e.g. `ToyParameters(runs: 300, bins: 20)` for tests: bad runs scale as
    /// published (one in ten), dead bins are at most bins − 1, everything else keeps its default.
    public init(runs: Int, bins: Int, seed: UInt64 = 0) {
        self.runs = runs
        self.bins = bins
        self.badRuns = max(0, runs / 10)
        self.deadBins = 1...max(1, min(19, bins - 1))
        self.seed = seed
    }

    /// ⌊badShiftFraction · badRuns⌋, the number of μ-shifted (and of σ-shifted) bad runs.
    public var shiftedBadRuns: Int { Int((badShiftFraction * Double(badRuns)).rounded(.down)) }
}

/// What made a bad run bad (a run can carry several).
public struct BadRunKind: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let muShift = BadRunKind(rawValue: 1)
    public static let sigmaShift = BadRunKind(rawValue: 2)
    public static let deadBins = BadRunKind(rawValue: 4)
}

/// What the generator knows and the monitor does not.
public struct ToyTruth: Sendable, Equatable {
    /// Good-run Gaussian mean and width per run (drift + current rapid shift), before any bad-run shift.
    public var goodMu: [Double]
    public var goodSigma: [Double]
    /// The mean and width actually used for each run (shifted for bad runs).
    public var runMu: [Double]
    public var runSigma: [Double]
    /// Runs at which a new μ shift (resp. σ shift) takes effect, ascending.
    public var muChangePoints: [Int]
    public var sigmaChangePoints: [Int]
    /// What each run's badness consists of (empty for good runs).
    public var badKinds: [BadRunKind]
    /// Dead bins per run, ascending (empty for good runs).
    public var deadBins: [[Int]]
    /// 0 good, 1 bad.
    public var labels: [Int]
    /// Events drawn per run (before dropping those outside the range and before the systematic).
    public var events: [Int]
    /// Sign (±1) of the systematic per run.
    public var systematicSign: [Int]

    /// The union of both change-point lists, ascending (the published metrics use μ and σ change points together).
    public var changePoints: [Int] { Array(Set(muChangePoints).union(sigmaChangePoints)).sorted() }
}

public struct ToyDataset: Sendable, Equatable {
    public var histograms: HistogramSet
    public var truth: ToyTruth
    public var parameters: ToyParameters
}

/// The published toy generator (docs/methods/dinamo.md, `ToyDataset.build_and_save_dataset` of the DINAMO
/// repository), seeded and reproducible (same parameters, same bytes). Steps, in the published order:
///
/// 1. `badRuns` distinct bad runs.
/// 2. Slow drift μ(t) = driftAmplitude · sin(πt/driftPeriod); σ(t) = sigma.
/// 3. Rapid changes, first of μ then of σ, each with its own change points: every run t (run 0 included) is a
///    change point with probability p. At change point c_k a shift ±U(stepMu) (resp. ±U(stepSigma)) is added
///    to the runs c_k ..< c_{k+1} only: shifts replace each other, they never accumulate, so a good run has
///    |μ − drift| ≤ 1.5 and 0.6 ≤ σ ≤ 1.4. (As published, the shift's size is the one drawn for run c_k from a
///    per-run table of sizes; we draw it at the change point, which has the same distribution.)
/// 4. Bad shifts: ⌊0.9 · badRuns⌋ of the bad runs get μ ± U(badMuShift), an independently chosen
///    ⌊0.9 · badRuns⌋ get σ ± U(badSigmaShift), on top of the rapid shift.
/// 5. N ~ U[events) per run; N events from N(μ, σ) histogrammed on [lower, upper], events outside dropped.
///    We draw the histogram directly as Multinomial(N; p_1…p_B, p_out) with p_b the Gaussian mass of bin b and
///    p_out the mass outside the range: the same distribution as sampling and histogramming N events, exactly,
///    for a fraction of the cost.
/// 6. The systematic, as the published code applies it: one sign s = ±1 per run (all runs, good
///    and bad), and for bins b ≥ `systematicFirstBin` (50…99 of 100) c_b ← c_b + s · Binomial(c_b, p), each bin's
///    binomial drawn independently from its own count; a count never becomes negative.
/// 7. Dead bins last: every bad run gets k ~ U{deadBins} distinct bins zeroed.
public enum ToyGenerator {
    public static func generate(_ p: ToyParameters = ToyParameters()) throws -> ToyDataset {
        try validate(p)
        var g = SeededGenerator(seed: p.seed)
        let B = p.bins, R = p.runs
        let edges = (0...B).map { p.lower + (p.upper - p.lower) * Double($0) / Double(B) }

        // 1. bad runs
        let badIndices = g.sample(p.badRuns, from: R)
        var labels = [Int](repeating: 0, count: R)
        for r in badIndices { labels[r] = 1 }

        // 2.–3. drift and rapid changes
        var goodMu = (0..<R).map { p.driftAmplitude * sin(Double.pi * Double($0) / p.driftPeriod) }
        var goodSigma = [Double](repeating: p.sigma, count: R)
        let muChanges = applyRapidChanges(to: &goodMu, probability: p.changePointProbability, sizes: p.stepMu, generator: &g)
        let sigmaChanges = applyRapidChanges(to: &goodSigma, probability: p.changePointProbability, sizes: p.stepSigma, generator: &g)

        // 4. bad-run shifts
        var runMu = goodMu, runSigma = goodSigma
        var kinds = [BadRunKind](repeating: [], count: R)
        let shifted = p.shiftedBadRuns
        for i in g.sample(shifted, from: badIndices.count) {
            let r = badIndices[i]
            runMu[r] += g.sign() * g.uniform(p.badMuShift.lowerBound, p.badMuShift.upperBound)
            kinds[r].insert(.muShift)
        }
        for i in g.sample(shifted, from: badIndices.count) {
            let r = badIndices[i]
            runSigma[r] += g.sign() * g.uniform(p.badSigmaShift.lowerBound, p.badSigmaShift.upperBound)
            kinds[r].insert(.sigmaShift)
        }

        // 5. events, histogrammed (outside the range dropped)
        var counts = [Double](repeating: 0, count: R * B)
        var events = [Int](repeating: 0, count: R)
        for r in 0..<R {
            let n = p.events.lowerBound + g.int(below: p.events.count)
            events[r] = n
            var probs = binProbabilities(edges: edges, mu: runMu[r], sigma: runSigma[r], renormalise: false)
            probs.append(max(0, 1 - probs.reduce(0, +)))   // the outside of the range: drawn, then dropped
            let k = g.multinomial(n, probabilities: probs)
            for b in 0..<B { counts[r * B + b] = Double(k[b]) }
        }

        // 6. the systematic
        let first = min(max(p.systematicFirstBin ?? B / 2, 0), B)
        var signs = [Int](repeating: 1, count: R)
        for r in 0..<R {
            let s = g.sign()
            signs[r] = s > 0 ? 1 : -1
            guard p.systematicProbability > 0 else { continue }
            for b in first..<B {
                let c = counts[r * B + b]
                let d = Double(g.binomial(Int(c), p.systematicProbability))
                counts[r * B + b] = c + s * d
            }
        }

        // 7. dead bins, last
        var dead = [[Int]](repeating: [], count: R)
        for r in badIndices {
            let k = g.int(in: p.deadBins)
            dead[r] = g.sample(k, from: B).sorted()
            for b in dead[r] { counts[r * B + b] = 0 }
            kinds[r].insert(.deadBins)
        }

        let hs = try HistogramSet(name: "dinamo-toy", counts: counts, runs: R, bins: B, binEdges: edges,
                                  labels: labels.map { Optional($0) }, runIDs: nil)
        let truth = ToyTruth(goodMu: goodMu, goodSigma: goodSigma, runMu: runMu, runSigma: runSigma,
                             muChangePoints: muChanges, sigmaChangePoints: sigmaChanges, badKinds: kinds,
                             deadBins: dead, labels: labels, events: events, systematicSign: signs)
        return ToyDataset(histograms: hs, truth: truth, parameters: p)
    }

    /// Draws the change points (each index with probability `probability`) and adds to `values[c_k ..< c_{k+1}]`
    /// a shift ±U(sizes) drawn at c_k. Returns the change points, ascending.
    static func applyRapidChanges(to values: inout [Double], probability: Double, sizes: ClosedRange<Double>,
                                  generator g: inout SeededGenerator) -> [Int] {
        let points = values.indices.filter { _ in g.uniform() < probability }
        for (k, start) in points.enumerated() {
            let end = k + 1 < points.count ? points[k + 1] : values.count
            let shift = g.sign() * g.uniform(sizes.lowerBound, sizes.upperBound)
            for t in start..<end { values[t] += shift }
        }
        return points
    }

    static func validate(_ p: ToyParameters) throws {
        func check(_ ok: Bool, _ why: String) throws { if !ok { throw DinamoError.invalidToyParameters(why) } }
        try check(p.runs > 0 && p.bins > 0, "need runs > 0 and bins > 0, got runs \(p.runs), bins \(p.bins)")
        try check(p.lower.isFinite && p.upper.isFinite && p.upper > p.lower, "need a finite range lower < upper, got [\(p.lower), \(p.upper)]")
        try check((0...p.runs).contains(p.badRuns), "bad runs must lie in 0...\(p.runs), got \(p.badRuns)")
        try check((0...1).contains(p.changePointProbability), "change-point probability must lie in [0, 1], got \(p.changePointProbability)")
        try check((0...1).contains(p.badShiftFraction), "bad-shift fraction must lie in [0, 1], got \(p.badShiftFraction)")
        try check((0...1).contains(p.systematicProbability), "systematic probability must lie in [0, 1], got \(p.systematicProbability)")
        try check(!p.events.isEmpty && p.events.lowerBound >= 0, "events must be a non-empty range of non-negative counts")
        try check(p.deadBins.lowerBound >= 0 && p.deadBins.upperBound <= p.bins,
                  "dead bins must lie in 0...\(p.bins), got \(p.deadBins)")
        try check(p.driftPeriod > 0 && p.driftPeriod.isFinite, "drift period must be positive, got \(p.driftPeriod)")
        try check(p.driftAmplitude.isFinite, "drift amplitude must be finite, got \(p.driftAmplitude)")
        let ranges = [p.stepMu, p.stepSigma, p.badMuShift, p.badSigmaShift]
        try check(ranges.allSatisfy { $0.lowerBound >= 0 && $0.upperBound.isFinite }, "shift ranges must be finite and non-negative")
        // The narrowest possible width must stay positive.
        let narrowest = p.sigma - p.stepSigma.upperBound - (p.badRuns > 0 ? p.badSigmaShift.upperBound : 0)
        try check(narrowest > 0, "sigma \(p.sigma) minus the largest σ steps leaves a non-positive width \(narrowest)")
    }

    /// Φ((e_{b+1} − μ)/σ) − Φ((e_b − μ)/σ) per bin (erfc form for precision in the tails); renormalised to sum
    /// to one over the range when `renormalise`.
    public static func binProbabilities(edges: [Double], mu: Double, sigma: Double, renormalise: Bool = true) -> [Double] {
        let cdf = edges.map { e -> Double in
            let z = (e - mu) / (sigma * 2.0.squareRoot())
            return 0.5 * erfc(-z)
        }
        var p = (0..<(edges.count - 1)).map { max(cdf[$0 + 1] - cdf[$0], 0) }
        guard renormalise else { return p }
        let total = p.reduce(0, +)
        if total > 0 { for i in p.indices { p[i] /= total } } else { p = [Double](repeating: 1 / Double(p.count), count: p.count) }
        return p
    }
}
