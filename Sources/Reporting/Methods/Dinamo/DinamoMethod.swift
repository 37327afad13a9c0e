import Core
import Dinamo
import Foundation
import Inputs

/// DINAMO-S behind the method seam: reference-histogram monitoring of per-run histograms (docs/methods/dinamo.md).
/// A config's `dinamo` list, `summary.json`'s `dinamo` entries; it flags runs.
enum DinamoMethod: DetectionMethod {
    static let info = MethodInfo(id: MethodID("dinamo"), title: "DINAMO-S")
    static let configKey = "dinamo"
    static let unit = FlaggedUnit.run
    static var entryType: any SummaryEntry.Type { DinamoEntry.self }

    // MARK: settings

    /// A `dinamo` entry: `input` (a CSV/JSON histogram file, or ROOT run files with `histogram`/`histograms`),
    /// `name`, `alpha`, `threshold`, `historical`, `init_counts`, `debias`, and for run files `run_pattern`, `labels`.
    static func decode(_ entry: JSONReader, origin: String, config: ConfigFile.Context) throws -> any MethodJob {
        try entry.allowOnly(["input", "name", "alpha", "threshold", "historical", "init_counts", "debias",
                             "false_alarm_rate", "system", "histogram", "histograms", "run_pattern", "labels",
                             "variant"])
        guard let input = try entry.optional("input") else { throw entry.fail("missing key \"input\"") }
        var source = try runFilesSource(entry, input: input, resolve: config.resolve)
        if source == nil { source = .file(try config.resolve(input)) }
        var d = DinamoJobSpec(source: source!, name: try config.name(entry))
        d.origin = origin
        if let a = try entry.optional("alpha") { d.alpha = try config.autoOr(a).map { .value($0) } ?? .auto }
        if let t = try entry.optional("threshold") { d.threshold = try config.autoOr(t).map { .value($0) } ?? .auto }
        if let h = try entry.optional("historical") { d.historical = try config.count(h) }
        if let c = try entry.optional("init_counts") { d.initCounts = try c.number() }
        if let b = try entry.optional("debias") { d.debias = try config.count(b, allowZero: true) }
        if let r = try entry.optional("false_alarm_rate") { d.falseAlarmRate = try r.number() }
        if let y = try entry.optional("system") { d.system = try y.string() }
        if let v = try entry.optional("variant") {
            guard let variant = DinamoVariant(rawValue: try v.string()) else {
                throw v.fail("expected \"s\", \"ml\" or \"both\"")
            }
            d.variant = variant
        }
        try config.validate(d, entry)
        return d
    }

    /// The run-files source of a dinamo entry naming `histogram` (one path) or `histograms` (a pattern, each
    /// match its own input), with optional `run_pattern` and `labels`; nil for a CSV/JSON entry.
    private static func runFilesSource(_ job: JSONReader, input: JSONReader,
                               resolve: (JSONReader) throws(InputError) -> URL) throws(InputError) -> DinamoJobSpec.Source? {
        let one = try job.optional("histogram"), each = try job.optional("histograms")
        guard one != nil || each != nil else {
            for key in ["run_pattern", "labels"] {
                if let k = try job.optional(key) { throw k.fail("\"\(key)\" applies to ROOT run files: give \"histogram\" or \"histograms\" too") }
            }
            return nil
        }
        if one != nil, let each { throw each.fail("give either \"histogram\" (one path) or \"histograms\" (a pattern), not both") }
        let pathNode = (one ?? each)!
        let path = try pathNode.string()
        var source = RunFilesSource(input: try resolve(input).path, histogram: path, eachMatch: each != nil)
        if let p = try job.optional("run_pattern") { source.runPattern = try p.string() }
        if let l = try job.optional("labels") { source.labels = try resolve(l) }
        return .runFiles(source)
    }

    // MARK: planning and checks

    /// A run-files entry with a `histograms` pattern becomes one input per histogram it matches in its first
    /// run file (from the key lists, in file order); every other entry is one input.
    static func plan(_ job: any MethodJob, progress: Progress) throws -> [PlannedMember] {
        let spec = job as! DinamoJobSpec
        guard spec.variant != .both else { return try DinamoMLRunner.planBoth(spec, progress: progress) }
        guard case .runFiles(let source) = spec.source else {
            return [PlannedMember(job: spec, provisionalName: provisionalName(spec))]
        }
        let set = RunFileSet(source, progress: { progress.step($0) })
        let members = try InputLoader.attributed(to: spec.origin, key: "input") { () throws(InputError) in
            try set.members()
        }
        return members.map { member in
            var one = spec
            var memberSource = source
            memberSource.histogram = member.key
            memberSource.eachMatch = false
            one.source = .runFiles(memberSource)
            if source.eachMatch || spec.name == nil {
                one.name = spec.name.map { "\($0) \(member.displayName)" } ?? member.displayName
            }
            return PlannedMember(job: one, provisionalName: provisionalName(one), shared: set)
        }
    }

