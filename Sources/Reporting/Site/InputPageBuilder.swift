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

    func page(for p: PublishedInput, figures: [WrittenFigure]) -> InputPageView {
        let views = figures.map(links.view)
        let figureData = figures.compactMap { f -> ReportPage.DataLink? in
            guard let csv = f.csv, let table = f.artifact.data else { return nil }
            let name = (csv as NSString).lastPathComponent
            return ReportPage.DataLink(href: request.selfContained ? FigureLinks.dataURI(table.text) : prefix + csv,
                                       fileName: name, label: f.artifact.title + " — " + f.artifact.dataLabel)
        }
        let methodData = p.dataFiles.map { file in
            ReportPage.DataLink(href: request.selfContained ? FigureLinks.dataURI(file.table.text) : prefix + "data/\(file.fileName)",
                                fileName: file.fileName, label: file.label)
        }
        var section = p.section
        section.figures = views
        section.dataFiles = methodData + figureData
        return InputPageView(tool: ToolInfo.name, version: ToolInfo.version, reportTitle: request.title,
                             name: p.facts.name, backHref: request.selfContained ? "#inputs" : "../index.html",
                             quick: request.quick, section: section, generated: generated, css: css)
    }
}
