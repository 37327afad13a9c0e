import Core

// The Gaussian negative log-likelihood the forecaster is trained on (mixture, hmm and baseline).

/// ½ ln 2π.
let halfLogTwoPi = 0.918_938_533_204_672_7

/// Gaussian NLL of y under N(m, s²) with s = softplus(raw) + 1e-4, and its derivatives w.r.t. m and raw.
@inline(__always)
func gaussianNLL(y: Double, mean m: Double, raw: Double) -> (nll: Double, scale: Double, dMean: Double, dRaw: Double) {
    let s = softplus(raw) + 1e-4
    let r = y - m
    let inv = 1 / s
    let z2 = r * r * inv * inv
    let nll = halfLogTwoPi + _log(s) + 0.5 * z2
    let dMean = -r * inv * inv
    let dS = inv - z2 * inv
    return (nll, s, dMean, dS * sigmoid(raw))
}
