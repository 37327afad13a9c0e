import Foundation
import Inputs

/// A tiny benchmark harness: runs a closure several times, reports the median wall time
/// beside its budget. Budgets come from docs/performance.md; the machine is shared and noisy, so medians only.
struct BenchHarness {
    struct Row {
        var name: String
        var median: Double
        var budget: Double?
        var unit: String
        var note: String
    }
    private(set) var rows: [Row] = []

    /// Times `body` `repeats` times (after one warm-up when `warmUp`), prints and records the median.
    mutating func measure(_ name: String, budgetSeconds: Double?, repeats: Int = 5, warmUp: Bool = true,
                          note: String = "", _ body: () throws -> Void) rethrows {
        if warmUp { try body() }
        var times: [Double] = []
        for _ in 0..<max(1, repeats) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try body()
            let t1 = DispatchTime.now().uptimeNanoseconds
            times.append(Double(t1 - t0) / 1e9)
        }
        times.sort()
        let median = times[times.count / 2]
        record(name, value: median, budget: budgetSeconds, unit: "s", note: note)
    }

    /// Records a value measured elsewhere (a size, a peak memory, a single long run).
    mutating func record(_ name: String, value: Double, budget: Double?, unit: String, note: String = "") {
        let row = Row(name: name, median: value, budget: budget, unit: unit, note: note)
        rows.append(row)
        print(BenchHarness.format(row))
        fflush(nil)
    }

    static func format(_ r: Row) -> String {
        func show(_ v: Double) -> String {
            switch r.unit {
            case "s":
                return v < 1 ? String(format: "%8.2f ms", v * 1000) : String(format: "%8.3f s ", v)
            case "MB":
                return String(format: "%8.1f MB", v)
            default:
                return String(format: "%8.3f %@", v, r.unit)
            }
        }
        let name = r.name.padding(toLength: 58, withPad: " ", startingAt: 0)
        guard let budget = r.budget else { return "\(name) \(show(r.median))                       \(r.note)" }
        let verdict = r.median <= budget ? "ok  " : "OVER"
        return "\(name) \(show(r.median))  budget \(show(budget))  \(verdict) \(r.note)"
    }
}
