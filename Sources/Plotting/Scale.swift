import Foundation

/// How data values map to an axis.
public enum Scale: Sendable, Hashable, Codable {
    case linear
    /// Base-10 logarithmic; non-positive values are treated as missing.
    case log
}

/// A closed data interval with a scale; maps data to a 0...1 fraction of the axis.
struct AxisRange: Hashable, Sendable {
    var lower: Double
    var upper: Double
    var scale: Scale

    func fraction(_ v: Double) -> Double {
        switch scale {
        case .linear: return (v - lower) / (upper - lower)
        case .log: return (Foundation.log10(v) - Foundation.log10(lower)) / (Foundation.log10(upper) - Foundation.log10(lower))
        }
    }

    /// The padded range of `values` (finite values only, positive only for log):
    /// `padding` is a fraction of the span (of decades for log). A single value or a constant series gets a
    /// range of ±10 % of its magnitude (±1 around zero); no data gives 0...1 (1...10 for log).
    static func auto(_ values: [Double], scale: Scale, padding: Double = 0.05) -> AxisRange {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite && (scale == .linear || v > 0) {
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        return fitted(lo: lo, hi: hi, scale: scale, padding: padding)
    }

    static func fitted(lo: Double, hi: Double, scale: Scale, padding: Double) -> AxisRange {
        switch scale {
        case .linear:
            guard lo.isFinite, hi.isFinite else { return AxisRange(lower: 0, upper: 1, scale: .linear) }
            if hi - lo <= Swift.max(abs(lo), abs(hi)) * 1e-14 {
                let d = lo == 0 ? 1 : abs(lo) * 0.1
                return AxisRange(lower: lo - d, upper: hi + d, scale: .linear)
            }
            let pad = (hi - lo) * padding
            return AxisRange(lower: lo - pad, upper: hi + pad, scale: .linear)
        case .log:
            guard lo.isFinite, hi.isFinite, lo > 0 else { return AxisRange(lower: 1, upper: 10, scale: .log) }
            var a = Foundation.log10(lo), b = Foundation.log10(hi)
            if b - a < 1e-12 { a -= 0.5; b += 0.5 }
            let pad = (b - a) * padding
            return AxisRange(lower: Foundation.pow(10, a - pad), upper: Foundation.pow(10, b + pad), scale: .log)
        }
    }
}
