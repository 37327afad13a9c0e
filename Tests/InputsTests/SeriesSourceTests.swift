import Foundation
import Inputs
import TestSupport
import XCTest

/// The series source: the head check up front, then the series with its labels resolved, notes and warnings.
final class SeriesSourceTests: XCTestCase {
    private var dir: FixtureDirectory!

    override func setUp() { dir = FixtureDirectory() }
    override func tearDown() { dir = nil }

    func testTheCheckFindsAMissingColumnAndAnUnreadableLabelsFile() throws {
        let path = dir.write("cpu.csv", nabSeriesCSV(rows: 30))
        try SeriesSource(path: path).check()
        assertInputError(try SeriesSource(path: path, column: "load").check(), file: "cpu.csv", line: 1,
                         contains: ["no value column \"load\""])
        assertInputError(try SeriesSource(path: path, labels: dir.url.appendingPathComponent("w.json").path).check(),
                         file: "w.json", contains: ["file not found"])
    }

    func testLabelWindowsReplaceTheLabelColumnWithANoteAndClippingIsAWarning() throws {
        let path = dir.write("cpu.csv", nabSeriesCSV(rows: 30, anomalies: [1]))
        let windows = dir.write("w.json", "[[3, 4], [28, 40]]")
        let loaded = try SeriesSource(path: path, labels: windows).load()
        XCTAssertEqual(loaded.series.values.count, 30)
        XCTAssertEqual(loaded.labels?.enumerated().filter(\.element).map(\.offset), [3, 4, 28, 29])
        XCTAssertEqual(loaded.warnings.count, 1)
        XCTAssertTrue(loaded.warnings[0].contains("clipped to points 28…29"), loaded.warnings[0])
        XCTAssertEqual(loaded.notes, ["Warning: \(loaded.warnings[0]).",
                                      "Ground truth from w.json (the label column of the series was ignored)."])
    }

    func testMissingValuesHandledAreANote() throws {
        var text = "value\n"
        for k in 0..<30 { text += k == 7 ? "\n\"\"\n" : "\(k)\n" }
        let loaded = try SeriesSource(path: dir.write("gap.csv", text), missing: .interpolate).load()
        XCTAssertEqual(loaded.series.values[7], 7)
        XCTAssertNil(loaded.labels)
        XCTAssertEqual(loaded.notes, ["1 missing or non-numeric values were handled by the missing-value policy interpolate."])
    }

    func testTooShortASeriesIsNamed() {
        assertInputError(try SeriesSource(path: dir.write("s.csv", nabSeriesCSV(rows: 30)), minimumLength: 40).load(),
                         file: "s.csv", contains: ["at least 40 are needed"])
    }
}
