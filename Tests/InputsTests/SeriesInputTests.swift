import XCTest
@testable import Inputs
import TestSupport

final class SeriesInputTests: XCTestCase {
    private var dir: FixtureDirectory!

    override func setUp() { dir = FixtureDirectory() }
    override func tearDown() { dir = nil }

    // MARK: - Happy paths

    func testSeriesWithTimestampAndLabelColumnsParsesDates() throws {
        let path = dir.write("cpu.csv", nabSeriesCSV(rows: 30, anomalies: [3, 4]))
        let s = try SeriesInput.read(path: path)
        XCTAssertEqual(s.name, "cpu.csv")
        XCTAssertEqual(s.values.count, 30)
        XCTAssertEqual(s.values[2], 2.5)
        XCTAssertEqual(s.timestamps?.first, "2014-02-19 10:50:00")
        XCTAssertEqual(s.dates?.first, 1_392_807_000)
        XCTAssertEqual(s.dates?[1], 1_392_807_300)
        XCTAssertEqual(s.labels?.enumerated().filter(\.element).map(\.offset), [3, 4])
        XCTAssertEqual(s.lines.first, 2)
    }

    func testIsAnomalyColumnAndUserChosenValueColumnAreUsed() throws {
        var text = "load,is_anomaly\n"
        for k in 0..<26 { text += "\(k),\(k == 5 ? 1 : 0)\n" }
        let s = try SeriesInput.read(path: dir.write("m.csv", text), name: "Load", column: "load")
        XCTAssertEqual(s.name, "Load")
        XCTAssertEqual(s.valueColumn, "load")
        XCTAssertEqual(s.labels?[5], true)
        XCTAssertNil(s.timestamps)
        XCTAssertNil(s.dates)
    }

    func testUnparseableTimestampsAreKeptAsTextWithoutDates() throws {
        var text = "timestamp,value\n"
        for k in 0..<26 { text += "t\(k),\(k)\n" }
        let s = try SeriesInput.read(path: dir.write("m.csv", text))
        XCTAssertEqual(s.timestamps?.count, 26)
        XCTAssertNil(s.dates)
    }

    // MARK: - Missing values

    private func gappySeries() -> String {
        var text = "value\n"
        let cells = ["", "2", "", "", "8", "x"] + (0..<24).map { _ in "1" } + [""]
        for c in cells { text += "\(c)\n" }
        return text
    }

    func testMissingValueIsAnErrorByDefault() {
        let path = dir.write("gaps.csv", "value\n" + (0..<30).map { "\($0)" }.joined(separator: "\n").replacingOccurrences(of: "\n7\n", with: "\nabc\n"))
        assertInputError(try SeriesInput.read(path: path), file: "gaps.csv", line: 9, contains: ["\"abc\" is not a finite number", "drop or interpolate"])
    }

    func testDropPolicyRemovesMissingRows() throws {
        // Blank lines are skipped by the tokenizer; write the gaps as quoted empty cells so they count.
        let text = gappySeries().replacingOccurrences(of: "\n\n", with: "\n\"\"\n").replacingOccurrences(of: "value\n\n", with: "value\n\"\"\n")
        let s = try SeriesInput.read(path: dir.write("gaps.csv", text + "\"\"\n"), missing: .drop)
        XCTAssertEqual(Array(s.values.prefix(3)), [2, 8, 1])
        XCTAssertGreaterThan(s.missingCount, 0)
        XCTAssertEqual(s.values.count, s.lines.count)
    }

    func testInterpolatePolicyFillsGapsLinearlyAndEndsWithNearestValue() throws {
        let text = "timestamp,value\n" + ["", "2", "", "", "8", "nan"].enumerated().map { "t\($0.offset),\($0.element)" }.joined(separator: "\n") + "\n"
        let s = try SeriesInput.read(path: dir.write("gaps.csv", text), missing: .interpolate, minimumLength: 1)
        XCTAssertEqual(s.values, [2, 2, 4, 6, 8, 8])
        XCTAssertEqual(s.missingCount, 4)
    }

    func testAllMissingIsAnErrorUnderEveryPolicy() {
        let text = "t,value\n" + (0..<30).map { "\($0)," }.joined(separator: "\n")
        let path = dir.write("void.csv", text)
        assertInputError(try SeriesInput.read(path: path, missing: .interpolate), file: "void.csv", contains: ["every value is missing"])
        assertInputError(try SeriesInput.read(path: path, missing: .drop), file: "void.csv", contains: ["every value is missing"])
    }

    // MARK: - Errors

    func testMissingValueColumnListsTheColumnsFound() {
        let path = dir.write("m.csv", "timestamp,cpu\n1,2\n")
        assertInputError(try SeriesInput.read(path: path), file: "m.csv", line: 1, contains: ["no value column \"value\"", "\"timestamp\", \"cpu\""])
        assertInputError(try SeriesInput.read(path: path, column: "load"), file: "m.csv", line: 1, contains: ["\"load\""])
    }

    func testSeriesShorterThanTheMinimumIsRefused() {
        let path = dir.write("short.csv", "value\n" + (0..<25).map(String.init).joined(separator: "\n"))
        assertInputError(try SeriesInput.read(path: path), file: "short.csv", contains: ["25 values", "at least 26"])
    }

    func testBadLabelCellNamesItsLine() {
        let path = dir.write("m.csv", "value,label\n1,0\n2,yes\n")
        assertInputError(try SeriesInput.read(path: path, minimumLength: 1), file: "m.csv", line: 3, contains: ["label must be 0 or 1", "\"yes\""])
    }

    func testHeaderOnlySeriesIsRefused() {
        assertInputError(try SeriesInput.read(path: dir.write("m.csv", "value\n")), file: "m.csv", line: 1, contains: ["no values"])
    }
}
