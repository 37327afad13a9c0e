/// The sample autocorrelation of a series and the period it suggests.
public enum Autocorrelation {
    /// The sample autocorrelation ρ(k) = γ(k)/γ(0), k = 0…min(`maxLag`, n − 1), with the biased autocovariance
    /// γ(k) = (1/n) Σₜ (xₜ − x̄)(xₜ₊ₖ − x̄) (statsmodels' `acf`, `adjusted=False`). A constant series has
    /// γ(0) = 0 and every ρ is NaN. Empty input gives an empty array.
    public static func function(_ values: [Double], maxLag: Int) -> [Double] {
        let n = values.count
        guard n > 0, maxLag >= 0 else { return [] }
        var mean = 0.0
        for v in values { mean += v }
        mean /= Double(n)
        let d = values.map { $0 - mean }
        let lags = min(maxLag, n - 1)
        var gamma = [Double](repeating: 0, count: lags + 1)
        d.withUnsafeBufferPointer { x in
            for k in 0...lags {
                var s = 0.0
                for t in 0..<(n - k) { s += x[t] * x[t + k] }
                gamma[k] = s / Double(n)
            }
        }
        return gamma.map { $0 / gamma[0] }
    }

    /// The lag of the highest strict local maximum of ρ(k) over lags `minLag`…`maxLag` (ρ(k) > ρ(k−1) and
    /// ρ(k) > ρ(k+1), both neighbours inside that range), looking at the first `prefix` values only; on equal
    /// heights the longer lag. `nil` when there is none (a constant or monotone autocorrelation).
    public static func strongestPeakLag(_ values: [Double], minLag: Int = 3, maxLag: Int = 400,
                                        prefix: Int = 20_000) -> Int? {
        strongestPeak(values, minLag: minLag, maxLag: maxLag, prefix: prefix)?.lag
    }

    /// As `strongestPeakLag`, with the autocorrelation at that lag.
    public static func strongestPeak(_ values: [Double], minLag: Int = 3, maxLag: Int = 400,
                                     prefix: Int = 20_000) -> (lag: Int, height: Double)? {
        let rho = function(Array(values.prefix(prefix)), maxLag: maxLag)
        guard rho.count > minLag + 2 else { return nil }
        var best: (lag: Int, height: Double)?
        for k in (minLag + 1)..<(rho.count - 1) where rho[k] > rho[k - 1] && rho[k] > rho[k + 1] {
            if best == nil || rho[k] >= best!.height { best = (k, rho[k]) }
        }
        return best
    }

    /// TSB-AD's default VUS window (`find_length_rank(data, rank=1)`): the lag of the strongest peak of the
    /// autocorrelation over lags 3…400 of the first 20 000 values when it lies in 6…303, and 125 otherwise
    /// (no peak, a constant series, or a peak outside that range).
    public static func tsbADWindow(_ values: [Double]) -> Int {
        guard let lag = strongestPeakLag(values), (6...303).contains(lag) else { return 125 }
        return lag
    }
}
