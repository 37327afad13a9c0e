import ArgumentParser
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
    var shard: String?

    @Option(name: .long, help: "Seed of every random draw (default 0).")
    var seed: String?

    @Flag(name: .long, help: "A smoke run: fewer epochs, samples and runs. The report says so.")
    var quick = false

    @OptionGroup var publish: PublishOptions

    func run() async throws {
        var request = try publish.request(commandName: "run")
        request.quick = quick
        if let config {
            try ConfigFile.apply(URL(fileURLWithPath: config), to: &request)
        } else {
            request.dinamo = [DemoData.dinamoJob(quick: quick)]
            request.series = [DemoData.seriesJob(quick: quick)]
        }
        if let seed = try parseSeed(seed) { request.seed = seed }
        if let shard {
            guard config != nil else { throw ReportError.usage("--shard needs --config: shards split a config's inputs") }
            request.shard = try Shard(parsing: shard)
        }
        try await runReport(request)
    }
}

struct DinamoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dinamo",
        abstract: "DINAMO-S reference-histogram monitoring of one histogram file (CSV or JSON); writes a report for it."
    )

    @Option(name: .long, help: "Histogram file: CSV (columns run?, label?, bins...) or JSON.")
    var input: String

    @Option(name: .long, help: "Display name (default: the file name).")
    var name: String?

    @Option(name: .long, help: "EWMA weight of the past, 0 < α < 1, or 'auto' (the published objective |AUC − 0.5| + 0.5 on the historical runs). Default: auto when the input has labels, else 0.5.")
    var alpha: String?

    @Option(name: .long, help: "Threshold on ln(χ²/ν), or 'auto' (bootstrap balanced accuracy on the historical runs; needs labels).")
    var threshold: String = "auto"

    @Option(name: .long, help: "Number of historical runs (default min(1000, 20 % of runs)).")
    var historical: Int?

    @Option(name: .long, help: "Pseudo-count per bin of the uniform initial reference.")
    var initCounts: Double = 100

    @Option(name: .long, help: "Statistical debiasing with N Monte Carlo resamples (0: off).")
    var debias: Int = 0

    @Option(name: .long, help: "Seed of the bootstrap and the debiasing (default 0).")
    var seed: String?

    @OptionGroup var publish: PublishOptions

    func run() async throws {
        var request = try publish.request(commandName: "dinamo")
        var job = DinamoJobSpec(source: .file(URL(fileURLWithPath: input)), name: name)
        job.alpha = try alpha.map(SettingText.alpha)
        job.threshold = try SettingText.threshold(threshold)
        job.historical = historical
        job.initCounts = initCounts
        job.debias = debias
        try job.validate()
        request.dinamo = [job]
        if let seed = try parseSeed(seed) { request.seed = seed }
        try await runReport(request)
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

    @Option(name: .long, help: "Ground truth as a JSON of anomaly windows: [[start, end], ...] or the NAB form.")
    var labels: String?

    @Option(name: .long, help: "baseline, topk, mixture, hmm or all.")
    var approach: String = "all"

    @Option(name: .long, help: "Training epochs of every approach (default: scaled with the series' length; see README, MC-EM on real series).")
    var epochs: Int?

    @Option(name: .long, help: "Monte Carlo samples per epoch (mixture, hmm; default: scaled with the series' length).")
    var samples: Int?

    @Option(name: .long, help: "Points the forecaster sees before each target (default: the series' dominant period, 8…288, else the notebook's 25).")
    var context: Int?

    @Option(name: .long, help: "Window of VUS-PR/VUS-ROC in points (default: TSB-AD's, from the series' autocorrelation).")
    var vusWindow: Int?

    @Option(name: .long, help: "Missing or non-numeric values: error, drop or interpolate.")
    var missing: String = "error"

    @Option(name: .long, help: "Seed of every random draw (default 0).")
    var seed: String?

    @OptionGroup var publish: PublishOptions

    func run() async throws {
        var request = try publish.request(commandName: "mcem")
        var job = SeriesJobSpec(source: .file(URL(fileURLWithPath: input)), name: name)
        job.column = column
        job.labels = labels.map { URL(fileURLWithPath: $0) }
        job.approaches = try SettingText.approaches(approach)
        job.epochs = epochs
        job.samples = samples
        job.context = context
        job.vusWindow = vusWindow
        job.missing = try SettingText.missing(missing)
        try job.validate()
        request.series = [job]
        if let seed = try parseSeed(seed) { request.seed = seed }
        try await runReport(request)
    }
}

struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic dataset in the input format (the demo data), so you can see the format."
    )

    @Argument(help: "What to generate: dinamo (per-run histograms, CSV) or series (a time series, CSV).")
    var kind: String

    @Option(name: .long, help: "Seed of the generator.")
    var seed: String = "0"

    @Option(name: .long, help: "File to write (.csv; for dinamo also .json).")
    var output: String

    @Option(name: .long, help: "dinamo: number of runs (default 5000).")
    var runs: Int?

    @Option(name: .long, help: "dinamo: number of bins (default 100).")
    var bins: Int?

    @Option(name: .long, help: "series: length (default 1000).")
    var length: Int?

    @Flag(name: .long, help: "No progress on standard error.")
    var quiet = false

    func run() async throws {
        guard let seed = try parseSeed(seed) else { return }
        let url = URL(fileURLWithPath: output)
        switch kind {
        case "dinamo":
            try DemoData.writeHistograms(seed: seed, runs: runs ?? 5000, bins: bins ?? 100, to: url)
        case "series":
            try DemoData.writeSeries(seed: seed, length: length ?? 1000, to: url)
        default:
            throw ReportError.usage("generate \(kind): choose dinamo or series")
        }
        if !quiet { FileHandle.standardError.write(Data("wrote \(url.path)\n".utf8)) }
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

    @Option(name: .long, help: "A directory with your own copies of the report templates.")
    var templates: String?

    @Option(name: .long, help: "Exit 1 when a condition holds: 'flagged', or a metric such as 'auc<0.9' (repeatable).")
    var failOn: [String] = []

    @Option(name: .long, help: "Write a JUnit XML file with one test case per monitored input.")
    var junit: String?

    @Flag(name: .long, help: "No progress on standard error.")
    var quiet = false

    func run() async throws {
        var request = MergeRunner.Request(parts: parts.map { URL(fileURLWithPath: $0) }, output: URL(fileURLWithPath: output),
                                          commandLine: CommandLineText.current)
        request.templates = templates.map { URL(fileURLWithPath: $0) }
        request.failOn = try failOn.map(FailCondition.init(parsing:))
        request.junit = junit.map { URL(fileURLWithPath: $0) }
        request.quiet = quiet
        request.sourceDate = SourceDate.epoch
        let outcome = try await MergeRunner.merge(request)
        try finishWithStatus(outcome)
    }
}
