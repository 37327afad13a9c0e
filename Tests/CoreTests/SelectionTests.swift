import XCTest
@testable import Core

final class SelectionTests: XCTestCase {
    func testSelectReturnsTheSortedOrderStatisticForEveryIndex() {
        var g = SeededGenerator(seed: 3)
        for n in [1, 2, 3, 15, 16, 17, 100, 1001] {
            // A coarse lattice, so that ties are common; also sorted and reversed inputs.
            let random = (0..<n).map { _ in Double(g.int(below: 9)) - 4 }
            for values in [random, random.sorted(), random.sorted().reversed()] {
                let sorted = values.sorted()
                for k in Set([0, n / 2, n - 1, n / 3]) {
                    var a = values
                    let v = a.withUnsafeMutableBufferPointer { Selection.select($0, k) }
                    XCTAssertEqual(v, sorted[k], "n \(n) k \(k)")
                    XCTAssertTrue(a[..<k].allSatisfy { $0 <= v } && a[(k + 1)...].allSatisfy { $0 >= v })
                    XCTAssertEqual(a.sorted(), sorted, "selection only moves values")
                }
            }
        }
    }

    func testMedianIsNumpysMedian() {
        func median(_ v: [Double]) -> Double? { var a = v; return a.withUnsafeMutableBufferPointer { Selection.median($0) } }
        XCTAssertNil(median([]))
        XCTAssertEqual(median([5]), 5)
        XCTAssertEqual(median([3, 1, 2]), 2)
        // Even count: the mean of the two middle values, (2 + 3)/2.
        XCTAssertEqual(median([4, 1, 3, 2]), 2.5)
        var g = SeededGenerator(seed: 9)
        for n in 1...60 {
            let v = (0..<n).map { _ in g.uniform() }
            let s = v.sorted()
            let expected = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
            XCTAssertEqual(median(v), expected, "n \(n)")
        }
    }
}
