import XCTest
@testable import Core

/// `nonNegativeRoot` is the square root, bit for bit, on every non-negative value and NaN.
final class NonNegativeRootTests: XCTestCase {
    func testItHasTheBitsOfTheSquareRoot() {
        var g = SeededGenerator(seed: 5)
        for _ in 0..<1000 {
            let x = Double.random(in: 0...1e6, using: &g) * Double.random(in: 0...1, using: &g)
            XCTAssertEqual(nonNegativeRoot(x).bitPattern, x.squareRoot().bitPattern)
            let f = Float(x)
            XCTAssertEqual(nonNegativeRoot(f).bitPattern, f.squareRoot().bitPattern)
        }
        for x in [0.0, 1e-320, 4, .infinity] { XCTAssertEqual(nonNegativeRoot(x), x.squareRoot()) }
        XCTAssertTrue(nonNegativeRoot(Double.nan).isNaN)
        XCTAssertTrue(nonNegativeRoot(Float.nan).isNaN)
    }

    /// A loop over it is the loop over `squareRoot()`: the same bits for a whole buffer.
    func testALoopGivesTheSameBitsAsTheSquareRoot() {
        let values = (0..<1003).map { Double($0) * 0.37 + 1e-9 }
        var a = [Double](repeating: 0, count: values.count), b = a
        for i in values.indices { a[i] = nonNegativeRoot(values[i]); b[i] = values[i].squareRoot() }
        XCTAssertEqual(a.map(\.bitPattern), b.map(\.bitPattern))
    }
}
