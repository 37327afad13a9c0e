/// A Gaussian forecast of every point from the network's outputs (mean m, raw r): the mean, the scale
/// s = softplus(r) + 1e-4 and the negative log-likelihood of the observed value, ½ log 2π + log s + (y − m)²/(2s²).
struct GaussianForecast {
    var mean: [Double]
    var scale: [Double]
    var nll: [Double]

    init(observed y: [Double], outputs: [(Double, Double)]) {
        mean = outputs.map(\.0)
        scale = []
        nll = []
        scale.reserveCapacity(y.count)
        nll.reserveCapacity(y.count)
        for (t, o) in outputs.enumerated() {
            let g = gaussianNLL(y: y[t], mean: o.0, raw: o.1)
            scale.append(g.scale)
            nll.append(g.nll)
        }
    }
}
