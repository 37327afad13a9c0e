import ArgumentParser
import Dinamo
import Foundation
import Inputs
import Reporting

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run every method to completion on the built-in demo data (or the inputs a config names) and write the full report."
    )

    @Option(name: .long, help: "A config (JSON, or YAML named .yaml/.yml) naming several histogram and series inputs and their settings.")
    var config: String?

    @Option(name: .long, help: "Compute only shard I of N (I from 0, as array-job indices) and write a partial result directory for `merge`.")
    var shard: Shard?

    @Option(name: .long, help: "Seed of every random draw (default 0).", transform: seedValue)
    var seed: UInt64?

    @Flag(name: .long, help: "A smoke run: fewer epochs, samples and runs. The report says so.")
    var quick = false

    @OptionGroup var publish: PublishOptions

    func run() async throws {
        var request = try publish.request()
        request.quick = quick
        if let config {
            try ConfigFile.apply(URL(fileURLWithPath: config), to: &request)
        } else {
            request.inputs = [DemoData.dinamoJob(quick: quick), DemoData.seriesJob(quick: quick)]
        }
        if let seed { request.seed = seed }
        if let shard {
            guard config != nil else { throw ReportError.usage("--shard needs --config: shards split a config's inputs") }
            if publish.site.markdownSummary != nil {
                throw ReportError.usage("--markdown-summary: a shard gives no verdict; give it to `merge`")
            }
            request.shard = shard
        }
        try await runReport(request)
    }
}

struct DinamoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dinamo",
        abstract: "DINAMO-S reference-histogram monitoring of one histogram file (CSV or JSON); writes a report for it."
    )

    @Option(name: .long, help: "Histogram file: CSV (columns run?, label?, bins...) or JSON; or ROOT run files (a .root file, a directory or a glob) with --histogram.")
    var input: String

    @Option(name: .long, help: "ROOT run files: the histogram's path in each file; '*' matches within one component (e.g. 'DQMData/Run */Muons/Run summary/pt').")
    var histogram: String?

    @Option(name: .long, help: "ROOT run files: a regular expression whose first group is the run number in the file name (default: the 'Run N' directory, else CMS/run_N names).")
    var runPattern: String?

    @Option(name: .long, help: "ROOT run files: ground truth as a CSV 'run,label' (0 good, 1 bad, empty unknown).")
    var labels: String?

    @Option(name: .long, help: "Display name (default: the file name).")
    var name: String?

    @Option(name: .long, help: "EWMA weight of the past, 0 < α < 1, or 'auto' (the published objective |AUC − 0.5| + 0.5 on the historical runs). Default: auto when the input has labels, else 0.5.")
    var alpha: AlphaSetting?

    @Option(name: .long, help: "Threshold on ln(χ²/ν), or 'auto': with enough labelled historical runs (≥ 20 good, ≥ 5 bad) the best bootstrap balanced accuracy within the false-alarm budget, else from the budget alone.")
    var threshold: ThresholdSetting = .auto

    @Option(name: .long, help: "Number of historical runs (default min(1000, 20 % of runs)).")
    var historical: Int?

    @Option(name: .long, help: "Pseudo-count per bin of the uniform initial reference.")
    var initCounts: Double = 100

    @Option(name: .long, help: "Statistical debiasing with N Monte Carlo resamples (0: off).")
    var debias: Int = 0

    @Option(name: .long, help: "The share of good historical runs an automatic threshold may flag (default 0.005, 0.5 %). Without enough labels T comes from it alone.")
    var falseAlarmRate: Double = DinamoSettings.defaultFalseAlarmRate

    @Option(name: .long, help: "Seed of the bootstrap and the debiasing (default 0).", transform: seedValue)
    var seed: UInt64?

    @Option(name: .long, help: "s: DINAMO-S (the EWMA reference); ml: DINAMO-ML (a transformer predicts the reference; minutes per 5000 runs); both: each on the input, side by side.")
    var variant: DinamoVariant = .s

    @Flag(name: .long, help: "A smoke run, as `run --quick`: at most 10 DINAMO-ML training steps after a good run, no metrics-versus-α scan. The report says so.")
    var quick = false

    @OptionGroup var publish: PublishOptions

    func run() async throws {
        var request = try publish.request()
        request.quick = quick
        var job = DinamoJobSpec(source: try dinamoSource(), name: name)
        job.variant = variant
        job.alpha = alpha
        job.threshold = threshold
        job.historical = historical
        job.initCounts = initCounts
        job.debias = debias
        job.falseAlarmRate = falseAlarmRate
        try validated(job)
        request.inputs = [job]
        if let seed { request.seed = seed }
        try await runReport(request)
    }

    /// A CSV/JSON file, or ROOT run files when --histogram is given.
    private func dinamoSource() throws -> DinamoJobSpec.Source {
        guard let histogram else {
            if runPattern != nil || labels != nil {
                throw ReportError.usage("--run-pattern and --labels apply to ROOT run files: give --histogram PATH too")
            }
            return .file(URL(fileURLWithPath: input))
        }
        return .runFiles(RunFilesSource(input: input, histogram: histogram, runPattern: runPattern,
                                        labels: labels.map { URL(fileURLWithPath: $0) }))
    }
}

