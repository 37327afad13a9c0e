import Core

extension MonteCarloEM {
    /// Runs one approach synchronously with the given generator (the network init, shuffles and MC draws).
    /// Trains on the robustly standardised series (`Standardisation`), scores every point from the residuals
    /// of the standardised forecast (`AnomalyScore`, half-width `scoreReach` × context) and maps forecasts,
    /// scales and log densities back to the series' units.
    ///
    /// Flags only what can be judged (docs/methods/mcem.md#8-what-is-never-flagged): never a point of the warm-up,
    /// the first `context` points, whose window is padded with the first value rather than seen; and nothing on a
    /// series whose residual spread is below `ResidualSpread.minimum`. Scores are computed for every point alike.
    public static func train(_ approach: Approach, series x: [Double], settings: MCEMSettings,
                             generator: inout SeededGenerator) -> ApproachResult {
        let map = Standardisation(fitting: x)
        let z = map.standardise(x)
        var r: ApproachResult = switch approach {
        case .baseline: trainBaseline(z, settings, &generator)
        case .topk: trainTopK(z, settings, &generator)
        case .mixture: trainMCEM(z, settings, hmm: false, &generator)
        case .hmm: trainMCEM(z, settings, hmm: true, &generator)
        }
        r.score = AnomalyScore.windowed(residuals: zip(z, r.mean).map { $0 - $1 },
                                        halfWidth: settings.scoreReach * settings.context)
        r.warmUp = min(max(0, settings.context), x.count)
        let spread = ResidualSpread.of(standardised: z, context: settings.context)
        r.residualSpread = spread
        r.flagged = spread < ResidualSpread.minimum ? [] : r.flagged.filter { $0 >= r.warmUp }
        return r.restored(map)
    }

    /// log p⁻ = −log(max − min), the uniform density over the series' range (1 when the range is empty).
    static func logUniformDensity(_ x: [Double]) -> Double {
        guard let lo = x.min(), let hi = x.max(), hi > lo else { return 0 }
        return -_log(hi - lo)
    }

    // MARK: baseline

    static func trainBaseline(_ x: [Double], _ s: MCEMSettings, _ gen: inout SeededGenerator) -> ApproachResult {
        let n = x.count
        let net = Forecaster(context: s.context, layers: s.hiddenLayers, outputs: 2, maxChunk: 16, generator: &gen)
        var trainer = MiniBatchTrainer(net: net, settings: s, count: n)
        trainer.setInputs(x)
        let epochs = s.baselineEpochs ?? s.epochs * s.samplesPerEpoch
        var order = Array(0..<n)
        var mean = [Double](repeating: 0, count: n), scale = mean, logp = mean
        var losses: [Double] = []
        losses.reserveCapacity(epochs)
        for _ in 0..<epochs {
            gen.shuffle(&order)
            let l = mean.withUnsafeMutableBufferPointer { m in
                scale.withUnsafeMutableBufferPointer { sc in
                    logp.withUnsafeMutableBufferPointer { lp in
                        trainer.gaussianEpoch(targets: x, mask: nil, order: order, mean: m.baseAddress!,
                                              scale: sc.baseAddress!, logDensity: lp.baseAddress!)
                    }
                }
            }
            losses.append(l)
        }
        // Final forecast of the trained network (no update).
        let forecast = GaussianForecast(observed: x, outputs: trainer.predict(count: n))
        let median = Statistics.median(forecast.nll) ?? 0
        let flagged = (0..<n).filter { forecast.nll[$0] > median + s.baselineNLLMargin }
        return ApproachResult(approach: .baseline, mean: forecast.mean, scale: forecast.scale, score: [] /* set by train() */,
                              posterior: nil, flagged: flagged, lossPerEpoch: losses, transitionsPerEpoch: nil,
                              nll: forecast.nll)
    }

    // MARK: topk

    /// Indices of the k largest values (ties: the lower index first), ascending.
    static func topK(_ v: [Double], _ k: Int) -> [Int] {
        let k = min(k, v.count)
        guard k > 0 else { return [] }
        // A small array kept sorted descending by (value, −index); most candidates fail the first comparison.
        var best: [(Double, Int)] = []
        best.reserveCapacity(k + 1)
        for (i, x) in v.enumerated() {
            let value = x.isNaN ? Double.infinity : x
            if best.count == k, value <= best[k - 1].0 { continue }
            var pos = best.count
            while pos > 0 && best[pos - 1].0 < value { pos -= 1 }
            best.insert((value, i), at: pos)
            if best.count > k { best.removeLast() }
        }
        return best.map(\.1).sorted()
    }

