import XCTest
import Core

final class ParallelMapTests: XCTestCase {
    private struct Failure: Error, Equatable { let index: Int }

    func testResultsAreInIndexOrderParallelOrNot() throws {
        let serial = try ParallelMap.map(count: 1000, parallel: false) { i in i * i }
        let parallel = try ParallelMap.map(count: 1000, parallel: true) { i in i * i }
        XCTAssertEqual(serial, (0..<1000).map { $0 * $0 })
        XCTAssertEqual(parallel, serial)
        XCTAssertEqual(try ParallelMap.map(count: 0, parallel: true) { $0 }, [])
        XCTAssertEqual(try ParallelMap.map(count: 1, parallel: true) { $0 + 7 }, [7])
    }

    func testTheErrorOfTheLowestFailingIndexIsRethrown() {
        for parallel in [false, true] {
            XCTAssertThrowsError(try ParallelMap.map(count: 200, parallel: parallel) { i -> Int in
                if i % 50 == 37 { throw Failure(index: i) }
                return i
            }) { e in
                XCTAssertEqual(e as? Failure, Failure(index: 37))
            }
        }
    }
}
