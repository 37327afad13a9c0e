import XCTest
@testable import Inputs
import TestSupport

final class InputRobustnessTests: XCTestCase {
    private var dir: FixtureDirectory!

    override func setUp() { dir = FixtureDirectory() }
    override func tearDown() { dir = nil }

    // MARK: - Encodings and line ends

    func testBOMAndCRLFAreAccepted() throws {
        let path = dir.write("h.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("run,a,b\r\nr1,1,2\r\nr2,3,4\r\n".utf8))
        let h = try HistogramInput.read(path: path)
        XCTAssertEqual(h.runIDs, ["r1", "r2"])
        XCTAssertEqual(h.counts, [1, 2, 3, 4])
    }

    func testLoneCRLineEndsCountLines() {
        let path = dir.write("h.csv", "a,b\r1,2\r3\r")
        assertInputError(try HistogramInput.read(path: path), file: "h.csv", line: 3, contains: ["found 1"])
    }

    func testBOMIsAcceptedInJSON() throws {
        let path = dir.write("h.json", bytes: [0xEF, 0xBB, 0xBF] + Array(#"{"runs": [[1]]}"#.utf8))
        XCTAssertEqual(try HistogramInput.read(path: path).counts, [1])
    }

    func testInvalidUTF8NamesTheLine() {
        let csv = dir.write("bad.csv", bytes: Array("run,a\nr1,1\n".utf8) + [0x72, 0xFF, 0x2C, 0x31, 0x0A])
        assertInputError(try HistogramInput.read(path: csv), file: "bad.csv", line: 3, contains: ["not valid UTF-8"])
        let json = dir.write("bad.json", bytes: Array("{\"runs\": [[1]],\n\"name\": \"".utf8) + [0xC3, 0x28] + Array("\"}".utf8))
        assertInputError(try HistogramInput.read(path: json), file: "bad.json", line: 2, contains: ["not valid UTF-8"])
    }

    // MARK: - Quoting and whitespace

    func testQuotedFieldsWithCommasQuotesAndNewlinesAreRead() throws {
        let text = "run,label,a\n\"r,1\",0,1\n\"say \"\"hi\"\"\",1,2\n\"multi\nline\", ,3\nr4,  1 ,  4  \n"
        let h = try HistogramInput.read(path: dir.write("q.csv", text))
        XCTAssertEqual(h.runIDs, ["r,1", "say \"hi\"", "multi\nline", "r4"])
        XCTAssertEqual(h.labels, [0, 1, nil, 1])
        XCTAssertEqual(h.counts, [1, 2, 3, 4])
    }

    func testLinesAfterAQuotedNewlineAreCountedAsTheEditorShowsThem() {
        let text = "run,a\n\"two\nlines\",1\nr3,-1\n"
        assertInputError(try HistogramInput.read(path: dir.write("q.csv", text)), file: "q.csv", line: 4, contains: ["negative"])
    }

    func testUnclosedQuoteNamesTheLineWhereItOpened() {
        let text = "run,a\nr1,1\n\"open,2\nr3,3\n"
        assertInputError(try HistogramInput.read(path: dir.write("q.csv", text)), file: "q.csv", line: 3, contains: ["not closed"])
    }

    func testTextAfterAClosingQuoteIsRefused() {
        assertInputError(try HistogramInput.read(path: dir.write("q.csv", "run,a\n\"r\"x,1\n")), file: "q.csv", line: 2, contains: ["after a closing quote"])
    }

    func testBlankTrailingAndInnerLinesAreIgnored() throws {
        let h = try HistogramInput.read(path: dir.write("h.csv", "a\n1\n\n2\n\n\n"))
        XCTAssertEqual(h.counts, [1, 2])
    }

    // MARK: - Limits

    func testHugeSingleLineIsRefusedByTheLineLimitWithoutReadingItAll() throws {
        // 20 MB on one line; the limit of 64 KiB stops the reader after about one chunk.
        let path = dir.url.appendingPathComponent("huge.csv").path
        var line = [UInt8](repeating: UInt8(ascii: "1"), count: 20 << 20)
        for k in stride(from: 1, to: line.count, by: 2) { line[k] = UInt8(ascii: ",") }
        _ = FileManager.default.createFile(atPath: path, contents: Data(line))
        let limits = InputLimits(maxLineBytes: 64 << 10)
        let start = Date()
        assertInputError(try HistogramInput.read(path: path, limits: limits), file: "huge.csv", line: 1,
                         contains: ["longer than the limit of 65536 bytes"])
        XCTAssertLessThan(Date().timeIntervalSince(start), 5, "the refusal should not parse the whole line")
    }

    func testFileLargerThanTheLimitIsRefusedBeforeReading() {
        let path = dir.write("h.csv", "a\n1\n2\n3\n")
        assertInputError(try HistogramInput.read(path: path, limits: InputLimits(maxFileBytes: 4)), file: "h.csv",
                         contains: ["larger than the limit of 4 bytes"])
        let json = dir.write("h.json", #"{"runs": [[1]]}"#)
        assertInputError(try HistogramInput.read(path: json, limits: InputLimits(maxFileBytes: 4)), file: "h.json",
                         contains: ["larger than the limit"])
    }

    func testJSONNestedTooDeepIsRefused() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        assertInputError(try HistogramInput.read(path: dir.write("deep.json", deep)), file: "deep.json", line: 1,
                         contains: ["nested deeper than the limit of 64"])
        let ok = "{\"runs\": " + String(repeating: "[", count: 2) + "1" + String(repeating: "]", count: 2) + "}"
        XCTAssertNoThrow(try HistogramInput.read(path: dir.write("ok.json", ok)))
    }

    func testJSONDuplicateKeysAndTrailingTextAreRefused() {
        assertInputError(try HistogramInput.read(path: dir.write("d.json", #"{"runs": [[1]], "runs": [[2]]}"#)),
                         file: "d.json", line: 1, contains: ["duplicate key \"runs\""])
        assertInputError(try HistogramInput.read(path: dir.write("t.json", "{\"runs\": [[1]]}\n}")),
                         file: "t.json", line: 2, contains: ["unexpected text after the end"])
    }

    func testJSONStringEscapesAreDecoded() throws {
        let path = dir.write("e.json", #"{"name": "a\"b\\c \u00e9 \ud83d\ude00", "runs": [[1]]}"#)
        XCTAssertEqual(try HistogramInput.read(path: path).name, "a\"b\\c é 😀")
    }
}
