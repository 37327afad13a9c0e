import Foundation
import Plotting

/// Builds an input's page from its publication and its written figures: the method's section with every
/// figure, its caption, its download links and its data, and the link back to the overview.
struct InputPageBuilder {
    var request: ReportRequest
    var generated: String?
    var css: String
    /// Links on a page under `inputs/` climb one folder; a self-contained section links nowhere outside.
    private var links: FigureLinks { FigureLinks(formats: request.formats, selfContained: request.selfContained, atRoot: false) }
    private var prefix: String { links.prefix }

    /// `comparedWith`: the other members of the input's comparison group (`ComparisonRole`), linked from the
    /// section's head.
    func page(for p: PublishedInput, stem: String, figures all: [WrittenFigure],
              comparedWith: [ComparedInput] = []) -> InputPageView {
        // Figures of single flagged runs are shown on the run pages, not here.
        let figures = all.filter(\.artifact.onInputPage)
        let views = figures.map(links.view)
        let figureData = figures.flatMap { Self.dataLinks($0, selfContained: request.selfContained, prefix: prefix) }
        let methodData = p.dataFiles.map { file in
            ReportPage.DataLink(href: request.selfContained ? FigureLinks.dataURI(file.table.text) : prefix + "data/\(file.fileName)",
                                fileName: file.fileName, label: file.label)
        }
        let c = p.section
        var section = ReportPage.MethodSection(
            anchor: "input-\(stem)", name: p.facts.name, methodTitle: c.methodTitle, method: c.method.rawValue,
            facts: c.facts.joined(separator: " · "), howto: nil, notes: c.notes,
            tables: c.tables.map { t in
                ReportPage.MetricTable(header: t.header, rows: t.rows.map { .init(name: $0.name, values: $0.cells.map(Self.text)) })
            },
            tablesNote: c.tablesNote, flaggedLabel: c.flaggedLabel,
            flaggedList: flaggedLinks(c.flagged ?? [], unit: p.facts.unit),
            hasFlagged: !(c.flagged ?? []).isEmpty,
            flaggedMore: (c.flagged?.count ?? 0) > Self.listed ? "… and \(c.flagged!.count - Self.listed) more (see the scores CSV)" : nil,
            figures: views, dataFiles: methodData + figureData)
        if let line = comparisonLine(comparedWith) {
            section.comparisonText = line.text
            section.comparisonLinks = line.links
        }
        return InputPageView(tool: ToolInfo.name, version: ToolInfo.version, reportTitle: request.title,
                             name: p.facts.name, backHref: request.selfContained ? "#inputs" : "../index.html",
                             quick: request.quick, section: section, generated: generated, css: css)
    }

    /// The line that ties an input to the other members of its comparison group: on a member's own page,
    /// where the members are shown side by side; on the side-by-side page, each other member's own page.
    func comparisonLine(_ others: [ComparedInput]) -> (text: String, links: [ReportPage.Link])? {
        guard !others.isEmpty else { return nil }
        func href(_ o: ComparedInput) -> String { request.selfContained ? "#input-\(o.stem)" : "\(o.stem).html" }
        if let host = others.first(where: \.showsComparison) {
            let titles = others.map(\.member).joined(separator: " and ")
            return ("Side by side with \(titles) (score trends, confusion matrices, the worst run's references):",
                    [ReportPage.Link(text: host.name, href: href(host))])
        }
        let links = others.enumerated().map { k, o in
            ReportPage.Link(text: "\(o.name) (\(o.member))", href: href(o), after: k < others.count - 1 ? "," : "")
        }
        return ("This page shows the comparison; each member also has its own page:", links)
    }

    /// A figure's data links: its CSV, then each of its full-numbers arrays (`.npy`), inlined as data URIs on a
    /// self-contained page.
    static func dataLinks(_ f: WrittenFigure, selfContained: Bool, prefix: String) -> [ReportPage.DataLink] {
        var links: [ReportPage.DataLink] = []
        if let csv = f.csv, let table = f.artifact.data {
            links.append(ReportPage.DataLink(href: selfContained ? FigureLinks.dataURI(table.text) : prefix + csv,
                                             fileName: (csv as NSString).lastPathComponent,
                                             label: f.artifact.title + " — " + f.artifact.dataLabel))
        }
        for (array, path) in zip(f.artifact.fullData, f.fullData) {
            links.append(ReportPage.DataLink(href: selfContained ? FigureLinks.dataURI(array.npy) : prefix + path,
                                             fileName: (path as NSString).lastPathComponent,
                                             label: f.artifact.title + " — " + array.label))
        }
        return links
    }

    /// A table cell as the page prints it.
    static func text(_ cell: SectionContent.Cell) -> String {
        switch cell {
        case .metric(let v): return ReportFormat.metric(v)
        case .count(let n): return n.map(String.init) ?? "—"
        case .seconds(let s): return ReportFormat.seconds(s)
        case .text(let t): return t
        case .marked(let inner, let mark): return text(inner) + " (" + mark + ")"
        }
    }

    /// The first `listed` flagged units; runs link to their run pages.
    func flaggedLinks(_ items: [String], unit: FlaggedUnit) -> [ReportPage.Link] {
        let shown = items.prefix(Self.listed)
        return shown.enumerated().map { k, item in
            ReportPage.Link(text: item,
                            href: unit == .run && !request.selfContained ? "../" + RunVerdict(run: item, flags: []).page : nil,
                            after: k < shown.count - 1 ? "," : "")
        }
    }

    /// How many flagged units the section lists (the rest are in the scores CSV and the run index).
    static let listed = 40
}
