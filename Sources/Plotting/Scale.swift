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

/// Tick positions and their labels for one axis.
struct Ticks: Hashable, Sendable {
    var major: [Double]
    var labels: [String]
    var minor: [Double]
    /// Text placed at the axis end when labels are scaled or offset, e.g. "×10⁻¹² + 1"; empty otherwise.
    var annotation: String
}

enum TickGenerator {
    /// Linear ticks with a 1-2-5 step giving at most `maxCount` ticks in the range.
    /// Values are computed as integer multiples of the step, so there is no accumulated float noise.
    static func linear(_ r: AxisRange, maxCount: Int, minorTicks: Bool) -> Ticks {
        let span = r.upper - r.lower
        guard span > 0, span.isFinite else { return Ticks(major: [], labels: [], minor: [], annotation: "") }
        let n = Swift.max(2, maxCount)
        let raw = span / Double(n - 1)
        var exponent = Int(floor(Foundation.log10(raw)))
        var mantissa = 1.0
        let candidates: [Double] = [1, 2, 5, 10]
        let base = Foundation.pow(10, Double(exponent))
        for c in candidates where c * base >= raw * (1 - 1e-9) { mantissa = c; break }
        if mantissa == 10 { mantissa = 1; exponent += 1 }
        // span/(n−1) assumes ticks at both ends of the range; where they are not, the next finer 1-2-5 step
        // may still give at most n ticks (−3…10 with n = 7: step 2 gives seven ticks, step 5 only three), and is taken.
        while true {
            let (m, e) = mantissa == 1 ? (5.0, exponent - 1) : (mantissa == 5 ? 2.0 : 1.0, exponent)
            let finer = m * Foundation.pow(10, Double(e))
            let count = (r.upper / finer + 1e-9).rounded(.down) - (r.lower / finer - 1e-9).rounded(.up) + 1
            guard count <= Double(n) else { break }
            mantissa = m; exponent = e
        }
        let step = mantissa * Foundation.pow(10, Double(exponent))
        let first = Int64((r.lower / step - 1e-9).rounded(.up))
        let last = Int64((r.upper / step + 1e-9).rounded(.down))
        var major: [Double] = []
        var ks: [Int64] = []
        if last >= first && last - first < 1000 {
            for k in first...last { major.append(Double(k) * step); ks.append(k) }
        }
        // Minor ticks: 5 per major for steps 1 and 5, 4 for step 2 (so they fall on round numbers).
        var minor: [Double] = []
        if minorTicks {
            let sub = mantissa == 2 ? 4.0 : 5.0
            let minorStep = step / sub
            let mf = Int64((r.lower / minorStep - 1e-9).rounded(.up))
            let ml = Int64((r.upper / minorStep + 1e-9).rounded(.down))
            if ml >= mf && ml - mf < 5000 {
                for k in mf...ml where k % Int64(sub) != 0 { minor.append(Double(k) * minorStep) }
            }
        }
        // A short axis must still carry two labelled ticks: a step that leaves one tick (e.g. ±3.8 with
        // step 5) gives way to the next finer 1-2-5 step.
        if major.count < 2 && maxCount < 12 {
            return linear(r, maxCount: maxCount + 1, minorTicks: minorTicks)
        }
        let (labels, annotation) = NumberFormat.labels(multiples: ks, mantissa: mantissa, exponent: exponent,
                                                       lower: r.lower, upper: r.upper)
        return Ticks(major: major, labels: labels, minor: minor, annotation: annotation)
    }

