import MonteCarloEM
import Core

/// Runs the MC-EM approaches of one series. A series' seed follows from the run's seed and the series' identity, its
/// display name (`SeededGenerator.seed(run:identity:)`, docs/methods/mcem.md#reproducibility), and each approach draws
/// from its own stream of it, so the numbers never depend on the series' place in a config, on sharding, on the
/// number of cores, on `--jobs`, or on the order in which inputs finish.
enum McemRunner {
    struct SeriesDone: Sendable {
        var results: [ApproachResult]
        /// CPU seconds of each approach's own computation (its thread's CPU clock), so approaches that run
        /// at once are not each charged the group's wall time.
        var seconds: [Approach: Double]
        var settings: MCEMSettings
    }

    /// The MC-EM settings for a series. File inputs start from `MCEMSettings.defaults(for:)` (context from
    /// the dominant period, effort scaled with length); the built-in toy series keeps the notebook's settings.
    /// `--quick` shrinks the effort on top; `--epochs`, `--samples` and `--context` override last, so
    /// `--context 25 --samples 20` with the notebook's epochs asks for the notebook exactly.
    static func settings(for spec: SeriesJobSpec, values: [Double], quick: Bool) -> MCEMSettings {
        var s: MCEMSettings
        switch spec.source {
        case .file: s = MCEMSettings.defaults(for: values, context: spec.context)
        case .toy: s = MCEMSettings.notebook
        }
        if let context = spec.context { s.context = context }
        if quick {
            s.epochs = min(s.epochs, 8)
            s.warmUpEpochs = min(s.warmUpEpochs, 2)
            s.samplesPerEpoch = min(s.samplesPerEpoch, 4)
            s.topkEpochs = min(s.topkEpochs, s.topkBatchSize == nil ? 400 : 25)
        }
        if let epochs = spec.epochs {
            s.epochs = epochs
            s.topkEpochs = epochs
            s.topkLearningRate = nil
            s.warmUpEpochs = min(s.warmUpEpochs, max(0, epochs - 1))
        }
        if let samples = spec.samples { s.samplesPerEpoch = samples }
        return s
    }

    /// The seed of a series in a run seeded `run`: from its identity, the display name (`--name` or the config's
    /// `name` when given, else the file's name without its folders; the toy's `series-toy`), so that moving the
    /// file changes nothing and renaming it gives other draws.
    static func seriesSeed(run: UInt64, name: String) -> UInt64 {
        SeededGenerator.seed(run: run, identity: name)
    }

    /// The approaches of one series run concurrently; each is timed by the CPU clock of its own thread.
    static func runSeries(_ input: LoadedSeries, seed: UInt64, quick: Bool) async -> SeriesDone {
        let settings = settings(for: input.spec, values: input.values, quick: quick)
        let seriesSeed = seriesSeed(run: seed, name: input.name)
        let values = input.values
        let timed = await withTaskGroup(of: (ApproachResult, Double).self) { group in
            for approach in input.spec.approaches {
                group.addTask {
                    let start = ThreadClock.seconds()
                    let r = MonteCarloEM.run(approach, series: values, settings: settings, seed: seriesSeed)
                    return (r, ThreadClock.seconds() - start)
                }
            }
            var out: [Approach: (ApproachResult, Double)] = [:]
            for await (r, s) in group { out[r.approach] = (r, s) }
            return out
        }
        let order = input.spec.approaches
        return SeriesDone(results: order.compactMap { timed[$0]?.0 },
                          seconds: Dictionary(uniqueKeysWithValues: order.compactMap { a in timed[a].map { (a, $0.1) } }),
                          settings: settings)
    }
}
