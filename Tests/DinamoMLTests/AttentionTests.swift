import Core
import XCTest
@testable import DinamoML

/// The attention run eight (sequence, head) pairs to a vector against the per-head computation it replaced
/// (`PerHeadAttention`: one `gemm` per product, `rowSum`/`rowDot` per row): the same bits, for shapes with a last
/// group of one pair, head widths under and over eight, and with and without the dropout mask.
final class AttentionTests: XCTestCase {
    func testLaneGroupsGiveThePerHeadBits() {
        let shapes = [AttentionShape(sequences: 3, length: 7, heads: 3, headWidth: 5),
                      AttentionShape(sequences: 2, length: 20, heads: 10, headWidth: 10),
                      AttentionShape(sequences: 1, length: 9, heads: 2, headWidth: 17),
                      AttentionShape(sequences: 2, length: 12, heads: 3, headWidth: 8),
                      AttentionShape(sequences: 10, length: 20, heads: 10, headWidth: 10)]
        var g = SeededGenerator(seed: 11)
        for shape in shapes {
            for masked in [false, true] {
                let n = shape.sequences * shape.length, d = shape.model
                var qkv = (0..<(n * 3 * d)).map { _ in Float.random(in: -2...2, using: &g) }
                var dOut = (0..<(n * d)).map { _ in Float.random(in: -1...1, using: &g) }
                var mask = [Float](repeating: 0, count: shape.probabilityCount)
                var stream = DropoutStream(seed: 5)
                mask.withUnsafeMutableBufferPointer {
                    fillDropoutMask($0.baseAddress!, count: $0.count, probability: 0.15, generator: &stream)
                }
                let reference = PerHeadAttention.run(shape, qkv: qkv, dOut: dOut, mask: masked ? mask : nil)

                let heads = UnsafeMutablePointer<Lanes>.allocate(capacity: shape.groups * shape.laneHeadCount)
                let p = UnsafeMutablePointer<Lanes>.allocate(capacity: shape.laneProbabilityCount)
                // The same mask in P's lane layout: lane l of vector g·length² + e is element e of pair 8g + l.
                let laneMask = UnsafeMutablePointer<Lanes>.allocate(capacity: shape.laneProbabilityCount)
                laneMask.initialize(repeating: Lanes(repeating: .nan), count: shape.laneProbabilityCount)
                defer { heads.deallocate(); p.deallocate(); laneMask.deallocate() }
                for r in 0..<shape.pairs {
                    for e in 0..<shape.square {
                        laneMask[(r / 8) * shape.square + e][r % 8] = mask[r * shape.square + e]
                    }
                }
                let scratch = AttentionScratch(length: shape.length, headWidth: shape.headWidth)
                var out = [Float](repeating: .nan, count: n * d)
                var dqkv = [Float](repeating: .nan, count: n * 3 * d)
                qkv.withUnsafeMutableBufferPointer { q in
                    out.withUnsafeMutableBufferPointer { o in
                        attentionForward(shape, qkv: q.baseAddress!, heads: heads, probabilities: p,
                                         laneMask: masked ? UnsafePointer(laneMask) : nil, scratch: scratch,
                                         out: o.baseAddress!)
                    }
                }
                dOut.withUnsafeMutableBufferPointer { o in
                    dqkv.withUnsafeMutableBufferPointer { dq in
                        attentionBackward(shape, heads: heads, probabilities: p,
                                          laneMask: masked ? UnsafePointer(laneMask) : nil, dOut: o.baseAddress!,
                                          scratch: scratch, dqkv: dq.baseAddress!)
                    }
                }
                let label = "\(shape) masked \(masked)"
                XCTAssertEqual(out.map(\.bitPattern), reference.out.map(\.bitPattern), label)
                XCTAssertEqual(dqkv.map(\.bitPattern), reference.dqkv.map(\.bitPattern), label)
                // P of pair r, element e is lane r % 8 of vector (r / 8)·length² + e.
                for r in 0..<shape.pairs {
                    for e in 0..<shape.square {
                        XCTAssertEqual(p[(r / 8) * shape.square + e][r % 8].bitPattern,
                                       reference.probabilities[r * shape.square + e].bitPattern, label)
                    }
                }
            }
        }
    }

    /// Each lane of `laneRowSum`/`laneRowDot` is `rowSum`/`rowDot` of that lane's row, bit for bit.
    func testLaneReductionsAreTheRowReductionsPerLane() {
        var g = SeededGenerator(seed: 4)
        for count in [1, 5, 8, 13, 20, 31] {
            let a = (0..<(count * 8)).map { _ in
                Float.random(in: -3...3, using: &g) * (Float.random(in: 0...1, using: &g) < 0.2 ? 1e5 : 1)
            }
            let b = (0..<(count * 8)).map { _ in Float.random(in: -3...3, using: &g) }
            // Lane l of vector j is element j of row l.
            let va = (0..<count).map { j in Lanes((0..<8).map { a[$0 * count + j] }) }
            let vb = (0..<count).map { j in Lanes((0..<8).map { b[$0 * count + j] }) }
            let sums = va.withUnsafeBufferPointer { laneRowSum($0.baseAddress!, count: count) }
            let dots = va.withUnsafeBufferPointer { x in
                vb.withUnsafeBufferPointer { laneRowDot(x.baseAddress!, $0.baseAddress!, count: count) }
            }
            for l in 0..<8 {
                let row = Array(a[(l * count)..<((l + 1) * count)])
                let other = Array(b[(l * count)..<((l + 1) * count)])
                let sum = row.withUnsafeBufferPointer { rowSum($0.baseAddress!, count: count) }
                let dot = row.withUnsafeBufferPointer { x in
                    other.withUnsafeBufferPointer { rowDot(x.baseAddress!, $0.baseAddress!, count: count) }
                }
                XCTAssertEqual(sums[l].bitPattern, sum.bitPattern, "count \(count) lane \(l)")
                XCTAssertEqual(dots[l].bitPattern, dot.bitPattern, "count \(count) lane \(l)")
            }
        }
    }
}

