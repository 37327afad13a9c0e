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
}