    static func trainTopK(_ x: [Double], _ s: MCEMSettings, _ gen: inout SeededGenerator) -> ApproachResult {
        let n = x.count
        let net = Forecaster(context: s.context, layers: s.hiddenLayers, outputs: 1, maxChunk: 16, generator: &gen)
        var topkSettings = s
        topkSettings.learningRate = s.topkLearningRate ?? s.learningRate
        var trainer = MiniBatchTrainer(net: net, settings: topkSettings, count: n)
        var masked: [Int] = []          // the previous epoch's k largest errors (none before the first epoch)
        var isMasked = [Bool](repeating: false, count: n)
        var inputs = x
        var errors = [Double](repeating: 0, count: n)
        var mean = errors
        var losses: [Double] = []
        losses.reserveCapacity(s.topkEpochs)
        let inv = 1 / Double(max(n, 1))
        var order = Array(0..<n)
        for _ in 0..<s.topkEpochs {
            // Replace the masked inputs by the previous (observed) value.
            for t in masked {
                isMasked[t] = true
                if t > 0 { inputs[t] = x[t - 1] }
            }
            trainer.setInputs(inputs)
            var loss = 0.0
            // Mini-batches in a fresh order each epoch, or the notebook's one full batch in index order: one
            // step per batch on the batch's mean squared error (the full batch is the case b = n, order untouched).
            if s.topkBatchSize != nil { gen.shuffle(&order) }
            let b = max(1, s.topkBatchSize ?? n)
            var start = 0
            while start < n {
                let end = min(start + b, n)
                let invBatch = 1 / Double(end - start)
                net.zeroGrad()
                trainer.padded.withUnsafeBufferPointer { p in
                    net.trainBatch(order: order, start..<end, windows: p.baseAddress!) { t, m, _ in
                        let r = m - x[t]
                        errors[t] = r * r
                        mean[t] = m
                        if isMasked[t] { return nil }
                        loss += r * r
                        return (2 * r * invBatch, 0)
                    }
                }
                trainer.step()
                start = end
            }
            losses.append(loss * inv)
            for t in masked { isMasked[t] = false; inputs[t] = x[t] }
            masked = topK(errors, s.topkMasked)
        }
        // The forecast the score uses: the trained forecaster over the series with the k points it masked last
        // replaced by its own forecast (`cleanedForecast`), so that it does not follow an anomalous stretch; and,
        // with `topkCleaningSigmas`, any other point beyond that many robust standard deviations of the last epoch's
        // residuals, √(median r²/0.4549) (0.4549 is the median of χ²₁), for at most one context in a row.
        if s.topkEpochs > 0 {
            for t in masked { isMasked[t] = true }
            var threshold = Double.infinity
            if let k = s.topkCleaningSigmas, let m = Statistics.median(errors) {
                threshold = k * (m / 0.454_936_4).squareRoot()
            }
            mean = trainer.cleanedForecast(x, anomalous: isMasked, threshold: threshold, run: s.context).map(\.0)
        }
        return ApproachResult(approach: .topk, mean: mean, scale: nil, score: [] /* set by train() */, posterior: nil,
                              flagged: s.topkEpochs > 0 ? masked : [], lossPerEpoch: losses,
                              transitionsPerEpoch: nil, nll: nil)
    }

    // MARK: mixture and hmm

    /// E-step: posterior P(anomalous) from the forecaster's log density and the uniform p⁻.
    static func eStep(logPlus: [Double], logMinus: Double, settings s: MCEMSettings,
                      transitions: Transitions?) -> [Double] {
        if let a = transitions {
            return HiddenMarkov.posterior(logNormal: logPlus,
                                          logAnomalous: [Double](repeating: logMinus, count: logPlus.count),
                                          transitions: a, prior: s.prior)
        }
        // Bayes' rule for the mixture, as a logistic of the log odds (finite for any density ratio).
        let logOddsPrior = _log(s.prior) - _log1p(-s.prior)
        return logPlus.map { lp in sigmoid(logOddsPrior + logMinus - (lp.isNaN ? -.infinity : lp)) }
    }

