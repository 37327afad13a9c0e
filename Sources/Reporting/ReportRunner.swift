import Dinamo
import Foundation
import Inputs
import MonteCarloEM
import Numerics

/// Runs every requested method to completion and publishes the report (SPEC §1, §4).
///
/// Order of work, so that a mistake costs the user as little as possible: templates and inputs are read
/// and checked first (exit 2 before any long computation), then the output location is claimed (a hidden
/// staging directory), the methods run concurrently, figures and data are written into the staging
/// directory, and only a complete report is renamed into place.
public enum ReportRunner {
    public struct Outcome: Sendable {
        /// A `--fail-on` condition holds (exit 1).
        public var failed: Bool
        public var violations: [String]
        public var summary: Summary
    }

    public static func run(_ request: ReportRequest) async throws -> Outcome {
        let progress = Progress(quiet: request.quiet)
        let clock = Stopwatch()
        let reproducible = SourceDate.epoch != nil
        let templates = try request.templates.map(TemplateSet.overridden(by:)) ?? .builtIn

        // 1. Inputs: read and validate everything first.
        let loaded = try InputLoader.load(request, progress: progress)
        guard !loaded.dinamo.isEmpty || !loaded.series.isEmpty else {
            throw ReportError.usage("nothing to monitor: the config names no dinamo or series inputs")
        }

        // 2. Claim the output location before the long work.
        let output = try OutputDirectory(destination: request.output)

        // 3. Compute, concurrently; each task has its own seeded stream, so results do not depend on cores.
        var computed = try await Computation.run(loaded, request: request, progress: progress)
        if reproducible {
            // Timings differ run to run; with SOURCE_DATE_EPOCH the output must not.
            for i in computed.dinamo.indices { computed.dinamo[i].seconds = .nan }
            for i in computed.series.indices {
                for k in computed.series[i].seconds.keys { computed.series[i].seconds[k] = .nan }
            }
        }

        // 4. Publish.
        var published: [PublishedInput] = []
        for d in computed.dinamo {
            published.append(DinamoPublication(result: d.result, histograms: d.input.histograms, truth: d.input.truth,
                                               stem: d.input.stem, anchor: "input-\(d.input.stem)",
                                               seconds: d.seconds, spec: d.input.spec).publish())
        }
        for s in computed.series {
            published.append(McemPublication(
                name: s.input.name, stem: s.input.stem, anchor: "input-\(s.input.stem)", values: s.input.values,
                labels: s.input.labels, timestamps: s.input.timestamps, results: s.results, seconds: s.seconds,
                settings: s.settings, notes: s.input.notes).publish())
        }
        progress.step("rendering \(published.reduce(0) { $0 + $1.figures.count }) figures as \(request.formats.map(\.rawValue).joined(separator: ", "))")
        let writer = ReportWriter(output: output, formats: request.formats, selfContained: request.selfContained)
        let written = try await writer.writeFigures(published)
        try writer.writeDataFiles(published)

        // 5. Summary, page, commit.
        var violations: [String] = []
        var junitCases: [JUnitReport.Case] = []
        let conditions = request.failOn.isEmpty ? [try FailCondition(parsing: "flagged")] : request.failOn
        for p in published {
            var reasons: [String] = []
            for subject in p.subjects {
                for c in conditions {
                    if let why = c.violation(for: subject) { reasons.append("\(subject.method): \(c.text) (\(why))") }
                }
            }
            if !request.failOn.isEmpty { violations += reasons.map { "\(p.row.name): \($0)" } }
            junitCases.append(.init(name: p.row.name, className: p.row.method, seconds: reproducible ? nil : p.seconds,
                                    failures: reasons, output: "\(p.row.size); flagged \(p.row.flagged); \(p.row.keyMetric)"))
        }
        let total = reproducible ? nil : clock.seconds
        let summary = SummaryBuilder.build(request: request, published: published, figures: written, seconds: total,
                                           reproducible: reproducible)
        let summaryData = try JSONOutput.encode(summary)
        let page = PageBuilder.build(request: request, published: published, figures: written, seconds: total,
                                     summaryData: summaryData, css: templates.stylesheet)
        try output.write(summaryData, to: "summary.json")
        try output.write(try templates.render(page), to: "index.html")
        try output.commit()
        progress.step("report written to \(output.destination.path)/index.html")

        if let junit = request.junit {
            let xml = JUnitReport(suiteName: ToolInfo.name, cases: junitCases).xml()
            do {
                try Data(xml.utf8).write(to: junit, options: .atomic)
            } catch {
                throw ReportError.output("cannot write the JUnit file \(junit.path): \(OutputDirectory.reason(error))")
            }
        }
        for v in violations { progress.warning("--fail-on: \(v)") }
        return Outcome(failed: !violations.isEmpty, violations: violations, summary: summary)
    }
}

/// Wall time since creation.
struct Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}

/// `SOURCE_DATE_EPOCH` (reproducible-builds.org): when set, output is byte-reproducible.
enum SourceDate {
    static var epoch: Int? {
        guard let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let v = Int(text) else { return nil }
        return v
    }
}
