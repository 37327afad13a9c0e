import Foundation
import Inputs
import XCTest
@testable import Reporting

final class OutputDirectoryTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("outdir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func entries(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    // MARK: atomic replacement

    func testNothingAppearsUntilCommit() throws {
        let destination = root.appendingPathComponent("report")
        let out = try OutputDirectory(destination: destination)
        try out.write("{}", to: "summary.json")
        XCTAssertFalse(FileManager.default.fileExists(atPath: destination.path))
        try out.commit()
        XCTAssertEqual(entries(destination), ["summary.json"])
        XCTAssertEqual(entries(root), ["report"], "no staging directory is left behind")
    }

    func testAbandonedWriteLeavesThePreviousReportIntact() throws {
        let destination = root.appendingPathComponent("report")
        let first = try OutputDirectory(destination: destination)
        try first.write("old", to: "summary.json")
        try first.commit()
        do {
            let second = try OutputDirectory(destination: destination)
            try second.write("new", to: "summary.json")
            // the run fails here: no commit
        }
        XCTAssertEqual(try String(contentsOf: destination.appendingPathComponent("summary.json"), encoding: .utf8), "old")
        XCTAssertEqual(entries(root), ["report"])
    }

    func testReplacingKeepsHiddenFilesSuchAsGitkeep() throws {
        let destination = root.appendingPathComponent("output")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        try Data().write(to: destination.appendingPathComponent(".gitkeep"))
        let out = try OutputDirectory(destination: destination)
        try out.write("{}", to: "summary.json")
        try out.commit()
        XCTAssertEqual(entries(destination), [".gitkeep", "summary.json"])
    }

    func testRefusesToReplaceADirectoryThatIsNotAReport() throws {
        let destination = root.appendingPathComponent("thesis")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: destination.appendingPathComponent("chapter1.tex"))
        XCTAssertThrowsError(try OutputDirectory(destination: destination)) { error in
            XCTAssertTrue("\(error)".contains("refusing to replace"), "\(error)")
        }
        XCTAssertEqual(entries(destination), ["chapter1.tex"])
    }

    func testUnwritableLocationIsAClearOutputError() throws {
        let file = root.appendingPathComponent("a-file")
        try Data().write(to: file)
        XCTAssertThrowsError(try OutputDirectory(destination: file.appendingPathComponent("report"))) { error in
            guard let error = error as? ReportError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.exitCode, 2)
            XCTAssertTrue(error.description.contains("cannot write the report"), error.description)
        }
    }
}
