import Dinamo
import Foundation
import Inputs
import MonteCarloEM

/// The streaming pipeline: each input flows load → compute → figures → data files → its page → a small
/// `InputRecord`, and its arrays are released before the next one starts. At most `jobs` inputs are in
/// flight, so peak memory depends on `jobs` and the largest input, never on the number of inputs; figures
/// are written as each input finishes.
///
/// A fault in one input (bad data deep in a file) stops the run, naming it, and the staging directory is
/// discarded so the previous report stays as it was; with `--keep-going` the input is recorded as failed and
/// the others are published.
struct Pipeline {
    var request: ReportRequest
    var output: OutputDirectory
    var templates: TemplateSet
    var progress: Progress
    var generated: String?

    /// Timings are measured unless `SOURCE_DATE_EPOCH` asks for byte-reproducible output.
    var timed: Bool { request.sourceDate == nil }

    func run(_ inputs: [PlannedInput]) async throws -> [InputRecord] {
        let limit = max(1, request.jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        progress.begin(total: inputs.count)
        var records = [InputRecord?](repeating: nil, count: inputs.count)
        try await withThrowingTaskGroup(of: (Int, InputRecord).self) { group in
            var next = 0
            while next < min(limit, inputs.count) {
                let i = next
                group.addTask { (i, try await self.process(inputs[i])) }
                next += 1
            }
            while let (i, record) = try await group.next() {
                records[i] = record
                if next < inputs.count {
                    let k = next
                    group.addTask { (k, try await self.process(inputs[k])) }
                    next += 1
                }
            }
        }
        return records.compactMap { $0 }
    }

    /// One input, start to finish.
    func process(_ input: PlannedInput) async throws -> InputRecord {
        try Task.checkCancellation()
        progress.started(input.position, name: input.provisionalName)
        do {
            let (published, summary) = try await publication(of: input)
            let writer = FigureWriter(output: output, formats: request.formats, selfContained: request.selfContained,
                                     style: request.figureStyle, pdfDate: request.sourceDate)
            let figures = try await writer.write(published.figures)
            try writer.writeDataFiles(published.dataFiles)
            let page = InputPageBuilder(request: request, generated: generated, css: templates.stylesheet)
                .page(for: published, figures: figures)
            if request.selfContained {
                try output.write(try templates.renderSection(page), to: Self.sectionPath(input.stem))
            } else {
                try output.write(try templates.renderInputPage(page), to: "inputs/\(input.stem).html")
            }
            let record = published.record(position: input.position, stem: input.stem,
                                          figures: figures.map(\.summaryEntry))
            progress.finished(input.position, summary)
            return record
        } catch let error where request.keepGoing && Self.isInputFault(error) {
            progress.finished(input.position, "\(input.provisionalName) FAILED: \(error)")
            progress.warning("\(error) — published as failed (--keep-going)")
            let method: String
            switch input.job {
            case .dinamo: method = "DINAMO-S"
            case .series: method = "MC-EM"
            }
            return .failed(position: input.position, stem: input.stem, name: input.provisionalName, method: method,
                           reason: "\(error)")
        }
    }

    /// Where a self-contained report keeps an input's section until the overview gathers them.
    static func sectionPath(_ stem: String) -> String { ".sections/\(stem).html" }

    /// Faults of the input itself (bad data); anything else (a full disk, a bug) stops the run regardless.
    static func isInputFault(_ error: Error) -> Bool {
        if error is InputError { return true }
        if let e = error as? ReportError, case .input = e { return true }
        return false
    }

    /// Loads and computes one input and turns it into its publication; returns the progress line too.
    private func publication(of input: PlannedInput) async throws -> (PublishedInput, String) {
        switch input.job {
        case .dinamo(let spec):
            let loaded = try InputLoader.loadHistograms(spec, seed: request.seed, runFiles: input.runFiles)
            let done = try MethodRunner.runDinamo(loaded, seed: request.seed, timed: timed)
            let r = done.result
            let published = DinamoPublication(result: r, histograms: loaded.histograms, truth: loaded.truth,
                                              stem: input.stem, anchor: "input-\(input.stem)", seconds: done.seconds,
                                              spec: spec, seed: request.seed, quick: request.quick,
                                              grid: loaded.grid).publish()
            let line = "DINAMO-S \(r.name): \(r.flaggedRuns.count) of \(r.runs) runs flagged (α = \(ReportFormat.plain(r.alpha)), T = \(ReportFormat.plain(r.threshold)))"
            return (published, line)
        case .series(let spec):
            let loaded = try InputLoader.loadSeries(spec, seed: request.seed)
            for w in loaded.warnings { progress.warning(w) }
            let done = await MethodRunner.runSeries(loaded, seriesIndex: input.kindIndex, seed: request.seed,
                                                    quick: request.quick)
            let published = McemPublication(
                name: loaded.name, stem: input.stem, anchor: "input-\(input.stem)", values: loaded.values,
                labels: loaded.labels, timestamps: loaded.timestamps, results: done.results, seconds: done.seconds,
                timed: timed, settings: done.settings, notes: loaded.notes,
                vusWindow: spec.vusWindow).publish()
            let flagged = done.results.map { "\($0.approach.rawValue) \($0.flagged.count)" }.joined(separator: ", ")
            return (published, "MC-EM \(loaded.name): points flagged \(flagged)")
        }
    }
}
