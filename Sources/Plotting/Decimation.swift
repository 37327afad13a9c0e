/// Per-pixel-column decimation: within each run of consecutive points falling in the same 0.5 pt column,
/// keep the first, minimum, maximum and last point (in index order), so the drawn line looks identical at 2×
/// while a 1,000,000-point series becomes a few thousand vertices. Non-finite points split the line.
enum Decimation {
    static func segments(x: [Double], y: [Double], map: (Double, Double) -> Point, column: Double = 0.5) -> [[Point]] {
        var out: [[Point]] = []
        var current: [Point] = []
        let n = min(x.count, y.count)
        var col = Int.min
        var first = Point(x: 0, y: 0), lo = first, hi = first, last = first
        var loI = 0, hiI = 0, count = 0
        func flush() {
            guard count > 0 else { return }
            current.append(first)
            if count > 1 {
                let mid = loI <= hiI ? [lo, hi] : [hi, lo]
                for p in mid where p != first && p != last { current.append(p) }
                current.append(last)
            }
            count = 0
        }
        for i in 0..<n {
            let p = map(x[i], y[i])
            guard p.x.isFinite, p.y.isFinite else {
                flush(); if current.count > 0 { out.append(current); current = [] }
                col = Int.min
                continue
            }
            let c = Int((p.x / column).rounded(.down))
            if c != col || count == 0 {
                flush(); col = c
                first = p; lo = p; hi = p; last = p; loI = i; hiI = i; count = 1
            } else {
                if p.y < lo.y { lo = p; loI = i }
                if p.y > hi.y { hi = p; hiI = i }
                last = p; count += 1
            }
        }
        flush()
        if !current.isEmpty { out.append(current) }
        return out
    }
}
