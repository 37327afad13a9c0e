import Foundation
import Plotting

/// `anomaly-report figure`: one figure of a finished report drawn again at another size, font size,
/// resolution or format, from the spec the report keeps beside it (`figures/<id>.figure.json`, see
/// `FigureWriter`) and the numbers beside it that the spec refers to (columns of `data/<id>.csv`, arrays
/// `data/<id>-<name>.npy`) — the methods are not run again.
///
/// The style is the report's, overridden field by field by what is asked (so `--formats pdf` alone gives the
/// figure exactly as the report shows it, as a PDF; `--figure-width column` alone re-lays it out for a column).
/// A figure re-rendered at the report's own style is byte-identical to the report's file.
public enum FigureRerender {
    public struct Request: Sendable {
        /// The report directory (the one holding `summary.json`).
        public var report: URL
        /// The figure id: its file stem, as given in `summary.json` and on the page.
        public var id: String
        /// Fields set here override the report's style; unset fields keep it.
        public var style: FigureStyle
        /// The formats to write; nil: the one `output`'s extension names.
        public var formats: [FigureFormat]?
        /// The file to write. With several formats, each is written with its own extension in place of
        /// `output`'s (`fig3.pdf` with png,pdf: `fig3.png` and `fig3.pdf`).
        public var output: URL
        /// The PDF's date (`SOURCE_DATE_EPOCH`); nil: Plotting's fixed date.
        public var pdfDate: Int?

        public init(report: URL, id: String, style: FigureStyle = .standard, formats: [FigureFormat]? = nil,
                    output: URL) {
            self.report = report; self.id = id; self.style = style; self.formats = formats; self.output = output
        }
    }

    /// How many figure ids an unknown-id error lists before "…and N more".
    static let listedIDs = 8

    /// Draws the figure and writes it; returns the files written, in format order. Throws `ReportError.usage`
    /// (exit 2) when the directory is not a report, the id is unknown (listing the ids), or the output cannot
    /// name a format; `ReportError.input` when the spec is damaged; `ReportError.output` when writing fails.
    public static func run(_ request: Request) throws -> [URL] {
        let targets = try outputFiles(request.output, formats: request.formats)
        let spec = try loadSpec(report: request.report, id: request.id)
        let style = spec.style.overridden(by: request.style)
        let figure = FigureSpec(figure: spec.figure, style: style).styledFigure
        let rendered: [FigureFormat: Data]
        do {
            rendered = try FigureWriter.render(figure, stem: request.id, formats: targets.map(\.0), style: style,
                                               pdfDate: request.pdfDate)
        } catch {
            throw ReportError.internal("rendering figure \(request.id): \(error)")
        }
        var written: [URL] = []
        for (format, url) in targets {
            guard let data = rendered[format] else { continue }
            do { try data.write(to: url, options: .atomic) } catch {
                throw ReportError.output("cannot write \(url.path): \(error.localizedDescription)")
            }
            written.append(url)
        }
        return written
    }

    /// The figure ids a report keeps specs for, sorted.
    public static func figureIDs(report: URL) throws -> [String] {
        try checkReport(report)
        let folder = report.appendingPathComponent("figures")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let suffix = "." + FigureWriter.specSuffix
        return names.filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }.sorted()
    }

    /// Reads and checks a figure's spec, and the data columns its arrays refer to (its CSV's, its `.npy` arrays).
    static func loadSpec(report: URL, id: String) throws -> FigureSpec {
        let ids = try figureIDs(report: report)
        guard ids.contains(id) else {
            if ids.isEmpty {
                throw ReportError.usage("\(report.path) keeps no figure specs (figures/*.\(FigureWriter.specSuffix)); it was written by an older version of \(ToolInfo.name): run it again to re-render its figures")
            }
            let shown = ids.prefix(listedIDs).joined(separator: ", ")
            let more = ids.count > listedIDs ? " …and \(ids.count - listedIDs) more" : ""
            throw ReportError.usage("no figure '\(id)' in \(report.path); its figures are: \(shown)\(more)")
        }
        let url = report.appendingPathComponent(FigureWriter.specPath(id))
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ReportError.input("cannot read \(url.path): \(error.localizedDescription)")
        }
        let table: FigureData?
        do {
            let header = try FigureSpec.Header(decoding: data)
            let columns = header.dataColumns
            table = columns.isEmpty ? nil : try loadData(report: report, id: id, columns: columns, table: header.table)
            return try FigureSpec(decoding: data, data: table)
        } catch let error as FigureSpecError {
            throw ReportError.input("\(url.path): \(error.description)")
        }
    }

    /// The named data columns of a figure, as numbers: those of its CSV (`data/<id>.csv`, or `data/<table>`
    /// when the spec names the table it shares), and its `.npy` arrays (`<name>.npy`, from `data/<id>-<name>.npy`).
    static func loadData(report: URL, id: String, columns: [String], table: String? = nil) throws -> FigureData {
        func read(_ path: String) throws -> Data {
            let url = report.appendingPathComponent(path)
            do { return try Data(contentsOf: url) } catch {
                throw ReportError.input("cannot read \(url.path), which the figure's spec draws its numbers from: \(error.localizedDescription)")
            }
        }
        let arrays = columns.filter { $0.hasSuffix(CSVTable.arraySuffix) }
        let csvColumns = columns.filter { !$0.hasSuffix(CSVTable.arraySuffix) }
        var data = FigureData()
        if !csvColumns.isEmpty {
            let path = table.map { "data/\($0)" } ?? FigureWriter.dataPath(id)
            do { data = try CSVTable.numericColumns(try read(path), named: csvColumns) } catch let error as CSVReadError {
                throw ReportError.input("\(report.appendingPathComponent(path).path), \(error.description)")
            }
        }
        for column in arrays {
            let name = String(column.dropLast(CSVTable.arraySuffix.count))
            let path = NumericArray.path(figure: id, name: name)
            do {
                let array = try NumericArray(npy: try read(path), name: name)
                try data.add(column: column, values: array.values)
            } catch let error as NPYError {
                throw ReportError.input("\(report.appendingPathComponent(path).path): \(error.description)")
            }
        }
        return data
    }

    /// A report directory holds `summary.json`.
    static func checkReport(_ report: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: report.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReportError.usage("\(report.path) is not a directory; name the output directory of a report")
        }
        guard FileManager.default.fileExists(atPath: report.appendingPathComponent("summary.json").path) else {
            throw ReportError.usage("\(report.path) is not a report directory (it has no summary.json)")
        }
    }

    /// The file of each format. With formats given, `output`'s extension is replaced by each format's when it
    /// names one (or added when it names none); one format given and another named by the extension is an
    /// error. Without formats, the extension must name one.
    static func outputFiles(_ output: URL, formats: [FigureFormat]?) throws -> [(FigureFormat, URL)] {
        let ext = output.pathExtension.lowercased()
        let named = FigureFormat(rawValue: ext)
        guard let formats, !formats.isEmpty else {
            guard let named else {
                throw ReportError.usage("--output \(output.lastPathComponent): end it in .png, .svg or .pdf, or give --formats")
            }
            return [(named, output)]
        }
        if formats.count == 1, let named, named != formats[0] {
            throw ReportError.usage("--output \(output.lastPathComponent) names a \(named.rawValue.uppercased()) file but --formats asks for \(formats[0].rawValue)")
        }
        let base = named == nil ? output : output.deletingPathExtension()
        return formats.sorted().map { ($0, base.appendingPathExtension($0.rawValue)) }
    }
}