    /// Log ticks: every decade (or every k-th decade on long ranges), with 2 and 5 labelled on short ranges
    /// and 2…9 as minor ticks.
    static func log(_ r: AxisRange, maxCount: Int, minorTicks: Bool) -> Ticks {
        let a = Foundation.log10(r.lower), b = Foundation.log10(r.upper)
        let d0 = Int(floor(a + 1e-9)), d1 = Int(ceil(b - 1e-9))
        let decades = b - a
        if decades < 1.2 {
            // Less than about a decade: linear-style ticks read better.
            var t = linear(AxisRange(lower: r.lower, upper: r.upper, scale: .linear), maxCount: maxCount, minorTicks: false)
            let keep = t.major.indices.filter { t.major[$0] > 0 }
            t.major = keep.map { t.major[$0] }; t.labels = keep.map { t.labels[$0] }
            return t
        }
        var every = Swift.max(1, Int((decades / Double(Swift.max(2, maxCount) - 1)).rounded(.up)))
        // Decades labelled: the multiples of `every`; but where that would label fewer than two of the decades
        // inside the range (10⁰ alone on 0.05…20 with every = 2), the first and the last inside it.
        let inside = (d0...d1).filter {
            let v = Foundation.pow(10, Double($0))
            return v >= r.lower * (1 - 1e-9) && v <= r.upper * (1 + 1e-9)
        }
        var phase = 0
        if inside.count >= 2 && inside.filter({ $0 % every == 0 }).count < 2 {
            every = inside.count - 1
            phase = inside[0]
        }
        var major: [Double] = [], labels: [String] = [], minor: [Double] = []
        let withSubLabels = decades < 2.5 && maxCount >= 6
        for d in d0...d1 {
            let v = Foundation.pow(10, Double(d))
            if (d - phase) % every == 0 && v >= r.lower * (1 - 1e-9) && v <= r.upper * (1 + 1e-9) {
                major.append(v); labels.append(NumberFormat.powerOfTen(d))
            } else if v >= r.lower && v <= r.upper && minorTicks {
                minor.append(v)
            }
            for m in 2...9 {
                let w = Double(m) * v
                guard w >= r.lower && w <= r.upper else { continue }
                if withSubLabels && (m == 2 || m == 5) {
                    major.append(w); labels.append(NumberFormat.plain(Double(m), exponent: d))
                } else if minorTicks && every == 1 {
                    minor.append(w)
                }
            }
        }
        let order = major.indices.sorted { major[$0] < major[$1] }
        return Ticks(major: order.map { major[$0] }, labels: order.map { labels[$0] }, minor: minor, annotation: "")
    }

    static func ticks(_ r: AxisRange, maxCount: Int, minorTicks: Bool) -> Ticks {
        r.scale == .log ? log(r, maxCount: maxCount, minorTicks: minorTicks)
                        : linear(r, maxCount: maxCount, minorTicks: minorTicks)
    }
}

/// Number formatting for tick labels: a true minus sign (U+2212), no float noise, and a common
/// ×10ⁿ factor or offset for huge, tiny or narrow ranges.
public enum NumberFormat {
    static let minus = "\u{2212}"

    /// Replaces ASCII hyphen-minus by U+2212 and removes the sign of zero.
    static func typographic(_ s: String) -> String {
        var t = s
        if t.hasPrefix("-") {
            t.removeFirst()
            if t.allSatisfy({ $0 == "0" || $0 == "." }) { return t }
            t = minus + t
        }
        return t
    }

    /// `10` with a superscript exponent, e.g. 10⁻³.
    static func powerOfTen(_ d: Int) -> String { "10" + superscript(d) }

    static func superscript(_ d: Int) -> String {
        let map: [Character: String] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶",
                                        "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        return String(d).map { map[$0] ?? String($0) }.joined()
    }

    /// `m × 10^e` written plainly when reasonable (0.002, 20, 5000), otherwise as 2×10⁻⁶.
    static func plain(_ m: Double, exponent e: Int) -> String {
        if e >= -3 && e <= 4 { return typographic(String(format: "%.*f", Swift.max(0, -e), m * Foundation.pow(10, Double(e)))) }
        return typographic(String(format: "%g", m)) + "×" + powerOfTen(e)
    }

