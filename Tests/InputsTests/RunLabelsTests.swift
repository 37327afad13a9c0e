import Foundation
@testable import Inputs
import TestSupport
import XCTest

/// The run labels CSV of ROOT run files, read through `CSVReader`: header optional, CSV quoting and line ends
/// as everywhere, and each fault named by file and line.
final class RunLabelsTests: XCTestCase {
    private var dir: FixtureDirectory!

    override func setUp() { dir = FixtureDirectory() }
    override func tearDown() { dir = nil }

    func testAHeaderIsOptionalAndEmptyMeansUnknown() throws {
        let with = try RunLabels.read(path: dir.write("a.csv", "run,label\n5,1\n6,0\n7,\n"))
        let expected: [Int: Int?] = [5: 1, 6: 0, 7: nil]
        XCTAssertEqual(with.byRun, expected)
        XCTAssertTrue(with.byRun.keys.contains(7), "a run listed with an empty label is known to be unknown")
        let without = try RunLabels.read(path: dir.write("b.csv", "5,1\n6,0\n7,\n"))
        XCTAssertEqual(without.byRun, with.byRun)
    }

    func testCSVQuotingLineEndsAndBlankLinesAreHandledAsInEveryCSVInput() throws {
        let labels = try RunLabels.read(path: dir.write("c.csv", "\u{FEFF}Run,Label\r\n\r\n\"5\", 1 \r\n6,\"0\"\r\n"))
        XCTAssertEqual(labels.byRun, [5: 1, 6: 0])
    }

    func testABadLabelIsNamedByFileAndLine() {
        let path = dir.write("labels.csv", "run,label\n5,1\n\n6,bad\n")
        assertInputError(try RunLabels.read(path: path), file: "labels.csv", line: 4,
                         contains: ["label must be 0, 1 or empty, found \"bad\""])
    }

    func testARunLabelledTwiceNamesBothLines() {
        let path = dir.write("labels.csv", "run,label\n5,1\n6,0\n5,0\n")
        assertInputError(try RunLabels.read(path: path), file: "labels.csv", line: 4,
                         contains: ["run 5 is labelled twice", "first on line 2"])
    }

    func testALineThatIsNotRunCommaLabelIsNamed() {
        assertInputError(try RunLabels.read(path: dir.write("w.csv", "run,label\n5,1,extra\n")), file: "w.csv", line: 2,
                         contains: ["expected 'run,label' with an integer run", "5,1,…"])
        assertInputError(try RunLabels.read(path: dir.write("n.csv", "5,1\nfive,0\n")), file: "n.csv", line: 2,
                         contains: ["expected 'run,label' with an integer run", "five,0"])
        assertInputError(try RunLabels.read(path: dir.write("h.csv", "5,1\nrun,label\n")), file: "h.csv", line: 2,
                         contains: ["expected 'run,label'"])
    }

    func testAnEmptyFileOrAHeaderAloneLabelsNothing() throws {
        XCTAssertEqual(try RunLabels.read(path: dir.write("e.csv", "")).byRun, [:])
        XCTAssertEqual(try RunLabels.read(path: dir.write("h.csv", "run,label\n")).byRun, [:])
        XCTAssertEqual(try RunLabels(file: "e.csv", byRun: [:]).labels(for: [1, 2]), [nil, nil])
    }

    func testAMissingFileIsNamed() {
        assertInputError(try RunLabels.read(path: dir.url.appendingPathComponent("none.csv").path), file: "none.csv",
                         contains: ["file not found"])
    }

    func testLabelsFollowTheRunsAndAFileNamingNoneOfThemIsAnError() throws {
        let labels = RunLabels(file: "/x/labels.csv", byRun: [5: 1, 7: nil] as [Int: Int?])
        XCTAssertEqual(try labels.labels(for: [7, 5, 6]), [nil, 1, nil])
        assertInputError(try labels.labels(for: [1, 2]), file: "labels.csv",
                         contains: ["none of its 2 runs is among the 2 run files (runs 1–2)"])
    }
}
