import Foundation
@testable import Plotting

/// Figures shaped like the report's catalogue (Reporting's DINAMO and MC-EM figures: the same panels, marks,
/// legends and title lengths, on synthetic data), plus one of every remaining mark kind, for the layout tests
/// and the gallery. Each is built at the width and height the report gives it.
enum CatalogueShapes {
    static let longName = "L1T_calorimeter_barrel_eta_phi_occupancy_per_lumisection_run2024D"
    static let wide = 6.5 * 72.0, column = 3.4 * 72.0

    static func all() -> [(name: String, figure: Figure)] {
        [("score-trend", scoreTrend()), ("score-distributions", scoreDistributions()),
         ("threshold-scan", thresholdScan()), ("reference-evolution", referenceEvolution()),
         ("run-vs-reference", runVersusReference()), ("pull-map", pullMap()), ("alpha-scan", alphaScan()),
         ("mcem-series", series()), ("training-loss", trainingLoss()), ("hmm-transitions", transitions()),
         ("roc-pr", rocPR()), ("stacked-scores", stackedScores()), ("bars-and-log", barsAndLog()),
         ("run-maps", runMaps()), ("run-maps-wide-histogram", runMaps(nx: 40, ny: 8)), ("zoom", zoom(windows: 4)),
         ("zoom-3", zoom(windows: 3)), ("metrics-vs-alpha", metricsVsAlpha())]
    }

    private static func wave(_ n: Int, _ f: (Double) -> Double) -> [Double] { (0..<n).map { f(Double($0)) } }

    static func scoreTrend() -> Figure {
        let runs = 600
        var fig = Figure(width: wide, height: 3 * 72, title: "\(TextMarkup.escaped(longName)): anomaly score per run")
        var p = Panel()
        p.xLabel = "run"; p.yLabel = "score ln(χ²/ν)"
        p.add(.span(from: -0.5, to: 99.5, label: "historical runs"))
        let score = wave(runs) { sin($0 * 12.9898) * 0.8 + ($0.truncatingRemainder(dividingBy: 97) == 0 ? 4 : 0) }
        let good = (0..<runs).filter { score[$0] < 1.5 }, bad = (0..<runs).filter { score[$0] >= 1.5 }
        p.add(.scatter(x: good.map(Double.init), y: good.map { score[$0] }, label: "good (label 0)", radius: 1.5))
        p.add(.scatter(x: bad.map(Double.init), y: bad.map { score[$0] }, label: "bad (label 1)", radius: 1.5))
        p.add(.hRule(y: 1.5, label: "threshold T = 1.5"))
        fig.panels = [p]
        return fig
    }

    static func scoreDistributions() -> Figure {
        var fig = Figure(width: column * 1.45, height: 3.2 * 72, title: "\(TextMarkup.escaped(longName)): score distributions")
        var p = Panel()
        p.xLabel = "score ln(χ²/ν)"; p.yLabel = "runs (normalised density)"
        let edges = (0...60).map { -2 + Double($0) * 0.1 }
        let good = (0..<60).map { exp(-pow((Double($0) - 18) / 6, 2)) * 1.2 }
        let bad = (0..<60).map { exp(-pow((Double($0) - 45) / 5, 2)) * 0.6 }
        p.add(.stairs(edges: edges, values: good, label: "good runs (512)"))
        p.add(.stairs(edges: edges, values: bad, label: "bad runs (88)"))
        p.add(.vRule(x: 1.5, label: "T = 1.5"))
        p.yRange = 0...(1.2 * 1.45)
        p.add(.text("flagged: 80 bad, 12 good", x: -1.88, y: 1.2 * 1.36))
        p.add(.text("passed: 8 bad, 500 good", x: -1.88, y: 1.2 * 1.24))
        fig.panels = [p]
        return fig
    }

