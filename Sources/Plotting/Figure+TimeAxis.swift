import Core
import Foundation

// A time axis: x values are seconds since 1970-01-01 00:00 UTC (`Panel.xIsTime`), ticks fall on round
// calendar instants (minutes, hours, days, weeks, months, years, in UTC) and read as dates and clock times.

/// One step of a time axis.
struct TimeStep: Sendable {
    enum Unit: Sendable { case seconds, months }
    var unit: Unit
    /// Seconds (unit `.seconds`) or months (unit `.months`).
    var count: Int

    /// Steps from a minute to a decade, each a round multiple of the one before.
    static let all: [TimeStep] = [60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 2 * 86_400,
                                  7 * 86_400, 14 * 86_400].map { TimeStep(unit: .seconds, count: $0) }
        + [1, 3, 6, 12, 24, 60, 120].map { TimeStep(unit: .months, count: $0) }

    /// Approximate length in seconds (months as 30.44 days), to choose a step.
    var seconds: Double { unit == .seconds ? Double(count) : Double(count) * 30.436875 * 86_400 }
}

/// Month names for the time axis.
extension CivilDate {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

extension TickGenerator {
    /// Time ticks over `r` (seconds since the epoch, UTC): the finest calendar step giving at most `maxCount`
    /// ticks. Labels: `2014-02` for steps of months, `Feb 19` for days, `10:00` for clock times with the date
    /// (`Feb 19`) at midnight; the first tick always names its date, and the axis annotation names the year(s)
    /// of `shown`, the instants the panel draws (its data within the axis; the whole axis when nil), so that
    /// the axis' padding does not name a year no point lies in.
    static func time(_ r: AxisRange, maxCount: Int, shown: ClosedRange<Double>? = nil) -> Ticks {
        let span = r.upper - r.lower
        guard span > 0, span.isFinite, abs(r.lower) < 1e13, abs(r.upper) < 1e13 else {
            return Ticks(major: [], labels: [], minor: [], annotation: "")
        }
        let n = Swift.max(2, maxCount)
        let step = TimeStep.all.first { span / $0.seconds <= Double(n - 1) } ?? TimeStep.all[TimeStep.all.count - 1]
        var major: [Double] = []
        switch step.unit {
        case .seconds:
            // Weeks start on Monday (1970-01-05); shorter steps align to the epoch, so to midnight UTC.
            let origin = step.count % (7 * 86_400) == 0 ? 4.0 * 86_400 : 0
            let s = Double(step.count)
            var k = ((r.lower - origin) / s).rounded(.up)
            while origin + k * s <= r.upper + 1e-6 * s { major.append(origin + k * s); k += 1 }
        case .months:
            let first = CivilDate(daysSinceEpoch: Int((r.lower / 86_400).rounded(.down)))
            var index = first.year * 12 + first.month - 1
            index = (index / step.count) * step.count
            while true {
                let d = CivilDate(year: index / 12, month: index % 12 + 1, day: 1)
                let t = Double(d.daysSinceEpoch) * 86_400
                if t > r.upper { break }
                if t >= r.lower { major.append(t) }
                index += step.count
            }
        }
        var labels: [String] = []
        for (i, t) in major.enumerated() {
            let days = Int((t / 86_400).rounded(.down))
            let date = CivilDate(daysSinceEpoch: days)
            let secondOfDay = Int(t - Double(days) * 86_400)
            let dayText = "\(CivilDate.monthNames[date.month - 1]) \(date.day)"
            switch step.unit {
            case .months:
                labels.append(step.count >= 12 ? "\(date.year)" : "\(date.year)-\(date.month < 10 ? "0" : "")\(date.month)")
            case .seconds where step.count >= 86_400:
                labels.append(dayText)
            case .seconds:
                let clock = String(format: "%02d:%02d", secondOfDay / 3600, secondOfDay % 3600 / 60)
                labels.append(secondOfDay == 0 || i == 0 ? "\(dayText) \(clock)" : clock)
            }
        }
        // The years of what is shown (a tick-less end still names its year).
        let lower = Swift.max(r.lower, shown?.lowerBound ?? r.lower)
        let upper = Swift.max(lower, Swift.min(r.upper, shown?.upperBound ?? r.upper))
        let firstYear = CivilDate(daysSinceEpoch: Int((lower / 86_400).rounded(.down))).year
        let lastYear = CivilDate(daysSinceEpoch: Int((upper / 86_400).rounded(.down))).year
        let annotation = step.unit == .months && step.count >= 12 ? "UTC"
            : (firstYear != lastYear ? "\(firstYear)–\(lastYear) UTC" : "\(firstYear) UTC")
        return Ticks(major: major, labels: labels, minor: [], annotation: annotation)
    }
}

extension Figure {
    /// The most time ticks whose labels do not crowd a horizontal axis of `length` points; the annotation names
    /// the years of `shown` (the panel's data).
    func horizontalTimeTicks(_ r: AxisRange, length: Double, shown: ClosedRange<Double>?, renderer: Renderer) -> Ticks {
        let size = theme.tickLabelSize
        var count = Swift.max(2, Swift.min(10, Int(length / (5.5 * size)) + 1))
        while true {
            let ticks = TickGenerator.time(r, maxCount: count, shown: shown)
            if count <= 2 { return ticks }
            let pos = ticks.major.map { r.fraction($0) * length }
            let w = ticks.labels.map { renderer.measure($0, size: size).width }
            let crowded = pos.indices.dropFirst().contains { pos[$0] - pos[$0 - 1] < (w[$0] + w[$0 - 1]) / 2 + 0.8 * size }
            if !crowded { return ticks }
            count -= 1
        }
    }
}
