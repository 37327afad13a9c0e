import XCTest
@testable import Numerics

final class NumericsSmokeTests: XCTestCase {
    func testModuleLoads() {
        XCTAssertTrue(true)
    }
}
