import Foundation
import Inputs

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
            let context = JobContext(seed: request.seed, quick: request.quick, timed: timed, progress: progress)
            let published = try await input.method.compute(input, context: context)
            let writer = FigureWriter(output: output, formats: request.formats, selfContained: request.selfContained,
                                     style: request.figureStyle, pdfDate: request.sourceDate)
            let figures = try await writer.write(published.figures)
            try writer.writeDataFiles(published.dataFiles)
            let page = InputPageBuilder(request: request, generated: generated, css: templates.stylesheet)
                .page(for: published, stem: input.stem, figures: figures, comparedWith: input.comparedWith)
            if request.selfContained {
                try output.write(try templates.renderSection(page), to: OutputDirectory.sectionPath(input.stem))
            } else {
                try output.write(try templates.renderInputPage(page), to: "inputs/\(input.stem).html")
            }
            var runFigures: [String: String] = [:]
            for f in figures { if let run = f.artifact.run { runFigures[run] = f.display } }
            let record = published.record(position: input.position, stem: input.stem,
                                          figures: figures.map(\.summaryEntry), runFigures: runFigures,
                                          comparison: input.comparison)
            progress.finished(input.position, published.progressLine)
            return record
        } catch let error where request.keepGoing && Self.isInputFault(error) {
            progress.finished(input.position, "\(input.provisionalName) FAILED: \(error)")
            progress.warning("\(error) — published as failed (--keep-going)")
            var failed = InputRecord.failed(position: input.position, stem: input.stem, name: input.provisionalName,
                                            method: input.method.info, unit: input.method.unit, reason: "\(error)")
            failed.comparison = input.comparison
            return failed
        }
    }

    /// Faults of the input itself (bad data); anything else (a full disk, a bug) stops the run regardless.
    static func isInputFault(_ error: Error) -> Bool {
        if error is InputError { return true }
        if let e = error as? ReportError, case .input = e { return true }
        return false
    }
}
