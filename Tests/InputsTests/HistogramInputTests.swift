import XCTest
@testable import Inputs
import TestSupport

final class HistogramInputTests: XCTestCase {
    private var dir: FixtureDirectory!

    override func setUp() { dir = FixtureDirectory() }
    override func tearDown() { dir = nil }

    // MARK: - Happy paths

    func testCSVWithRunAndLabelColumnsKeepsBinsInColumnOrder() throws {
        let path = dir.write("runs.csv", "run,label,0.5,1.5,2.5\nr001,0,1,2,3\nr002,,4,5,6\nr003,1,7,8,9\n")
        let h = try HistogramInput.read(path: path)
        XCTAssertEqual(h.name, "runs.csv")
        XCTAssertEqual(h.runs, 3)
        XCTAssertEqual(h.bins, 3)
        XCTAssertEqual(h.counts, [1, 2, 3, 4, 5, 6, 7, 8, 9])
        XCTAssertEqual(Array(h.run(1)), [4, 5, 6])
        XCTAssertEqual(h.labels, [0, nil, 1])
        XCTAssertEqual(h.runIDs, ["r001", "r002", "r003"])
        XCTAssertEqual(h.columnNames, ["0.5", "1.5", "2.5"])
        XCTAssertEqual(h.binEdges, [0, 1, 2, 3], "equally spaced numeric names are taken as bin centres")
    }

    func testCSVWithUnequallySpacedNumericNamesTakesThemAsLowerEdges() throws {
        let path = dir.write("h.csv", "0,1,3\n1,1,1\n")
        XCTAssertEqual(try HistogramInput.read(path: path).binEdges, [0, 1, 3, 5])
    }

    func testCSVWithTextBinNamesHasNoEdgesAndNoLabels() throws {
        let path = dir.write("h.csv", "a,b\n1,2\n")
        let h = try HistogramInput.read(path: path, name: "Muon pT")
        XCTAssertNil(h.binEdges)
        XCTAssertNil(h.labels)
        XCTAssertNil(h.runIDs)
        XCTAssertEqual(h.name, "Muon pT")
    }

    func testJSONWithEveryFieldIsRead() throws {
        let path = dir.write("h.json", """
        {"name": "Jet eta", "bin_edges": [0, 1, 2], "runs": [[1, 2], [3.5, 0]],
         "labels": [0, null], "run_ids": ["a", 7]}
        """)
        let h = try HistogramInput.read(path: path)
        XCTAssertEqual(h.name, "Jet eta")
        XCTAssertEqual(h.counts, [1, 2, 3.5, 0])
        XCTAssertEqual(h.binEdges, [0, 1, 2])
        XCTAssertEqual(h.labels, [0, nil])
        XCTAssertEqual(h.runIDs, ["a", "7"])
        XCTAssertEqual(try HistogramInput.read(path: path, name: "Override").name, "Override")
    }

    func testFormatIsSniffedWhenTheExtensionIsUnknown() throws {
        let json = dir.write("h.data", "\n  {\"runs\": [[1]]}")
        XCTAssertEqual(try HistogramInput.read(path: json).counts, [1])
        let csv = dir.write("h.txt", "a\n2\n")
        XCTAssertEqual(try HistogramInput.read(path: csv).counts, [2])
    }

    // MARK: - CSV errors

    func testRowOfDifferentLengthNamesItsLine() {
        let path = dir.write("runs.csv", "a,b,c\n1,2,3\n1,2\n")
        assertInputError(try HistogramInput.read(path: path), file: "runs.csv", line: 3, contains: ["expected 3 columns", "found 2"])
    }

    func testNegativeCountNamesLineAndColumn() {
        let path = dir.write("runs.csv", "a,b\n1,2\n1,-2\n")
        assertInputError(try HistogramInput.read(path: path), file: "runs.csv", line: 3, contains: ["\"b\"", "negative"])
    }

    func testNonFiniteCountsAreRefused() {
        for cell in ["nan", "inf", "1e400", "-inf"] {
            let path = dir.write("runs.csv", "a,b\n1,\(cell)\n")
            assertInputError(try HistogramInput.read(path: path), file: "runs.csv", line: 2, contains: ["not finite"])
        }
    }

    func testNonNumericCellIsRefused() {
        let path = dir.write("runs.csv", "a,b\n1,x7\n")
        assertInputError(try HistogramInput.read(path: path), file: "runs.csv", line: 2, contains: ["\"x7\" is not a number"])
    }