/// The attention computed head by head, as DinamoML did before running eight pairs to a vector: the oracle of the
/// tests above. Forward then backward on plain arrays.
enum PerHeadAttention {
    static func run(_ shape: AttentionShape, qkv: [Float], dOut: [Float], mask: [Float]?)
        -> (out: [Float], dqkv: [Float], probabilities: [Float]) {
        let (n, hw, d) = (shape.length, shape.headWidth, shape.model)
        let tokens = shape.sequences * n, stride = 3 * d
        let scale = 1 / Float(hw).squareRoot()
        var out = [Float](repeating: 0, count: tokens * d), dqkv = [Float](repeating: 0, count: tokens * stride)
        var probabilities = [Float](repeating: 0, count: shape.probabilityCount)
        var dropped = probabilities
        var transposed = [Float](repeating: 0, count: hw * n), dP = [Float](repeating: 0, count: n * n)
        qkv.withUnsafeBufferPointer { qkvBuffer in
            let all = qkvBuffer.baseAddress!
            for s in 0..<shape.sequences {
                for h in 0..<shape.heads {
                    let q = all + (s * n * stride + h * hw), k = q + d, v = q + 2 * d
                    let at = (s * shape.heads + h) * shape.square
                    probabilities.withUnsafeMutableBufferPointer { pb in
                        transposed.withUnsafeMutableBufferPointer { kt in
                            let p = pb.baseAddress! + at, keysT = kt.baseAddress!
                            for j in 0..<n { for c in 0..<hw { keysT[c * n + j] = k[j * stride + c] } }
                            gemm(m: n, n: n, k: hw, a: StridedMatrix(q, rowStride: stride, columnStride: 1), b: keysT,
                                 ldb: n, c: p, ldc: n, store: .overwrite)
                            for i in 0..<n {
                                let row = p + i * n
                                var top = -Float.infinity
                                for j in 0..<n { row[j] *= scale; top = max(top, row[j]) }
                                for j in 0..<n { row[j] -= top }
                            }
                            expInPlace(p, count: shape.square)
                            for i in 0..<n {
                                let row = p + i * n
                                let inv = 1 / rowSum(row, count: n)
                                for j in 0..<n { row[j] *= inv }
                            }
                        }
                    }
                    for e in 0..<shape.square {
                        dropped[at + e] = mask.map { probabilities[at + e] * $0[at + e] } ?? probabilities[at + e]
                    }
                    dropped.withUnsafeBufferPointer { w in
                        out.withUnsafeMutableBufferPointer { o in
                            gemm(m: n, n: hw, k: n, a: StridedMatrix(w.baseAddress! + at, columns: n), b: v,
                                 ldb: stride, c: o.baseAddress! + (s * n * d + h * hw), ldc: d, store: .overwrite)
                        }
                    }
                }
            }
            dOut.withUnsafeBufferPointer { dOutBuffer in
                for s in 0..<shape.sequences {
                    for h in 0..<shape.heads {
                        let q = all + (s * n * stride + h * hw), k = q + d, v = q + 2 * d
                        let at = (s * shape.heads + h) * shape.square
                        let dO = dOutBuffer.baseAddress! + (s * n * d + h * hw)
                        dqkv.withUnsafeMutableBufferPointer { dqb in
                            transposed.withUnsafeMutableBufferPointer { vt in
                                dP.withUnsafeMutableBufferPointer { dpb in
                                    probabilities.withUnsafeBufferPointer { pb in
                                        dropped.withUnsafeBufferPointer { wb in
                                            let dq = dqb.baseAddress! + (s * n * stride + h * hw)
                                            let dk = dq + d, dv = dq + 2 * d
                                            let valuesT = vt.baseAddress!, dPp = dpb.baseAddress!
                                            let p = pb.baseAddress! + at, weights = wb.baseAddress! + at
                                            for j in 0..<n {
                                                for c in 0..<hw { valuesT[c * n + j] = v[j * stride + c] }
                                            }
                                            gemm(m: n, n: n, k: hw,
                                                 a: StridedMatrix(dO, rowStride: d, columnStride: 1),
                                                 b: valuesT, ldb: n, c: dPp, ldc: n, store: .overwrite)
                                            gemm(m: n, n: hw, k: n, a: .transposed(weights, columns: n), b: dO, ldb: d,
                                                 c: dv, ldc: stride, store: .overwrite)
                                            if let mask { for e in 0..<shape.square { dPp[e] *= mask[at + e] } }
                                            for i in 0..<n {
                                                let row = dPp + i * n, pr = p + i * n
                                                let dot = rowDot(row, pr, count: n)
                                                for j in 0..<n { row[j] = pr[j] * (row[j] - dot) * scale }
                                            }
                                            gemm(m: n, n: hw, k: n, a: StridedMatrix(dPp, columns: n), b: k,
                                                 ldb: stride, c: dq, ldc: stride, store: .overwrite)
                                            gemm(m: n, n: hw, k: n, a: .transposed(dPp, columns: n), b: q, ldb: stride,
                                                 c: dk, ldc: stride, store: .overwrite)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (out, dqkv, probabilities)
    }
}
