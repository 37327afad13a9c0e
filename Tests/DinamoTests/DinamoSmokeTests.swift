import XCTest
@testable import Dinamo

final class DinamoSmokeTests: XCTestCase {
    func testModuleLoads() {
        XCTAssertTrue(true)
    }
}
