import Core

/// A bootstrap band of one metric along the threshold grid: median and the 16 % / 84 % quantiles.
/// Entries are nil where no resample defined the metric (e.g. no bad run drawn).
public struct BootstrapBand: Sendable, Equatable {
    public var median: [Double?]
    public var lower: [Double?]
    public var upper: [Double?]
}

/// The automatic threshold of DINAMO-S (docs/methods/dinamo.md) and the scan behind it (for the threshold-scan
/// figure).
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
    /// The runs are sorted by score once; a resample is the multiplicity of each run among n draws with
    /// replacement, and one sweep along the sorted runs and the grid counts the resampled good and bad runs with
    /// score ≤ T — O(n + grid) per resample, the counts exactly those of sorting each resample (so the same
    /// bits). The metric values are kept in flat [grid × resample] buffers (a resample without bad or without
    /// good runs leaves sensitivity, resp. specificity and balanced accuracy, undefined at every T and is
    /// skipped). Sorting each resample, and each grid point's values afresh, made the scan a large share of the
    /// analysis's time (measured: docs/performance.md).
    public static func compute(scores: [Double], bad: [Bool], seed: UInt64, resamples: Int = ThresholdScan.resamples,
                               gridCount: Int = ThresholdScan.gridCount) -> ThresholdScan? {
        precondition(scores.count == bad.count)
        let n = scores.count
        guard bad.contains(true), bad.contains(false), gridCount >= 2 else { return nil }
        let lo = range.lowerBound, hi = range.upperBound
        let grid = (0..<gridCount).map { lo + (hi - lo) * Double($0) / Double(gridCount - 1) }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        let sortedScores = order.map { scores[$0] }
        let sortedBad = order.map { bad[$0] }
        // Column k of each buffer holds resample k's values; nSens/nSpec/nBA columns are filled.
        var sens = [Double](repeating: 0, count: gridCount * resamples)
        var spec = sens, bacc = sens
        var nSens = 0, nSpec = 0, nBA = 0
        var g = SeededGenerator.stream(seed: seed, 0x7448_5245)   // "tHRE"
        var drawn = [Int](repeating: 0, count: n)          // multiplicity of run j in this resample
        for _ in 0..<resamples {
            for j in 0..<n { drawn[j] = 0 }
            for _ in 0..<n { drawn[g.int(below: n)] += 1 }
            var pos = 0, neg = 0
            for j in 0..<n { if bad[j] { pos += drawn[j] } else { neg += drawn[j] } }
            // Sweep: `posBelow`, `negBelow` = resampled bad and good runs with score ≤ T.
            var i = 0, posBelow = 0, negBelow = 0
            for (t, T) in grid.enumerated() {
                while i < n && sortedScores[i] <= T {
                    if sortedBad[i] { posBelow += drawn[order[i]] } else { negBelow += drawn[order[i]] }
                    i += 1
                }
                let se = Double(pos - posBelow) / Double(pos)
                let sp = Double(negBelow) / Double(neg)
                if pos > 0 { sens[t * resamples + nSens] = se }
                if neg > 0 { spec[t * resamples + nSpec] = sp }
                if pos > 0 && neg > 0 { bacc[t * resamples + nBA] = (se + sp) / 2 }
            }
            if pos > 0 { nSens += 1 }
            if neg > 0 { nSpec += 1 }
            if pos > 0 && neg > 0 { nBA += 1 }
        }
        /// Median and 16/84 % quantiles per grid point. Each resample's values move little from one grid point to
        /// the next, so the previous point's order, insertion-sorted, orders the next one in about linear time.
        func band(_ v: [Double], _ filled: Int) -> BootstrapBand {
            var m = [Double?](), l = [Double?](), u = [Double?]()
            m.reserveCapacity(gridCount)
            l.reserveCapacity(gridCount)
            u.reserveCapacity(gridCount)
            var perm = Array(0..<filled)
            var sorted = [Double](repeating: 0, count: filled)
            for t in 0..<gridCount {
                let row = t * resamples
                v.withUnsafeBufferPointer { vb in
                    perm.withUnsafeMutableBufferPointer { pb in
                        sorted.withUnsafeMutableBufferPointer { sb in
                            for k in 0..<filled { sb[k] = vb[row + pb[k]] }
                            var k = 1
                            while k < filled {
                                let value = sb[k], p = pb[k]
                                var j = k
                                while j > 0 && sb[j - 1] > value {
                                    sb[j] = sb[j - 1]
                                    pb[j] = pb[j - 1]
                                    j -= 1
                                }
                                sb[j] = value
                                pb[j] = p
                                k += 1
                            }
                        }
                    }
                }
                m.append(Statistics.quantile(sorted: sorted, 0.5))
                l.append(Statistics.quantile(sorted: sorted, 0.16))
                u.append(Statistics.quantile(sorted: sorted, 0.84))
            }
            return BootstrapBand(median: m, lower: l, upper: u)
        }
        let ba = band(bacc, nBA)
        let best = ba.median.compactMap { $0 }.max() ?? 0
        guard let first = ba.median.firstIndex(where: { $0 == best }) else { return nil }
        return ThresholdScan(thresholds: grid, sensitivity: band(sens, nSens), specificity: band(spec, nSpec),
                             balancedAccuracy: ba, chosenIndex: first)
    }

    /// The scan with its choice restricted to the thresholds `allowed` marks (the false-alarm budget): the first
    /// maximum of the median balanced accuracy among them. Nil when no threshold of the grid is allowed.
    public func choosing(among allowed: [Bool]) -> ThresholdScan? {
        precondition(allowed.count == thresholds.count)
        var best: Int? = nil
        for (t, ok) in allowed.enumerated() where ok {
            guard let v = balancedAccuracy.median[t] else { continue }
            if let b = best, let bv = balancedAccuracy.median[b], bv >= v { continue }
            best = t
        }
        guard let best else { return nil }
        var scan = self
        scan.chosenIndex = best
        return scan
    }
}
