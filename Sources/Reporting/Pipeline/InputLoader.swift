import Dinamo
import Foundation
import Inputs
import MonteCarloEM

/// A histogram input, read and checked.
struct LoadedHistograms: Sendable {
    var spec: DinamoJobSpec
    var histograms: HistogramSet
    /// Known truth of generated data (for the truth-aware metrics).
    var truth: ToyTruth?
    /// The x and y edges of a TH2 input (monitored flattened, x index outermost).
    var grid: HistogramGrid? = nil
}

/// A series input, read and checked.
struct LoadedSeries: Sendable {
    var spec: SeriesJobSpec
    var name: String
    var values: [Double]
    var labels: [Bool]?
    var timestamps: [String]?
    /// Seconds since 1970 UTC per point when every time parses (docs/inputs.md#time-columns).
    var dates: [Double]? = nil
    var notes: [String]
    /// Problems that did not stop the run (e.g. a label window clipped to the series), for stderr and the page.
    var warnings: [String] = []
}

/// Reads one planned input (the pipeline calls it when the input's turn comes, so only the inputs in
/// flight are ever held in memory).
enum InputLoader {
    static func loadHistograms(_ spec: DinamoJobSpec, seed: UInt64, runFiles: RunFileSet? = nil) throws -> LoadedHistograms {
        switch spec.source {
        case .runFiles(let source):
            guard let runFiles else { throw ReportError.internal("run files \(source.input) were not planned") }
            return try loadRunFiles(spec, member: source.histogram, from: runFiles)
        case .file(let url):
            let source = HistogramSource.file(path: url.path, name: spec.name)
            let input = try attributed(to: spec.origin, key: "input") { () throws(InputError) in
                try source.load(try source.members()[0])
            }
            do {
                let set = try HistogramSet(name: input.name, counts: input.counts, runs: input.runs, bins: input.bins,
                                           binEdges: input.binEdges, labels: input.labels, runIDs: input.runIDs)
                return LoadedHistograms(spec: spec, histograms: set, truth: nil)
            } catch {
                throw ReportError.input("\(url.path): \(error)")
            }
        case .toy(let runs, let bins):
            let toy: ToyDataset
            do { toy = try ToyGenerator.generate(ToyParameters(runs: runs, bins: bins, seed: seed)) } catch {
                throw ReportError.internal("toy generator: \(error)")
            }
            var set = toy.histograms
            set.name = spec.name ?? "dinamo-toy"
            return LoadedHistograms(spec: spec, histograms: set, truth: toy.truth)
        }
    }

    static func loadSeries(_ spec: SeriesJobSpec, seed: UInt64) throws -> LoadedSeries {
        switch spec.source {
        case .file(let url):
            let loaded = try attributed(to: spec.origin, key: "input", labels: spec.labels?.path) { () throws(InputError) in
                try seriesSource(spec, file: url).load()
            }
            let input = loaded.series
            return LoadedSeries(spec: spec, name: input.name, values: input.values, labels: loaded.labels,
                                timestamps: input.timestamps, dates: input.dates, notes: loaded.notes,
                                warnings: loaded.warnings)
        case .toy(let length):
            let toy = ToySeries.make(seed: seed, length: length)
            return LoadedSeries(spec: spec, name: spec.name ?? "series-toy", values: toy.values, labels: toy.labels,
                                timestamps: nil,
                                notes: ["The notebook's toy series: 0.4 cos(t/10) plus noise, 30 points raised by 2 and the block t ∈ [250, 270) lowered by 2."])
        }
    }

    /// The series source of a file job: its column, `missing` policy and labels file; at least the MC-EM context
    /// window plus one point.
    static func seriesSource(_ spec: SeriesJobSpec, file url: URL) -> SeriesSource {
        SeriesSource(path: url.path, name: spec.name, column: spec.column, timeColumn: spec.timeColumn,
                     missing: spec.missing, labels: spec.labels?.path, minimumLength: MCEMSettings.notebook.context + 1)
    }

    /// One histogram of a run-files entry: its arrays from the entry's shared `RunFileSet` (which reads every run
    /// file once, for all the entry's histograms). A TH2 is monitored flattened, ν = nx · ny, with its grid.
    static func loadRunFiles(_ spec: DinamoJobSpec, member: String, from runFiles: RunFileSet) throws -> LoadedHistograms {
        let input = try attributed(to: spec.origin, key: "input", labels: runFiles.source.labels?.path) { () throws(InputError) in
            try runFiles.load(.runFiles(member))
        }
        do {
            let set = try HistogramSet(name: spec.name ?? input.name, counts: input.counts, runs: input.runs, bins: input.bins,
                                       binEdges: input.binEdges, labels: input.labels, runIDs: input.runIDs)
            return LoadedHistograms(spec: spec, histograms: set, truth: nil, grid: input.grid)
        } catch {
            throw ReportError.input("\(member) in \(runFiles.source.input): \(error)" + (spec.origin.map { " (named by \($0).input)" } ?? ""))
        }
    }

    /// Runs a reader; when the job came from a config file, its error also names the config entry
    /// (`… (named by monitors.json, dinamo[2].input)`), so a user with many inputs knows which one to fix.
    /// An error in the `labels` file is attributed to the entry's `labels` key.
    static func attributed<T>(to origin: String?, key: String, labels: String? = nil,
                              _ read: () throws(InputError) -> T) throws(InputError) -> T {
        do { return try read() } catch {
            guard let origin else { throw error }
            var e = error
            e.message += " (named by \(origin).\(labels != nil && error.file == labels ? "labels" : key))"
            throw e
        }
    }
}
