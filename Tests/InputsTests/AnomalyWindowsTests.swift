import XCTest
@testable import Inputs
import TestSupport

final class AnomalyWindowsTests: XCTestCase {
    private var dir: FixtureDirectory!
    private var series: SeriesInput!
    private var seriesPath: String!

    override func setUpWithError() throws {
        dir = FixtureDirectory()
        // 40 points, 10:50 to 14:05 on 2014-02-19, every 5 minutes.
        seriesPath = dir.write("nyc_taxi.csv", nabSeriesCSV(rows: 40))
        series = try SeriesInput.read(path: seriesPath)
    }

    override func tearDown() { dir = nil }

    // MARK: - Forms

    func testNABFormWithNABTimestampsComparesAsTimes() throws {
        let path = dir.write("labels.json", """
        {"realKnownCause/other.csv": [],
         "realKnownCause/nyc_taxi.csv": [["2014-02-19 11:00:00.000000", "2014-02-19 11:09:59.000000"],
                                         ["2014-02-19T13:00:00Z", "2014-02-19T13:05:00Z"]]}
        """)
        let windows = try AnomalyWindows.read(path: path, seriesFile: seriesPath, series: series)
        XCTAssertEqual(windows, [2...3, 26...27])
        let labels = try AnomalyWindows.labels(path: path, seriesFile: seriesPath, series: series)
        XCTAssertEqual(labels.enumerated().filter(\.element).map(\.offset), [2, 3, 26, 27])
    }

