import XCTest
import Foundation
@testable import Plotting

/// Writes one figure per mark kind as PNG (and SVG) into `GALLERY_DIR` or a temporary directory.
final class GalleryTests: XCTestCase {
    func testGalleryIsWritten() throws {
        let dir = URL(fileURLWithPath: ProcessInfo.processInfo.environment["GALLERY_DIR"]
                      ?? NSTemporaryDirectory() + "plotting-gallery")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        func save(_ f: Figure, _ name: String) throws {
            try f.write(to: dir.appendingPathComponent(name + ".png"), format: .png(scale: 2))
            try f.write(to: dir.appendingPathComponent(name + ".svg"), format: .svg(idPrefix: name))
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

    /// The catalogue-shaped figures at `column` width (3.5 in, 8 pt text) as a paper would take them: PNG at
    /// 300 dpi and PDF, into `GALLERY_DIR/column`.
    func testColumnGalleryIsWritten() throws {
        let base = ProcessInfo.processInfo.environment["GALLERY_DIR"] ?? NSTemporaryDirectory() + "plotting-gallery"
        let dir = URL(fileURLWithPath: base).appendingPathComponent("column")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let style = try FigureStyle(width: .column)
        for (name, figure) in CatalogueShapes.all() {
            let fig = figure.styled(style)
            try fig.write(to: dir.appendingPathComponent(name + ".png"), format: style.png)
            try fig.write(to: dir.appendingPathComponent(name + ".pdf"), format: .pdf)
            XCTAssertEqual(fig.width, 252)
        }
        print("column gallery written to \(dir.path)")
    }
}
