import Dinamo
import Foundation
import Inputs
import MonteCarloEM

/// A histogram input, read and checked, with its report file stem.
struct LoadedHistograms: Sendable {
    var spec: DinamoJobSpec
    var stem: String
    var histograms: HistogramSet
    /// Known truth of generated data (for the truth-aware metrics).
    var truth: ToyTruth?
}

/// A series input, read and checked, with its report file stem.
struct LoadedSeries: Sendable {
    var spec: SeriesJobSpec
    var name: String
    var stem: String
    var values: [Double]
    var labels: [Bool]?
    var timestamps: [String]?
    var notes: [String]
}

struct LoadedInputs: Sendable {
    var dinamo: [LoadedHistograms]
    var series: [LoadedSeries]
}

/// Reads every input of a request before any computation, so bad input fails fast (exit 2).
enum InputLoader {
    static func load(_ request: ReportRequest, progress: Progress) throws -> LoadedInputs {
        var histogramSets: [(DinamoJobSpec, HistogramSet, ToyTruth?)] = []
        for spec in request.dinamo {
            switch spec.source {
            case .file(let url):
                let input = try attributed(to: spec.origin, key: "input") { () throws(InputError) in
                    try HistogramInput.read(path: url.path, name: spec.name)
                }
                do {
                    let set = try HistogramSet(name: input.name, counts: input.counts, runs: input.runs, bins: input.bins,
                                               binEdges: input.binEdges, labels: input.labels, runIDs: input.runIDs)
                    histogramSets.append((spec, set, nil))
                } catch {
                    throw ReportError.input("\(url.path): \(error)")
                }
                progress.step("read \(input.name): \(input.runs) runs × \(input.bins) bins")
            case .toy(let runs, let bins):
                var parameters = ToyParameters(runs: runs, bins: bins, seed: request.seed)
                parameters.seed = request.seed
                let toy: ToyDataset
                do { toy = try ToyGenerator.generate(parameters) } catch { throw ReportError.internal("toy generator: \(error)") }
                var set = toy.histograms
                set.name = spec.name ?? "dinamo-toy"
                histogramSets.append((spec, set, toy.truth))
                progress.step("generated the DINAMO-S toy dataset: \(runs) runs × \(bins) bins")
            }
        }
        var series: [(SeriesJobSpec, String, [Double], [Bool]?, [String]?, [String])] = []
        for spec in request.series {
            switch spec.source {
            case .file(let url):
                let minimum = MCEMSettings.notebook.context + 1
                let input = try attributed(to: spec.origin, key: "input") { () throws(InputError) in
                    try SeriesInput.read(path: url.path, name: spec.name, column: spec.column,
                                         missing: spec.missing, minimumLength: minimum)
                }
                var labels = input.labels
                var notes: [String] = []
                if let labelsURL = spec.labels {
                    labels = try attributed(to: spec.origin, key: "labels") { () throws(InputError) in
                        try AnomalyWindows.labels(path: labelsURL.path, seriesFile: url.lastPathComponent, series: input)
                    }
                    if input.labels != nil { notes.append("Ground truth from \(labelsURL.lastPathComponent) (the label column of the series was ignored).") }
                }
                if input.missingCount > 0 {
                    notes.append("\(input.missingCount) missing or non-numeric values were handled by --missing \(spec.missing.rawValue).")
                }
                series.append((spec, input.name, input.values, labels, input.timestamps, notes))
                progress.step("read \(input.name): \(input.values.count) points\(labels == nil ? ", no ground truth" : "")")
            case .toy(let length):
                let toy = ToySeries.make(seed: request.seed, length: length)
                series.append((spec, spec.name ?? "series-toy", toy.values, toy.labels, nil,
                               ["The notebook's toy series: 0.4 cos(t/10) plus noise, 30 points raised by 2 and the block t ∈ [250, 270) lowered by 2."]))
                progress.step("generated the toy series: \(length) points")
            }
        }
        let stems = uniqueFileStems(histogramSets.map { stem(of: $0.1.name) } + series.map { stem(of: $0.1) })
        var out = LoadedInputs(dinamo: [], series: [])
        for (i, h) in histogramSets.enumerated() {
            out.dinamo.append(LoadedHistograms(spec: h.0, stem: stems[i], histograms: h.1, truth: h.2))
        }
        for (j, s) in series.enumerated() {
            out.series.append(LoadedSeries(spec: s.0, name: s.1, stem: stems[histogramSets.count + j], values: s.2,
                                           labels: s.3, timestamps: s.4, notes: s.5))
        }
        return out
    }

    /// Runs a reader; when the job came from a config file, its error also names the config entry
    /// (`… (named by monitors.json, dinamo[2].input)`), so a user with many inputs knows which one to fix.
    static func attributed<T>(to origin: String?, key: String, _ read: () throws(InputError) -> T) throws(InputError) -> T {
        do { return try read() } catch {
            guard let origin else { throw error }
            var e = error
            e.message += " (named by \(origin).\(key))"
            throw e
        }
    }

    /// The file stem of a display name: a default name is the input's file name, whose extension would
    /// only clutter `data/<name>-scores.csv`.
    static func stem(of name: String) -> String {
        var base = name
        for ext in [".csv", ".json", ".CSV", ".JSON"] where base.hasSuffix(ext) && base.count > ext.count {
            base.removeLast(ext.count)
        }
        return sanitizedFileStem(base)
    }
}
