import Foundation
import Plotting

/// Builds the overview's view model from the records: the verdict, the counts, the summary map, the
/// worst-first table (failed inputs first, then by the fraction flagged) and the provenance.
struct OverviewBuilder {
    var request: ReportRequest
    var generated: String?
    var css: String

    /// Flagged runs listed on the overview (the rest are on the run index).
    static let badRunsShown = 30

    /// Where a self-contained report's input sections go (`index.mustache` prints `{{{sectionsMarker}}}`).
    static let sectionsMarker = "<!-- anomaly-report: input sections -->"

    /// `verdicts`: the runs flagged anywhere (`RunVerdict.gather(records)`, gathered once by the caller).
    func build(_ records: [InputRecord], verdicts: [RunVerdict], summaryMaps: [OverviewPage.SummaryMapView],
               seconds: Double?, summaryData: Data) -> OverviewPage {
        // Counts per flagged unit (runs, points), over the inputs that were computed.
        let counts = FlagCount.counts(records)
        let runs = counts.first { $0.unit == .run }, points = counts.first { $0.unit == .point }
        var methods: [MethodID] = []
        for r in records where r.failure == nil && !methods.contains(r.method.id) { methods.append(r.method.id) }
        let failed = records.filter { $0.failure != nil }
        let alerting = records.filter { $0.failure == nil && $0.flaggedUnits > 0 }.count
        var verdict = alerting == 0 ? "No anomalies flagged." : "Anomalies flagged in \(alerting) of \(records.count) inputs."
        if !failed.isEmpty { verdict = "\(failed.count) of \(records.count) inputs failed. " + verdict }
        let detail = counts.map { $0.text() }
        let notes = MethodRegistry.all.filter { methods.contains($0.info.id) }.compactMap { $0.countingNote }
        let rows = records.sorted { l, r in
            l.severity != r.severity ? l.severity > r.severity : l.position < r.position
        }.map { r in
            // A member of a comparison goes by its title there ("DINAMO-ML"), which says more than its method's.
            OverviewPage.Row(name: r.name, href: r.failure != nil ? "#failed" : request.selfContained ? "#input-\(r.stem)" : r.page,
                             method: r.comparison?.member ?? r.method.title, size: r.sizeText, flagged: r.flaggedText,
                             keyMetric: r.keyMetricText, statusClass: r.status.rawValue,
                             sparkline: Sparkline.svg(r.sparkline, threshold: r.sparklineThreshold))
        }
        var settings: [ReportPage.NameValue] = [
            .init(name: "formats", value: request.formats.map(\.rawValue).joined(separator: ", ")),
            .init(name: "mode", value: request.quick ? "quick smoke run" : "full settings"),
        ]
        // Per-input settings only while the list stays short; with many inputs they are on the input pages.
        if records.count <= 20 {
            for r in records { settings.append(.init(name: r.name, value: r.settingsText)) }
        }
        if !request.failOn.isEmpty { settings.append(.init(name: "fail on", value: request.failOn.map(\.text).joined(separator: ", "))) }
        var timings: [ReportPage.NameValue] = []
        if seconds != nil {
            let timed = records.compactMap { r in r.seconds.map { (r.name, $0) } }
            // An input's seconds are its methods' own computing (MC-EM: the approaches' CPU time added up, so it
            // can exceed the run's wall time when they run at once); the total is the wall time of the whole run.
            if timed.count <= 20 {
                timings = timed.map { .init(name: "computing: " + $0.0, value: ReportFormat.seconds($0.1)) }
            }
            timings.append(.init(name: "wall time: whole run", value: ReportFormat.seconds(seconds)))
        }
        var page = OverviewPage(
            tool: ToolInfo.name, version: ToolInfo.version, title: request.title,
            verdict: verdict, verdictDetail: detail.isEmpty ? "" : detail.joined(separator: "; ") + " flagged"
                + (notes.isEmpty ? "." : " (" + notes.joined(separator: "; ") + ")."),
            verdictClass: alerting == 0 && failed.isEmpty ? "ok" : "alert", quick: request.quick,
            inputCount: records.count, runsFlagged: runs?.flagged ?? 0, runsTotal: runs?.total ?? 0,
            pointsFlagged: points?.flagged ?? 0, pointsTotal: points?.total ?? 0, hasRuns: runs != nil,
            hasPoints: points != nil,
            totalSeconds: ReportFormat.seconds(seconds),
            rows: rows, hasFailed: !failed.isEmpty,
            failed: failed.map { .init(name: $0.name, value: $0.failure ?? "") },
            summaryMaps: summaryMaps, hasSummaryMaps: !summaryMaps.isEmpty,
            commandLine: request.commandLine, seed: String(request.seed), settings: settings, timings: timings,
            generated: generated,
            summaryHref: request.selfContained ? "data:application/json;base64," + summaryData.base64EncodedString() : "summary.json",
            css: css, selfContained: request.selfContained, sectionsMarker: Self.sectionsMarker)
        page.comparisons = ComparisonSummary(selfContained: request.selfContained).views(records)
        page.hasComparisons = !page.comparisons.isEmpty
        if (runs?.inputs ?? 0) > 1 {
            // Several histograms' runs added up count pairs; the runs themselves are counted apart.
            page.runsFlaggedLabel = "(run, histogram) pairs flagged"
            page.distinctRunsFlagged = verdicts.count
        }
        return page
    }

    /// The page's "generated" line: the `SOURCE_DATE_EPOCH` date when set, else now.
    static func generatedText(sourceDate: Int?) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        if let sourceDate {
            return f.string(from: Date(timeIntervalSince1970: TimeInterval(sourceDate))) + " (SOURCE_DATE_EPOCH; timings omitted for reproducibility)"
        }
        return f.string(from: Date())
    }
}
