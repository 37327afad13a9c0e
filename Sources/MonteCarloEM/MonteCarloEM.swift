import Core

/// Monte Carlo EM for time-series anomaly detection (docs/methods/mcem.md): pure computation, no I/O.
///
/// ```swift
/// let toy = ToySeries.make(seed: 0)
/// let results = await MonteCarloEM.run(series: toy.values, approaches: Approach.allCases,
///                                      settings: .notebook, seed: 0)
/// let m = MonteCarloEM.metrics(results[3], series: toy.values, labels: toy.labels)
/// ```
///
/// Decisions this implementation takes where the notebook leaves room (each documented at its code):
/// - The output layer `Linear(16→outputs)` is **not** weight-normalised (the notebook appends a bare Linear).
/// - Every point t = 0…n−1 is a training target for every approach (topk included); windows before t = 25
///   are padded with the first value.
/// - Batch loss = sum of unmasked NLLs / batch size (masked points count in the denominator, as the
///   notebook's `torch.mean` over a zeroed loss vector).
/// - mixture/hmm: before the first epoch the "previous epoch's mean forecast" is the previous observed value;
///   p⁺ is averaged over MC samples as a density (log-mean-exp), the mean forecast (the next epoch's imputation)
///   arithmetically; the reported posterior comes from one more E-step after the last epoch.
/// - Every approach reports (and scores with) the cleaned forecast: the trained net run once more in time order
///   with the points it judged anomalous replaced by its own forecast (`ApproachResult.mean`).
/// - topk: nothing is masked in the first epoch (the notebook masks random points).
/// - baseline flags NLL > median(NLL) + `baselineNLLMargin` (4.5 nats ≈ a 3σ residual).
public enum MonteCarloEM {
    /// Runs the approaches concurrently (one child task each). Approach `a` draws all its randomness from
    /// `SeededGenerator.stream(seed: seed, a.streamIndex)`, so the numbers do not depend on the number of
    /// cores, nor on the order or selection of approaches. Results come back in the order requested.
    public static func run(series: [Double], approaches: [Approach], settings: MCEMSettings = .notebook,
                           seed: UInt64) async -> [ApproachResult] {
        await withTaskGroup(of: (Int, ApproachResult).self) { group in
            for (i, a) in approaches.enumerated() {
                group.addTask {
                    var g = SeededGenerator.stream(seed: seed, a.streamIndex)
                    return (i, train(a, series: series, settings: settings, generator: &g))
                }
            }
            var out: [(Int, ApproachResult)] = []
            for await r in group { out.append(r) }
            return out.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// Runs one approach with its own stream of `seed` (same numbers as within `run`).
    public static func run(_ approach: Approach, series: [Double], settings: MCEMSettings = .notebook,
                           seed: UInt64) -> ApproachResult {
        var g = SeededGenerator.stream(seed: seed, approach.streamIndex)
        return train(approach, series: series, settings: settings, generator: &g)
    }

    /// One call for the CLI: runs the approaches concurrently and computes their metrics
    /// (label-dependent ones are nil when `labels` is nil). Seconds are the caller's to measure.
    public static func run(series: [Double], labels: [Bool]?, approaches: [Approach],
                           settings: MCEMSettings = .notebook, seed: UInt64,
                           vusWindow: Int? = nil) async -> [ApproachReport] {
        let results = await run(series: series, approaches: approaches, settings: settings, seed: seed)
        let window = vusWindow ?? Autocorrelation.tsbADWindow(series)
        return results.map {
            ApproachReport(result: $0, metrics: metrics($0, series: series, labels: labels, vusWindow: window))
        }
    }
}

/// A result with its metrics.
public struct ApproachReport: Sendable, Equatable {
    public var result: ApproachResult
    public var metrics: ApproachMetrics
}
