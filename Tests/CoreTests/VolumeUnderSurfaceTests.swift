import Foundation
import XCTest
@testable import Core

/// The cases of `Fixtures/vus/expected.json`, computed by TSB-AD's own evaluation code.
final class VolumeUnderSurfaceTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/vus")

    struct Case {
        var name: String
        var window: Int
        var expected: [String: Double]
        var scores: [Double]
        var labels: [Bool]
        var values: [Double]?
    }

    static func expectedJSON() throws -> [String: Any] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("expected.json"))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Reads a fixture CSV with a header naming `score`, `label` and optionally `value`.
    static func readCase(name: String, entry: [String: Any]) throws -> Case {
        let file = try XCTUnwrap(entry["file"] as? String)
        let text = try String(contentsOf: fixtures.appendingPathComponent(file), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        let si = try XCTUnwrap(header.firstIndex(of: "score")), li = try XCTUnwrap(header.firstIndex(of: "label"))
        let vi = header.firstIndex(of: "value")
        var scores: [Double] = [], labels: [Bool] = [], values: [Double] = []
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            scores.append(try XCTUnwrap(Double(f[si]), "\(file): score '\(f[si])'"))
            labels.append(f[li] == "1")
            if let vi { values.append(try XCTUnwrap(Double(f[vi]))) }
        }
        var expected: [String: Double] = [:]
        for key in ["VUS-PR", "VUS-ROC", "AUC-PR", "AUC-ROC"] { expected[key] = try XCTUnwrap(entry[key] as? Double) }
        return Case(name: name, window: try XCTUnwrap(entry["window"] as? Int), expected: expected,
                    scores: scores, labels: labels, values: vi == nil ? nil : values)
    }

    static func cases() throws -> [Case] {
        let cases = try XCTUnwrap(try expectedJSON()["cases"] as? [String: [String: Any]])
        return try cases.keys.sorted().map { try readCase(name: $0, entry: cases[$0]!) }
    }

    // MARK: TSB-AD's values

    func testEveryFixtureCaseMatchesTSBADToOneBillionth() throws {
        let all = try Self.cases()
        XCTAssertGreaterThanOrEqual(all.count, 10)
        for c in all {
            let vus = try XCTUnwrap(DetectionMetrics.volumeUnderSurface(scores: c.scores, labels: c.labels, window: c.window), c.name)
            XCTAssertEqual(vus.pr, c.expected["VUS-PR"]!, accuracy: 1e-9, "\(c.name) VUS-PR")
            XCTAssertEqual(vus.roc, c.expected["VUS-ROC"]!, accuracy: 1e-9, "\(c.name) VUS-ROC")
            XCTAssertEqual(vus.window, c.window)
            let ap = try XCTUnwrap(DetectionMetrics.averagePrecision(scores: c.scores, labels: c.labels))
            XCTAssertEqual(ap, c.expected["AUC-PR"]!, accuracy: 1e-9, "\(c.name) AUC-PR")
            let auc = try XCTUnwrap(DetectionMetrics.rocAUC(scores: c.scores, labels: c.labels))
            XCTAssertEqual(auc, c.expected["AUC-ROC"]!, accuracy: 1e-9, "\(c.name) AUC-ROC")
        }
    }

    func testTheNABCasesGetTSBADsDefaultWindow() throws {
        let nab = try Self.cases().filter { $0.values != nil }
        XCTAssertEqual(nab.count, 2)
        for c in nab { XCTAssertEqual(Autocorrelation.tsbADWindow(c.values!), c.window, c.name) }
    }

    /// Every development series of `nab-dev.txt` against the listed windows, when the NAB data is at hand
    /// (`NAB_DIR=<dir holding data/>`); the two series in the fixtures are checked above regardless.
    func testEveryListedNABSeriesGetsTheListedDefaultWindow() throws {
        guard let dir = ProcessInfo.processInfo.environment["NAB_DIR"] else {
            throw XCTSkip("set NAB_DIR to a NAB checkout to check all 35 development series")
        }
        let defaults = try XCTUnwrap(try Self.expectedJSON()["default_window"] as? [String: Any])
        let windows = try XCTUnwrap(defaults["windows"] as? [String: Int])
        XCTAssertEqual(windows.count, 35)
        for (path, window) in windows.sorted(by: { $0.key < $1.key }) {
            let text = try String(contentsOfFile: "\(dir)/data/\(path)", encoding: .utf8)
            let values = text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
                line.split(separator: ",").last.flatMap { Double($0) }
            }
            XCTAssertEqual(Autocorrelation.tsbADWindow(values), window, path)
        }
    }

    // MARK: behaviour

    func testWindowZeroIsThePointwiseRangeAUC() throws {
        // No buffer: TPR is recall times the share of segments hit; a perfect score reaches 1.
        let labels = (0..<100).map { (40..<45).contains($0) }
        let scores = labels.map { $0 ? 1.0 : 0.0 }
        let v = try XCTUnwrap(DetectionMetrics.volumeUnderSurface(scores: scores, labels: labels, window: 0))
        XCTAssertEqual(v.roc, 1, accuracy: 1e-12)
        XCTAssertEqual(v.pr, 1, accuracy: 1e-12)
    }

    func testUndefinedWithoutBothClassesOrWithANonFiniteScore() {
        XCTAssertNil(DetectionMetrics.volumeUnderSurface(scores: [1, 2, 3], labels: [false, false, false], window: 4))
        XCTAssertNil(DetectionMetrics.volumeUnderSurface(scores: [1, 2, 3], labels: [true, true, true], window: 4))
        XCTAssertNil(DetectionMetrics.volumeUnderSurface(scores: [1, .nan, 3], labels: [true, false, false], window: 4))
    }

    func testThresholdsAreTakenAtNumPyLinspacePositions() {
        // 10 scores, 4 thresholds: positions 0, 3, 6, 9 of the descending scores (9, 6, 3, 0).
        let scores = (0..<10).map(Double.init)
        XCTAssertEqual(DetectionMetrics.firstFlaggedThreshold(scores: scores, thresholds: 4),
                       [3, 3, 3, 2, 2, 2, 1, 1, 1, 0])
    }

    func testAPeriodicSeriesHasItsPeriodAsWindow() {
        let values = (0..<2000).map { sin(2 * Double.pi * Double($0) / 48) }
        XCTAssertEqual(Autocorrelation.tsbADWindow(values), 48)
        XCTAssertEqual(Autocorrelation.tsbADWindow([Double](repeating: 3, count: 500)), 125)
    }
}
