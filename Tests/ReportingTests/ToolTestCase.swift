import Foundation
import Inputs
import XCTest

/// Runs the built `anomaly-report` executable in a temporary working directory (base of the end-to-end
/// and fault tests; it has no tests of its own).
class ToolTestCase: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    // MARK: helpers

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var executable: URL {
        // The test bundle sits in the build products directory beside the executable.
        var dir = Bundle(for: ToolTestCase.self).bundleURL
        while dir.pathComponents.count > 1 && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("anomaly-report").path) {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("anomaly-report")
    }

    @discardableResult
    func tool(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SOURCE_DATE_EPOCH")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A small histogram file and a small series file, written by the tool itself.
    func makeInputs() throws -> (histograms: String, series: String) {
        let h = root.appendingPathComponent("runs.csv").path
        let s = root.appendingPathComponent("series.csv").path
        XCTAssertEqual(try tool(["generate", "dinamo", "--seed", "3", "--runs", "300", "--bins", "20", "--output", h, "--quiet"]).status, 0)
        XCTAssertEqual(try tool(["generate", "series", "--seed", "3", "--length", "400", "--output", s, "--quiet"]).status, 0)
        return (h, s)
    }

    func fastMcem(_ series: String, output: String, extra: [String] = []) -> [String] {
        ["mcem", "--input", series, "--epochs", "3", "--samples", "2", "--output", output, "--quiet"] + extra
    }

    func files(under dir: URL) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: dir.path) else { return [] }
        return (e.allObjects as? [String] ?? []).sorted()
    }

    /// Every `src="…"` and `href="…"` value of a page.
    func references(in html: String) -> [String] {
        var refs: [String] = []
        for attr in ["src=\"", "href=\""] {
            var rest = html[...]
            while let r = rest.range(of: attr) {
                let tail = rest[r.upperBound...]
                guard let end = tail.firstIndex(of: "\"") else { break }
                refs.append(String(tail[..<end]))
                rest = tail[end...]
            }
        }
        return refs
    }
}
