import Core
import Dinamo
import DinamoML
import Foundation
import Inputs

/// DINAMO-ML as a variant of the dinamo method (`--variant ml|both`): the same inputs, settings, thresholds and
/// page as DINAMO-S, the reference predicted by the transformer of module `DinamoML` instead of the EWMA
/// (docs/methods/dinamo-ml.md). A variant rather than a method of its own: it monitors the same histograms with
/// the same job, and `both` runs the two on one input (docs/architecture.md).
enum DinamoMLRunner {
    /// `--variant both`: every input the job plans, once with DINAMO-S and then once with DINAMO-ML (named
    /// "<name> · DINAMO-ML"), adjacent in the report: two planned inputs, so positions, stems, shards and
    /// `merge` treat them as any others. The two form a comparison group (`ComparisonRole`); the DINAMO-ML
    /// member also runs DINAMO-S (`sideBySide`) and its page shows the two side by side.
    static func planBoth(_ spec: DinamoJobSpec, progress: Progress) throws -> [PlannedMember] {
        var s = spec
        s.variant = .s
        return try DinamoMethod.plan(s, progress: progress).flatMap { member -> [PlannedMember] in
            var first = member
            first.comparison = ComparisonRole(subject: member.provisionalName, member: DinamoVariant.s.title)
            var twin = member
            var job = member.job as! DinamoJobSpec
            job.variant = .ml
            job.sideBySide = true
            twin.job = job
            twin.provisionalName = DinamoVariant.twinName(member.provisionalName)
            twin.comparison = ComparisonRole(subject: member.provisionalName, member: DinamoVariant.ml.title,
                                             showsComparison: true)
            return [first, twin]
        }
    }

    /// Training steps after each good run under `--quick` (the published 1000 otherwise): a smoke run in seconds.
    static let quickMaxSteps = 10

    /// Loads the histograms, runs `DinamoMLAnalysis` (with the truth metrics on generated data) inside one
    /// stopwatch, reporting runs done and the time left every few seconds, and publishes as DINAMO-S does.
    /// The seeds come from the input's own name, so the DINAMO-ML member of a `both` input gives the numbers of
    /// `--variant ml` on it; that member also runs DINAMO-S exactly as the DINAMO-S member does
    /// (`DinamoMethod.analyse`, the same seed) and publishes the two side by side (`DinamoComparison`).
    static func compute(_ input: PlannedInput, context: JobContext) throws -> PublishedInput {
        let spec = input.job as! DinamoJobSpec
        let loaded = try InputLoader.loadHistograms(spec, seed: context.seed, runFiles: input.shared as? RunFileSet)
        let watch = Stopwatch()
        let histograms = loaded.histograms
        let seed = SeededGenerator.seed(run: context.seed, identity: histograms.name)
        let settings = DinamoSettings(threshold: spec.threshold, historical: spec.historical, seed: seed,
                                      falseAlarmRate: spec.falseAlarmRate)
        var network = DinamoMLSettings.published(bins: histograms.bins, seed: seed)
        if context.quick { network.maxSteps = quickMaxSteps }
        let reporter = ProgressReporter(name: histograms.name, progress: context.progress)
        let outcome: DinamoMLOutcome
        do {
            outcome = try DinamoMLAnalysis.run(histograms: histograms, settings: settings, network: network,
                                               progress: reporter.report)
        } catch {
            throw ReportError.input("\(histograms.name): \(error)")
        }
        var result = outcome.result
        let beside = spec.sideBySide ? try DinamoMethod.analyse(spec, histograms: histograms, seed: seed) : nil
        if spec.sideBySide { result.name = DinamoVariant.twinName(result.name) }
        var analysis = DinamoPublication.Analysis(result: result)
        if let truth = loaded.truth {
            analysis.truth = TruthMetrics.evaluate(trace: result.trace, histograms: histograms, truth: truth,
                                                   historicalCount: result.historicalCount, threshold: result.threshold)
        }
        let seconds = context.timed ? watch.seconds : nil
        let published = DinamoPublication(analysis: analysis, histograms: histograms, stem: input.stem,
                                          seconds: seconds, spec: spec, grid: loaded.grid, variant: .ml).publish()
        guard let beside else { return published }
        return DinamoComparison(s: beside, ml: result, histograms: histograms, grid: loaded.grid, stem: input.stem)
            .publish(beside: published)
    }

    /// "pt: DINAMO-ML 1200/5000 runs · about 3 min left", at most every `interval` seconds.
    final class ProgressReporter: @unchecked Sendable {
        let name: String
        let progress: Progress
        let interval = 10.0
        private let start = DispatchTime.now().uptimeNanoseconds
        private var last = DispatchTime.now().uptimeNanoseconds

        init(name: String, progress: Progress) {
            self.name = name
            self.progress = progress
        }

        func report(done: Int, total: Int) {
            let now = DispatchTime.now().uptimeNanoseconds
            guard Double(now - last) / 1e9 >= interval, done > 0 else { return }
            last = now
            let elapsed = Double(now - start) / 1e9
            let left = elapsed / Double(done) * Double(total - done)
            progress.step("\(name): DINAMO-ML \(done)/\(total) runs · about \(Progress.duration(left)) left")
        }
    }
}