    static func thresholdScan() -> Figure {
        var fig = Figure(width: column * 1.45, height: 3.2 * 72, title: "\(TextMarkup.escaped(longName)): choosing the threshold")
        var p = Panel()
        p.xLabel = "threshold T on ln(χ²/ν)"; p.yLabel = "rate on historical runs"
        p.yRange = 0...1.05
        let x = (0..<80).map { Double($0) * 0.05 }
        let sens = x.map { 1 / (1 + exp(($0 - 2) * 3)) }, spec = x.map { 1 - 1 / (1 + exp(($0 - 1) * 3)) }
        let bal = zip(sens, spec).map { ($0 + $1) / 2 }
        for y in [sens, spec, bal] { p.add(.band(x: x, lower: y.map { $0 - 0.04 }, upper: y.map { $0 + 0.04 })) }
        p.add(.line(x: x, y: sens, label: "sensitivity"))
        p.add(.line(x: x, y: spec, label: "specificity"))
        p.add(.line(x: x, y: bal, label: "balanced accuracy"))
        p.add(.vRule(x: 1.5, label: "chosen T = 1.5"))
        fig.panels = [p]
        return fig
    }

    static func heat(_ columns: Int, _ rows: Int, _ f: (Double, Double) -> Double) -> [[Double]] {
        (0..<rows).map { j in (0..<columns).map { i in f(Double(i), Double(j)) } }
    }

    static func referenceEvolution() -> Figure {
        let runs = 5000, bins = 100, columns = 250
        let xe = (0...columns).map { Double($0 * runs / columns) - 0.5 }, ye = (0...bins).map(Double.init)
        var fig = Figure(width: wide, height: 4.6 * 72, title: "\(TextMarkup.escaped(longName)): evolution of the reference")
        fig.rows(heightRatios: [1, 1], sharedX: true)
        fig.panels[0].yLabel = "bin"; fig.panels[0].title = "reference μ (fraction of events per bin)"
        fig.panels[0].add(.heatmap(heat(columns, bins) { i, j in exp(-pow((j - 50 - i / 25) / 15, 2)) * 0.02 },
                                   xEdges: xe, yEdges: ye, colorbarLabel: "μ"))
        fig.panels[1].xLabel = "run"; fig.panels[1].yLabel = "bin"; fig.panels[1].title = "reference uncertainty σ_{μ}"
        fig.panels[1].add(.heatmap(heat(columns, bins) { i, j in 1e-4 * (1 + sin(i / 9) * cos(j / 7)) },
                                   xEdges: xe, yEdges: ye, colorbarLabel: "σ_{μ}"))
        return fig
    }

    static func runVersusReference() -> Figure {
        let bins = 100
        let edges = (0...bins).map(Double.init)
        let mu = (0..<bins).map { exp(-pow((Double($0) - 50) / 15, 2)) * 0.02 }
        var bx: [Double] = [], lo: [Double] = [], hi: [Double] = []
        for b in 0..<bins { bx += [edges[b], edges[b + 1]]; lo += [mu[b] * 0.95, mu[b] * 0.95]; hi += [mu[b] * 1.05, mu[b] * 1.05] }
        let x = mu.enumerated().map { $1 * (1 + 0.2 * sin(Double($0))) }
        var fig = Figure(width: column * 1.6, height: 4 * 72,
                         title: "\(TextMarkup.escaped(longName)), run 381204 (worst run): score 4.21, flagged")
        fig.rows(heightRatios: [2.6, 1], sharedX: true)
        fig.panels[0].yLabel = "fraction of events"
        fig.panels[0].add(.band(x: bx, lower: lo, upper: hi, label: "reference μ ± σ_{μ}"))
        fig.panels[0].add(.line(x: bx, y: zip(lo, hi).map { ($0 + $1) / 2 }, width: 0.8))
        fig.panels[0].add(.stairs(edges: edges, values: x, errors: x.map { $0 * 0.05 }, label: "run 381204 x ± σ_{x}"))
        fig.panels[1].xLabel = "bin"; fig.panels[1].yLabel = "pull"
        fig.panels[1].yRange = -4...4
        fig.panels[1].add(.hRule(y: 0, dashed: false)); fig.panels[1].add(.hRule(y: 3)); fig.panels[1].add(.hRule(y: -3))
        fig.panels[1].add(.bars(x: edges.dropLast().map { $0 + 0.5 }, heights: (0..<bins).map { 3.9 * sin(Double($0)) }, width: 0.85))
        fig.panels[1].legend = .none
        return fig
    }

