import XCTest
@testable import MonteCarloEM

final class MonteCarloEMSmokeTests: XCTestCase {
    func testModuleLoads() {
        XCTAssertTrue(true)
    }
}
