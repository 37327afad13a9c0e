/// PyTorch's `GaussianNLLLoss(full: false, reduction: "mean", eps: 1e-9)` with input μ, target x and
/// variance v = σ_μ², as DINAMO-ML trains (`loss_function(μ_out, x, σ_μ_out**2)`):
///
///     L = (1/n) Σ ½ (ln v̄ + (μ − x)² / v̄),   v̄ = max(v, eps)
///
/// over all n = sequences × bins elements. PyTorch clamps v̄ inside `no_grad`, so the gradient flows as if the
/// clamp were the identity: ∂L/∂μ = (μ − x)/(n v̄) and ∂L/∂v = (1/v̄ − (μ − x)²/v̄²)/(2n), hence
/// ∂L/∂σ_μ = 2σ_μ · ∂L/∂v.
public struct GaussianNLLLoss: Sendable {
    public var epsilon: Float = 1e-9

    public init(epsilon: Float = 1e-9) { self.epsilon = epsilon }

    /// The loss over `count` elements; writes ∂L/∂μ and ∂L/∂σ_μ.
    public func evaluate(mean: UnsafePointer<Float>, spread: UnsafePointer<Float>, target: UnsafePointer<Float>,
                         count: Int, dMean: UnsafeMutablePointer<Float>, dSpread: UnsafeMutablePointer<Float>)
        -> Float {
        let inverseCount = 1 / Float(count)
        var total: Double = 0
        for i in 0..<count {
            let variance = max(spread[i] * spread[i], epsilon)
            let r = mean[i] - target[i]
            let inverse = 1 / variance
            total += Double(0.5 * (logFloat(variance) + r * r * inverse))
            dMean[i] = r * inverse * inverseCount
            let dVariance = 0.5 * (inverse - r * r * inverse * inverse) * inverseCount
            dSpread[i] = 2 * spread[i] * dVariance
        }
        return Float(total / Double(count))
    }
}