    static func pullMap() -> Figure {
        let xe = (0...250).map { Double($0 * 20) - 0.5 }, ye = (0...100).map(Double.init)
        var fig = Figure(width: wide, height: 3 * 72, title: "\(TextMarkup.escaped(longName)): pulls per run and bin")
        var p = Panel()
        p.xLabel = "run"; p.yLabel = "observable (bin edges)"
        p.add(.heatmap(heat(250, 100) { i, j in 6 * sin(i / 13) * cos(j / 9) }, xEdges: xe, yEdges: ye,
                       colorMap: .diverging, range: .symmetricClipped(5), colorbarLabel: "pull (x − μ)/σ"))
        fig.panels = [p]
        return fig
    }

    static func alphaScan() -> Figure {
        var fig = Figure(width: column * 1.45, height: 3 * 72, title: "\(TextMarkup.escaped(longName)): choosing α")
        var p = Panel()
        p.xLabel = "α (weight of the past)"; p.yLabel = "ROC AUC on historical runs"
        let a = (0..<20).map { Double($0) * 0.05 }
        p.add(.line(x: a, y: a.map { 0.9 - pow($0 - 0.6, 2) }, label: "ROC AUC"))
        p.add(.vRule(x: 0.6, label: "chosen α = 0.6"))
        fig.panels = [p]
        return fig
    }

    static func series() -> Figure {
        let n = 4032
        let t = (0..<n).map(Double.init)
        let mean = t.map { 20 + 5 * sin($0 / 288 * 2 * .pi) }
        let values = t.enumerated().map { i, v in mean[i] + sin(v * 12.9898) * 1.5 + (i > 2000 && i < 2040 ? 9 : 0) }
        var fig = Figure(width: wide, height: 4.2 * 72, title: "\(TextMarkup.escaped(longName)): mixture — forecast and anomaly posterior")
        fig.rows(heightRatios: [2.2, 1], sharedX: true)
        fig.panels[0].yLabel = "value"
        fig.panels[0].add(.span(from: 2000, to: 2040, label: "true anomalies"))
        fig.panels[0].add(.band(x: t, lower: mean.map { $0 - 3 }, upper: mean.map { $0 + 3 }, label: "±2 scale"))
        fig.panels[0].add(.line(x: t, y: values, label: "series", width: 0.7))
        fig.panels[0].add(.line(x: t, y: mean, label: "mean forecast", width: 1))
        fig.panels[1].xLabel = "t (index)"; fig.panels[1].yLabel = "p(anomaly)"
        fig.panels[1].yRange = -0.03...1.05
        fig.panels[1].add(.hRule(y: 0.5))
        let post = t.map { $0 > 2000 && $0 < 2040 ? 0.97 : 0.02 }
        fig.panels[1].add(.line(x: t, y: post, width: 0.9))
        let flagged = (2001..<2039).map(Double.init)
        fig.panels[1].add(.scatter(x: flagged, y: flagged.map { _ in 0.97 }, label: "flagged (38)"))
        return fig
    }

    static func trainingLoss() -> Figure {
        var fig = Figure(width: wide, height: 4 * 72, title: "\(TextMarkup.escaped(longName)): training loss per epoch")
        fig.grid(rows: 2, columns: 2)
        let ep = (1...500).map(Double.init)
        for (i, name) in ["topk", "mixture", "hmm", "baseline"].enumerated() {
            fig.panels[i].title = "\(name): \(i == 0 ? "mean squared error" : "Gaussian NLL")"; fig.panels[i].xLabel = "epoch"
            fig.panels[i].yLabel = "loss"
            fig.panels[i].add(.line(x: ep, y: ep.map { i == 0 ? 50 * pow($0, -1.2) + 0.01 : 3 - log($0) / 3 }))
            if i == 0 { fig.panels[i].yScale = .log }
            fig.panels[i].legend = .none
        }
        return fig
    }

    static func transitions() -> Figure {
        var fig = Figure(width: column * 1.45, height: 3 * 72, title: "\(TextMarkup.escaped(longName)): HMM transition probabilities")
        var p = Panel()
        p.xLabel = "epoch"; p.yLabel = "transition probability"; p.yRange = 0...1.05
        let ep = (1...200).map(Double.init)
        p.add(.line(x: ep, y: ep.map { 0.3 * exp(-$0 / 30) + 0.01 }, label: "normal → anomalous"))
        p.add(.line(x: ep, y: ep.map { 0.9 - 0.5 * exp(-$0 / 40) }, label: "anomalous → normal"))
        p.add(.hRule(y: 0.012, label: "segment starts per normal point"))
        fig.panels = [p]
        return fig
    }

