import Core

/// AdamW with PyTorch's semantics (`torch.optim.AdamW`, defaults β = (0.9, 0.999), ε = 1e-8; DINAMO-ML uses
/// lr = 5e-4, weight decay 1e-4). Decoupled weight decay, then the Adam step, in PyTorch's order and form:
///
///     θ ← θ · (1 − lr·λ)
///     m ← m + (1 − β₁)(g − m)                 (PyTorch's lerp)
///     v ← β₂ v + (1 − β₂) g²
///     θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
///
/// The bias corrections are computed in double precision (as PyTorch does with Python floats), the rest in Float.
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

    /// One step over `count` parameters with their gradients.
    public mutating func update(_ params: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>) {
        step += 1
        let bc1 = 1 - _pow(beta1, Double(step)), bc2 = 1 - _pow(beta2, Double(step))
        let decay = Float(1 - learningRate * weightDecay)
        let stepSize = Float(learningRate / bc1)
        let rootBC2 = Float(bc2.squareRoot())
        let (b1c, b2, b2c, eps) = (Float(1 - beta1), Float(beta2), Float(1 - beta2), Float(epsilon))
        let n = m.count
        // Eight parameters at a time (the same operations per element as one at a time), the tail padded.
        typealias V = SIMD8<Float>
        @inline(__always) func update(_ p: inout V, _ g: V, _ m: inout V, _ v: inout V) {
            p *= decay
            m += b1c * (g - m)
            v = b2 * v + b2c * g * g
            p -= stepSize * (m / (v.squareRoot() / rootBC2 + eps))
        }
        m.withUnsafeMutableBufferPointer { mm in
            v.withUnsafeMutableBufferPointer { vv in
                let pr = UnsafeMutableRawPointer(params), gr = UnsafeRawPointer(g)
                let mr = UnsafeMutableRawPointer(mm.baseAddress!), vr = UnsafeMutableRawPointer(vv.baseAddress!)
                var i = 0
                while i + 8 <= n {
                    let o = i * 4
                    var p = pr.loadUnaligned(fromByteOffset: o, as: V.self)
                    var m = mr.loadUnaligned(fromByteOffset: o, as: V.self)
                    var v = vr.loadUnaligned(fromByteOffset: o, as: V.self)
                    update(&p, gr.loadUnaligned(fromByteOffset: o, as: V.self), &m, &v)
                    pr.storeBytes(of: p, toByteOffset: o, as: V.self)
                    mr.storeBytes(of: m, toByteOffset: o, as: V.self)
                    vr.storeBytes(of: v, toByteOffset: o, as: V.self)
                    i += 8
                }
                if i < n {
                    var p = V(), gg = V(), m = V(), v = V()
                    for j in 0..<(n - i) { p[j] = params[i + j]; gg[j] = g[i + j]; m[j] = mm[i + j]; v[j] = vv[i + j] }
                    update(&p, gg, &m, &v)
                    for j in 0..<(n - i) { params[i + j] = p[j]; mm[i + j] = m[j]; vv[i + j] = v[j] }
                }
            }
        }
    }
}
