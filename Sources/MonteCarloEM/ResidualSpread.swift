import Core

/// Whether a series leaves anything to judge (docs/methods/mcem.md#8-what-is-never-flagged).
///
/// A flag says "this point departs from the forecast by more than the series' own noise". A series that repeats
/// itself exactly — a constant, a noiseless periodic pattern — has no noise: the forecaster's scale shrinks to its
/// floor, and what is left of its residuals is its own imprecision, which then reads as many standard deviations.
/// On NAB's noiseless square wave hmm flagged 27 % of the points, on the noiseless daily pattern 31 %
/// (measured: docs/performance.md). There is nothing to judge such points against, so no approach flags any.
///
/// The residual spread measured is that of the simplest forecaster with the same view, "the value one context
/// back": with zₜ the robustly standardised series (`Standardisation`),
///
///     spread = min over k ∈ {context, dominant period} of  q₉₀{ |zₜ − zₜ₋ₖ| : t ≥ k }
///
/// (the dominant period is the lag of the strongest autocorrelation peak over lags 3…400, when there is one).
/// It is the series', not an approach's: each approach's own residuals measure its forecaster as much as the data
/// (hmm's cleaned forecast on the square wave misses the steps it flagged), and the verdict must not depend on
/// which approaches ran. The 90th percentile lets up to a tenth of the points depart (the anomalies) and still calls
/// the rest exact; a series that is flat most of the time but active for more than a tenth of it stays judged.
/// Below `minimum` (a hundredth of the series' robust spread) nothing is flagged, and the page says so; the
/// score is still computed and ranks the points for every metric.
///
/// On the development series the exact ones measure 0, and every other at least 0.12 (ec2_disk_write_bytes_1ef3de,
/// flat for most of its length; NAB's daily pattern with small noise 0.18; measured: docs/performance.md), so the
/// verdict does not hang on the threshold.
public enum ResidualSpread {
    /// Below this (in robust standard deviations of the series) nothing is flagged.
    public static let minimum = 0.01

    /// The residual spread of the standardised series `z` for a forecaster of `context` points (see the type).
    /// Infinity when no lag fits in the series.
    public static func of(standardised z: [Double], context: Int) -> Double {
        var lags = [context]
        if let period = Autocorrelation.strongestPeakLag(z), period != context { lags.append(period) }
        var best = Double.infinity
        for k in lags where k >= 1 && k < z.count {
            var d = [Double](repeating: 0, count: z.count - k)
            for t in k..<z.count { d[t - k] = abs(z[t] - z[t - k]) }
            d.sort()
            if let q = Statistics.quantile(sorted: d, 0.9), !q.isNaN { best = min(best, q) }
        }
        return best
    }
}