    func testHeaderOnlyAndEmptyFilesAreRefused() {
        assertInputError(try HistogramInput.read(path: dir.write("runs.csv", "a,b\n")), file: "runs.csv", line: 1, contains: ["no runs"])
        assertInputError(try HistogramInput.read(path: dir.write("empty.csv", "")), file: "empty.csv", contains: ["empty"])
        assertInputError(try HistogramInput.read(path: dir.write("blank.csv", "\n\n")), file: "blank.csv", contains: ["empty"])
    }

    func testLabelOutsideZeroOneIsRefused() {
        let path = dir.write("runs.csv", "label,a\n0,1\n2,1\n")
        assertInputError(try HistogramInput.read(path: path), file: "runs.csv", line: 3, contains: ["label must be 0, 1 or empty", "\"2\""])
    }

    func testDuplicateColumnNamesAreRefused() {
        let path = dir.write("runs.csv", "a,b,a\n1,2,3\n")
        assertInputError(try HistogramInput.read(path: path), file: "runs.csv", line: 1, contains: ["duplicate column name \"a\""])
    }

    func testMissingFileIsRefused() {
        assertInputError(try HistogramInput.read(path: dir.url.appendingPathComponent("nope.csv").path), file: "nope.csv", contains: ["not found"])
    }

    // MARK: - JSON errors

    func testJSONRowOfDifferentLengthNamesItsKeyPath() {
        let path = dir.write("h.json", #"{"runs": [[1, 2], [1, 2], [3]]}"#)
        assertInputError(try HistogramInput.read(path: path), file: "h.json", keyPath: "runs[2]", contains: ["expected 2 bin counts", "found 1"])
    }

    func testJSONNegativeCountNamesItsKeyPath() {
        let path = dir.write("h.json", #"{"runs": [[1, 2], [1, -2]]}"#)
        assertInputError(try HistogramInput.read(path: path), file: "h.json", keyPath: "runs[1][1]", contains: ["negative"])
    }

    func testJSONNonFiniteNumbersAreRefusedWithTheirLine() {
        let big = dir.write("big.json", "{\"runs\": [\n[1, 1e400]]}")
        assertInputError(try HistogramInput.read(path: big), file: "big.json", line: 2, contains: ["1e400 is not a finite number"])
        let nan = dir.write("nan.json", "{\"runs\": [[NaN]]}")
        assertInputError(try HistogramInput.read(path: nan), file: "nan.json", line: 1, contains: ["NaN is not a finite number"])
    }

    func testJSONWithNoRunsIsRefused() {
        assertInputError(try HistogramInput.read(path: dir.write("h.json", #"{"runs": []}"#)), file: "h.json", keyPath: "runs", contains: ["no runs"])
        assertInputError(try HistogramInput.read(path: dir.write("h2.json", #"{"name": "x"}"#)), file: "h2.json", contains: ["missing key \"runs\""])
    }

    func testJSONLabelsOfWrongLengthOrValueAreRefused() {
        let short = dir.write("h.json", #"{"runs": [[1], [2]], "labels": [0]}"#)
        assertInputError(try HistogramInput.read(path: short), file: "h.json", keyPath: "labels", contains: ["expected 2 labels", "found 1"])
        let bad = dir.write("h2.json", #"{"runs": [[1], [2]], "labels": [0, 3]}"#)
        assertInputError(try HistogramInput.read(path: bad), file: "h2.json", keyPath: "labels[1]", contains: ["0, 1 or null"])
    }

    func testJSONBinEdgesOfWrongLengthOrOrderAreRefused() {
        let short = dir.write("h.json", #"{"runs": [[1, 2]], "bin_edges": [0, 1]}"#)
        assertInputError(try HistogramInput.read(path: short), file: "h.json", keyPath: "bin_edges", contains: ["expected 3 bin edges", "found 2"])
        let order = dir.write("h2.json", #"{"runs": [[1, 2]], "bin_edges": [0, 2, 1]}"#)
        assertInputError(try HistogramInput.read(path: order), file: "h2.json", keyPath: "bin_edges[2]", contains: ["strictly increasing"])
    }

    func testJSONUnknownKeyAndWrongTypeAreRefused() {
        let typo = dir.write("h.json", #"{"runs": [[1]], "label": [0]}"#)
        assertInputError(try HistogramInput.read(path: typo), file: "h.json", keyPath: "label", contains: ["unknown key"])
        let type = dir.write("h2.json", #"{"runs": [["1"]]}"#)
        assertInputError(try HistogramInput.read(path: type), file: "h2.json", keyPath: "runs[0][0]", contains: ["expected a number, found a string"])
    }

    func testJSONSyntaxErrorNamesItsLine() {
        let path = dir.write("h.json", "{\"runs\": [[1],\n\n [2] }")
        assertInputError(try HistogramInput.read(path: path), file: "h.json", line: 3, contains: ["expected ',' or ']'"])
    }
}
