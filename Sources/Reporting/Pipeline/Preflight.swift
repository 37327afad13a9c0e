import Foundation
import Inputs

/// Checks every input before any is computed, so a bad 57th input fails in a second rather than after an
/// hour: the file exists and is readable, and its head has the shape its format needs (a header with bin
/// columns or the value column, a first row as wide as the header; a JSON document that opens as one).
/// Only the head is read; a fault deep in a file is found when the input is loaded, and still named.
enum Preflight {
    static func check(_ input: PlannedInput) throws { try input.method.check(input) }

    /// A histogram input: its run files (each opened once; what the check parsed is kept for the read), or the
    /// head of its CSV/JSON file.
    static func checkHistograms(_ spec: DinamoJobSpec, runFiles: RunFileSet?) throws {
        if let runFiles {
            return try InputLoader.attributed(to: spec.origin, key: "input", labels: runFiles.source.labels?.path) { () throws(InputError) in
                try runFiles.check()
            }
        }
        guard case .file(let url) = spec.source else { return }
        try InputLoader.attributed(to: spec.origin, key: "input") { () throws(InputError) in
            try HistogramSource.file(path: url.path, name: spec.name).check()
        }
    }

    /// A series input: the head of its CSV, and its labels file readable.
    static func checkSeries(_ spec: SeriesJobSpec) throws {
        guard case .file(let url) = spec.source else { return }
        try InputLoader.attributed(to: spec.origin, key: "input", labels: spec.labels?.path) { () throws(InputError) in
            try InputLoader.seriesSource(spec, file: url).check()
        }
    }
}