    static func trainMCEM(_ x: [Double], _ s: MCEMSettings, hmm: Bool, _ gen: inout SeededGenerator) -> ApproachResult {
        let n = x.count
        let samples = max(1, s.samplesPerEpoch)
        let net = Forecaster(context: s.context, layers: s.hiddenLayers, outputs: 2, maxChunk: 16, generator: &gen)
        var trainer = MiniBatchTrainer(net: net, settings: s, count: n)
        let logMinus = logUniformDensity(x)
        // Before the first epoch the "previous mean forecast" is the previous observed value,
        // and p⁺ comes from the untrained network (used only if there is no warm-up).
        var meanPrev = (0..<n).map { x[max($0 - 1, 0)] }
        trainer.setInputs(x)
        var logPlus = trainer.predict(count: n).enumerated().map { t, o in -gaussianNLL(y: x[t], mean: o.0, raw: o.1).nll }
        var transitions = Transitions(normalToAnomalous: s.initialNormalToAnomalous,
                                      anomalousToNormal: s.initialAnomalousToNormal)
        var history = [transitions]
        var losses: [Double] = []
        var order = Array(0..<n)
        var sampleMean = [Double](repeating: 0, count: n * samples)
        var sampleScale = sampleMean, sampleLogp = sampleMean
        var z = [Bool](repeating: false, count: n)
        var inputs = x
        for epoch in 0..<s.epochs {
            let post = epoch < s.warmUpEpochs
                ? [Double](repeating: s.prior, count: n)
                : eStep(logPlus: logPlus, logMinus: logMinus, settings: s, transitions: hmm ? transitions : nil)
            var counts = (n2n: 0, n2a: 0, a2n: 0, a2a: 0)
            var epochLoss = 0.0
            for k in 0..<samples {
                for t in 0..<n {
                    z[t] = gen.uniform() < post[t]
                    inputs[t] = z[t] ? meanPrev[t] : x[t]
                }
                if hmm {
                    for t in 0..<(n - 1) {
                        switch (z[t], z[t + 1]) {
                        case (false, false): counts.n2n += 1
                        case (false, true): counts.n2a += 1
                        case (true, false): counts.a2n += 1
                        case (true, true): counts.a2a += 1
                        }
                    }
                }
                trainer.setInputs(inputs)
                gen.shuffle(&order)
                epochLoss += sampleMean.withUnsafeMutableBufferPointer { m in
                    sampleScale.withUnsafeMutableBufferPointer { sc in
                        sampleLogp.withUnsafeMutableBufferPointer { lp in
                            trainer.gaussianEpoch(targets: x, mask: z, order: order, mean: m.baseAddress! + k * n,
                                                  scale: sc.baseAddress! + k * n, logDensity: lp.baseAddress! + k * n)
                        }
                    }
                }
            }
            losses.append(epochLoss / Double(samples))
            // Average over the MC samples: the mean arithmetically, p⁺ as a density (log-mean-exp); the scale
            // reported is the cleaned forecast's, computed after the last epoch.
            for t in 0..<n {
                var sm = 0.0, mx = -Double.infinity
                for k in 0..<samples {
                    sm += sampleMean[k * n + t]
                    mx = max(mx, sampleLogp[k * n + t])
                }
                var se = 0.0
                if mx > -.infinity {
                    for k in 0..<samples { se += _exp(sampleLogp[k * n + t] - mx) }
                    logPlus[t] = mx + _log(se / Double(samples))
                } else {
                    logPlus[t] = -.infinity
                }
                meanPrev[t] = sm / Double(samples)
            }
            if hmm {
                transitions = HiddenMarkov.mStep(counts: counts, previous: transitions, memory: s.transitionMemory)
                history.append(transitions)
            }
        }
        let posterior = eStep(logPlus: logPlus, logMinus: logMinus, settings: s, transitions: hmm ? transitions : nil)
        let flagged = (0..<n).filter { posterior[$0] > s.flagThreshold }
        // The forecast the score and the figures use: the trained forecaster over the series with the flagged points
        // replaced by its own forecast (`cleanedForecast`). The epochs' mean forecast, m̄ₜ, is made from windows
        // whose anomalous inputs hold the previous epoch's m̄ (docs/methods/mcem.md), so where a stretch was once
        // forecast wrongly the error feeds itself: on the toy's length 400 the points after the −2 block were still
        // forecast 2 below the pattern and ranked above the spikes (measured: docs/performance.md). The
        // posterior stays the epochs' (the method's E-step); mean, scale and NLL are those of this forecast.
        let clean = GaussianForecast(observed: x,
                                     outputs: trainer.cleanedForecast(x, anomalous: posterior.map { $0 > s.flagThreshold }))
        return ApproachResult(approach: hmm ? .hmm : .mixture, mean: clean.mean, scale: clean.scale,
                              score: [] /* set by train() */, posterior: posterior, flagged: flagged, lossPerEpoch: losses,
                              transitionsPerEpoch: hmm ? history : nil, nll: clean.nll)
    }
}
