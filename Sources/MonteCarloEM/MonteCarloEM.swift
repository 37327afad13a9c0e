import Numerics

/// Monte Carlo EM for time-series anomaly detection (SPEC §3.2–3.4): pure computation, no I/O.
///
/// ```swift
/// let toy = ToySeries.make(seed: 0)
/// let results = await MonteCarloEM.run(series: toy.values, approaches: Approach.allCases,
///                                      settings: .notebook, seed: 0)
/// let m = MonteCarloEM.metrics(results[3], series: toy.values, labels: toy.labels)
/// ```
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
}
