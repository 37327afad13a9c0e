import XCTest
import Foundation
@testable import Plotting

/// Writes one figure per mark kind as PNG (and SVG) into `GALLERY_DIR` or a temporary directory (`make gallery`
/// for looking at them), and checks what it wrote reads back.
final class GalleryTests: XCTestCase {
    func testGalleryIsWritten() throws {
        let dir = URL(fileURLWithPath: ProcessInfo.processInfo.environment["GALLERY_DIR"]
                      ?? NSTemporaryDirectory() + "plotting-gallery")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // Each figure is written, then read back: a PNG of twice the figure's size in points (IHDR) and an SVG
        // whose ids all carry the figure's prefix.
        func save(_ f: Figure, _ name: String) throws {
            let png = dir.appendingPathComponent(name + ".png"), svg = dir.appendingPathComponent(name + ".svg")
            try f.write(to: png, format: .png(scale: 2))
            try f.write(to: svg, format: .svg(idPrefix: name))
            let bytes = [UInt8](try Data(contentsOf: png))
            XCTAssertEqual(Array(bytes.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], name)
            func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
            XCTAssertEqual(be32(16), Int((f.width * 2).rounded(.up)), name)
            XCTAssertEqual(be32(20), Int((f.height * 2).rounded(.up)), name)
            let text = try String(contentsOf: svg, encoding: .utf8)
            XCTAssertFalse(text.contains("id=\"glyph"), "\(name): unprefixed glyph ids")
        }
        // Line + band + spans, two panels with a shared x axis.
        var a = Figure(width: 6.5 * 72, height: 4 * 72, title: "Series, mean prediction and ±2 scale band")
        a.rows(heightRatios: [3, 1], sharedX: true)
        let t = (0..<500).map(Double.init)
        let mean = t.map { sin($0 / 30) * 2 }
        let obs = t.enumerated().map { i, v in mean[i] + sin(v * 12.9898) * 0.4 + (i == 230 ? 3 : 0) }
        a.panels[0].add(.span(from: 220, to: 240, label: "true anomaly"))
        a.panels[0].add(.band(x: t, lower: mean.map { $0 - 0.8 }, upper: mean.map { $0 + 0.8 }, label: "±2 scale"))
        a.panels[0].add(.line(x: t, y: obs, label: "series", width: 0.8))
        a.panels[0].add(.line(x: t, y: mean, label: "mean prediction"))
        a.panels[0].yLabel = "value"
        a.panels[1].add(.line(x: t, y: t.map { exp(-pow(($0 - 230) / 5, 2)) }))
        a.panels[1].add(.hRule(y: 0.5))
        a.panels[1].yLabel = "p(anomaly)"; a.panels[1].xLabel = "t"
        try save(a, "line-band-span")
        // Stairs with error bars over a band, pulls beneath.
        var b = Figure(width: 3.4 * 72, height: 3 * 72, title: "Run vs reference")
        b.rows(heightRatios: [3, 1], sharedX: true)
        let edges = (0...20).map { Double($0) * 0.5 }
        let mu = (0..<20).map { 100 * exp(-pow((Double($0) - 10) / 4, 2)) }
        let run = mu.enumerated().map { $1 + sin(Double($0) * 3.1) * 6 }
        b.panels[0].add(.band(x: edges, lower: mu.map { $0 - 5 } + [mu.last! - 5], upper: mu.map { $0 + 5 } + [mu.last! + 5], label: "μ ± σ_{μ}"))
        b.panels[0].add(.stairs(edges: edges, values: run, errors: run.map { sqrt(max($0, 1)) }, label: "run 42"))
        b.panels[0].yLabel = "entries"
        b.panels[1].add(.scatter(x: edges.dropLast().map { $0 + 0.25 }, y: zip(run, mu).map { ($0 - $1) / 5 }))
        b.panels[1].add(.hRule(y: 0, dashed: false))
        b.panels[1].yLabel = "pull"; b.panels[1].xLabel = "bin"
        try save(b, "stairs-errors")
        // Heat maps: viridis and diverging.
        var c = Figure(width: 6.5 * 72, height: 2.6 * 72, title: "Reference evolution and pull map")
        c.grid(rows: 1, columns: 2)
        let xe = (0...60).map(Double.init), ye = (0...30).map(Double.init)
        var m: [[Double]] = [], pulls: [[Double]] = []
        for j in 0..<30 {
            var row: [Double] = [], prow: [Double] = []
            for i in 0..<60 {
                let dj = Double(j) - 15, di = Double(i)
                row.append(exp(-dj * dj / 40) * (1 + di / 60))
                prow.append(sin(di / 5) * cos(Double(j) / 4) * 4)
            }
            m.append(row); pulls.append(prow)
        }
        c.panels[0].add(.heatmap(m, xEdges: xe, yEdges: ye, colorMap: .viridis, colorbarLabel: "μ"))
        c.panels[0].xLabel = "run"; c.panels[0].yLabel = "bin"
        c.panels[1].add(.heatmap(pulls, xEdges: xe, yEdges: ye, colorMap: .diverging, range: .symmetricClipped(3), colorbarLabel: "pull"))
        c.panels[1].xLabel = "run"
        try save(c, "heatmaps")
        // Log scale, bars, rules, text.
        var d = Figure(width: 6.5 * 72, height: 3 * 72, title: "Training loss")
        d.grid(rows: 1, columns: 2)
        let ep = (1...300).map(Double.init)
        d.panels[0].add(.line(x: ep, y: ep.map { 50 * pow($0, -1.2) + 0.01 }, label: "topk"))
        d.panels[0].add(.line(x: ep, y: ep.map { 20 * pow($0, -0.8) + 0.1 }, label: "mixture", dashed: true))
        d.panels[0].yScale = .log; d.panels[0].xLabel = "epoch"; d.panels[0].yLabel = "loss"
        d.panels[1].add(.bars(x: [1, 2, 3, 4], heights: [0.91, 0.84, 0.95, 0.72], label: "ROC AUC"))
        d.panels[1].add(.text("chosen", x: 2.7, y: 0.985))   // above the third bar, clear of every bar
        d.panels[1].xLabel = "approach"
        try save(d, "log-bars")
        print("gallery written to \(dir.path)")
    }

