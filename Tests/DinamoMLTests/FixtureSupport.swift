import DinamoML
import Foundation
import XCTest

/// The PyTorch fixtures of `Fixtures/` (written by `Fixtures/make_fixture.py`) and the comparisons the tests make.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct Shape: Decodable {
        let bins, model, heads, layers, feedForward, context: Int
        var transformerShape: TransformerShape {
            TransformerShape(bins: bins, model: model, heads: heads, layers: layers, feedForward: feedForward,
                             context: context, dropout: 0)
        }
    }

    /// small.json: an odd-sized network, everything in full.
    struct Small: Decodable {
        let shape: Shape
        let sequences: Int
        let names: [String]
        let x, t, target: [Float]
        let params0, mean, spread, grads1, params1, grads2, params2: [Float]
        let loss: Float
    }

    /// published.json: the published shape with formula weights and inputs; outputs in full, gradients and the
    /// updated parameters at every `every`-th flat index, each tensor's gradient norm.
    struct Published: Decodable {
        let shape: Shape
        let sequences, padded, every, count: Int
        let mean, spread, grads, params1: [Float]
        let loss: Float
        let norms: [String: Double]
        /// windowed.json: the contexts are windows over one series of runs (`formulaInputs(windowed:)`).
        let windowed: Bool?
    }

    static func load<T: Decodable>(_ name: String, as: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The published fixture's weights: LayerNorm gains 1 + 0.1 sin φ, other matrices sin φ/√fan_in, other
    /// vectors 0.1 sin φ, with φ = 0.731 i + 0.1 k (flat index i, tensor index k) — as make_fixture.py.
    static func formulaWeights(_ layout: ParameterLayout) -> [Float] {
        var p = [Float](repeating: 0, count: layout.count)
        for (k, tensor) in layout.tensors.enumerated() {
            let n = tensor.shape.reduce(1, *)
            let name = tensor.name
            let gain = tensor.shape.count == 1 && name.hasSuffix(".weight")
                && (name.hasSuffix(".1.weight") || name.contains("norm1") || name.contains("norm2"))
            for i in 0..<n {
                let phi = 0.731 * Double(tensor.offset + i) + 0.1 * Double(k)
                let v: Double
                if gain { v = 1 + 0.1 * sin(phi) } else if tensor.shape.count == 2 {
                    v = sin(phi) / Double(tensor.shape[1]).squareRoot()
                } else { v = 0.1 * sin(phi) }
                p[tensor.offset + i] = Float(v)
            }
        }
        return p
    }

    /// The published fixture's inputs (see make_fixture.py's `formula_inputs`): x flat (sequences·context·bins),
    /// t (sequences·context), target (sequences·bins). Windowed: token j of sequence s is run s + j − padded, the
    /// formula at (1, run), padding before run 0; the target is run s + context − padded.
    static func formulaInputs(sequences: Int, context: Int, bins: Int, padded: Int, windowed: Bool = false)
        -> (x: [Float], t: [Float], target: [Float]) {
        func hist(_ s: Int, _ j: Int) -> [Float] {
            let raw = (0..<bins).map { b -> Double in
                let a = sin(0.37 * Double(b) + 0.11 * Double(j) + 0.53 * Double(s))
                return 1 + a * a + 0.2 * cos(0.05 * Double(b) * Double(s))
            }
            let total = raw.reduce(0, +)
            return raw.map { Float($0 / total) }
        }
        var x: [Float] = [], t: [Float] = [], target: [Float] = []
        if windowed {
            for s in 0..<sequences {
                for j in 0..<context {
                    let run = s + j - padded
                    x += run >= 0 ? hist(1, run) : [Float](repeating: 0.01, count: bins)
                    t.append(run >= 0 ? -Float(context - j) : -100)
                }
                target += hist(1, s + context - padded)
            }
            return (x, t, target)
        }
        for s in 0..<sequences {
            for j in 0..<context {
                if s == 0 && j < padded {
                    x += [Float](repeating: 0.01, count: bins)
                    t.append(-100)
                } else {
                    x += hist(s, j)
                    t.append(-Float(context - j))
                }
            }
            target += hist(s, context)
        }
        return (x, t, target)
    }
}

/// Largest |ours − theirs| over the pair, and whether every element is within atol + rtol·|theirs|.
func agreement(_ ours: [Float], _ theirs: [Float], rtol: Float, atol: Float) -> (maxError: Float, within: Bool) {
    precondition(ours.count == theirs.count)
    var worst: Float = 0, ok = true
    for (a, b) in zip(ours, theirs) {
        let e = abs(a - b)
        worst = max(worst, e)
        if !(e <= atol + rtol * abs(b)) { ok = false }
    }
    return (worst, ok)
}