    static func rocPR() -> Figure {
        var fig = Figure(width: wide, height: 3 * 72, title: "\(TextMarkup.escaped(longName)): detection quality of all approaches")
        fig.grid(rows: 1, columns: 2)
        var roc = Panel(), pr = Panel()
        roc.title = "ROC"; roc.xLabel = "false positive rate"; roc.yLabel = "true positive rate"
        roc.xRange = 0...1; roc.yRange = 0...1.02
        roc.add(.line(x: [0, 1], y: [0, 1], width: 0.6, dashed: true))
        pr.title = "precision–recall"; pr.xLabel = "recall"; pr.yLabel = "precision"
        pr.xRange = 0...1; pr.yRange = 0...1.02
        let f = (0...50).map { Double($0) / 50 }
        for (k, a) in ["topk", "mixture", "hmm", "baseline"].enumerated() {
            let q = 1.0 + Double(k)
            roc.add(.line(x: f, y: f.map { pow($0, 1 / (q + 1)) }, label: "\(a) (AUC 0.9\(k)1)"))
            pr.add(.line(x: f, y: f.map { 1 - pow($0, q + 1) * 0.8 }, label: "\(a) (AP 0.8\(k)3)"))
        }
        roc.legend = .lowerRight; pr.legend = .lowerLeft
        fig.panels = [roc, pr]
        return fig
    }

    static func stackedScores() -> Figure {
        let names = ["topk", "mixture", "hmm", "baseline"]
        var fig = Figure(width: wide, height: (1.2 * Double(names.count) + 0.8) * 72,
                         title: "\(TextMarkup.escaped(longName)): every approach's score on one time axis")
        fig.rows(heightRatios: Array(repeating: 1, count: names.count), sharedX: true)
        let t = (0..<4032).map(Double.init)
        for (i, name) in names.enumerated() {
            fig.panels[i].yLabel = name
            if i == 0 { fig.panels[i].yScale = .log } else { fig.panels[i].yRange = -0.03...1.05 }
            fig.panels[i].add(.line(x: t, y: t.map { i == 0 ? 1e-3 + abs(sin($0 / 50)) * 10 : 0.5 + 0.5 * sin($0 / (40 + Double(i))) }, width: 0.9))
            fig.panels[i].legend = .none
            if i == names.count - 1 { fig.panels[i].xLabel = "t (index)" }
        }
        return fig
    }

    /// A TH2 run against its reference: three maps (run, reference, pulls) side by side sharing their axes, the
    /// first two one colour scale, frames shaped for square cells.
    static func runMaps(nx: Int = 20, ny: Int = 20) -> Figure {
        let xe = (0...nx).map { -2.5 + 5 * Double($0) / Double(nx) }, ye = (0...ny).map { Double($0) * 0.1 }
        var fig = Figure(width: wide, height: 2.9 * 72,
                         title: "\(TextMarkup.escaped(longName)), run 381204 (worst run): score 4.21, flagged")
        fig.grid(rows: 1, columns: 3, sharedX: true, sharedY: true)
        let run = heat(nx, ny) { i, j in exp(-pow((i - 10) / 5, 2) - pow((j - 8) / 6, 2)) * 0.01 }
        let ref = heat(nx, ny) { i, j in exp(-pow((i - 9) / 5, 2) - pow((j - 9) / 6, 2)) * 0.01 }
        let pull = heat(nx, ny) { i, j in 6 * sin(i / 3) * cos(j / 4) }
        for (k, (title, values, map, range, bar)) in [("run x", run, ColorMap.viridis, ColorRange.fixed(0, 0.01), "fraction"),
                                                       ("reference μ", ref, .viridis, .fixed(0, 0.01), "fraction"),
                                                       ("pull (x − μ)/σ", pull, .diverging, .symmetricClipped(5), "pull")].enumerated() {
            fig.panels[k].title = title; fig.panels[k].xLabel = "x"; fig.panels[k].yLabel = "y"
            fig.panels[k].add(.heatmap(values, xEdges: xe, yEdges: ye, colorMap: map, range: range, colorbarLabel: bar))
        }
        return fig.fittingFrames(aspect: min(2, max(0.5, Double(ny) / Double(nx))))
    }

