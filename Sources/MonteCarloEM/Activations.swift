import Core

// The forecaster's activations: LeakyReLU(0.01) of the hidden layers, softplus of the scale, the logistic function.

extension Forecaster {
    /// LeakyReLU(0.01) of one point's layer.
    @inline(__always)
    static func leaky(_ h: Vec) -> Vec {
        h.replacing(with: h * 0.01, where: h .< 0)
    }
}

/// Softplus as PyTorch computes it in double precision, stably: max(r, 0) + log1p(e^−|r|).
@inline(__always)
func softplus(_ r: Double) -> Double { max(r, 0) + _log1p(_exp(-abs(r))) }

/// The logistic function, stably.
@inline(__always)
func sigmoid(_ r: Double) -> Double {
    r >= 0 ? 1 / (1 + _exp(-r)) : { let e = _exp(r); return e / (1 + e) }()
}
