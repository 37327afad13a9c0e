/// Test helpers shared by the test targets (fixture files, input-error assertions).
import Foundation
import Inputs
import XCTest

/// A temporary directory for one test's fixture files, removed when the test ends.
public final class FixtureDirectory {
    public let url: URL

    public init() {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("inputs-tests-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` (UTF-8) to `name` and returns the path.
    @discardableResult
    public func write(_ name: String, _ text: String) -> String {
        write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) -> String {
        let path = url.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }
}

/// Asserts that `body` throws an `InputError` whose description names the file, the location and contains every fragment.
public func assertInputError<T>(
    _ body: @autoclosure () throws -> T,
    file fileName: String,
    line: Int? = nil,
    keyPath: String? = nil,
    contains fragments: [String],
    sourceFile: StaticString = #filePath, sourceLine: UInt = #line
) {
    do {
        let value = try body()
        XCTFail("expected an InputError, got \(value)", file: sourceFile, line: sourceLine)
    } catch let error as InputError {
        let text = error.description
        XCTAssertTrue(text.hasPrefix(fileName), "\(text) does not start with \(fileName)", file: sourceFile, line: sourceLine)
        if let line {
            XCTAssertEqual(error.line, line, "wrong line in: \(text)", file: sourceFile, line: sourceLine)
            XCTAssertTrue(text.contains("line \(line):"), "\(text) does not name line \(line)", file: sourceFile, line: sourceLine)
        }
        if let keyPath {
            XCTAssertEqual(error.keyPath, keyPath, "wrong key path in: \(text)", file: sourceFile, line: sourceLine)
            XCTAssertTrue(text.contains(keyPath), file: sourceFile, line: sourceLine)
        }
        for f in fragments {
            XCTAssertTrue(text.contains(f), "\(text) does not contain \"\(f)\"", file: sourceFile, line: sourceLine)
        }
    } catch {
        XCTFail("expected an InputError, got \(error)", file: sourceFile, line: sourceLine)
    }
}

/// A series CSV of `n` rows `timestamp,value,label` starting at 2014-02-19 10:50, one row per 5 minutes.
public func nabSeriesCSV(rows n: Int, anomalies: Set<Int> = []) -> String {
    var text = "timestamp,value,label\n"
    for k in 0..<n {
        let minutes = 50 + 5 * k
        let h = 10 + minutes / 60, m = minutes % 60
        text += String(format: "2014-02-19 %02d:%02d:00,%d.5,%d\n", h, m, k, anomalies.contains(k) ? 1 : 0)
    }
    return text
}
