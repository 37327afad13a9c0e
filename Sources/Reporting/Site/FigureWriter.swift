import Foundation
import Inputs
import Plotting

/// A figure as written: where its files are, and (for `--self-contained`) its inline SVG.
struct WrittenFigure: Sendable {
    /// The artifact with its figure as rendered (styled), so the page gives the files' own size.
    var artifact: FigureArtifact
    /// Relative paths by format, e.g. `figures/x.png`: the formats asked for, plus the one the page shows.
    var files: [FigureFormat: String]
    /// The file the page shows (`<img src>`): the PNG, else the SVG.
    var display: String
    var csv: String?
    /// The paths of the artifact's `fullData` arrays (`data/<stem>-<name>.npy`), in its order.
    var fullData: [String] = []
    var inlineSVG: String?

    var summaryEntry: Summary.FigureEntry {
        Summary.FigureEntry(id: artifact.stem, file: display, title: artifact.title, alt: artifact.alt)
    }
}

/// Renders one input's figures (concurrently: one child task per figure) and writes them and their data
/// into the staging directory, each figure's files from its own task.
///
/// Whatever `--formats` names, the page can show every figure: a browser shows PNG and SVG but not PDF, so a
/// PDF-only report also writes the PNG it displays. Links are given only for files that exist.
///
/// Every figure is drawn at `style` (`Figure.styled(_:)`, PNG at `style.png`; the standard style leaves it as
/// built, so output is unchanged byte for byte), and its spec — the figure as built, its data and the style —
/// is written beside it as `figures/<stem>.figure.json`, from which `anomaly-report figure` draws it again at
/// another size or in another format without recomputing the methods (`FigureRerender`). Specs are always
/// written, so any report can be re-rendered. A figure's `fullData` arrays are written as
/// `data/<stem>-<name>.npy` (`NumericArray`). A spec does not repeat the numbers written beside it: an array of
/// a mark that a column of `data/<stem>.csv` or one of those arrays holds exactly is written as a reference to
/// it (`FigureArtifact.figureData`), which keeps specs a few kilobytes where they were as large as their CSVs
/// (docs/performance.md).
struct FigureWriter {
    var output: OutputDirectory
    var formats: [FigureFormat]
    var selfContained: Bool
    var style = FigureStyle.standard
    /// The PDFs' date (`SOURCE_DATE_EPOCH`, decided once by the request); nil: Plotting's fixed date.
    var pdfDate: Int? = nil
    /// Write `figures/<stem>.figure.json` beside each figure.
    var writeSpecs = true

    /// Where a figure's spec is kept, relative to the report.
    static func specPath(_ stem: String) -> String { "figures/\(stem).\(specSuffix)" }
    static let specSuffix = "figure.json"
    /// Where a figure's data table is kept, relative to the report.
    static func dataPath(_ stem: String) -> String { "data/\(stem).csv" }

    /// The SVG id prefix of a figure: unique per figure and a valid XML name.
    static func idPrefix(_ stem: String) -> String { "f-" + stem + "-" }

    /// The format the page displays.
    var displayFormat: FigureFormat { formats.contains(.png) || !formats.contains(.svg) ? .png : .svg }

    /// Every format written: those asked for and the displayed one.
    var writtenFormats: [FigureFormat] { Array(Set(formats + [displayFormat])).sorted() }

    /// Renders and writes every figure, each in a child task that writes its own files (images, spec, CSV,
    /// arrays) as soon as they are made, so a large input's files are not all held in memory at once.
    func write(_ artifacts: [FigureArtifact]) async throws -> [WrittenFigure] {
        try await withThrowingTaskGroup(of: (Int, WrittenFigure).self) { group in
            for (i, a) in artifacts.enumerated() {
                group.addTask { (i, try self.write(a)) }
            }
            var all = [WrittenFigure?](repeating: nil, count: artifacts.count)
            for try await (i, figure) in group { all[i] = figure }
            return all.map { $0! }
        }
    }

    /// One figure, drawn and written; its artifact comes back with the figure as rendered (styled).
    private func write(_ artifact: FigureArtifact) throws -> WrittenFigure {
        var a = artifact
        let written = writtenFormats
        var spec = FigureSpec(figure: a.figure, style: style)
        spec.table = a.dataFile
        let figure = spec.styledFigure
        let rendered: [FigureFormat: Data]
        var specData: Data?
        do {
            rendered = try FigureWriter.render(figure, stem: a.stem, formats: written,
                                               needSVG: selfContained || written.contains(.svg), style: style, pdfDate: pdfDate)
            if writeSpecs { specData = try spec.encoded(data: a.figureData) }
        } catch {
            throw ReportError.internal("rendering figure \(a.stem): \(error)")
        }
        if let specData { try output.write(specData, to: FigureWriter.specPath(a.stem)) }
        var files: [FigureFormat: String] = [:]
        for format in written {
            guard let data = rendered[format] else { continue }
            let path = "figures/\(a.stem).\(format.rawValue)"
            try output.write(data, to: path)
            files[format] = path
        }
        var csv: String?
        if let table = a.data {
            csv = a.dataFile.map { "data/\($0)" } ?? FigureWriter.dataPath(a.stem)
            try output.write(table.text, to: csv!)
        }
        var full: [String] = []
        for array in a.fullData {
            full.append(array.path(figure: a.stem))
            try output.write(array.npy, to: full.last!)
        }
        a.figure = figure
        let inline = selfContained ? rendered[.svg].map { FigureWriter.inlineable(String(decoding: $0, as: UTF8.self)) } : nil
        return WrittenFigure(artifact: a, files: files, display: files[displayFormat] ?? "", csv: csv, fullData: full,
                             inlineSVG: inline)
    }

    /// A figure (already styled) in each of `formats` (SVG also when `needSVG`), PNG at the style's resolution;
    /// the SVG's ids carry the figure's prefix, as on the report's pages.
    static func render(_ figure: Figure, stem: String, formats: [FigureFormat], needSVG: Bool = false,
                       style: FigureStyle, pdfDate: Int? = nil) throws(PlotError) -> [FigureFormat: Data] {
        var out: [FigureFormat: Data] = [:]
        if formats.contains(.png) { out[.png] = try figure.renderData(style.png) }
        if needSVG || formats.contains(.svg) { out[.svg] = try figure.renderData(.svg(idPrefix: idPrefix(stem))) }
        if formats.contains(.pdf) { out[.pdf] = try figure.renderData(pdfDate.map { .pdf(creationDate: $0) } ?? .pdf) }
        return out
    }

    func writeDataFiles(_ files: [DataFile]) throws {
        for file in files { try output.write(file.table.text, to: "data/\(file.fileName)") }
    }

    /// An SVG document as an element to inline in HTML: the XML declaration is dropped.
    static func inlineable(_ svg: String) -> String {
        guard svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") else { return svg }
        return String(svg[end.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
