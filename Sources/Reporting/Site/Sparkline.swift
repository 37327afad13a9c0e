import Foundation

/// The overview's per-input sparkline: the score trend as a tiny inline SVG (no file, no script), so a
/// thousand-row table stays small (about 300 bytes a row) and reads in a self-contained page too.
enum Sparkline {
    /// Values kept per input: one every 2 px of a 96 px wide line.
    static let points = 48
    static let width = 96
    static let height = 20

    /// Max-pools `values` into at most `points` buckets (non-finite values are skipped): a single high
    /// score survives, where averaging or sampling would hide the one bad run the shift looks for.
    static func pooled(_ values: [Double]) -> [Double] {
        let n = values.count
        guard n > points else { return values.filter(\.isFinite) }
        var out: [Double] = []
        out.reserveCapacity(points)
        for b in 0..<points {
            let lo = b * n / points, hi = max(lo + 1, (b + 1) * n / points)
            var m = -Double.infinity
            for v in values[lo..<hi] where v.isFinite && v > m { m = v }
            if m.isFinite { out.append(m) }
        }
        return out
    }

    /// An inline SVG of the trend, with the threshold as a dashed line and the highest few points above it
    /// marked. Whole-pixel coordinates and no text keep it near 400 bytes, so a table of a thousand inputs stays
    /// well under a megabyte; the row names the input, so the picture is marked decorative for screen readers.
    /// Empty for fewer than two values.
    static func svg(_ values: [Double], threshold: Double?) -> String {
        guard values.count >= 2 else { return "" }
        var lo = values.min()!, hi = values.max()!
        if let threshold, threshold.isFinite { lo = min(lo, threshold); hi = max(hi, threshold) }
        if hi - lo < 1e-12 { hi = lo + 1 }
        func x(_ i: Int) -> Int { Int((Double(width - 2) * Double(i) / Double(values.count - 1)).rounded()) + 1 }
        func y(_ v: Double) -> Int { Int((Double(height - 4) * (1 - (v - lo) / (hi - lo))).rounded()) + 2 }
        var d = "M\(x(0)) \(y(values[0]))"
        for i in 1..<values.count { d += "L\(x(i)) \(y(values[i]))" }
        var s = "<svg class=\"spark\" viewBox=\"0 0 \(width) \(height)\" aria-hidden=\"true\">"
        if let threshold, threshold.isFinite {
            s += "<path class=\"thr\" d=\"M0 \(y(threshold))H\(width)\"/>"
        }
        s += "<path d=\"\(d)\"/>"
        if let threshold, threshold.isFinite {
            // The highest three points above the threshold (a cap keeps a row small when many are).
            let above = values.indices.filter { values[$0] > threshold }.sorted { values[$0] > values[$1] }.prefix(3)
            for i in above.sorted() { s += "<circle cx=\"\(x(i))\" cy=\"\(y(values[i]))\" r=\"2\"/>" }
        }
        return s + "</svg>"
    }
}
