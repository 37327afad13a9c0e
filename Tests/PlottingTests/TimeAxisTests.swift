import Core
import XCTest
@testable import Plotting

final class TimeAxisTests: XCTestCase {
    // MARK: civil dates

    func testCivilDatesRoundTripAcrossLeapYearsAndTheEpoch() {
        XCTAssertEqual(CivilDate(daysSinceEpoch: 0), CivilDate(year: 1970, month: 1, day: 1))
        XCTAssertEqual(CivilDate(year: 2014, month: 2, day: 19).daysSinceEpoch, 16_120)
        XCTAssertEqual(CivilDate(daysSinceEpoch: 11_016), CivilDate(year: 2000, month: 2, day: 29))
        for d in stride(from: -800, to: 30_000, by: 37) {
            XCTAssertEqual(CivilDate(daysSinceEpoch: d).daysSinceEpoch, d)
        }
    }

    // MARK: ticks

    func testTwoWeeksGetMidnightTicksLabelledAsDays() {
        let start = Double(CivilDate(year: 2014, month: 2, day: 14).daysSinceEpoch) * 86_400 + 3600 * 5
        let ticks = TickGenerator.time(AxisRange(lower: start, upper: start + 14 * 86_400, scale: .linear), maxCount: 8)
        XCTAssertFalse(ticks.major.isEmpty)
        for t in ticks.major { XCTAssertEqual(t.truncatingRemainder(dividingBy: 86_400), 0, "ticks at midnight UTC") }
        XCTAssertEqual(ticks.labels.first, "Feb 15")
        XCTAssertLessThanOrEqual(ticks.major.count, 8)
        XCTAssertEqual(ticks.annotation, "2014 UTC")
    }

    func testHoursAreClockTimesAndMidnightNamesTheDay() {
        let midnight = Double(CivilDate(year: 2014, month: 2, day: 22).daysSinceEpoch) * 86_400
        let ticks = TickGenerator.time(AxisRange(lower: midnight - 5 * 3600, upper: midnight + 7 * 3600, scale: .linear), maxCount: 5)
        XCTAssertTrue(ticks.labels.contains("Feb 22 00:00"), "\(ticks.labels)")
        XCTAssertTrue(ticks.labels.contains("06:00"), "\(ticks.labels)")
    }

    func testYearsOfDataGetMonthTicks() {
        let a = Double(CivilDate(year: 2013, month: 11, day: 3).daysSinceEpoch) * 86_400
        let b = Double(CivilDate(year: 2015, month: 6, day: 1).daysSinceEpoch) * 86_400
        let ticks = TickGenerator.time(AxisRange(lower: a, upper: b, scale: .linear), maxCount: 8)
        XCTAssertTrue(ticks.labels.allSatisfy { $0.count == 7 && $0.hasPrefix("201") }, "\(ticks.labels)")
        XCTAssertEqual(ticks.annotation, "2013–2015 UTC")
    }

    func testTheAnnotationNamesTheYearsOfTheDataNotOfTheAxisPadding() {
        // A day of data from 2026-01-01 00:00: the padded axis starts in 2025 but no point lies there.
        let start = Double(CivilDate(year: 2026, month: 1, day: 1).daysSinceEpoch) * 86_400
        let axis = AxisRange(lower: start - 1800, upper: start + 86_400 + 1800, scale: .linear)
        XCTAssertEqual(TickGenerator.time(axis, maxCount: 6).annotation, "2025–2026 UTC", "the axis alone spans both")
        XCTAssertEqual(TickGenerator.time(axis, maxCount: 6, shown: start...(start + 86_400)).annotation, "2026 UTC")
        // Data that does start in 2025 still names both years.
        XCTAssertEqual(TickGenerator.time(axis, maxCount: 6, shown: (start - 60)...(start + 86_400)).annotation,
                       "2025–2026 UTC")
    }

    func testAFigureOfOneDayNamesOnlyItsYear() {
        let start = Double(CivilDate(year: 2026, month: 1, day: 1).daysSinceEpoch) * 86_400
        var figure = Figure()
        figure.panels[0].xIsTime = true
        let x = (0...288).map { start + Double($0) * 300 }
        figure.panels[0].add(.line(x: x, y: x.map { sin($0 / 3600) }, label: "series"))
        let layout = figure.layout(using: RecordingRenderer.withFontMetrics())
        XCTAssertEqual(layout.panels[0].xTicks.annotation, "2026 UTC")
    }
}