struct McemCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcem",
        abstract: "Monte Carlo EM anomaly detection on one time series (CSV); writes a report for it."
    )

    @Option(name: .long, help: "Series CSV with a header (value column 'value' or --column; optional timestamp, label/is_anomaly).")
    var input: String

    @Option(name: .long, help: "Display name (default: the file name).")
    var name: String?

    @Option(name: .long, help: "Name of the value column.")
    var column: String = "value"

    @Option(name: .long, help: "Name of the time column (default: the first of timestamp, time, date, datetime, in any case): ISO-8601, epoch seconds or milliseconds.")
    var timeColumn: String?

    @Option(name: .long, help: "Ground truth as a JSON of anomaly windows: [[start, end], ...] or the NAB form.")
    var labels: String?

    @Option(name: .long, help: "baseline, topk, mixture, hmm or all.")
    var approach: ApproachSelection = ApproachSelection(argument: "all")!

    @Option(name: .long, help: "Training epochs of every approach (default: scaled with the series' length; docs/methods/mcem.md).")
    var epochs: Int?

    @Option(name: .long, help: "Monte Carlo samples per epoch (mixture, hmm; default: scaled with the series' length).")
    var samples: Int?

    @Option(name: .long, help: "Points the forecaster sees before each target (default: the series' dominant period, 8…288, else the notebook's 25).")
    var context: Int?

    @Option(name: .long, help: "Window of VUS-PR/VUS-ROC in points (default: TSB-AD's, from the series' autocorrelation).")
    var vusWindow: Int?

    @Option(name: .long, help: "Missing or non-numeric values: error, drop or interpolate.")
    var missing: MissingPolicy = .error

    @Option(name: .long, help: "Seed of every random draw (default 0).", transform: seedValue)
    var seed: UInt64?

    @Flag(name: .long, help: "A smoke run: fewer epochs and samples, as `run --quick`. The report says so.")
    var quick = false

    @OptionGroup var publish: PublishOptions

    func run() async throws {
        var request = try publish.request()
        request.quick = quick
        var job = SeriesJobSpec(source: .file(URL(fileURLWithPath: input)), name: name)
        job.column = column
        job.timeColumn = timeColumn
        job.labels = labels.map { URL(fileURLWithPath: $0) }
        job.approaches = approach.approaches
        job.epochs = epochs
        job.samples = samples
        job.context = context
        job.vusWindow = vusWindow
        job.missing = missing
        try validated(job)
        request.inputs = [job]
        if let seed { request.seed = seed }
        try await runReport(request)
    }
}

struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic dataset in the input format (the demo data), so you can see the format."
    )

    @Argument(help: "What to generate: dinamo (per-run histograms, CSV or ROOT run files) or series (a time series, CSV).")
    var kind: GenerateKind

    @Option(name: .long, help: "Seed of the generator. (default: 0)", transform: seedValue)
    var seed: UInt64 = 0

    @Option(name: .long, help: "File to write (.csv; for dinamo also .json); with --format root, the directory of run files.")
    var output: String

    @Option(name: .long, help: "dinamo: number of runs (default 5000; 200 with --format root).")
    var runs: Int?

    @Option(name: .long, help: "dinamo: number of bins (default 100).")
    var bins: Int?

    @Option(name: .long, help: "series: length (default 1000).")
    var length: Int?

    @Option(name: .long, help: "dinamo: number of bad runs (default: one in ten, 500 of 5000).")
    var badRuns: Int?

    @Option(name: .long, help: "dinamo: probability per run of a rapid change, drawn separately for μ and σ (default 0.005).")
    var changeProbability: Double?

    @Option(name: .long, help: "dinamo: amplitude of the slow drift of μ, amplitude · sin(π t / period) (default 0.5).")
    var driftAmplitude: Double?

    @Option(name: .long, help: "dinamo: period of the slow drift in runs (default 500).")
    var driftPeriod: Double?

    @Option(name: .long, help: "dinamo: width σ of the good runs before rapid changes (default 1).")
    var sigma: Double?

    @Option(name: .long, help: "dinamo: events per run, uniform in MIN..<MAX, as 'MIN..MAX' (default 2000..20000).")
    var events: String?

    @Option(name: .long, help: "dinamo: p of the per-run ±Binomial(c, p) systematic on the upper half of the bins (0: off; default 0.4).")
    var systematic: Double?

    @Option(name: .long, help: "dinamo: where to write the truth (per run μ, σ, label, bad kinds, dead bins, change points); default: next to the output as NAME.truth.csv.")
    var truth: String?

    @Flag(name: .long, help: "dinamo: do not write the truth file.")
    var noTruth = false
    @Option(name: .long, help: "dinamo: 'csv' (one file, the default) or 'root' (per-run ROOT files in the --output directory, DQM layout, with labels.csv).")
    var format: GeneratedFormat = .csv

    @Option(name: .long, help: "dinamo --format root: histograms per run file (default 12; the systems hold 1D and 2D ones).")
    var histograms: Int?

    @Flag(name: .long, help: "No progress on standard error.")
    var quiet = false

    func run() async throws {
        let url = URL(fileURLWithPath: output)
        switch (kind, format) {
        case (.series, .root):
            throw ReportError.usage("generate series --format root: only dinamo data can be written as ROOT run files")
        case (.dinamo, .root):
            try DemoData.writeRunFiles(seed: seed, runs: runs ?? 200, histograms: histograms ?? 12, bins: bins, to: url)
        case (.dinamo, .csv):
            var p = DemoData.ToyOptions(runs: runs ?? 5000, bins: bins ?? 100, seed: seed)
            p.badRuns = badRuns
            p.changeProbability = changeProbability
            p.driftAmplitude = driftAmplitude
            p.driftPeriod = driftPeriod
            p.sigma = sigma
            p.systematic = systematic
            if let events { p.events = try Self.eventRange(events) }
            let truthURL = noTruth ? nil : truth.map { URL(fileURLWithPath: $0) } ?? DemoData.truthURL(besides: url)
            try DemoData.writeHistograms(p, to: url, truth: truthURL)
            if !quiet, let truthURL { FileHandle.standardError.write(Data("wrote \(truthURL.path)\n".utf8)) }
        case (.series, .csv):
            try DemoData.writeSeries(seed: seed, length: length ?? 1000, to: url)
        }
        if !quiet { FileHandle.standardError.write(Data("wrote \(url.path)\n".utf8)) }
    }

    /// `MIN..MAX` (integers, MIN < MAX) as the half-open range MIN..<MAX of the generator.
    static func eventRange(_ text: String) throws -> Range<Int> {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, let lo = Int(parts[0]), let hi = Int(parts[1]), lo >= 1, lo < hi else {
            throw ReportError.usage("generate dinamo --events \(text): expected MIN..MAX with 1 ≤ MIN < MAX, e.g. 2000..20000")
        }
        return lo..<hi
    }
}

struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Assemble one report from the partial result directories of `run --config C --shard I/N`.",
        discussion: "Checks that the parts come from the same config and tool version and that every shard is there exactly once (exit 2 naming the problem, nothing written); figures and pages are brought in without re-rendering."
    )

    @Argument(help: "The part directories written by `run --shard`, in any order.")
    var parts: [String] = []

    @Option(name: .long, help: "Output directory (replaced atomically at the end).")
    var output: String = "output"

    @OptionGroup var site: SiteOptions

    func run() async throws {
        var request = MergeRunner.Request(parts: parts.map { URL(fileURLWithPath: $0) }, output: URL(fileURLWithPath: output),
                                          commandLine: CommandLineText.current)
        request.templates = site.templatesURL
        request.failOn = site.failOn
        request.junit = site.junitURL
        request.markdownSummary = site.markdownDestination
        request.quiet = site.quiet
        request.sourceDate = SourceDate.epoch
        let outcome = try await MergeRunner.merge(request)
        try finishWithStatus(outcome)
    }
}

/// A job's settings checked as the command line words them (`--alpha 1.5: …`, exit 2).
func validated(_ job: some MethodJob) throws {
    do { try job.validate() } catch { throw ReportError.usage(error.description) }
}
