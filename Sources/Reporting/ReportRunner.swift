import Dinamo
import Foundation
import Inputs
import MonteCarloEM
import Core

/// Runs every requested method to completion and publishes the report (docs/output.md).
///
/// Order of work, so that a mistake costs the user as little as possible: templates and every input's head
/// are checked first (exit 2 before any long computation), then the output location is claimed (a hidden
/// staging directory), the inputs stream through the `Pipeline` (figures, data and pages written as each
/// finishes), the overview is assembled from their records, and only a complete report is renamed into
/// place. With `--shard I/N` only that shard's inputs are computed and the records are kept in a partial
/// result directory for `merge`.
public enum ReportRunner {
    public struct Outcome: Sendable {
        /// A `--fail-on` condition holds (exit 1).
        public var failed: Bool
        public var violations: [String]
        /// Inputs that failed under `--keep-going` (exit 2 after publishing the others).
        public var failedInputs: [String]
        /// Nil for a partial (sharded) run, which writes no summary.
        public var summary: Summary?
    }

    public static func run(_ request: ReportRequest) async throws -> Outcome {
        let progress = Progress(quiet: request.quiet)
        let clock = Stopwatch()
        let templates = try request.templates.map(TemplateSet.overridden(by:)) ?? .builtIn
        try templates.validate()

        // 1. Plan and check every input of this process up front.
        let planned = try InputPlan.plan(request)
        guard !planned.isEmpty else {
            throw ReportError.usage("nothing to monitor: the config names no dinamo or series inputs")
        }
        let mine = request.shard.map { shard in planned.filter { shard.owns($0.position) } } ?? planned
        for input in mine { try Preflight.check(input) }

        // 2. Claim the output location before the long work.
        let output = try OutputDirectory(destination: request.output)
        let generated = OverviewBuilder.generatedText(sourceDate: request.sourceDate)

        // 3. Stream the inputs.
        let pipeline = Pipeline(request: request, output: output, templates: templates, progress: progress,
                                generated: generated)
        let records = try await pipeline.run(mine)
        let failedInputs = records.compactMap { r in r.failure.map { "\(r.name): \($0)" } }

        // 4a. A shard keeps its records for `merge`.
        if let shard = request.shard {
            try PartManifest.write(records: records, request: request, shard: shard, total: planned.count, to: output)
            try output.commit()
            progress.step("shard \(shard) written to \(output.destination.path) (\(records.count) of \(planned.count) inputs); assemble the report with `\(ToolInfo.name) merge`")
            return Outcome(failed: false, violations: [], failedInputs: failedInputs, summary: nil)
        }

        // 4b. The overview, summary.json and the verdicts, from the records alone.
        let invocation = Summary.Invocation(commandLine: request.commandLine, shard: nil, mergedParts: nil)
        let assembly = ReportAssembly(request: request, output: output, templates: templates, generated: generated,
                                      invocation: invocation)
        let outcome = try await assembly.assemble(records, seconds: request.sourceDate == nil ? clock.seconds : nil,
                                                  progress: progress)
        try output.commit()
        progress.step("report written to \(output.destination.path)/index.html")
        try finish(outcome, records: records, request: request, progress: progress)
        return Outcome(failed: !outcome.violations.isEmpty, violations: outcome.violations, failedInputs: failedInputs,
                       summary: outcome.summary)
    }

    /// After the report is in place: the JUnit file, the Markdown summary and the `--fail-on` warnings.
    static func finish(_ outcome: ReportAssembly.Outcome, records: [InputRecord], request: ReportRequest,
                       progress: Progress) throws {
        if let junit = request.junit {
            let xml = JUnitReport(suiteName: ToolInfo.name, cases: outcome.junitCases).xml()
            do {
                try Data(xml.utf8).write(to: junit, options: .atomic)
            } catch {
                throw ReportError.output("cannot write the JUnit file \(junit.path): \(OutputDirectory.reason(error))")
            }
        }
        if let destination = request.markdownSummary {
            try MarkdownSummary.write(records: records, request: request, violations: outcome.violations, to: destination)
        }
        for v in outcome.violations { progress.warning("--fail-on: \(v)") }
    }
}

/// Wall time since creation.
struct Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}

/// `SOURCE_DATE_EPOCH` (reproducible-builds.org): when set, output is byte-reproducible. Read once, by the
/// command line, into `ReportRequest.sourceDate`.
public enum SourceDate {
    public static var epoch: Int? {
        guard let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let v = Int(text) else { return nil }
        return v
    }
}
