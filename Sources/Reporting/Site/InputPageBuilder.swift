import Foundation
import Plotting

/// Builds an input's page from its publication and its written figures: the method's section with every
/// figure, its caption, its download links and its data, and the link back to the overview.
struct InputPageBuilder {
    var request: ReportRequest
    var generated: String?
    var css: String
    /// Figures shown on the overview (the summary map) link from the report's root.
    var atRoot = false

    /// Links on a page under `inputs/` climb one folder; a self-contained section links nowhere outside.
    private var prefix: String { request.selfContained || atRoot ? "" : "../" }

    func page(for p: PublishedInput, figures: [WrittenFigure]) -> InputPageView {
        let views = figures.map(figureView)
        let figureData = figures.compactMap { f -> ReportPage.DataLink? in
            guard let csv = f.csv, let table = f.artifact.data else { return nil }
            let name = (csv as NSString).lastPathComponent
            return ReportPage.DataLink(href: request.selfContained ? dataURI(table.text) : prefix + csv,
                                       fileName: name, label: f.artifact.title + " — " + f.artifact.dataLabel)
        }
        let methodData = p.dataFiles.map { file in
            ReportPage.DataLink(href: request.selfContained ? dataURI(file.table.text) : prefix + "data/\(file.fileName)",
                                fileName: file.fileName, label: file.label)
        }
        var section = p.section
        section.figures = views
        section.dataFiles = methodData + figureData
        return InputPageView(tool: ToolInfo.name, version: ToolInfo.version, reportTitle: request.title,
                             name: p.facts.name, backHref: request.selfContained ? "#inputs" : "../index.html",
                             quick: request.quick, section: section, generated: generated, css: css)
    }

    func figureView(_ f: WrittenFigure) -> ReportPage.FigureView {
        let a = f.artifact
        let selfContained = request.selfContained
        func link(_ format: FigureFormat) -> String? {
            guard !selfContained, formatsLinked.contains(format), let path = f.files[format] else { return nil }
            return prefix + path
        }
        return ReportPage.FigureView(
            id: "figure-" + a.stem, figureID: a.stem, title: a.title, caption: TextMarkup.plain(a.caption),
            captionHTML: XMLEscaping.html(fromMarkup: a.caption), alt: a.alt,
            display: selfContained ? nil : prefix + f.display,
            png: link(.png), svg: link(.svg), pdf: link(.pdf),
            csv: selfContained ? a.data.map { dataURI($0.text) } : f.csv.map { prefix + $0 },
            csvName: f.csv.map { ($0 as NSString).lastPathComponent },
            width: Int((a.figure.width * 4 / 3).rounded()), height: Int((a.figure.height * 4 / 3).rounded()),
            wide: a.figure.width >= 6 * 72, inlineSVG: f.inlineSVG)
    }

    /// Download links for the formats asked for (a PNG written only for display is shown, not offered).
    private var formatsLinked: [FigureFormat] { request.formats }

    private func dataURI(_ text: String) -> String {
        "data:text/csv;base64," + Data(text.utf8).base64EncodedString()
    }
}
