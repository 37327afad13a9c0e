import Foundation
import Inputs

/// Applies a `run --config FILE` (read by `RunConfig`) to a request: one DINAMO job per histogram input and
/// one series job per series input, relative paths resolved against the config's directory.
public enum ConfigFile {
    public static func apply(_ url: URL, to request: inout ReportRequest) throws {
        let config = try RunConfig.read(path: url.path)
        if let seed = config.seed { request.seed = seed }
        let configName = url.lastPathComponent
        request.dinamo = try config.dinamo.enumerated().map { k, job in
            var spec = DinamoJobSpec(source: .file(URL(fileURLWithPath: job.input)), name: job.name)
            spec.origin = "\(configName), dinamo[\(k)]"
            if let a = job.alpha { spec.alpha = convert(a) }
            if let t = job.threshold { spec.threshold = convert(t) }
            spec.historical = job.historical
            if let k = job.initCounts { spec.initCounts = k }
            if let n = job.debias { spec.debias = n }
            do { try spec.validate() } catch let e as ReportError { throw ReportError.input("\(url.path): \(job.input): \(e.description)") }
            return spec
        }
        request.series = try config.series.enumerated().map { k, job in
            var spec = SeriesJobSpec(source: .file(URL(fileURLWithPath: job.input)), name: job.name)
            spec.origin = "\(configName), series[\(k)]"
            if let c = job.column { spec.column = c }
            spec.labels = job.labels.map { URL(fileURLWithPath: $0) }
            if let a = job.approach { spec.approaches = try SeriesJobSpec.parseApproaches(a.rawValue) }
            spec.epochs = job.epochs
            spec.samples = job.samples
            if let m = job.missing { spec.missing = m }
            do { try spec.validate() } catch let e as ReportError { throw ReportError.input("\(url.path): \(job.input): \(e.description)") }
            return spec
        }
    }

    static func convert(_ v: AutoOrNumber) -> AutoOr {
        switch v {
        case .auto: return .auto
        case .value(let x): return .value(x)
        }
    }
}
