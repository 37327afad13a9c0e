import Foundation
import Inputs

/// The run pages (`runs/<run>.html`) and the run index (`runs/index.html`), built from the records alone, so
/// `run` and `merge` write the same: for each run flagged anywhere, the inputs that flagged it grouped by system
/// and worst first, each with its figure of the run against the reference it was scored against.
struct RunPages {
    var request: ReportRequest
    var generated: String?
    var css: String

    /// The inputs named in a run's row on the overview and the index.
    static let namedInRow = 3

    func rows(_ verdicts: [RunVerdict]) -> [RunRow] {
        verdicts.map { v in
            let named = v.flags.prefix(Self.namedInRow).map(\.input).joined(separator: ", ")
            let more = v.flags.count > Self.namedInRow ? " and \(v.flags.count - Self.namedInRow) more" : ""
            return RunRow(run: v.run, href: request.selfContained ? nil : v.page,
                          systems: v.systems.isEmpty ? "—" : v.systems.joined(separator: ", "),
                          count: v.flags.count, worst: named + more)
        }
    }

    func page(_ v: RunVerdict) -> RunPageView {
        var systems: [RunPageView.System] = []
        for flag in v.flags {
            let name = flag.system ?? "other"
            let view = RunPageView.Flag(
                input: flag.input, href: "../inputs/\(flag.stem).html", score: ReportFormat.short(flag.score),
                threshold: ReportFormat.short(flag.threshold), excess: ReportFormat.short(flag.excess),
                figure: flag.figure.map { "../" + $0 },
                alt: "\(flag.input), run \(v.run), against the reference it was scored against, with its pulls")
            if let k = systems.firstIndex(where: { $0.name == name }) {
                systems[k].flags.append(view)
            } else {
                systems.append(.init(name: name, flags: [view]))
            }
        }
        let inputs = v.flags.count == 1 ? "1 input" : "\(v.flags.count) inputs"
        let where_ = v.systems.isEmpty ? "" : " in \(v.systems.count == 1 ? "1 system" : "\(v.systems.count) systems"): \(v.systems.joined(separator: ", "))"
        return RunPageView(tool: ToolInfo.name, version: ToolInfo.version, reportTitle: request.title, run: v.run,
                           headline: "Flagged by \(inputs)\(where_).", systems: systems, backHref: "../index.html",
                           indexHref: "index.html", generated: generated, css: css)
    }

    func index(_ verdicts: [RunVerdict]) -> RunIndexView {
        RunIndexView(tool: ToolInfo.name, version: ToolInfo.version, reportTitle: request.title,
                     runs: rows(verdicts).map { row in var r = row; r.href = row.href.map { ($0 as NSString).lastPathComponent }; return r },
                     backHref: "../index.html", generated: generated, css: css)
    }

    /// Writes every run page and the index (none in a self-contained report, whose one page lists the runs).
    func write(_ verdicts: [RunVerdict], templates: TemplateSet, to output: OutputDirectory) throws {
        guard !request.selfContained, !verdicts.isEmpty else { return }
        for v in verdicts { try output.write(try templates.renderRunPage(page(v)), to: v.page) }
        try output.write(try templates.renderRunIndex(index(verdicts)), to: "runs/index.html")
    }
}
