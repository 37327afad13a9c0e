import Foundation
import Inputs
import Plotting

/// A figure as written: where its files are, and (for `--self-contained`) its inline SVG.
struct WrittenFigure: Sendable {
    var artifact: FigureArtifact
    /// Relative paths by format, e.g. `figures/x.png`: the formats asked for, plus the one the page shows.
    var files: [FigureFormat: String]
    /// The file the page shows (`<img src>`): the PNG, else the SVG.
    var display: String
    var csv: String?
    var inlineSVG: String?

    var summaryEntry: Summary.FigureEntry {
        Summary.FigureEntry(id: artifact.stem, file: display, title: artifact.title, alt: artifact.alt)
    }
}

/// Renders one input's figures (concurrently: one child task per figure) and writes them and their data
/// into the staging directory.
///
/// Whatever `--formats` names, the page can show every figure: a browser shows PNG and SVG but not PDF, so a
/// PDF-only report also writes the PNG it displays. Links are given only for files that exist.
struct FigureWriter {
    var output: OutputDirectory
    var formats: [FigureFormat]
    var selfContained: Bool

    /// The SVG id prefix of a figure: unique per figure and a valid XML name.
    static func idPrefix(_ stem: String) -> String { "f-" + stem + "-" }

    /// The format the page displays.
    var displayFormat: FigureFormat { formats.contains(.png) || !formats.contains(.svg) ? .png : .svg }

    /// Every format written: those asked for and the displayed one.
    var writtenFormats: [FigureFormat] { Array(Set(formats + [displayFormat])).sorted() }

    func write(_ artifacts: [FigureArtifact]) async throws -> [WrittenFigure] {
        let written = writtenFormats
        let needSVG = selfContained || written.contains(.svg)
        let rendered = try await withThrowingTaskGroup(of: (Int, [FigureFormat: Data]).self) { group in
            for (i, a) in artifacts.enumerated() {
                group.addTask {
                    var out: [FigureFormat: Data] = [:]
                    do {
                        if written.contains(.png) { out[.png] = try a.figure.renderData(.png(scale: 2)) }
                        if needSVG { out[.svg] = try a.figure.renderData(.svg(idPrefix: FigureWriter.idPrefix(a.stem))) }
                        if written.contains(.pdf) { out[.pdf] = try a.figure.renderData(.pdf) }
                    } catch {
                        throw ReportError.internal("rendering figure \(a.stem): \(error)")
                    }
                    return (i, out)
                }
            }
            var all = [[FigureFormat: Data]](repeating: [:], count: artifacts.count)
            for try await (i, out) in group { all[i] = out }
            return all
        }
        var result: [WrittenFigure] = []
        for (i, a) in artifacts.enumerated() {
            var files: [FigureFormat: String] = [:]
            for format in written {
                guard let data = rendered[i][format] else { continue }
                let path = "figures/\(a.stem).\(format.rawValue)"
                try output.write(data, to: path)
                files[format] = path
            }
            var csv: String?
            if let table = a.data {
                csv = "data/\(a.stem).csv"
                try output.write(table.text, to: csv!)
            }
            let inline = selfContained ? rendered[i][.svg].map { FigureWriter.inlineable(String(decoding: $0, as: UTF8.self)) } : nil
            result.append(WrittenFigure(artifact: a, files: files, display: files[displayFormat] ?? "", csv: csv,
                                        inlineSVG: inline))
        }
        return result
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
