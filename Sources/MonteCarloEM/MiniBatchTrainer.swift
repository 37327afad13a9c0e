import Core

/// Trains a forecaster point by point over shuffled mini-batches (every point every epoch, last partial batch kept).
struct MiniBatchTrainer {
    let net: Forecaster
    var adam: Adam
    let batchSize: Int
    /// The input series with `context` copies of its first value in front: the window of target t is
    /// `padded[t ..< t + context]`, contiguous, so no window is ever copied.
    var padded: [Double]

    init(net: Forecaster, settings: MCEMSettings, count n: Int) {
        self.net = net
        adam = Adam(count: net.parameterCount, learningRate: settings.learningRate, weightDecay: settings.weightDecay)
        batchSize = max(1, settings.batchSize)
        padded = [Double](repeating: 0, count: n + net.context)
    }

    /// Puts `inputs` behind `context` copies of `padding` (default: the first input).
    mutating func setInputs(_ inputs: [Double], padding: Double? = nil) {
        let c = net.context
        let first = padding ?? inputs.first ?? 0
        padded.withUnsafeMutableBufferPointer { p in
            for i in 0..<c { p[i] = first }
            for t in 0..<inputs.count { p[c + t] = inputs[t] }
        }
    }

    /// One epoch of the Gaussian forecaster in the given order. The loss of a batch is the mean over its points
    /// of the NLL with masked points contributing 0 (the denominator is the batch size, as the notebook's
    /// `torch.mean` over the batch). Records the forecast of every point as seen during training.
    /// Returns the mean batch loss.
    mutating func gaussianEpoch(targets: [Double], mask: [Bool]?, order: [Int],
                                mean: UnsafeMutablePointer<Double>, scale: UnsafeMutablePointer<Double>,
                                logDensity: UnsafeMutablePointer<Double>) -> Double {
        let n = order.count
        var total = 0.0
        var batches = 0
        var start = 0
        while start < n {
            let end = min(start + batchSize, n)
            let inv = 1 / Double(end - start)
            net.zeroGrad()
            var loss = 0.0
            padded.withUnsafeBufferPointer { p in
                net.trainBatch(order: order, start..<end, windows: p.baseAddress!) { t, m, r in
                    let g = gaussianNLL(y: targets[t], mean: m, raw: r)
                    mean[t] = m
                    scale[t] = g.scale
                    logDensity[t] = -g.nll
                    if mask?[t] ?? false { return nil }
                    loss += g.nll
                    return (g.dMean * inv, g.dRaw * inv)
                }
            }
            step()
            total += loss * inv
            batches += 1
            start = end
        }
        return batches > 0 ? total / Double(batches) : 0
    }

    /// Forecasts every point without training: (mean, raw) per point.
    func predict(count n: Int) -> [(Double, Double)] {
        padded.withUnsafeBufferPointer { p in
            (0..<n).map { t in net.forward(p.baseAddress! + t) }
        }
    }

    /// Forecasts every point in time order with the inputs of the points judged anomalous replaced by their
    /// own forecast: the window of t holds x_u where u is normal and m̂_u where `anomalous[u]`, m̂_u computed
    /// earlier in this same pass. An anomalous stretch is so bridged by the forecaster's own continuation of the
    /// normal pattern instead of being followed, and the points after it are forecast as if it had not happened.
    /// The windows before t = context are padded with the first point judged normal (not with an anomalous first
    /// value, which would pull the first `context` forecasts towards it). Returns (mean, raw) per point.
    ///
    /// With a finite `threshold`, a point not judged anomalous whose residual in this pass, |xₜ − m̂ₜ|, exceeds it is
    /// replaced too, for at most `run` points in a row; after `run` such points the pass follows the series again
    /// (keeps the observed values) until a point falls back within the threshold. A stretch is so bridged for up
    /// to `run` points, while a lasting level shift is bridged once and then followed, not forecast away to the
    /// end of the series.
    mutating func cleanedForecast(_ x: [Double], anomalous: [Bool], threshold: Double = .infinity,
                                  run: Int = 0) -> [(Double, Double)] {
        setInputs(x, padding: x.indices.first { !anomalous[$0] }.map { x[$0] })
        let c = net.context
        var bridged = 0           // points replaced in a row for their residual
        var following = false     // `run` reached: keep the observed values until one is within the threshold
        return padded.withUnsafeMutableBufferPointer { p in
            (0..<x.count).map { t in
                let o = net.forward(UnsafePointer(p.baseAddress! + t))
                let beyond = abs(x[t] - o.0) > threshold
                if anomalous[t] {
                    p[c + t] = o.0
                } else if beyond && !following {
                    p[c + t] = o.0
                    bridged += 1
                    following = bridged >= run
                } else if !beyond {
                    bridged = 0
                    following = false
                }
                return o
            }
        }
    }

    mutating func step() {
        net.finishGradients()
        adam.update(&net.params, gradients: net.grads)
        net.refresh()
    }
}