    /// A short, noise-free rendering of a single value (for annotations and colour bars), e.g. 0.3, −1.5, 2×10⁶.
    public static func format(_ v: Double, significant: Int = 4) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "∞" : minus + "∞") }
        if v == 0 { return "0" }
        let e = Int(floor(Foundation.log10(abs(v))))
        if e >= 5 || e <= -4 {
            let m = v / Foundation.pow(10, Double(e))
            var s = String(format: "%.*g", significant, m)
            if s == "10" { s = "1"; return typographic(s) + "×" + powerOfTen(e + 1) }
            return typographic(s) + "×" + powerOfTen(e)
        }
        return typographic(String(format: "%.*g", significant, v))
    }

    /// `String(format: "%.*f", decimals, v)` without Foundation's formatter, for tick values: when v·10^decimals lies
    /// within 0.25 of a whole number n below 2⁵⁰ (a tick k·step always does, up to float noise), the exact product is
    /// within 0.25 + ½ ulp < 0.5 of n, so printf's correctly rounded output is n's digits with a point before the
    /// last `decimals`, signed as v (printf writes −0.0 too). Anything else is left to `String(format:)`. Tick labels
    /// are formatted hundreds of times per figure (every candidate tick count of every layout pass), enough for
    /// Foundation's formatter to show in a PNG render (measured: docs/performance.md).
    static func fixed(_ v: Double, decimals: Int) -> String {
        guard decimals >= 0, decimals <= 15, v.isFinite else { return String(format: "%.*f", decimals, v) }
        let x = abs(v) * Foundation.pow(10, Double(decimals))   // 10^d is exact up to d = 22
        let n = x.rounded()
        guard n < 0x1p50, abs(x - n) < 0.25 else { return String(format: "%.*f", decimals, v) }
        var digits = Array(String(UInt64(n)).utf8)
        if digits.count <= decimals {
            digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimals + 1 - digits.count), at: 0)
        }
        if decimals > 0 { digits.insert(UInt8(ascii: "."), at: digits.count - decimals) }
        if v.sign == .minus { digits.insert(UInt8(ascii: "-"), at: 0) }
        return String(decoding: digits, as: UTF8.self)
    }

    /// Labels for ticks at `k × mantissa × 10^exponent`.
    static func labels(multiples ks: [Int64], mantissa: Double, exponent: Int, lower: Double, upper: Double)
        -> (labels: [String], annotation: String) {
        let step = mantissa * Foundation.pow(10, Double(exponent))
        let magnitude = Swift.max(abs(lower), abs(upper))
        // Offset when the span is tiny compared with the values (e.g. 1 ± 1e-12).
        var offset = 0.0
        var offsetText = ""
        if magnitude > 0 && (upper - lower) / magnitude < 1e-3, let k0 = ks.first {
            let unit = Foundation.pow(10, Double(exponent + 2))
            offset = ((Double(k0) * step) / unit).rounded(.down) * unit
            let offsetExponent = offset == 0 ? 0 : Int(floor(Foundation.log10(abs(offset))))
            let digits = Swift.max(0, offsetExponent - (exponent + 2))
            let o = offset / Foundation.pow(10, Double(offsetExponent))
            offsetText = offsetExponent >= -3 && offsetExponent <= 4
                ? typographic(String(format: "%.*f", Swift.max(0, -(exponent + 2)), offset))
                : typographic(String(format: "%.*f", Swift.min(15, digits), o)) + "×" + powerOfTen(offsetExponent)
        }
        // Residual values r = k·step − offset, exactly representable as integer multiples.
        let residual = ks.map { Double($0) * step - offset }
        let rmax = residual.map(abs).max() ?? 0
        var factorExponent = 0
        if rmax > 0 {
            let e = Int(floor(Foundation.log10(rmax) + 1e-9))
            if e >= 5 || exponent <= -4 { factorExponent = e >= 5 ? e : exponent + (mantissa == 1 ? 0 : 0) }
            if exponent <= -4 { factorExponent = Int(floor(Foundation.log10(rmax) + 1e-9)) }
        }
        let decimals = Swift.max(0, factorExponent - exponent)
        let scaled = Foundation.pow(10, Double(factorExponent))
        let labels = ks.map { k -> String in
            let r = (Double(k) * step - offset) / scaled
            return typographic(fixed(r, decimals: decimals))
        }
        var annotation = ""
        if factorExponent != 0 { annotation = "×" + powerOfTen(factorExponent) }
        if !offsetText.isEmpty {
            let sign = offset < 0 ? " " + minus + " " : " + "
            let body = offsetText.hasPrefix(minus) ? String(offsetText.dropFirst()) : offsetText
            annotation = (annotation.isEmpty ? "" : annotation) + sign + body
            annotation = annotation.trimmingCharacters(in: .whitespaces)
        }
        return (labels, annotation)
    }
}
