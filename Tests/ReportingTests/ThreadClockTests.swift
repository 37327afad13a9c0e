import XCTest
@testable import Reporting

final class ThreadClockTests: XCTestCase {
    func testTheThreadCPUClockCountsOnlyWork() {
        let a = ThreadClock.seconds()
        var x = 0.0
        for i in 0..<3_000_000 { x += Double(i).squareRoot() }
        let b = ThreadClock.seconds()
        XCTAssertGreaterThan(b - a, 0)
        XCTAssertGreaterThan(x, 0)
        let c = ThreadClock.seconds()
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertLessThan(ThreadClock.seconds() - c, 0.1, "sleeping costs no CPU")
    }
}
