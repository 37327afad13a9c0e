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

    func page(for p: PublishedInput, stem: String, figures: [WrittenFigure]) -> InputPageView {
        let views = figures.map(links.view)
        let figureData = figures.flatMap { Self.dataLinks($0, selfContained: request.selfContained, prefix: prefix) }
        let methodData = p.dataFiles.map { file in
            ReportPage.DataLink(href: request.selfContained ? FigureLinks.dataURI(file.table.text) : prefix + "data/\(file.fileName)",
                                fileName: file.fileName, label: file.label)
        }
        let c = p.section
        let section = ReportPage.MethodSection(
            anchor: "input-\(stem)", name: p.facts.name, methodTitle: c.methodTitle, method: c.method.rawValue,
            facts: c.facts.joined(separator: " · "), howto: nil, notes: c.notes,
            tables: c.tables.map { t in
                ReportPage.MetricTable(header: t.header, rows: t.rows.map { .init(name: $0.name, values: $0.cells.map(Self.text)) })
            },
            tablesNote: c.tablesNote, flaggedLabel: c.flaggedLabel, flaggedList: c.flagged.flatMap(Self.list),
            figures: views, dataFiles: methodData + figureData)
        return InputPageView(tool: ToolInfo.name, version: ToolInfo.version, reportTitle: request.title,
                             name: p.facts.name, backHref: request.selfContained ? "#inputs" : "../index.html",
                             quick: request.quick, section: section, generated: generated, css: css)
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
        }
    }

    /// The first 40 of a list of flagged units, then "… and N more"; nil when the list is empty.
    static func list(_ items: [String]) -> String? {
        guard !items.isEmpty else { return nil }
        let more = items.count > 40 ? " … and \(items.count - 40) more (see the scores CSV)" : ""
        return items.prefix(40).joined(separator: ", ") + more
    }
}
