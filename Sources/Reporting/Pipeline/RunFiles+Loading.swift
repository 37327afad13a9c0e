import Dinamo
import Foundation
import Inputs

extension InputLoader {
    /// One histogram of a run-files entry: its arrays taken from the entry's shared `RunFileSet` (which reads
    /// every run file once, for all the entry's histograms). A TH2 is monitored flattened, ν = nx · ny.
    static func loadRunFiles(_ spec: DinamoJobSpec, member: String, from runFiles: RunFileSet) throws -> LoadedHistograms {
        let series = try runFiles.take(member)
        let name = spec.name ?? RunFilesSource.displayName(of: member)
        let is2D = !series.yEdges.isEmpty
        do {
            let set = try HistogramSet(name: name, counts: series.counts, runs: series.runs, bins: series.bins,
                                       binEdges: is2D ? nil : series.xEdges, labels: series.labels, runIDs: series.runIDs)
            return LoadedHistograms(spec: spec, histograms: set, truth: nil,
                                    grid: is2D ? HistogramGrid(xEdges: series.xEdges, yEdges: series.yEdges) : nil)
        } catch {
            throw RunFileSet.fail("\(member) in \(runFiles.source.input): \(error)", origin: spec.origin)
        }
    }
}
