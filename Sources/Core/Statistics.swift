/// Descriptive statistics over `Double` collections. Non-finite values are the caller's concern.
public enum Statistics {
    /// Arithmetic mean; `nil` for an empty input.
    public static func mean<C: Collection>(_ xs: C) -> Double? where C.Element == Double {
        guard !xs.isEmpty else { return nil }
        var s = 0.0
        for x in xs { s += x }
        return s / Double(xs.count)
    }

    /// Unbiased sample variance Σ(x − x̄)²/(n − 1), by two passes; `nil` for fewer than two values.
    public static func variance<C: Collection>(_ xs: C) -> Double? where C.Element == Double {
        guard xs.count > 1, let m = mean(xs) else { return nil }
        var s = 0.0
        for x in xs { s += (x - m) * (x - m) }
        return s / Double(xs.count - 1)
    }

    /// The q-quantile with linear interpolation between order statistics (NumPy's default, "type 7"):
    /// position h = (n − 1)q, value x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎). `nil` for an empty input.
    public static func quantile(_ xs: [Double], _ q: Double) -> Double? {
        guard !xs.isEmpty else { return nil }
        let sorted = xs.sorted()
        return quantile(sorted: sorted, q)
    }

    /// As `quantile(_:_:)` on an already ascending array.
    public static func quantile(sorted: [Double], _ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let h = Double(sorted.count - 1) * min(max(q, 0), 1)
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// The median (0.5-quantile).
    public static func median(_ xs: [Double]) -> Double? { quantile(xs, 0.5) }

    /// The median absolute deviation scaled to a normal standard deviation, 1.4826 · median |x − median|.
    public static func robustSpread(_ xs: [Double]) -> Double? {
        guard let m = median(xs) else { return nil }
        return median(xs.map { abs($0 - m) }).map { 1.4826 * $0 }
    }

    /// Φ⁻¹(p), the standard normal quantile, for 0 < p < 1 (Acklam's rational approximation, relative error
    /// below 1.2e-9, refined by one Halley step on erfc to full double precision).
    public static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "normalQuantile needs 0 < p < 1")
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                 -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                 -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * _log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5, r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * _log(1 - p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let e = 0.5 * _erfc(-x / 2.0.squareRoot()) - p
        let u = e * (2 * Double.pi).squareRoot() * _exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }
}
