#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Core

/// The notebook's toy series (docs/methods/mcem.md).
public struct ToySeries: Sendable, Equatable {
    public var values: [Double]
    /// True exactly at the modified points.
    public var labels: [Bool]
    /// Indices of the single-point anomalies (+2), ascending.
    public var pointAnomalies: [Int]
    /// The block anomaly (−2).
    public var block: Range<Int>

    /// y_t = 0.4 cos(t/10) + N(0, (1/15)²); `points` distinct random points get +2 and `block` gets −2.
    /// The random points are drawn outside the block, so that no point is modified twice (a +2 and a −2
    /// would cancel) and the ground truth is exactly the modified points: 30 + 20 = 50 of 1000 by default.
    public static func make(seed: UInt64, length: Int = 1000, points: Int = 30, block: Range<Int> = 250..<270) -> ToySeries {
        var g = SeededGenerator(seed: seed)
        var y = (0..<length).map { t in 0.4 * cos(Double(t) / 10) + g.normal() / 15 }
        let block = block.clamped(to: 0..<length)
        let outside = (0..<length).filter { !block.contains($0) }
        let chosen = g.sample(min(points, outside.count), from: outside.count).map { outside[$0] }.sorted()
        var labels = [Bool](repeating: false, count: length)
        for t in chosen { y[t] += 2; labels[t] = true }
        for t in block { y[t] -= 2; labels[t] = true }
        return ToySeries(values: y, labels: labels, pointAnomalies: chosen, block: block)
    }
}
