import Core

/// Adam with PyTorch's semantics (`torch.optim.Adam`, not AdamW): weight decay adds λ·θ to the gradient,
/// then m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − (lr/(1−β₁ᵗ)) · m / (√v/√(1−β₂ᵗ) + ε).
struct Adam: Sendable {
    var learningRate: Double
    var beta1: Double = 0.9
    var beta2: Double = 0.999
    var epsilon: Double = 1e-8
    var weightDecay: Double
    private(set) var step = 0
    private var m: [Double]
    private var v: [Double]

    init(count: Int, learningRate: Double, weightDecay: Double) {
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        m = [Double](repeating: 0, count: count)
        v = [Double](repeating: 0, count: count)
    }

    mutating func update(_ params: inout [Double], gradients: [Double]) {
        step += 1
        let t = Double(step)
        let bc1 = 1 - power(beta1, t)
        let bc2 = 1 - power(beta2, t)
        let stepSize = learningRate / bc1
        let sqrtBC2 = bc2.squareRoot()
        let (b1, b2, eps, wd) = (beta1, beta2, epsilon, weightDecay)
        let n = params.count
        params.withUnsafeMutableBufferPointer { p in
            gradients.withUnsafeBufferPointer { g in
                m.withUnsafeMutableBufferPointer { mm in
                    v.withUnsafeMutableBufferPointer { vv in
                        for i in 0..<n {
                            let gi = g[i] + wd * p[i]
                            mm[i] = b1 * mm[i] + (1 - b1) * gi
                            vv[i] = b2 * vv[i] + (1 - b2) * gi * gi
                            p[i] -= stepSize * mm[i] / (nonNegativeRoot(vv[i]) / sqrtBC2 + eps)
                        }
                    }
                }
            }
        }
    }
}

/// β^t by repeated squaring (t is a positive integer), so `Adam` needs no platform import.
@inline(__always)
func power(_ b: Double, _ t: Double) -> Double {
    var result = 1.0, base = b, e = Int(t)
    while e > 0 {
        if e & 1 == 1 { result *= base }
        base *= base
        e >>= 1
    }
    return result
}
