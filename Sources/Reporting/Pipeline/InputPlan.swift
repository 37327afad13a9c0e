import Foundation
import Inputs

/// One input of a report before anything is read: what it is, where it stands in the config, and the file
/// stem its figures, data and page are written under.
struct PlannedInput: Sendable {
    enum Job: Sendable {
        case dinamo(DinamoJobSpec)
        case series(SeriesJobSpec)
    }

    /// Position among all inputs of the request (histogram inputs first, then series), the order of the
    /// overview and `summary.json`, and what `--shard` partitions.
    var position: Int
    /// Position among the inputs of its own kind (the MC-EM seed of a series depends on it).
    var kindIndex: Int
    var job: Job
    /// Unique among *all* inputs of the request, not only a shard's, so sharded and unsharded runs write the
    /// same file names.
    var stem: String
    /// The shared run files of a ROOT entry (every input planned from one entry holds the same set).
    var runFiles: RunFileSet? = nil

    /// The name an input goes by before it is read (the file's own name field may refine it later).
    var provisionalName: String {
        switch job {
        case .dinamo(let spec):
            switch spec.source {
            case .file(let url): return spec.name ?? url.lastPathComponent
            case .toy: return spec.name ?? "dinamo-toy"
            case .runFiles(let source): return spec.name ?? RunFilesSource.displayName(of: source.histogram)
            }
        case .series(let spec):
            switch spec.source {
            case .file(let url): return spec.name ?? url.lastPathComponent
            case .toy: return spec.name ?? "series-toy"
            }
        }
    }

    var origin: String? {
        switch job {
        case .dinamo(let s): return s.origin
        case .series(let s): return s.origin
        }
    }
}

enum InputPlan {
    /// Every input of the request in report order, with unique sanitised file stems. A run-files entry with a
    /// `histograms` pattern becomes one input per histogram it matches in its first run file (listed from the
    /// key lists, in file order), so positions — and `--shard` — are fixed before any histogram is read.
    static func plan(_ request: ReportRequest) throws -> [PlannedInput] {
        var inputs: [PlannedInput] = []
        for spec in request.dinamo {
            guard case .runFiles(let source) = spec.source else {
                inputs.append(PlannedInput(position: inputs.count, kindIndex: inputs.count, job: .dinamo(spec), stem: ""))
                continue
            }
            let progress = Progress(quiet: request.quiet)
            let set = RunFileSet(source, progress: { progress.step($0) })
            let members = try InputLoader.attributed(to: spec.origin, key: "input") { () throws(InputError) in
                try set.members()
            }
            for member in members {
                var one = spec
                var memberSource = source
                memberSource.histogram = member.key
                memberSource.eachMatch = false
                one.source = .runFiles(memberSource)
                if source.eachMatch || spec.name == nil { one.name = spec.name.map { "\($0) \(member.displayName)" } ?? member.displayName }
                var input = PlannedInput(position: inputs.count, kindIndex: inputs.count, job: .dinamo(one), stem: "")
                input.runFiles = set
                if request.shard?.owns(input.position) ?? true { set.want(member) }
                inputs.append(input)
            }
        }
        for (k, spec) in request.series.enumerated() {
            inputs.append(PlannedInput(position: inputs.count, kindIndex: k, job: .series(spec), stem: ""))
        }
        let stems = uniqueFileStems(inputs.map { stem(of: $0.provisionalName) })
        for i in inputs.indices { inputs[i].stem = stems[i] }
        return inputs
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
