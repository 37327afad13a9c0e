import Numerics

/// A bootstrap band of one metric along the threshold grid: median and the 16 % / 84 % quantiles.
/// Entries are nil where no resample defined the metric (e.g. no bad run drawn).
public struct BootstrapBand: Sendable, Equatable {
    public var median: [Double?]
    public var lower: [Double?]
    public var upper: [Double?]
}

/// The automatic threshold of SPEC §3.1 and the scan behind it (for the threshold-scan figure).
///
/// On the labelled historical runs: B = 100 bootstrap resamples (with replacement, fixed seed) of the
/// (score, label) pairs; for each of 1000 thresholds T on [−3.25, 7.5] (equally spaced, ends included),
/// a run is predicted bad iff score > T; sensitivity, specificity and balanced accuracy per resample;
/// the median and 16/84 % quantiles over the resamples. The chosen T maximises the median balanced
/// accuracy; when several grid points share the maximum, the middle of the first maximal plateau
/// is taken (more robust than its edge).
public struct ThresholdScan: Sendable, Equatable {
    public var thresholds: [Double]
    public var sensitivity: BootstrapBand
    public var specificity: BootstrapBand
    public var balancedAccuracy: BootstrapBand
    public var chosenIndex: Int
    public var chosen: Double { thresholds[chosenIndex] }

    public static let gridCount = 1000
    public static let range: ClosedRange<Double> = -3.25...7.5
    public static let resamples = 100

    /// `nil` unless both good and bad runs are among the inputs.
    public static func compute(scores: [Double], bad: [Bool], seed: UInt64, resamples: Int = ThresholdScan.resamples,
                               gridCount: Int = ThresholdScan.gridCount) -> ThresholdScan? {
        precondition(scores.count == bad.count)
        let n = scores.count
        guard bad.contains(true), bad.contains(false), gridCount >= 2 else { return nil }
        let lo = range.lowerBound, hi = range.upperBound
        let grid = (0..<gridCount).map { lo + (hi - lo) * Double($0) / Double(gridCount - 1) }
        var sens = [[Double]](repeating: [], count: gridCount)
        var spec = sens, bacc = sens
        var g = SeededGenerator.stream(seed: seed, 0x7448_5245)   // "tHRE"
        var sample = [(Double, Bool)](repeating: (0, false), count: n)
        for _ in 0..<resamples {
            for i in 0..<n { let j = g.int(below: n); sample[i] = (scores[j], bad[j]) }
            sample.sort { $0.0 < $1.0 }
            let pos = sample.reduce(0) { $0 + ($1.1 ? 1 : 0) }
            let neg = n - pos
            // Sweep the sorted sample: `below` = runs with score ≤ T.
            var idx = 0, posBelow = 0, negBelow = 0
            for (t, T) in grid.enumerated() {
                while idx < n && sample[idx].0 <= T {
                    if sample[idx].1 { posBelow += 1 } else { negBelow += 1 }
                    idx += 1
                }
                let se: Double? = pos > 0 ? Double(pos - posBelow) / Double(pos) : nil
                let sp: Double? = neg > 0 ? Double(negBelow) / Double(neg) : nil
                if let se { sens[t].append(se) }
                if let sp { spec[t].append(sp) }
                if let se, let sp { bacc[t].append((se + sp) / 2) }
            }
        }
        func band(_ v: [[Double]]) -> BootstrapBand {
            var m = [Double?](), l = [Double?](), u = [Double?]()
            for xs in v {
                let s = xs.sorted()
                m.append(Statistics.quantile(sorted: s, 0.5))
                l.append(Statistics.quantile(sorted: s, 0.16))
                u.append(Statistics.quantile(sorted: s, 0.84))
            }
            return BootstrapBand(median: m, lower: l, upper: u)
        }
        let ba = band(bacc)
        let best = ba.median.compactMap { $0 }.max() ?? 0
        guard let first = ba.median.firstIndex(where: { $0 == best }) else { return nil }
        var last = first
        while last + 1 < gridCount && ba.median[last + 1] == best { last += 1 }
        return ThresholdScan(thresholds: grid, sensitivity: band(sens), specificity: band(spec),
                             balancedAccuracy: ba, chosenIndex: (first + last) / 2)
    }
}
