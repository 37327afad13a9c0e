import XCTest
@testable import Core

final class DetectionMetricsTests: XCTestCase {
    // MARK: ranking metrics

    func testAUCAndAveragePrecisionMatchScikitLearnExample() throws {
        // sklearn docs: y = [0, 0, 1, 1], scores = [0.1, 0.4, 0.35, 0.8] → AUC 0.75, AP 0.8333…
        let y = [false, false, true, true], s = [0.1, 0.4, 0.35, 0.8]
        XCTAssertEqual(try XCTUnwrap(DetectionMetrics.rocAUC(scores: s, labels: y)), 0.75, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(DetectionMetrics.averagePrecision(scores: s, labels: y)), 5.0 / 6.0, accuracy: 1e-12)
    }

    func testTiesCountHalf() {
        XCTAssertEqual(DetectionMetrics.rocAUC(scores: [1, 1, 0, 0], labels: [true, false, true, false]), 0.5)
        XCTAssertEqual(DetectionMetrics.rocAUC(scores: [2, 2, 2], labels: [true, false, false]), 0.5)
    }

    func testUndefinedMetricsAreNilNeverNaN() {
        XCTAssertNil(DetectionMetrics.rocAUC(scores: [1, 2], labels: [false, false]))
        XCTAssertNil(DetectionMetrics.averagePrecision(scores: [1, 2], labels: [false, false]))
        XCTAssertNil(DetectionMetrics.bestF1(scores: [], labels: []))
        XCTAssertNil(DetectionMetrics.confusion(flagged: [false], labels: [false]).f1)
        XCTAssertNil(DetectionMetrics.confusion(flagged: [false], labels: [true]).precision)
        XCTAssertEqual(DetectionMetrics.confusion(flagged: [false], labels: [true]).f1, 0)
        XCTAssertNil(DetectionMetrics.eventRecall(flagged: [true], labels: [false]))
        XCTAssertNil(DetectionMetrics.meanAbsoluteError(values: [1], forecasts: [1], nominal: [false]))
    }

    func testROCCurveRunsFromOriginToOne() {
        let c = DetectionMetrics.rocCurve(scores: [0.9, 0.8, 0.2, 0.1], labels: [true, false, true, false])
        XCTAssertEqual(c.first?.x, 0); XCTAssertEqual(c.first?.y, 0)
        XCTAssertEqual(c.last?.x, 1); XCTAssertEqual(c.last?.y, 1)
    }

    func testBestF1FindsTheSeparatingThreshold() throws {
        let r = try XCTUnwrap(DetectionMetrics.bestF1(scores: [0.9, 0.8, 0.3, 0.1], labels: [true, true, false, false]))
        XCTAssertEqual(r.f1, 1)
        XCTAssertEqual(r.threshold, 0.8)
    }

    // MARK: flagged sets and segments

    func testPointAdjustmentCreditsWholeSegment() throws {
        let labels = [false, true, true, true, false, true, false]
        let flagged = [false, false, true, false, true, false, false]
        // plain: tp 1, fp 1, fn 3 → F1 = 2/(2+1+3)
        XCTAssertEqual(try XCTUnwrap(DetectionMetrics.confusion(flagged: flagged, labels: labels).f1), 2.0 / 6.0, accuracy: 1e-12)
        // adjusted: segment 1..<4 detected → tp 3, fp 1, fn 1 → 6/8
        XCTAssertEqual(try XCTUnwrap(DetectionMetrics.pointAdjustedF1(flagged: flagged, labels: labels)), 0.75, accuracy: 1e-12)
        XCTAssertEqual(DetectionMetrics.eventRecall(flagged: flagged, labels: labels), 0.5)
        XCTAssertEqual(DetectionMetrics.segments(labels), [1..<4, 5..<6])
    }

    func testForecastQualityOnNominalPointsOnly() throws {
        let mae = DetectionMetrics.meanAbsoluteError(values: [1, 2, 10], forecasts: [0, 2, 0], nominal: [true, true, false])
        XCTAssertEqual(mae, 0.5)
        let nll = try XCTUnwrap(DetectionMetrics.gaussianNLL(values: [0], means: [0], scales: [1], nominal: [true]))
        XCTAssertEqual(nll, 0.918_938_533_204_672_7, accuracy: 1e-15)
    }
}
