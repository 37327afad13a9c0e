import Core

/// AdamW with PyTorch's semantics (`torch.optim.AdamW`, defaults β = (0.9, 0.999), ε = 1e-8; DINAMO-ML uses
/// lr = 5e-4, weight decay 1e-4). Decoupled weight decay, then the Adam step, in PyTorch's order and form:
///
///     θ ← θ · (1 − lr·λ)
///     m ← m + (1 − β₁)(g − m)                 (PyTorch's lerp)
///     v ← β₂ v + (1 − β₂) g²
///     θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
///
/// The bias corrections are computed in double precision (as PyTorch does with Python floats), the rest in Float,
/// except that √v is multiplied by 1/√(1 − β₂ᵗ) (rounded once per step) rather than divided by √(1 − β₂ᵗ): one
/// vector division less per element, a difference in the last bit of a term that is itself ~lr.
public struct AdamW: Sendable {
    public var learningRate: Double
    public var beta1: Double = 0.9
    public var beta2: Double = 0.999
    public var epsilon: Double = 1e-8
    public var weightDecay: Double
    public private(set) var step = 0
    private var m: [Float]
    private var v: [Float]

    public init(count: Int, learningRate: Double = 5e-4, weightDecay: Double = 1e-4) {
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        m = [Float](repeating: 0, count: count)
        v = [Float](repeating: 0, count: count)
    }

    /// The factors of the current step, set by `beginStep`.
    private var factors = Factors()

    private struct Factors {
        var decay: Float = 1, stepSize: Float = 0, inverseRootBC2: Float = 1
        var b1c: Float = 0, b2: Float = 0, b2c: Float = 0, eps: Float = 0
    }

    /// One step over `count` parameters with their gradients.
    public mutating func update(_ params: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>) {
        beginStep()
        update(params, gradients: g, in: 0..<m.count)
    }

    /// Starts a step: counts it and fixes its bias corrections. The step's parameters are then updated by
    /// `update(_:gradients:in:)` over ranges covering each once, in any order and grouping — the same bits as one
    /// `update(_:gradients:)`, since every element is updated alone.
    mutating func beginStep() {
        step += 1
        let bc1 = 1 - _pow(beta1, Double(step)), bc2 = 1 - _pow(beta2, Double(step))
        factors = Factors(decay: Float(1 - learningRate * weightDecay), stepSize: Float(learningRate / bc1),
                          inverseRootBC2: Float(1 / bc2.squareRoot()), b1c: Float(1 - beta1), b2: Float(beta2),
                          b2c: Float(1 - beta2), eps: Float(epsilon))
    }

    /// The current step on the parameters `range` (indices into the whole parameter vector). Written element by
    /// element over plain pointers for the compiler to vectorise; `nonNegativeRoot` lets it use the vector square
    /// root (a `SIMD8` form compiled to one scalar root per lane).
    mutating func update(_ params: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>, in range: Range<Int>) {
        let f = factors
        m.withUnsafeMutableBufferPointer { mm in
            v.withUnsafeMutableBufferPointer { vv in
                let m = mm.baseAddress!, v = vv.baseAddress!
                for i in range {
                    let gi = g[i]
                    let mi = m[i] + f.b1c * (gi - m[i])
                    let vi = f.b2 * v[i] + f.b2c * gi * gi
                    let denominator = nonNegativeRoot(vi) * f.inverseRootBC2 + f.eps
                    params[i] = params[i] * f.decay - f.stepSize * (mi / denominator)
                    m[i] = mi
                    v[i] = vi
                }
            }
        }
    }
}
