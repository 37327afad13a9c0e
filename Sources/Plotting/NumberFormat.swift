import Foundation

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
