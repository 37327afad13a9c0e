import Foundation
import Plotting

/// How a written figure appears on a page: the image shown, the download links of the formats asked for (a PNG
/// written only for display is shown, not offered), its data, and its size in CSS pixels. Pages under `inputs/`
/// link one folder up; the overview links from the report's root; a self-contained page inlines everything.
struct FigureLinks {
    var formats: [FigureFormat]
    var selfContained: Bool
    /// The page sits at the report's root (the overview) rather than under `inputs/`.
    var atRoot: Bool

    var prefix: String { selfContained || atRoot ? "" : "../" }

    func view(_ f: WrittenFigure) -> ReportPage.FigureView {
        let a = f.artifact
        func link(_ format: FigureFormat) -> String? {
            guard !selfContained, formats.contains(format), let path = f.files[format] else { return nil }
            return prefix + path
        }
        return ReportPage.FigureView(
            id: "figure-" + a.stem, figureID: a.stem, title: a.title, caption: TextMarkup.plain(a.caption),
            captionHTML: XMLEscaping.html(fromMarkup: a.caption), alt: a.alt,
            display: selfContained ? nil : prefix + f.display,
            png: link(.png), svg: link(.svg), pdf: link(.pdf),
            csv: selfContained ? a.data.map { Self.dataURI($0.text) } : f.csv.map { prefix + $0 },
            csvName: f.csv.map { ($0 as NSString).lastPathComponent },
            width: Int((a.figure.width * 4 / 3).rounded()), height: Int((a.figure.height * 4 / 3).rounded()),
            wide: a.figure.width >= 6 * 72, inlineSVG: f.inlineSVG)
    }

    /// A CSV inlined as a data URI (`--self-contained`).
    static func dataURI(_ text: String) -> String {
        "data:text/csv;base64," + Data(text.utf8).base64EncodedString()
    }

    /// A binary file (a `.npy` array) inlined as a data URI (`--self-contained`).
    static func dataURI(_ bytes: Data) -> String {
        "data:application/octet-stream;base64," + bytes.base64EncodedString()
    }
}
