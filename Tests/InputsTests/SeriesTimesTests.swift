import XCTest
@testable import Inputs
import TestSupport

/// Time columns of series (docs/inputs.md#time-columns): found by name, read in every form, and what a step back,
/// a repeat or a cell that is not a time gives.
final class SeriesTimesTests: XCTestCase {
    private var dir: FixtureDirectory!

    override func setUp() { dir = FixtureDirectory() }
    override func tearDown() { dir = nil }

    /// 30 rows `time,value` with the given time cells (repeated from the last when fewer are given).
    private func csv(header: String = "timestamp,value", _ times: [String]) -> String {
        var text = header + "\n"
        for k in 0..<30 { text += "\(times[min(k, times.count - 1)]),\(Double(k % 5))\n" }
        return text
    }

    private func every5Minutes(_ format: (Double) -> String) -> [String] {
        (0..<30).map { format(1_392_807_000 + Double($0) * 300) }
    }

    // MARK: - Forms

    func testEachTimeFormGivesTheSameDates() throws {
        let expected = (0..<30).map { 1_392_807_000 + Double($0) * 300 }
        let forms: [(String, (Double) -> String)] = [
            ("ISO with T and Z", { Timestamp.iso8601($0) }),
            ("ISO with a space, no zone", { Timestamp.iso8601($0).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "") }),
            ("ISO with a fraction (NAB)", { Timestamp.iso8601($0).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: ".000000") }),
            ("ISO with a zone", { Timestamp.iso8601($0 + 3600).replacingOccurrences(of: "Z", with: "+01:00") }),
            ("epoch seconds", { String(Int($0)) }),
            ("epoch seconds with a fraction", { String(Int($0)) + ".0" }),
            ("epoch milliseconds", { String(Int($0) * 1000) }),
        ]
        for (what, format) in forms {
            let s = try SeriesInput.read(path: dir.write("s.csv", csv(every5Minutes(format))))
            XCTAssertEqual(s.dates, expected, what)
            XCTAssertEqual(s.times?.notes, [], what)
            XCTAssertEqual(s.times?.warnings, [], what)
        }
    }

    func testMagnitudeTellsSecondsFromMillisecondsAndSmallNumbersAreNoTimes() {
        XCTAssertEqual(Timestamp.epoch("100000000"), 100_000_000, "10⁸ s: 1973-03-03 09:46:40")
        XCTAssertEqual(Timestamp.epoch("99999999999"), 99_999_999_999, "just below 10¹¹: seconds")
        XCTAssertEqual(Timestamp.epoch("100000000000"), 100_000_000, "10¹¹: milliseconds, the same instant as 10⁸ s")
        XCTAssertEqual(Timestamp.epoch("1392807000123"), 1_392_807_000.123)
        XCTAssertNil(Timestamp.epoch("12345"), "a counter is no time")
        XCTAssertNil(Timestamp.epoch("1392807000000000"), "microseconds are not read")
        XCTAssertNil(Timestamp.epoch("-1392807000"))
        XCTAssertNil(Timestamp.epoch("1.4e9"))
        XCTAssertNil(Timestamp.epoch("1392807000."))
        XCTAssertEqual(Timestamp.seriesTime(" 2014-02-19T10:50:00Z "), 1_392_807_000)
    }

    func testISO8601OutputIsUTCWithMillisecondsOnlyWhenThereAreSome() {
        XCTAssertEqual(Timestamp.iso8601(1_392_807_000), "2014-02-19T10:50:00Z")
        XCTAssertEqual(Timestamp.iso8601(1_392_807_000.25), "2014-02-19T10:50:00.250Z")
        XCTAssertEqual(Timestamp.iso8601(0), "1970-01-01T00:00:00Z")
        XCTAssertEqual(Timestamp.iso8601(-1), "1969-12-31T23:59:59Z")
        XCTAssertEqual(Timestamp.iso8601(951_782_400), "2000-02-29T00:00:00Z")
        XCTAssertEqual(Timestamp.iso8601(.nan), "")
        for t in stride(from: -1e9, to: 4e9, by: 7_777_777.125) {
            XCTAssertEqual(Timestamp.parse(Timestamp.iso8601(t)) ?? .nan, t, accuracy: 1e-6, "round trip at \(t)")
        }
    }

    // MARK: - Which column

    func testTheColumnIsFoundByNameInAnyCaseOrNamedExplicitly() throws {
        let times = every5Minutes { String(Int($0)) }
        for header in ["Time,value", "DATE,value", "datetime,value", "value,Timestamp"] {
            let text = header.hasPrefix("value") ? csv(header: header, times).split(separator: "\n").enumerated().map { k, line in
                k == 0 ? String(line) : line.split(separator: ",").reversed().joined(separator: ",")
            }.joined(separator: "\n") : csv(header: header, times)
            let s = try SeriesInput.read(path: dir.write("s.csv", text))
            XCTAssertEqual(s.dates?.first, 1_392_807_000, header)
            XCTAssertEqual(s.times?.column, String(header.split(separator: ",").first { $0.lowercased() != "value" }!), header)
        }
        // timestamp is tried before time; --time-column picks another exactly.
        var text = "time,timestamp,when,value\n"
        for k in 0..<30 { text += "x\(k),\(1_392_807_000 + k * 300),\(1_400_000_000 + k * 60),\(k)\n" }
        let path = dir.write("m.csv", text)
        XCTAssertEqual(try SeriesInput.read(path: path).dates?.first, 1_392_807_000)
        XCTAssertEqual(try SeriesInput.read(path: path, timeColumn: "when").dates?.first, 1_400_000_000)
        assertInputError(try SeriesInput.read(path: path, timeColumn: "When"), file: "m.csv", line: 1,
                         contains: ["no time column \"When\"", "--time-column"])
        assertInputError(try InputHead.checkSeries(path: path, column: "value", timeColumn: "clock"), file: "m.csv",
                         line: 1, contains: ["no time column \"clock\""])
        // The value column is never the time column.
        let s = try SeriesInput.read(path: dir.write("d.csv", csv(header: "date,x", every5Minutes { String(Int($0)) })), column: "date")
        XCTAssertNil(s.times)
    }

    // MARK: - Order and bad cells

    func testATimeThatStepsBackKeepsTheDatesInFileOrderWithANoteNamingTheLine() throws {
        // As NAB's machine_temperature_system_failure line 10151: 02:55 then 02:00.
        var times = every5Minutes { Timestamp.iso8601($0) }
        times[12] = Timestamp.iso8601(1_392_807_000 + 3 * 300)
        let s = try SeriesInput.read(path: dir.write("s.csv", csv(times)))
        let dates = try XCTUnwrap(s.dates)
        XCTAssertEqual(dates[12], 1_392_807_900, "the points stay in file order")
        XCTAssertEqual(s.times?.notes.count, 1)
        XCTAssertTrue(s.times?.notes.first?.contains("steps back at line 14 (2014-02-19T11:05:00Z after 2014-02-19T11:45:00Z)") ?? false,
                      "\(s.times?.notes ?? [])")
        XCTAssertEqual(s.times?.warnings, [])
    }

    func testARepeatedTimeKeepsTheDatesWithANote() throws {
        var times = every5Minutes { String(Int($0)) }
        times[7] = times[6]
        times[20] = times[19]
        let s = try SeriesInput.read(path: dir.write("s.csv", csv(times)))
        XCTAssertNotNil(s.dates)
        XCTAssertEqual(s.times?.notes, ["Column \"timestamp\": line 9 repeats the time of the line before (\(times[6])) (and 1 more line). The points stay in file order."])
    }

    func testACellThatIsNotATimeFallsBackToTheIndexWithAWarningNamingTheLine() throws {
        var times = every5Minutes { Timestamp.iso8601($0) }
        times[4] = "soon"
        times[9] = ""
        let path = dir.write("s.csv", csv(times))
        let s = try SeriesInput.read(path: path)
        XCTAssertNil(s.dates)
        XCTAssertEqual(s.timestamps?[4], "soon", "the text is kept")
        XCTAssertEqual(s.times?.warnings.count, 1)
        XCTAssertTrue(s.times?.warnings.first?.hasPrefix("column \"timestamp\", line 6: \"soon\" is not a time (and 1 more line from there); the figures count points") ?? false,
                      "\(s.times?.warnings ?? [])")
        // The source hands it on as a warning (standard error) and a page note.
        let loaded = try SeriesSource(path: path).load()
        XCTAssertEqual(loaded.warnings, s.times?.warnings)
        XCTAssertTrue(loaded.notes.contains { $0.hasPrefix("Warning: column \"timestamp\", line 6") }, "\(loaded.notes)")
    }
}
