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
/// the median and 16/84 % quantiles over the resamples. The chosen T is the first maximum of the median
/// balanced accuracy (`np.argmax` in `dinamo/utils/threshold_opt.py` of the published code): on a plateau,
/// its lowest threshold.
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
    ///
    /// Per resample the two classes' scores are sorted separately and swept along the grid; the metric
    /// values are kept in flat [grid × resample] buffers (a resample without bad or without good runs
    /// leaves sensitivity, resp. specificity and balanced accuracy, undefined at every T and is skipped).
    public static func compute(scores: [Double], bad: [Bool], seed: UInt64, resamples: Int = ThresholdScan.resamples,
                               gridCount: Int = ThresholdScan.gridCount) -> ThresholdScan? {
        precondition(scores.count == bad.count)
        let n = scores.count
        guard bad.contains(true), bad.contains(false), gridCount >= 2 else { return nil }
        let lo = range.lowerBound, hi = range.upperBound
        let grid = (0..<gridCount).map { lo + (hi - lo) * Double($0) / Double(gridCount - 1) }
        // Column k of each buffer holds resample k's values; nSens/nSpec/nBA columns are filled.
        var sens = [Double](repeating: 0, count: gridCount * resamples)
        var spec = sens, bacc = sens
        var nSens = 0, nSpec = 0, nBA = 0
        var g = SeededGenerator.stream(seed: seed, 0x7448_5245)   // "tHRE"
        var posScores: [Double] = [], negScores: [Double] = []
        posScores.reserveCapacity(n)
        negScores.reserveCapacity(n)
        for _ in 0..<resamples {
            posScores.removeAll(keepingCapacity: true)
            negScores.removeAll(keepingCapacity: true)
            for _ in 0..<n {
                let j = g.int(below: n)
                if bad[j] { posScores.append(scores[j]) } else { negScores.append(scores[j]) }
            }
            posScores.sort()
            negScores.sort()
            let pos = posScores.count, neg = negScores.count
            // Sweep: `below` = runs with score ≤ T.
            var iPos = 0, iNeg = 0
            for (t, T) in grid.enumerated() {
                while iPos < pos && posScores[iPos] <= T { iPos += 1 }
                while iNeg < neg && negScores[iNeg] <= T { iNeg += 1 }
                let se = Double(pos - iPos) / Double(pos)
                let sp = Double(iNeg) / Double(neg)
                if pos > 0 { sens[t * resamples + nSens] = se }
                if neg > 0 { spec[t * resamples + nSpec] = sp }
                if pos > 0 && neg > 0 { bacc[t * resamples + nBA] = (se + sp) / 2 }
            }
            if pos > 0 { nSens += 1 }
            if neg > 0 { nSpec += 1 }
            if pos > 0 && neg > 0 { nBA += 1 }
        }
        func band(_ v: [Double], _ filled: Int) -> BootstrapBand {
            var m = [Double?](), l = [Double?](), u = [Double?]()
            m.reserveCapacity(gridCount)
            l.reserveCapacity(gridCount)
            u.reserveCapacity(gridCount)
            for t in 0..<gridCount {
                let s = v[(t * resamples)..<(t * resamples + filled)].sorted()
                m.append(Statistics.quantile(sorted: s, 0.5))
                l.append(Statistics.quantile(sorted: s, 0.16))
                u.append(Statistics.quantile(sorted: s, 0.84))
            }
            return BootstrapBand(median: m, lower: l, upper: u)
        }
        let ba = band(bacc, nBA)
        let best = ba.median.compactMap { $0 }.max() ?? 0
        guard let first = ba.median.firstIndex(where: { $0 == best }) else { return nil }
        return ThresholdScan(thresholds: grid, sensitivity: band(sens, nSens), specificity: band(spec, nSpec),
                             balancedAccuracy: ba, chosenIndex: first)
    }
}
