import Foundation
import Inputs
import Plotting

/// A figure as written: where its files are, and (for `--self-contained`) its inline SVG.
struct WrittenFigure: Sendable {
    var artifact: FigureArtifact
    /// Relative paths by format, e.g. `figures/x.png`.
    var files: [FigureFormat: String]
    var csv: String?
    var inlineSVG: String?
}

/// Renders figures (concurrently: one child task per figure) and writes them and the data files into the
/// staging directory.
struct ReportWriter {
    var output: OutputDirectory
    var formats: [FigureFormat]
    var selfContained: Bool

    /// The SVG id prefix of a figure: unique per figure and a valid XML name.
    static func idPrefix(_ stem: String) -> String { "f-" + stem + "-" }

    func writeFigures(_ published: [PublishedInput]) async throws -> [String: WrittenFigure] {
        let artifacts = published.flatMap(\.figures)
        let formats = self.formats
        let needSVG = selfContained || formats.contains(.svg)
        let rendered = try await withThrowingTaskGroup(of: (Int, [FigureFormat: Data]).self) { group in
            for (i, a) in artifacts.enumerated() {
                group.addTask {
                    var out: [FigureFormat: Data] = [:]
                    do {
                        if formats.contains(.png) { out[.png] = try a.figure.renderData(.png(scale: 2)) }
                        if needSVG { out[.svg] = try a.figure.renderData(.svg(idPrefix: ReportWriter.idPrefix(a.stem))) }
                        if formats.contains(.pdf) { out[.pdf] = try a.figure.renderData(.pdf) }
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
        var written: [String: WrittenFigure] = [:]
        for (i, a) in artifacts.enumerated() {
            var files: [FigureFormat: String] = [:]
            for format in formats {
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
            let inline = selfContained ? rendered[i][.svg].map { ReportWriter.inlineable(String(decoding: $0, as: UTF8.self)) } : nil
            written[a.stem] = WrittenFigure(artifact: a, files: files, csv: csv, inlineSVG: inline)
        }
        return written
    }

    func writeDataFiles(_ published: [PublishedInput]) throws {
        for p in published {
            for file in p.dataFiles { try output.write(file.table.text, to: "data/\(file.fileName)") }
        }
    }

    /// An SVG document as an element to inline in HTML: the XML declaration is dropped.
    static func inlineable(_ svg: String) -> String {
        guard svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") else { return svg }
        return String(svg[end.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
