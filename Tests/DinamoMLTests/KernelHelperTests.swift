import Core
import XCTest
@testable import DinamoML

/// The small kernels beside `gemm`: row reductions, lane-wise min/max, the dropout stream, AdamW applied in
/// pieces and the tiled transpose of the weights.
final class KernelHelperTests: XCTestCase {
    /// Rows of every length around the vector width, against plain loops.
    func testRowReductionsAgreeWithPlainLoops() {
        var g = SeededGenerator(seed: 3)
        for count in [1, 7, 8, 9, 20, 100, 103] {
            let a = (0..<count).map { _ in Float.random(in: -2...2, using: &g) }
            let b = (0..<count).map { _ in Float.random(in: -2...2, using: &g) }
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    let (x, y) = (pa.baseAddress!, pb.baseAddress!)
                    XCTAssertEqual(rowSum(x, count: count), a.reduce(0, +), accuracy: 1e-5, "\(count)")
                    XCTAssertEqual(rowDot(x, y, count: count), zip(a, b).reduce(0) { $0 + $1.0 * $1.1 },
                                   accuracy: 1e-5, "\(count)")
                    XCTAssertEqual(rowMax(x, count: count), a.max()!, "\(count)")
                }
            }
        }
    }

    func testLaneMinMaxKeepNaNAndOrder() {
        let a = Lanes(1, -3, .nan, 0, 5, -.infinity, 2, 2)
        let b = Lanes(repeating: 0)
        let hi = a.atLeast(b), lo = a.atMost(b)
        XCTAssertEqual([hi[0], hi[1], hi[3], hi[4], hi[5], hi[6]], [1, 0, 0, 5, 0, 2])
        XCTAssertEqual([lo[0], lo[1], lo[3], lo[4], lo[5], lo[6]], [0, -3, 0, 0, -.infinity, 0])
        XCTAssertTrue(hi[2].isNaN && lo[2].isNaN)
    }

    /// p of the elements dropped (to within sampling error), the rest scaled by 1/(1 − p); the same seed gives the
    /// same mask, another seed another; a tail shorter than a draw is filled.
    func testDropoutStreamDropsAtTheRateAndRepeatsWithItsSeed() {
        let count = 100_003
        func mask(seed: UInt64) -> [Float] {
            var stream = DropoutStream(seed: seed)
            var m = [Float](repeating: -1, count: count)
            m.withUnsafeMutableBufferPointer { fillDropoutMask($0.baseAddress!, count: count, probability: 0.15, generator: &stream) }
            return m
        }
        let m = mask(seed: 9)
        let dropped = m.filter { $0 == 0 }.count
        XCTAssertEqual(Double(dropped) / Double(count), 0.15, accuracy: 4 * (0.15 * 0.85 / Double(count)).squareRoot())
        XCTAssertTrue(m.allSatisfy { $0 == 0 || $0 == 1 / (1 - Float(0.15)) })
        XCTAssertEqual(m, mask(seed: 9))
        XCTAssertNotEqual(m, mask(seed: 10))
        // Neighbouring elements are not tied: a dropped element's neighbour is dropped at about the base rate.
        var pairs = 0, both = 0
        for i in 0..<(count - 1) where m[i] == 0 { pairs += 1; if m[i + 1] == 0 { both += 1 } }
        XCTAssertEqual(Double(both) / Double(pairs), 0.15, accuracy: 0.02)
    }

    /// A step applied tensor by tensor (any split) gives the bits of one step over everything.
    func testAdamWInPiecesEqualsOneUpdate() {
        var g = SeededGenerator(seed: 7)
        let n = 1001
        let start = (0..<n).map { _ in Float.random(in: -1...1, using: &g) }
        let grads = (0..<n).map { _ in Float.random(in: -1e-2...1e-2, using: &g) }
        var whole = start, pieces = start
        var a = AdamW(count: n, learningRate: 5e-4, weightDecay: 1e-4), b = a
        for _ in 0..<3 {
            whole.withUnsafeMutableBufferPointer { p in grads.withUnsafeBufferPointer { a.update(p.baseAddress!, gradients: $0.baseAddress!) } }
            pieces.withUnsafeMutableBufferPointer { p in
                grads.withUnsafeBufferPointer { gr in
                    b.beginStep()
                    for r in [500..<1001, 0..<3, 3..<500] { b.update(p.baseAddress!, gradients: gr.baseAddress!, in: r) }
                }
            }
        }
        XCTAssertEqual(whole.map(\.bitPattern), pieces.map(\.bitPattern))
        XCTAssertNotEqual(whole, start)
    }

    /// The tiled transpose writes Wᵀ of every Linear, whatever its shape's remainder modulo the tile.
    func testMirrorHoldsTheTransposeOfEveryWeight() {
        let shape = TransformerShape(bins: 7, model: 12, heads: 3, layers: 2, feedForward: 9, context: 4, dropout: 0)
        let layout = ParameterLayout(shape: shape)
        var g = SeededGenerator(seed: 2)
        let net = Transformer(layout: layout, parameters: initialParameters(layout, generator: &g), maxSequences: 2,
                              dropoutSeed: 1)
        for slot in net.linearSlots {
            for o in 0..<slot.outputs {
                for i in 0..<slot.inputs {
                    XCTAssertEqual(net.mirror[slot.mirror + i * slot.outputs + o], net.params[slot.weight + o * slot.inputs + i])
                }
            }
        }
    }
}
