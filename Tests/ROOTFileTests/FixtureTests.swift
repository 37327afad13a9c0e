import Foundation
import XCTest
@testable import ROOTFile

/// Every TH1/TH2 in the files written by ROOT 5.28–6.28 and g4tools (Fixtures/, from scikit-hep-testdata)
/// equals what uproot sees in it (Fixtures/expected.json): class, shape, edges, in-range contents.
final class FixtureTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func expected() throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("expected.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
    }

    func close(_ a: [Double], _ b: [Double], relative: Double) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= relative * max(1, abs($0), abs($1)) }
    }

    // MARK: - Every fixture histogram

    func testEveryFixtureHistogramEqualsWhatUprootSees() throws {
        var checked = 0
        for (fileName, entry) in try Self.expected() {
            let file = try ROOTFile(path: Self.fixtures.appendingPathComponent(fileName).path)
            XCTAssertEqual(file.rootVersion, entry["root_version"] as? Int, fileName)
            let histograms = try XCTUnwrap(entry["histograms"] as? [String: [String: Any]])
            for (path, want) in histograms {
                let h = try file.histogram(at: path)
                XCTAssertEqual(h.className, want["class"] as? String, "\(fileName) \(path)")
                XCTAssertEqual(h.shape, want["shape"] as? [Int], "\(fileName) \(path)")
                let edges = try XCTUnwrap(want["edges"] as? [[Double]])
                XCTAssertTrue(close(h.xEdges, edges[0], relative: 1e-12), "\(fileName) \(path) x edges")
                if edges.count > 1 { XCTAssertTrue(close(h.yEdges, edges[1], relative: 1e-12), "\(fileName) \(path) y edges") }
                let counts = try XCTUnwrap(want["counts"] as? [Double])
                // Exact up to Foundation's JSON number parsing, which can miss the nearest double by an ulp.
                let differing = zip(h.contents, counts).enumerated().filter { abs($0.element.0 - $0.element.1) > 1e-14 * abs($0.element.1) }
                XCTAssertEqual(h.contents.count, counts.count, "\(fileName) \(path) bin count")
                XCTAssertTrue(differing.isEmpty, "\(fileName) \(path): \(differing.count) bins differ, first \(differing.prefix(3).map { "\($0.offset): \($0.element)" })")
                XCTAssertEqual(h.flow.count, h.dimension == 2 ? 2 * (h.xBins + h.yBins) + 4 : 2)
                checked += 1
            }
        }
        XCTAssertEqual(checked, 31)
    }

    func testAPatternReadsEveryHistogramOfASubdirectoryAtOnce() throws {
        let file = try ROOTFile(path: Self.fixtures.appendingPathComponent("uproot-issue64.root").path)
        let all = try file.histograms(matching: ROOTPathPattern("generator/*"))
        XCTAssertEqual(Set(all.map(\.path)), ["generator/_log_primary_w", "generator/_cost_all", "generator/_energy_all",
                                              "generator/_cost_accept", "generator/_energy_accept"])
        XCTAssertEqual(try file.histograms(matching: ROOTPathPattern("generator/_energy_*")).count, 2)
    }
}
