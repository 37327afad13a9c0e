import Foundation
import Inputs

/// Checks every input before any is computed, so a bad 57th input fails in a second rather than after an
/// hour: the file exists and is readable, and its head has the shape its format needs (a header with bin
/// columns or the value column, a first row as wide as the header; a JSON document that opens as one).
/// Only the head is read; a fault deep in a file is found when the input is loaded, and still named.
enum Preflight {
    static func check(_ input: PlannedInput) throws {
        switch input.job {
        case .dinamo(let spec):
            if let runFiles = input.runFiles {
                return try InputLoader.attributed(to: spec.origin, key: "input", labels: runFiles.source.labels?.path) { () throws(InputError) in
                    try runFiles.check()
                }
            }
            guard case .file(let url) = spec.source else { return }
            try InputLoader.attributed(to: spec.origin, key: "input") { () throws(InputError) in
                try HistogramSource.file(path: url.path, name: spec.name).check()
            }
        case .series(let spec):
            guard case .file(let url) = spec.source else { return }
            try InputLoader.attributed(to: spec.origin, key: "input", labels: spec.labels?.path) { () throws(InputError) in
                try InputLoader.seriesSource(spec, file: url).check()
            }
        }
    }
}
