import XCTest
@testable import Inputs
import TestSupport

final class FileStemTests: XCTestCase {
    // MARK: - Sanitizing

    func testMarkupBecomesPlainLetters() {
        XCTAssertEqual(sanitizedFileStem("<script>alert(1)</script>"), "script-alert-1-script")
        XCTAssertEqual(sanitizedFileStem("<script>"), "script")
    }

    func testPathTraversalCannotEscape() {
        XCTAssertEqual(sanitizedFileStem("../../etc/passwd"), "etc-passwd")
        XCTAssertEqual(sanitizedFileStem(".."), "input")
        XCTAssertEqual(sanitizedFileStem("a/../b"), "a-.-b")
        XCTAssertFalse(sanitizedFileStem("a..b").contains(".."))
        XCTAssertEqual(sanitizedFileStem(".hidden"), "hidden")
    }

    func testEmptyAndUnicodeNamesGetSafeStems() {
        XCTAssertEqual(sanitizedFileStem(""), "input")
        XCTAssertEqual(sanitizedFileStem("   "), "input")
        XCTAssertEqual(sanitizedFileStem("日本語"), "input")
        XCTAssertEqual(sanitizedFileStem("Müon pT χ²"), "M-on-pT")
        XCTAssertEqual(sanitizedFileStem("nyc_taxi.csv"), "nyc_taxi.csv")
    }

    func testLongNamesAreCutToEightyCharacters() {
        let stem = sanitizedFileStem(String(repeating: "ab", count: 100))
        XCTAssertEqual(stem.count, 80)
    }

    // MARK: - Uniqueness

    func testRepeatedStemsGetNumberedSuffixes() {
        XCTAssertEqual(uniqueFileStems(["a", "b", "a", "A", "a-2"]), ["a", "b", "a-2", "A-3", "a-2-2"])
    }
}
