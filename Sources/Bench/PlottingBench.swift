import Foundation
import Inputs
import Plotting

/// The plotting budgets (docs/performance.md): a typical two-panel figure to PNG + SVG, and a 1,000,000-point line.
func plottingBenchmarks(_ harness: inout BenchHarness) {
    let n = 1000
    let x = (0..<n).map(Double.init)
    let y = x.map { sin($0 / 40) + 0.1 * sin($0 * 12.9898) }
    var fig = Figure(width: 6.5 * 72, height: 4 * 72, title: "Series, mean prediction and ±2 scale band")
    fig.rows(heightRatios: [3, 1], sharedX: true)
    fig.panels[0].add(.span(from: 200, to: 230, label: "true anomaly"))
    fig.panels[0].add(.span(from: 600, to: 640))
    fig.panels[0].add(.band(x: x, lower: y.map { $0 - 0.4 }, upper: y.map { $0 + 0.4 }, label: "±2 scale"))
    fig.panels[0].add(.line(x: x, y: y, label: "mean"))
    fig.panels[0].yLabel = "value"
    fig.panels[1].add(.line(x: x, y: y.map { abs($0) }))
    fig.panels[1].xLabel = "t"
    harness.measure("plotting: typical figure, PNG only", budgetSeconds: nil) { _ = try? fig.render(.png(scale: 2)) }
    harness.measure("plotting: typical figure, SVG only", budgetSeconds: nil) { _ = try? fig.render(.svg(idPrefix: "t")) }
    harness.measure("plotting: typical figure, PDF only", budgetSeconds: nil) { _ = try? fig.render(.pdf(creationDate: 0)) }
    harness.measure("plotting: typical two-panel figure, PNG + SVG", budgetSeconds: 0.030) {
        _ = try? fig.render(.png(scale: 2))
        _ = try? fig.render(.svg(idPrefix: "typical"))
    }

    // Issue 17: the same figure laid out again at column width (3.5 in, 8 pt) for a paper, PNG at 300 dpi + PDF.
    let paper = try! FigureStyle(width: .column)
    harness.measure("plotting: typical figure at column width, PNG 300 dpi + PDF", budgetSeconds: 0.060) {
        let column = fig.styled(paper)
        _ = try? column.render(paper.png)
        _ = try? column.render(.pdf)
    }

    let big = 1_000_000
    let bx = (0..<big).map(Double.init)
    let by = bx.map { sin($0 / 5000) + 0.2 * sin($0 * 0.7) }
    var line = Figure(width: 6.5 * 72, height: 4 * 72, title: "1,000,000 points")
    line.panels[0].add(.line(x: bx, y: by))
    var svgBytes = 0
    harness.measure("plotting: 1,000,000-point line, PNG and SVG", budgetSeconds: 0.300, repeats: 3) {
        _ = try? line.render(.png(scale: 2))
        svgBytes = (try? line.render(.svg(idPrefix: "big")).count) ?? 0
    }
    harness.record("plotting: 1,000,000-point line, SVG size", value: Double(svgBytes) / 1e6, budget: 2, unit: "MB")
}
