import XCTest
@testable import Core

final class ClassificationMetricsTests: XCTestCase {
    // MARK: confusion matrix

    func testConfusionMatrixAndDerivedMetrics() {
        // truth:     B B B G G G G G   (B = anomalous = positive)
        // predicted: B B G B G G G G
        // TP = 2, FN = 1, FP = 1, TN = 4.
        let truth = [true, true, true, false, false, false, false, false]
        let pred = [true, true, false, true, false, false, false, false]
        let c = ConfusionMatrix(truth: truth, predicted: pred)
        XCTAssertEqual(c, ConfusionMatrix(truePositives: 2, falsePositives: 1, trueNegatives: 4, falseNegatives: 1))
        XCTAssertEqual(c.accuracy!, 6.0 / 8, accuracy: 1e-15)           // (2 + 4)/8
        XCTAssertEqual(c.sensitivity!, 2.0 / 3, accuracy: 1e-15)        // 2/(2 + 1)
        XCTAssertEqual(c.specificity!, 4.0 / 5, accuracy: 1e-15)        // 4/(4 + 1)
        XCTAssertEqual(c.precision!, 2.0 / 3, accuracy: 1e-15)          // 2/(2 + 1)
        XCTAssertEqual(c.balancedAccuracy!, (2.0 / 3 + 0.8) / 2, accuracy: 1e-15)
        XCTAssertEqual(c.f1!, 4.0 / 6, accuracy: 1e-15)                 // 2·2/(2·2 + 1 + 1)
    }

    func testUndefinedMetricsAreNilNeverNaN() {
        let noPositives = ConfusionMatrix(truth: [false, false], predicted: [false, false])
        XCTAssertNil(noPositives.sensitivity)
        XCTAssertNil(noPositives.precision)
        XCTAssertNil(noPositives.balancedAccuracy)
        XCTAssertNil(noPositives.f1)
        XCTAssertEqual(noPositives.specificity, 1)
        let empty = ConfusionMatrix(truth: [], predicted: [])
        XCTAssertNil(empty.accuracy)
        XCTAssertNil(ClassificationMetrics.rocAUC(scores: [1, 2], truth: [true, true]))
        XCTAssertNil(ClassificationMetrics.rocAUC(scores: [], truth: []))
        XCTAssertNil(ClassificationMetrics.rocAUC(scores: [1, .nan], truth: [true, false]))
    }

    // MARK: ROC AUC

    func testRocAUCWithTiesIsMannWhitney() {
        XCTAssertEqual(ClassificationMetrics.rocAUC(scores: [3, 3, 3, 3], truth: [true, false, true, false]), 0.5)
        XCTAssertEqual(ClassificationMetrics.rocAUC(scores: [0.9, 0.8, 0.1, 0.2], truth: [true, true, false, false]), 1)
        XCTAssertEqual(ClassificationMetrics.rocAUC(scores: [0.1, 0.2, 0.9, 0.8], truth: [true, true, false, false]), 0)
        // Positives {2, 1}, negatives {1, 0}: pairs (2,1) win, (2,0) win, (1,1) tie = ½, (1,0) win → 3.5/4.
        XCTAssertEqual(ClassificationMetrics.rocAUC(scores: [2, 1, 1, 0], truth: [true, true, false, false])!, 0.875, accuracy: 1e-15)
    }

    func testSummaryCollectsEverything() {
        let s = ClassificationSummary(truth: [true, false, false, true], predicted: [true, false, true, true], scores: [5, 1, 3, 4])
        XCTAssertEqual(s.confusion.truePositives, 2)
        XCTAssertEqual(s.confusion.falsePositives, 1)
        XCTAssertEqual(s.rocAUC, 1)
        XCTAssertEqual(s.balancedAccuracy!, 0.75, accuracy: 1e-15)
    }
}
