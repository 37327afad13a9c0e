import Dinamo
import MonteCarloEM

/// Runs the methods of a request concurrently: every DINAMO input and every (series, approach) pair is
/// one child task. Each task draws from its own seeded stream, so the numbers never depend on the number
/// of cores or the order in which tasks finish.
enum Computation {
    struct DinamoDone: Sendable {
        var input: LoadedHistograms
        var result: DinamoResult
        var seconds: Double
    }

    struct SeriesDone: Sendable {
        var input: LoadedSeries
        var results: [ApproachResult]
        var seconds: [Approach: Double]
        var settings: MCEMSettings
    }

    struct Results: Sendable {
        var dinamo: [DinamoDone]
        var series: [SeriesDone]
    }

    /// The MC-EM settings for a series: the notebook's, shortened by `--quick`, overridden per input.
    static func settings(for spec: SeriesJobSpec, quick: Bool) -> MCEMSettings {
        var s = MCEMSettings.notebook
        if quick {
            s.epochs = 8
            s.warmUpEpochs = 2
            s.samplesPerEpoch = 4
            s.topkEpochs = 400
        }
        if let epochs = spec.epochs {
            s.epochs = epochs
            s.topkEpochs = epochs
            s.warmUpEpochs = min(s.warmUpEpochs, max(0, epochs - 1))
        }
        if let samples = spec.samples { s.samplesPerEpoch = samples }
        return s
    }

    static func dinamoSettings(_ spec: DinamoJobSpec, seed: UInt64) -> DinamoSettings {
        DinamoSettings(
            alpha: { if case .value(let a) = spec.alpha { return .value(a) } else { return .auto } }(),
            threshold: { if case .value(let t) = spec.threshold { return .value(t) } else { return .auto } }(),
            historical: spec.historical, initCounts: spec.initCounts, debias: spec.debias, seed: seed)
    }

    private enum Done: Sendable {
        case dinamo(Int, DinamoResult, Double)
        case approach(Int, ApproachResult, Double)
    }

    static func run(_ inputs: LoadedInputs, request: ReportRequest, progress: Progress) async throws -> Results {
        let seed = request.seed
        let quick = request.quick
        var dinamoResults = [DinamoDone?](repeating: nil, count: inputs.dinamo.count)
        var approachResults = [[Approach: (ApproachResult, Double)]](repeating: [:], count: inputs.series.count)
        try await withThrowingTaskGroup(of: Done.self) { group in
            for (i, input) in inputs.dinamo.enumerated() {
                group.addTask {
                    let watch = Stopwatch()
                    do {
                        let result = try DinamoAnalysis.run(histograms: input.histograms, settings: dinamoSettings(input.spec, seed: seed))
                        return .dinamo(i, result, watch.seconds)
                    } catch {
                        throw ReportError.input("\(input.histograms.name): \(error)")
                    }
                }
            }
            for (j, input) in inputs.series.enumerated() {
                let settings = settings(for: input.spec, quick: quick)
                let seriesSeed = seed &+ UInt64(j) &* 0x9E37_79B9
                for name in input.spec.approaches {
                    guard let approach = Approach(rawValue: name) else { continue }
                    group.addTask {
                        let watch = Stopwatch()
                        let r = MonteCarloEM.run(approach, series: input.values, settings: settings, seed: seriesSeed)
                        return .approach(j, r, watch.seconds)
                    }
                }
            }
            for try await done in group {
                switch done {
                case let .dinamo(i, result, seconds):
                    dinamoResults[i] = DinamoDone(input: inputs.dinamo[i], result: result, seconds: seconds)
                    progress.step("DINAMO-S \(result.name): \(result.flaggedRuns.count) of \(result.runs) runs flagged (α = \(ReportFormat.plain(result.alpha)), T = \(ReportFormat.plain(result.threshold)), \(ReportFormat.seconds(seconds)))")
                case let .approach(j, r, seconds):
                    approachResults[j][r.approach] = (r, seconds)
                    progress.step("MC-EM \(inputs.series[j].name) \(r.approach.rawValue): \(r.flagged.count) points flagged (\(ReportFormat.seconds(seconds)))")
                }
            }
        }
        var series: [SeriesDone] = []
        for (j, input) in inputs.series.enumerated() {
            let order = input.spec.approaches.compactMap(Approach.init(rawValue:))
            let results = order.compactMap { approachResults[j][$0]?.0 }
            var seconds: [Approach: Double] = [:]
            for a in order { seconds[a] = approachResults[j][a]?.1 }
            series.append(SeriesDone(input: input, results: results, seconds: seconds,
                                     settings: settings(for: input.spec, quick: quick)))
        }
        return Results(dinamo: dinamoResults.compactMap { $0 }, series: series)
    }
}