    static func provisionalName(_ spec: DinamoJobSpec) -> String {
        switch spec.source {
        case .file(let url): return spec.name ?? url.lastPathComponent
        case .toy: return spec.name ?? "dinamo-toy"
        case .runFiles(let source): return spec.name ?? RunFilesSource.displayName(of: source.histogram)
        }
    }

    static func claim(_ input: PlannedInput) {
        guard let set = input.shared as? RunFileSet, case .runFiles(let source) = (input.job as! DinamoJobSpec).source else { return }
        set.want(.runFiles(source.histogram))
    }

    static func check(_ input: PlannedInput) throws {
        try Preflight.checkHistograms(input.job as! DinamoJobSpec, runFiles: input.shared as? RunFileSet)
    }

    // MARK: computing

    /// Loads the histograms, runs the analysis (and, on generated data, the truth metrics and the published
    /// metrics-vs-α scan) inside one stopwatch, and publishes the result.
    static func compute(_ input: PlannedInput, context: JobContext) async throws -> PublishedInput {
        let spec = input.job as! DinamoJobSpec
        if spec.variant == .ml { return try DinamoMLRunner.compute(input, context: context) }
        let loaded = try InputLoader.loadHistograms(spec, seed: context.seed, runFiles: input.shared as? RunFileSet)
        let watch = Stopwatch()
        let histograms = loaded.histograms
        // The bootstrap and the debiasing draw from the run's seed and the input's identity (its display name), so
        // an input gives the same numbers alone, anywhere in a config and in any shard (docs/methods/dinamo.md).
        let seed = SeededGenerator.seed(run: context.seed, identity: histograms.name)
        let result = try analyse(spec, histograms: histograms, seed: seed)
        var analysis = DinamoPublication.Analysis(result: result)
        if let truth = loaded.truth {
            analysis.truth = TruthMetrics.evaluate(trace: result.trace, histograms: histograms, truth: truth,
                                                   historicalCount: result.historicalCount, threshold: result.threshold)
            analysis.metricsVsAlpha = metricsVsAlpha(result, histograms: histograms, truth: truth, spec: spec,
                                                     context: context, seed: seed, note: &analysis.scanNote)
        }
        let seconds = context.timed ? watch.seconds : nil
        return DinamoPublication(analysis: analysis, histograms: histograms, stem: input.stem,
                                 seconds: seconds, spec: spec, grid: loaded.grid).publish()
    }

    /// DINAMO-S on one input's histograms with the job's settings and the input's seed: the analysis of a
    /// DINAMO-S input, and the DINAMO-S side of a `both` input's comparison page (the very same numbers).
    static func analyse(_ spec: DinamoJobSpec, histograms: HistogramSet, seed: UInt64) throws -> DinamoResult {
        let hasLabels = histograms.labels?.contains { $0 != nil } ?? false
        let settings = DinamoSettings(alpha: spec.resolvedAlpha(hasLabels: hasLabels), threshold: spec.threshold,
                                      historical: spec.historical, initCounts: spec.initCounts, debias: spec.debias,
                                      seed: seed, falseAlarmRate: spec.falseAlarmRate)
        do { return try DinamoAnalysis.run(histograms: histograms, settings: settings) } catch {
            throw ReportError.input("\(histograms.name): \(error)")
        }
    }

    /// The published metrics-vs-α scan (`MetricsVsAlpha`, 99 analyses over all runs) when α is auto and the truth
    /// is known; nil otherwise, and under `--quick` (with a note saying so).
    static func metricsVsAlpha(_ result: DinamoResult, histograms: HistogramSet, truth: ToyTruth, spec: DinamoJobSpec,
                               context: JobContext, seed: UInt64, alphas: [Double] = AlphaScan.grid,
                               note: inout String?) -> MetricsVsAlpha? {
        guard result.alphaScan != nil else { return nil }
        guard !context.quick else {
            note = "Metrics versus α (99 analyses over all runs) are left out under --quick."
            return nil
        }
        do {
            return try MetricsVsAlpha.compute(histograms: histograms, truth: truth, historicalCount: result.historicalCount,
                                              initCounts: spec.initCounts, debias: spec.debias, seed: seed,
                                              alphas: alphas)
        } catch {
            note = "Metrics versus α could not be computed: \(error)"
            return nil
        }
    }
}
