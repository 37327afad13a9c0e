import ArgumentParser
import Foundation
import Inputs
import Reporting

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run every method to completion on the built-in demo data (or the inputs a config names) and write the full report."
    )

    @Option(name: .long, help: "A JSON config naming several histogram and series inputs and their settings.")
    var config: String?

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

    @Option(name: .long, help: "EWMA weight of the past, 0 < α < 1, or 'auto' (best ROC AUC on the historical runs).")
    var alpha: String = "0.5"

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
        job.alpha = try AutoOr(parsing: alpha, option: "--alpha")
        job.threshold = try AutoOr(parsing: threshold, option: "--threshold")
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

    @Option(name: .long, help: "Training epochs (default: the notebook's, per approach).")
    var epochs: Int?

    @Option(name: .long, help: "Monte Carlo samples per epoch (mixture, hmm).")
    var samples: Int?

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
        job.approaches = try SeriesJobSpec.parseApproaches(approach)
        job.epochs = epochs
        job.samples = samples
        guard let policy = MissingPolicy(rawValue: missing) else {
            throw ReportError.usage("--missing \(missing): choose error, drop or interpolate")
        }
        job.missing = policy
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