    func testTimeZoneOffsetsAreHonoured() throws {
        let path = dir.write("labels.json", #"[["2014-02-19T12:00:00+01:00", "2014-02-19T12:00:00+01:00"]]"#)
        XCTAssertEqual(try AnomalyWindows.read(path: path, seriesFile: seriesPath, series: series), [2...2])
    }

    func testIndexWindowsAreInclusive() throws {
        let path = dir.write("labels.json", "[[0, 1], [5, 5], [\"7\", \"9\"]]")
        XCTAssertEqual(try AnomalyWindows.read(path: path, seriesFile: seriesPath, series: series), [0...1, 5...5, 7...9])
    }

    // MARK: - Errors

    func testNABFormWithoutAnEntryForTheFileListsTheKeys() {
        let path = dir.write("labels.json", #"{"a/one.csv": [], "b/two.csv": []}"#)
        assertInputError(try AnomalyWindows.read(path: path, seriesFile: seriesPath, series: series),
                         file: "labels.json", contains: ["no entry for \"nyc_taxi.csv\"", "\"a/one.csv\", \"b/two.csv\""])
    }

    func testWindowPartlyOutsideTheSeriesIsClippedWithAWarningNamingIt() throws {
        let idx = dir.write("labels.json", "[[0, 1], [38, 40], [-3, 0]]")
        let r = try AnomalyWindows.resolve(path: idx, seriesFile: seriesPath, series: series)
        XCTAssertEqual(r.windows, [0...1, 38...39, 0...0])
        XCTAssertEqual(r.warnings.count, 2)
        XCTAssertTrue(r.warnings[0].hasPrefix("labels.json, [1]: window [38, 40] (indices 0…39) reaches past the series"), r.warnings[0])
        XCTAssertTrue(r.warnings[0].contains("clipped to points 38…39"), r.warnings[0])
        let time = dir.write("t.json", #"{"x/nyc_taxi.csv": [["2014-02-19 13:50:00.000000", "2014-02-20 01:00:00.000000"]]}"#)
        let t = try AnomalyWindows.resolve(path: time, seriesFile: seriesPath, series: series)
        XCTAssertEqual(t.windows, [36...39])
        XCTAssertTrue(t.warnings.first?.contains("t.json, x/nyc_taxi.csv[0]: window [2014-02-19 13:50:00.000000, 2014-02-20 01:00:00.000000]") ?? false,
                      "\(t.warnings)")
    }

    func testWindowWhollyOutsideTheSeriesIsDroppedWithAWarning() throws {
        let idx = dir.write("labels.json", "[[40, 45], [2, 3]]")
        let r = try AnomalyWindows.resolve(path: idx, seriesFile: seriesPath, series: series)
        XCTAssertEqual(r.windows, [2...3])
        XCTAssertEqual(r.warnings.count, 1)
        XCTAssertTrue(r.warnings[0].hasPrefix("labels.json, [0]: window [40, 45] (indices 0…39) lies wholly outside the series"), r.warnings[0])
        XCTAssertEqual(r.labels(count: 40).enumerated().filter(\.element).map(\.offset), [2, 3])
        let later = dir.write("u.json", #"{"x/nyc_taxi.csv": [["2014-02-20 00:00:00", "2014-02-20 01:00:00"], ["2014-02-19 11:00:00", "2014-02-19 11:10:00"]]}"#)
        let t = try AnomalyWindows.resolve(path: later, seriesFile: seriesPath, series: series)
        XCTAssertEqual(t.windows, [2...4])
        XCTAssertTrue(t.warnings.first?.contains("wholly outside") ?? false, "\(t.warnings)")
    }

    /// Labels none of whose windows meet the series belong to another series: an error naming the file. An empty
    /// list says the series has no anomaly, and is fine.
    func testLabelsWhoseEveryWindowLiesOutsideTheSeriesAreRefused() throws {
        let idx = dir.write("labels.json", "[[40, 45], [100, 200]]")
        assertInputError(try AnomalyWindows.resolve(path: idx, seriesFile: seriesPath, series: series),
                         file: "labels.json", contains: ["all 2 of its windows lie wholly outside the series"])
        let time = dir.write("t.json", #"{"x/nyc_taxi.csv": [["2014-02-20 00:00:00.000000", "2014-02-20 01:00:00.000000"]]}"#)
        assertInputError(try AnomalyWindows.resolve(path: time, seriesFile: seriesPath, series: series),
                         file: "t.json", contains: ["its one window [2014-02-20 00:00:00.000000", "wholly outside the series"])
        let none = dir.write("n.json", "[]")
        XCTAssertEqual(try AnomalyWindows.resolve(path: none, seriesFile: seriesPath, series: series).labels(count: 40),
                       [Bool](repeating: false, count: 40))
    }

    func testReversedWindowIsRefused() {
        let path = dir.write("labels.json", #"[["2014-02-19 12:00:00", "2014-02-19 11:00:00"]]"#)
        assertInputError(try AnomalyWindows.read(path: path, seriesFile: seriesPath, series: series),
                         file: "labels.json", keyPath: "[0]", contains: ["reversed window"])
    }

    func testUnparseableEntriesAreRefused() {
        let text = dir.write("a.json", #"[["soon", "later"]]"#)
        assertInputError(try AnomalyWindows.read(path: text, seriesFile: seriesPath, series: series),
                         file: "a.json", keyPath: "[0][0]", contains: ["neither an index nor a timestamp"])
        let three = dir.write("b.json", "[[1, 2, 3]]")
        assertInputError(try AnomalyWindows.read(path: three, seriesFile: seriesPath, series: series),
                         file: "b.json", keyPath: "[0]", contains: ["expected a window [start, end]"])
        let mixed = dir.write("c.json", #"[[1, "2014-02-19 12:00:00"]]"#)
        assertInputError(try AnomalyWindows.read(path: mixed, seriesFile: seriesPath, series: series),
                         file: "c.json", keyPath: "[0]", contains: ["mixes an index and a timestamp"])
        let scalar = dir.write("d.json", "42")
        assertInputError(try AnomalyWindows.read(path: scalar, seriesFile: seriesPath, series: series),
                         file: "d.json", contains: ["expected an array"])
    }

    // MARK: - Timestamp parsing

    func testTimestampParsesISOAndNABForms() {
        XCTAssertEqual(Timestamp.parse("1970-01-01"), 0)
        XCTAssertEqual(Timestamp.parse("2014-02-19 10:50:00.000000"), 1_392_807_000)
        XCTAssertEqual(Timestamp.parse("2014-02-19T10:50:00Z"), 1_392_807_000)
        XCTAssertEqual(Timestamp.parse("2014-02-19T10:50:00.5+00:00"), 1_392_807_000.5)
        XCTAssertEqual(Timestamp.parse("2014-02-19T11:50-0100"), 1_392_814_200)
        XCTAssertEqual(Timestamp.parse("2000-02-29"), 951_782_400)
        XCTAssertNil(Timestamp.parse("2001-02-29"))
        XCTAssertNil(Timestamp.parse("2014-13-01"))
        XCTAssertNil(Timestamp.parse("12"))
        XCTAssertNil(Timestamp.parse("2014-02-19 10:50:00 junk"))
    }
}
