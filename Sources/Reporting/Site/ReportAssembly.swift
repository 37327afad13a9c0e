import Foundation
import Plotting

/// Assembles the report from the inputs' records alone — for `run` after its pipeline, and for `merge` from
/// the records of its parts: the summary map, the overview `index.html`, `summary.json`, and the `--fail-on`
/// and JUnit verdicts. Each consumer reads the records independently; nothing here needs an input's arrays.
struct ReportAssembly {
    var request: ReportRequest
    var output: OutputDirectory
    var templates: TemplateSet
    var generated: String?
    /// For the summary's `invocation`.
    var invocation: Summary.Invocation

    struct Outcome {
        var summary: Summary
        var violations: [String]
        var junitCases: [JUnitReport.Case]
    }

    /// The overview warns when a self-contained page grows past this.
    static let selfContainedWarningBytes = 50 << 20

    func assemble(_ records: [InputRecord], seconds: Double?, progress: Progress) async throws -> Outcome {
        let records = records.sorted { $0.position < $1.position }
        let (violations, cases) = try verdicts(records)
        let mapParts = SummaryMap.parts(records)
        let verdicts = RunVerdict.gather(records)
        let systemParts = SystemMap.parts(records, verdicts: verdicts)
        let writer = FigureWriter(output: output, formats: request.formats, selfContained: request.selfContained,
                                  style: request.figureStyle, pdfDate: request.sourceDate)
        // One summary map at a time: there is one per 80 histograms, each a page-sized image, so rendering them
        // all at once would make peak memory grow with the number of inputs.
        var mapFigures: [WrittenFigure] = []
        for part in mapParts { mapFigures += try await writer.write([part.artifact]) }
        let systemFigures = try await writer.write(systemParts.map(\.artifact))
        let links = FigureLinks(formats: request.formats, selfContained: request.selfContained, atRoot: true)
        let runPages = RunPages(request: request, generated: generated, css: templates.stylesheet)
        try runPages.write(verdicts, templates: templates, to: output)
        let pagesByRun = Dictionary(uniqueKeysWithValues: verdicts.map { ($0.run, $0.page) })
        let maps = zip(mapParts, mapFigures).map { part, written in
            OverviewPage.SummaryMapView(
                figure: links.view(written), mapName: "map-" + part.artifact.stem,
                areas: SummaryMap.areas(SummaryMap.Part(artifact: written.artifact, rows: part.rows, runs: part.runs),
                                        pageHref: { pageHref($0) },
                                        runHref: { request.selfContained ? nil : pagesByRun[$0] }))
        }
        let systemMaps = zip(systemParts, systemFigures).map { part, written in
            OverviewPage.SummaryMapView(
                figure: links.view(written), mapName: "map-" + part.artifact.stem,
                areas: SystemMap.areas(SystemMap.Part(artifact: written.artifact, systems: part.systems, runs: part.runs),
                                       runHref: { request.selfContained ? nil : pagesByRun[$0] }))
        }
        let summary = SummaryBuilder.build(request: request, records: records, verdicts: verdicts,
                                           mapFigures: (systemFigures + mapFigures).map(\.summaryEntry), seconds: seconds,
                                           invocation: invocation)
        let summaryData = try JSONOutput.encode(summary)
        try output.write(summaryData, to: "summary.json")
        var page = OverviewBuilder(request: request, generated: generated, css: templates.stylesheet)
            .build(records, verdicts: verdicts, summaryMaps: maps, seconds: seconds,
                   summaryData: summaryData)
        let rows = runPages.rows(verdicts)
        // The overview shows the worst runs first: flagged by the most inputs (a broken system flags all of its
        // histograms), then in run order; the run index keeps run order.
        let worstFirst = rows.enumerated().sorted { l, r in l.element.count != r.element.count ? l.element.count > r.element.count : l.offset < r.offset }.map(\.element)
        page.systemMaps = systemMaps
        page.hasSystemMaps = !systemMaps.isEmpty
        page.badRuns = Array(worstFirst.prefix(OverviewBuilder.badRunsShown))
        page.hasBadRuns = !rows.isEmpty
        page.badRunsTotal = rows.count
        page.badRunsMore = rows.count > OverviewBuilder.badRunsShown ? "\(rows.count - OverviewBuilder.badRunsShown) more not shown here" : nil
        page.runIndexHref = request.selfContained || rows.isEmpty ? nil : "runs/index.html"
        let html = try templates.renderOverview(page)
        if request.selfContained {
            try writeSelfContained(html, records: records, progress: progress)
        } else {
            try output.write(html, to: "index.html")
        }
        return Outcome(summary: summary, violations: violations, junitCases: cases)
    }

    /// The page of an input, relative to the overview.
    func pageHref(_ r: InputRecord) -> String {
        request.selfContained ? "#input-\(r.stem)" : r.page
    }

    /// `--fail-on` (with no condition given, JUnit fails an input that flagged anything) and the JUnit cases.
    private func verdicts(_ records: [InputRecord]) throws -> ([String], [JUnitReport.Case]) {
        var violations: [String] = []
        var cases: [JUnitReport.Case] = []
        let conditions = request.failOn.isEmpty ? [try FailCondition(parsing: "flagged")] : request.failOn
        for r in records {
            var reasons: [String] = []
            if let failure = r.failure { reasons.append("input failed: \(failure)") }
            for subject in r.checks {
                for c in conditions {
                    if let why = c.violation(for: subject) { reasons.append("\(subject.method): \(c.text) (\(why))") }
                }
            }
            if !request.failOn.isEmpty { violations += reasons.map { "\(r.name): \($0)" } }
            cases.append(.init(name: r.name, className: r.method.title, seconds: r.seconds, failures: reasons,
                               output: "\(r.sizeText); flagged \(r.flaggedText); \(r.keyMetricText)"))
        }
        return (violations, cases)
    }

    /// One `index.html` carrying the overview and every input's section (gathered from the staging
    /// directory one at a time, so memory holds one section at once).
    private func writeSelfContained(_ overview: String, records: [InputRecord], progress: Progress) throws {
        let marker = OverviewBuilder.sectionsMarker
        let pieces = overview.components(separatedBy: marker)
        var sections: [URL] = []
        for r in records where r.failure == nil {
            sections.append(output.staging.appendingPathComponent(OutputDirectory.sectionPath(r.stem)))
        }
        let size = try output.writeConcatenation(head: pieces[0], files: sections,
                                                 tail: pieces.count > 1 ? pieces[1...].joined(separator: marker) : "",
                                                 to: "index.html")
        try? FileManager.default.removeItem(at: output.staging.appendingPathComponent(".sections"))
        if size > Self.selfContainedWarningBytes {
            progress.warning("the self-contained index.html is \(size >> 20) MB; browsers may be slow to open it (without --self-contained the overview stays small and each input has its own page)")
        }
    }
}