    /// The catalogue-shaped figures at `column` width (3.5 in, 8 pt text) as a paper would take them, with and
    /// without titles: PNG at 300 dpi and PDF, into `GALLERY_DIR/column`, and a page showing them
    /// (`index.html`; `make gallery` renders the PDFs to `<name>-pdf.png` with pdftoppm, which the page shows
    /// where present, so what is looked at is the PDF a paper includes).
    func testColumnGalleryIsWritten() throws {
        let base = ProcessInfo.processInfo.environment["GALLERY_DIR"] ?? NSTemporaryDirectory() + "plotting-gallery"
        let dir = URL(fileURLWithPath: base).appendingPathComponent("column")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var page = "<!doctype html><meta charset=utf-8><title>Column gallery</title>\n"
            + "<style>body{font-family:sans-serif} figure{display:inline-block;vertical-align:top;margin:1em}"
            + " img{width:3.5in;border:1px solid #ccc}</style>\n<h1>Figures at column width (3.5 in, 8 pt)</h1>\n"
        for titles in [true, false] {
            let style = try FigureStyle(width: .column, titles: titles)
            for (name, figure) in CatalogueShapes.all() {
                let fig = figure.styled(style)
                let file = titles ? name : name + "-no-titles"
                try fig.write(to: dir.appendingPathComponent(file + ".png"), format: style.png)
                try fig.write(to: dir.appendingPathComponent(file + ".pdf"), format: .pdf)
                XCTAssertEqual(fig.width, 252)
                XCTAssertLessThanOrEqual(fig.height, Figure.maximumHeightToWidth * fig.width + 0.01, file)
                let png = FileManager.default.fileExists(atPath: dir.appendingPathComponent(file + "-pdf.png").path)
                    ? file + "-pdf.png" : file + ".png"
                page += "<figure><img src=\"\(png)\" alt=\"\(file)\"><figcaption>\(file): "
                    + String(format: "%.2f × %.2f in", fig.width / 72, fig.height / 72) + "</figcaption></figure>\n"
            }
        }
        try page.write(to: dir.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        print("column gallery written to \(dir.path)")
    }
}
