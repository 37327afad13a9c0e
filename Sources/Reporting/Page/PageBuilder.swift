import Foundation
import Inputs
import Plotting

/// Builds the page's view model from the published inputs: ordering, wording, links.
enum PageBuilder {
    static func build(request: ReportRequest, published: [PublishedInput], figures: [String: WrittenFigure],
                      seconds: Double?, summaryData: Data, css: String) -> ReportPage {
        let selfContained = request.selfContained
        func dataURI(_ text: String, type: String) -> String {
            "data:\(type);base64," + Data(text.utf8).base64EncodedString()
        }
        func figureView(_ a: FigureArtifact) -> ReportPage.FigureView? {
            guard let f = figures[a.stem] else { return nil }
            let csvName = f.csv.map { ($0 as NSString).lastPathComponent }
            return ReportPage.FigureView(
                id: "figure-" + a.stem, title: a.title, caption: TextMarkup.plain(a.caption),
                captionHTML: XMLEscaping.html(fromMarkup: a.caption), alt: a.alt,
                png: selfContained ? nil : f.files[.png],
                svg: selfContained ? nil : f.files[.svg],
                pdf: selfContained ? nil : f.files[.pdf],
                csv: selfContained ? a.data.map { dataURI($0.text, type: "text/csv") } : f.csv, csvName: csvName,
                width: Int((a.figure.width * 4 / 3).rounded()), height: Int((a.figure.height * 4 / 3).rounded()),
                wide: a.figure.width >= 6 * 72, inlineSVG: f.inlineSVG)
        }
        func links(_ files: [DataFile]) -> [ReportPage.DataLink] {
            files.map { file in
                ReportPage.DataLink(href: selfContained ? dataURI(file.table.text, type: "text/csv") : "data/\(file.fileName)",
                                    fileName: file.fileName, label: file.label)
            }
        }
        var dinamo: [ReportPage.DinamoSection] = []
        var mcem: [ReportPage.McemSection] = []
        var runsTotal = 0, runsFlagged = 0, pointsTotal = 0, pointsFlagged = 0
        for p in published {
            switch p.section {
            case .dinamo(var section, _):
                section.figures = p.figures.compactMap(figureView)
                section.dataFiles = links(p.dataFiles)
                dinamo.append(section)
                runsTotal += p.units
                runsFlagged += p.flaggedUnits
            case .mcem(var section, _):
                section.figures = p.figures.compactMap(figureView)
                section.dataFiles = links(p.dataFiles) + p.figures.compactMap { a -> ReportPage.DataLink? in
                    guard a.figure.panels.count == 2, let f = figures[a.stem], let csv = f.csv,
                          section.approachNames.contains(where: { a.stem.hasSuffix("-" + $0) }) else { return nil }
                    let name = (csv as NSString).lastPathComponent
                    return ReportPage.DataLink(href: selfContained ? dataURI(a.data!.text, type: "text/csv") : csv,
                                               fileName: name, label: String(a.title.prefix { $0 != ":" }) + " per point")
                }
                mcem.append(section)
                pointsTotal += p.units
                pointsFlagged += p.flaggedUnits
            }
        }
        let rows = published.map(\.row).enumerated().sorted { l, r in
            l.element.severity != r.element.severity ? l.element.severity > r.element.severity : l.offset < r.offset
        }.map(\.element)
        let alerting = published.filter { $0.flaggedUnits > 0 }.count
        let verdict = alerting == 0 ? "No anomalies flagged." : "Anomalies flagged in \(alerting) of \(published.count) inputs."
        var detail: [String] = []
        if !dinamo.isEmpty { detail.append("\(runsFlagged) of \(runsTotal) runs in \(dinamo.count) monitored histogram\(dinamo.count == 1 ? "" : "s")") }
        if !mcem.isEmpty { detail.append("\(pointsFlagged) of \(pointsTotal) points in \(mcem.count) series (hmm approach where run)") }
        var settings: [ReportPage.NameValue] = [
            .init(name: "formats", value: request.formats.map(\.rawValue).joined(separator: ", ")),
            .init(name: "mode", value: request.quick ? "quick smoke run" : "full settings"),
        ]
        for p in published {
            switch p.section {
            case .dinamo(let s, _):
                settings.append(.init(name: s.name, value: "DINAMO-S: α = \(s.alpha), T = \(s.threshold)"))
            case .mcem(let s, _):
                settings.append(.init(name: s.name, value: "MC-EM: \(s.approachNames.joined(separator: ", "))"))
            }
        }
        if !request.failOn.isEmpty { settings.append(.init(name: "fail on", value: request.failOn.map(\.text).joined(separator: ", "))) }
        var timings: [ReportPage.NameValue] = published.map { .init(name: "time: " + $0.row.name, value: ReportFormat.seconds($0.seconds)) }
        timings.append(.init(name: "time: total", value: ReportFormat.seconds(seconds)))
        let generated = SourceDate.epoch.map { epoch -> String in
            let f = ISO8601DateFormatter()
            f.timeZone = TimeZone(identifier: "UTC")
            return f.string(from: Date(timeIntervalSince1970: TimeInterval(epoch))) + " (SOURCE_DATE_EPOCH; timings omitted for reproducibility)"
        } ?? {
            let f = ISO8601DateFormatter()
            f.timeZone = TimeZone(identifier: "UTC")
            return f.string(from: Date())
        }()
        return ReportPage(
            tool: ToolInfo.name, version: ToolInfo.version, title: request.title,
            verdict: verdict, verdictDetail: detail.isEmpty ? "" : detail.joined(separator: "; ") + " flagged.",
            verdictClass: alerting == 0 ? "ok" : "alert", quick: request.quick,
            inputCount: published.count, runsFlagged: runsFlagged, runsTotal: runsTotal,
            pointsFlagged: pointsFlagged, pointsTotal: pointsTotal, totalSeconds: ReportFormat.seconds(seconds),
            inputs: rows, hasDinamo: !dinamo.isEmpty, dinamo: dinamo, hasMcem: !mcem.isEmpty, mcem: mcem,
            commandLine: request.commandLine, seed: String(request.seed), settings: settings, timings: timings,
            generated: generated,
            summaryHref: selfContained ? "data:application/json;base64," + summaryData.base64EncodedString() : "summary.json",
            css: css)
    }
}
