import Foundation

/// The overview's per-input sparkline: the score trend as a tiny inline SVG (no file, no script), so a
/// thousand-row table stays small (about 300 bytes a row) and reads in a self-contained page too.
enum Sparkline {
    /// Values kept per input.
    static let points = 60
    static let width = 120.0
    static let height = 22.0

    /// Max-pools `values` into at most `points` buckets (non-finite values are skipped): a single high
    /// score survives, where averaging or sampling would hide the one bad run the shift looks for.
    static func pooled(_ values: [Double]) -> [Double] {
        let finite = values.count
        guard finite > points else { return values.filter(\.isFinite) }
        var out: [Double] = []
        out.reserveCapacity(points)
        for b in 0..<points {
            let lo = b * finite / points, hi = max(lo + 1, (b + 1) * finite / points)
            var m = -Double.infinity
            for v in values[lo..<hi] where v.isFinite && v > m { m = v }
            if m.isFinite { out.append(m) }
        }
        return out
    }

    /// An inline SVG of the trend with the threshold as a dashed line; points above it in the alert colour.
    /// Coordinates are rounded to 0.1 px. Empty for fewer than two values.
    static func svg(_ values: [Double], threshold: Double?, label: String) -> String {
        guard values.count >= 2 else { return "" }
        var lo = values.min()!, hi = values.max()!
        if let threshold, threshold.isFinite { lo = min(lo, threshold); hi = max(hi, threshold) }
        if hi - lo < 1e-12 { hi = lo + 1 }
        let pad = 2.0
        func x(_ i: Int) -> Double { pad + (width - 2 * pad) * Double(i) / Double(values.count - 1) }
        func y(_ v: Double) -> Double { pad + (height - 2 * pad) * (1 - (v - lo) / (hi - lo)) }
        func f(_ v: Double) -> String {
            let r = (v * 10).rounded() / 10
            return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
        }
        var d = "M\(f(x(0))) \(f(y(values[0])))"
        for i in 1..<values.count { d += "L\(f(x(i))) \(f(y(values[i])))" }
        var s = "<svg class=\"spark\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(XMLEscaping.escape(label))\">"
        if let threshold, threshold.isFinite {
            s += "<path class=\"thr\" d=\"M0 \(f(y(threshold)))H\(Int(width))\"/>"
        }
        s += "<path d=\"\(d)\"/>"
        if let threshold, threshold.isFinite {
            // The highest few points above the threshold, marked (a cap keeps a row small when many are).
            let above = values.indices.filter { values[$0] > threshold }.sorted { values[$0] > values[$1] }.prefix(8)
            for i in above.sorted() {
                s += "<circle cx=\"\(f(x(i)))\" cy=\"\(f(y(values[i])))\" r=\"1.6\"/>"
            }
        }
        return s + "</svg>"
    }
}
