import XCTest
@testable import Reporting

final class ReportingSmokeTests: XCTestCase {
    func testModuleLoads() {
        XCTAssertTrue(true)
    }
}