    /// Zoomed stretches of a series in a 2 × 2 grid (the last cell empty with three), the legend in the first.
    static func zoom(windows: Int) -> Figure {
        var fig = Figure(width: wide, height: (windows > 2 ? 4.6 : 2.6) * 72,
                         title: "\(TextMarkup.escaped(longName)): mixture — zoomed on the labelled windows and the highest scores")
        fig.grid(rows: (windows + 1) / 2, columns: min(2, windows))
        for i in 0..<windows {
            let t = (0..<160).map { Double($0 + 1000 * i) }
            var p = Panel()
            p.title = i < 2 ? "labelled window \(i + 1)" : "highest score \(i - 1)"
            p.xRange = t.first!...t.last!
            p.add(.span(from: t[70], to: t[90], label: i == 0 ? "true anomaly" : nil))
            p.add(.band(x: t, lower: t.map { 18 + sin($0 / 9) }, upper: t.map { 22 + sin($0 / 9) }, label: i == 0 ? "mean ± 2 scale" : nil))
            p.add(.line(x: t, y: t.map { 20 + sin($0 / 9) }, label: i == 0 ? "mean forecast" : nil))
            p.add(.line(x: t, y: t.enumerated().map { k, v in 20 + sin(v / 9) + sin(v * 12.99) + (k > 70 && k < 90 ? 6 : 0) },
                        label: i == 0 ? "series" : nil, width: 0.7))
            p.add(.scatter(x: Array(t[72..<88]), y: (72..<88).map { _ in 26 }, label: i == 0 ? "flagged" : nil))
            p.legend = i == 0 ? .auto : .none
            if i >= windows - 2 { p.xLabel = "t (index)" }
            if i % 2 == 0 { p.yLabel = "value" }
            fig.panels[i] = p
        }
        if fig.panels.count > windows { fig.panels.removeLast(fig.panels.count - windows) }
        return fig
    }

    /// Four quality metrics against α in a 2 × 2 grid sharing the α axis.
    static func metricsVsAlpha() -> Figure {
        var fig = Figure(width: wide, height: 4.8 * 72, title: "\(TextMarkup.escaped(longName)): metrics versus α (known truth)")
        fig.grid(rows: 2, columns: 2, sharedX: true)
        let a = (1..<100).map { Double($0) / 100 }
        for (k, title) in ["balanced accuracy", "adaptivity index", "steps to adapt", "Jaccard distance"].enumerated() {
            fig.panels[k].title = title
            if k >= 2 { fig.panels[k].xLabel = "α (weight of the past)" }
            fig.panels[k].add(.line(x: a, y: a.map { 0.9 - pow($0 - 0.5, 2) * Double(k + 1) }, label: k == 0 ? "historical" : nil))
            fig.panels[k].add(.line(x: a, y: a.map { 0.8 - pow($0 - 0.6, 2) * Double(k + 1) }, label: k == 0 ? "continual" : nil))
            fig.panels[k].add(.vRule(x: 0.55, label: k == 0 ? "chosen α = 0.55" : nil))
        }
        return fig
    }

    /// The mark kinds the catalogue does not use in a corner legend: bars with a label, a log axis, text.
    static func barsAndLog() -> Figure {
        var d = Figure(width: wide, height: 3 * 72, title: "Training loss and detection quality per approach")
        d.grid(rows: 1, columns: 2)
        let ep = (1...300).map(Double.init)
        d.panels[0].add(.line(x: ep, y: ep.map { 50 * pow($0, -1.2) + 0.01 }, label: "topk"))
        d.panels[0].add(.line(x: ep, y: ep.map { 20 * pow($0, -0.8) + 0.1 }, label: "mixture", dashed: true))
        d.panels[0].yScale = .log; d.panels[0].xLabel = "epoch"; d.panels[0].yLabel = "loss"
        d.panels[1].add(.bars(x: [1, 2, 3, 4], heights: [0.91, 0.84, 0.95, 0.72], label: "ROC AUC"))
        d.panels[1].add(.text("chosen", x: 2.7, y: 0.985))
        d.panels[1].xLabel = "approach"; d.panels[1].yLabel = "ROC AUC"
        return d
    }
}
