import Plotting
import XCTest
@testable import Reporting

final class CIOutputTests: XCTestCase {
    // MARK: --fail-on

    func testFlaggedConditionHoldsOnlyWhenSomethingIsFlagged() throws {
        let condition = try FailCondition(parsing: "flagged")
        XCTAssertNil(condition.violation(for: CheckSubject(input: "a", method: "dinamo", flaggedCount: 0, metrics: [:])))
        XCTAssertNotNil(condition.violation(for: CheckSubject(input: "a", method: "dinamo", flaggedCount: 2, metrics: [:])))
    }

    func testMetricConditionComparesAndAcceptsAliases() throws {
        let condition = try FailCondition(parsing: "auc<0.9")
        let low = CheckSubject(input: "s", method: "hmm", flaggedCount: 0, metrics: [.rocAUC: 0.85])
        let high = CheckSubject(input: "s", method: "hmm", flaggedCount: 0, metrics: [.rocAUC: 0.95])
        XCTAssertNotNil(condition.violation(for: low))
        XCTAssertNil(condition.violation(for: high))
        XCTAssertNotNil(try FailCondition(parsing: "balanced_accuracy <= 0.9").violation(
            for: CheckSubject(input: "h", method: "dinamo", flaggedCount: 0, metrics: [.balancedAccuracy: 0.9])))
    }

    func testMissingMetricNeverSatisfiesACondition() throws {
        let condition = try FailCondition(parsing: "f1<0.5")
        XCTAssertNil(condition.violation(for: CheckSubject(input: "s", method: "hmm", flaggedCount: 0, metrics: [.f1: Double?.none])))
    }

    func testMalformedConditionsAreUsageErrors() {
        for bad in ["auc", "auc<x", "nonsense>0.1", "", "auc<nan"] {
            XCTAssertThrowsError(try FailCondition(parsing: bad)) { error in
                XCTAssertEqual((error as? ReportError)?.exitCode, 2, bad)
            }
        }
    }

    // MARK: JUnit

    func testJUnitHasOneCasePerInputAndEscapesNames() {
        let report = JUnitReport(suiteName: "anomaly-report", cases: [
            .init(name: "<script>\"x\"&", className: "dinamo", seconds: 0.5, failures: ["3 flagged"], output: ""),
            .init(name: "ok-series", className: "mcem", seconds: nil, failures: [], output: "fine"),
        ])
        let xml = report.xml()
        XCTAssertTrue(xml.contains("tests=\"2\" failures=\"1\""))
        XCTAssertTrue(xml.contains("name=\"&lt;script&gt;&quot;x&quot;&amp;\""))
        XCTAssertFalse(xml.contains("<script>"))
        XCTAssertEqual(xml.components(separatedBy: "<testcase ").count - 1, 2)
        XCTAssertEqual(xml.components(separatedBy: "<failure ").count - 1, 1)
    }

    // MARK: CSV

    func testCSVQuotesAndNeutralisesFormulas() {
        var table = CSVTable(header: ["run", "score"])
        table.append([.text("a,b"), .number(1.5)])
        table.append([.text("=HYPERLINK(\"x\")"), .number(.nan)])
        table.append([.text("-3"), .integer(2)])
        XCTAssertEqual(table.text, "run,score\n\"a,b\",1.5\n\"'=HYPERLINK(\"\"x\"\")\",\n-3,2\n")
    }

    // MARK: formats

    func testFormatListParsing() throws {
        XCTAssertEqual(try FigureFormat.parseList("svg, png"), [.png, .svg])
        XCTAssertThrowsError(try FigureFormat.parseList("gif"))
        XCTAssertEqual(ReportFormat.plain(0.1 + 0.2), "0.3")
        XCTAssertEqual(ReportFormat.metric(nil), "—")
    }
}
