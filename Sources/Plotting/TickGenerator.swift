import Foundation

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
