import Foundation
import Inputs
import MonteCarloEM

/// Monte Carlo EM behind the method seam: a forecaster trained while per-point anomaly indicators are inferred,
/// with its approaches (docs/methods/mcem.md). A config's `series` list, `summary.json`'s `mcem` entries; it
/// flags points.
enum MonteCarloEMMethod: DetectionMethod {
    static let info = MethodInfo(id: MethodID("mcem"), title: "MC-EM")
    static let configKey = "series"
    static let unit = FlaggedUnit.point
    static var entryType: any SummaryEntry.Type { McemEntry.self }
    static var countingNote: String? { "points: by the hmm approach, or by the last approach run where hmm did not run" }

    // MARK: settings

    /// A `series` entry: `input`, `name`, `column`, `time_column`, `labels`, `approach`, `epochs`, `samples`,
    /// `missing`, `context`, `vus_window`.
    static func decode(_ entry: JSONReader, origin: String, config: ConfigFile.Context) throws -> any MethodJob {
        try entry.allowOnly(["input", "name", "column", "time_column", "labels", "approach", "epochs", "samples",
                             "missing", "context", "vus_window"])
        guard let input = try entry.optional("input") else { throw entry.fail("missing key \"input\"") }
        var s = SeriesJobSpec(source: .file(try config.resolve(input)), name: try config.name(entry))
        s.origin = origin
        if let c = try entry.optional("column") { s.column = try c.string() }
        if let c = try entry.optional("time_column") { s.timeColumn = try c.string() }
        if let l = try entry.optional("labels") { s.labels = try config.resolve(l) }
        if let a = try entry.optional("approach") {
            let text = try a.string()
            do { s.approaches = try SettingText.approaches(text) } catch {
                throw a.fail("unknown approach \"\(text)\" (expected one of baseline, topk, mixture, hmm, all, or a comma list)")
            }
        }
        if let e = try entry.optional("epochs") { s.epochs = try config.count(e) }
        if let n = try entry.optional("samples") { s.samples = try config.count(n) }
        if let c = try entry.optional("context") { s.context = try config.count(c) }
        if let w = try entry.optional("vus_window") { s.vusWindow = try config.count(w) }
        if let m = try entry.optional("missing") {
            let text = try m.string()
            guard let policy = MissingPolicy(rawValue: text) else {
                throw m.fail("expected \"drop\", \"interpolate\" or \"error\", found \"\(text)\"")
            }
            s.missing = policy
        }
        try config.validate(s, entry)
        return s
    }

    // MARK: planning and checks

    static func plan(_ job: any MethodJob, progress: Progress) throws -> [PlannedMember] {
        let spec = job as! SeriesJobSpec
        let name: String
        switch spec.source {
        case .file(let url): name = spec.name ?? url.lastPathComponent
        case .toy: name = spec.name ?? "series-toy"
        }
        return [PlannedMember(job: spec, provisionalName: name)]
    }

    static func check(_ input: PlannedInput) throws {
        try Preflight.checkSeries(input.job as! SeriesJobSpec)
    }

    // MARK: computing

    static func compute(_ input: PlannedInput, context: JobContext) async throws -> PublishedInput {
        let spec = input.job as! SeriesJobSpec
        let loaded = try InputLoader.loadSeries(spec, seed: context.seed)
        for w in loaded.warnings { context.progress.warning(w) }
        let done = await McemRunner.runSeries(loaded, seed: context.seed, quick: context.quick)
        return McemPublication(
            name: loaded.name, stem: input.stem, values: loaded.values, labels: loaded.labels,
            timestamps: loaded.timestamps, dates: loaded.dates, results: done.results, seconds: done.seconds,
            timed: context.timed, settings: done.settings, notes: loaded.notes, vusWindow: spec.vusWindow).publish()
    }
}
