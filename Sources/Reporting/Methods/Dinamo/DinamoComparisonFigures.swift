import Core
import Dinamo
import Inputs
import Plotting

/// The figures of a `--variant both` input's side-by-side page (docs/figures.md): both score trends on one
/// axis, both confusion matrices (with labels), and the worst run against each variant's reference. Each with
/// the numbers it shows, redrawable with `anomaly-report figure --id`.
struct DinamoComparisonFigures {
    var comparison: DinamoComparison

    private var s: DinamoResult { comparison.s }
    private var ml: DinamoResult { comparison.ml }
    /// The run axis, ids and verdicts of the input (the same runs for both variants).
    private var runs: DinamoFigures {
        DinamoFigures(result: s, histograms: comparison.histograms, adaptivity: nil, stem: comparison.stem,
                      grid: comparison.grid)
    }
    private var stem: String { comparison.stem }
    /// The input's own name (the DINAMO-S member's), escaped as figure text.
    private var figureName: String { TextMarkup.escaped(s.name) }
    private var variants: [(DinamoVariant, DinamoResult, Color)] {
        [(.s, s, FigurePalette.firstVariant), (.ml, ml, FigurePalette.secondVariant)]
    }

    var hasLabels: Bool { comparison.regime != nil }

    func all() -> [FigureArtifact] {
        [scoreTrends()] + (hasLabels ? [confusionMatrices()] : []) + [worstRun()]
    }

    /// Whether `result` reports run `r` as flagged (flagged and not warm-up).
    private func reported(_ result: DinamoResult, _ r: Int) -> Bool { result.trace.flagged[r] && !result.trace.warmUp[r] }

    // MARK: (1) both score trends on one axis

    func scoreTrends() -> FigureArtifact {
        let axis = runs.runAxis
        var fig = Figure(width: FigurePalette.wideWidth, height: 3.4 * 72,
                         title: "\(figureName): \(DinamoVariant.s.title) and \(DinamoVariant.ml.title) scores per run")
        var p = Panel()
        p.xLabel = runs.runAxisLabel
        p.xIntegers = true
        p.yLabel = "score ln(χ²/ν)"
        let historical = max(s.historicalCount, ml.historicalCount)
        if historical > 0 && historical < s.runs {
            p.add(.span(from: axis[0] - 0.5, to: axis[historical - 1] + 0.5, label: "historical runs"))
        }
        let radius = s.runs > 2000 ? 0.8 : 1.2
        for (variant, result, color) in variants {
            let t = result.trace
            let passed = (0..<result.runs).filter { !reported(result, $0) && t.score[$0].isFinite }
            let flagged = (0..<result.runs).filter { reported(result, $0) && t.score[$0].isFinite }
            p.add(.scatter(x: passed.map { axis[$0] }, y: passed.map { t.score[$0] }, label: variant.title,
                           color: color, radius: radius))
            if !flagged.isEmpty {
                p.add(.scatter(x: flagged.map { axis[$0] }, y: flagged.map { t.score[$0] },
                               label: "\(variant.title) flagged (\(flagged.count))", color: color, radius: radius * 2.6))
            }
            p.add(.hRule(y: result.threshold, dashed: true,
                         label: "\(variant.title) T = \(ReportFormat.typeset(ReportFormat.short(result.threshold)))", color: color))
        }
        p.legend = .above
        fig.panels = [p]
        var data = CSVTable(header: ["run", "label", "score_s", "flagged_s", "warm_up_s", "score_ml", "flagged_ml", "warm_up_ml"])
        for r in 0..<s.runs {
            let label: CSVTable.Cell = (s.labels?[r] ?? nil).map { .integer($0) } ?? .missing
            data.append([.text(runs.runID(r)), label,
                         .number(s.trace.score[r]), .integer(reported(s, r) ? 1 : 0), .integer(s.trace.warmUp[r] ? 1 : 0),
                         .number(ml.trace.score[r]), .integer(reported(ml, r) ? 1 : 0), .integer(ml.trace.warmUp[r] ? 1 : 0)])
        }
        let nS = comparison.flaggedS.count, nML = comparison.flaggedML.count
        let both = comparison.flaggedS.intersection(comparison.flaggedML).count
        return FigureArtifact(
            stem: "\(stem)-variants-score-trend", title: "Score trends of both variants",
            caption: "ln(χ²/ν) of each run against each variant's reference: DINAMO-S (EWMA reference) and DINAMO-ML (transformer reference), each with its own threshold T (dashed, its colour). Large dots are the runs a variant flags: \(nS) by DINAMO-S, \(nML) by DINAMO-ML, \(both) by both. The shaded region holds the historical runs T was chosen on. A run in a variant's warm-up is never flagged, so it is drawn small even above T; empty runs (no score) are left out.",
            alt: "Scatter plot of the anomaly scores of \(s.runs) runs of \(s.name) under DINAMO-S and DINAMO-ML with their thresholds \(ReportFormat.short(s.threshold)) and \(ReportFormat.short(ml.threshold)); \(nS) and \(nML) runs flagged, \(both) by both.",
            figure: fig, data: data)
    }

    // MARK: (2) both confusion matrices

    /// Two 2 × 2 matrices side by side (label bad/good × flagged/passed), coloured by the share of the label's
    /// runs in each cell, the run counts written in. Only with labels (`hasLabels`).
    func confusionMatrices() -> FigureArtifact {
        let (regime, a, b) = comparison.regime!
        var fig = Figure(width: FigurePalette.narrowWidth * 1.45, height: 2.7 * 72,
                         title: "\(figureName): confusion matrices (\(regime) runs)")
        fig.grid(rows: 1, columns: 2, sharedX: true, sharedY: true)
        var data = CSVTable(header: ["variant", "regime", "label", "decision", "runs", "share_of_label"])
        for (k, (variant, summary)) in [(DinamoVariant.s, a), (DinamoVariant.ml, b)].enumerated() {
            let c = summary.confusion
            // Rows from the bottom: good (label 0), bad (label 1); columns: flagged, passed.
            let counts = [[c.falsePositives, c.trueNegatives], [c.truePositives, c.falseNegatives]]
            let shares = counts.map { row in row.map { Double($0) / Double(max(row.reduce(0, +), 1)) } }
            var p = Panel()
            p.title = variant.title
            p.xLabel = "decision"
            p.yLabel = "label"
            p.xRange = 0...2
            p.yRange = 0...2
            p.xCategories = ["flagged", "passed"]
            p.yCategories = ["good", "bad"]
            p.legend = .none
            p.add(.heatmap(shares, xEdges: [0, 1, 2], yEdges: [0, 1, 2], colorMap: .viridis, range: .fixed(0, 1),
                           colorbarLabel: "share of the label"))
            for j in 0..<2 {
                for i in 0..<2 {
                    let text = String(counts[j][i])
                    // Centred by eye: the label's left baseline, shifted by half its width in digits.
                    let x = Double(i) + 0.5 - 0.045 * Double(text.count)
                    p.add(.text(text, x: x, y: Double(j) + 0.43,
                                color: shares[j][i] > 0.55 ? Color(hex: 0x000000) : Color(hex: 0xFFFFFF)))
                }
            }
            fig.panels[k] = p
            for (j, label) in ["good", "bad"].enumerated() {
                for (i, decision) in ["flagged", "passed"].enumerated() {
                    data.append([.text(variant.rawValue), .text(regime), .text(label), .text(decision),
                                 .integer(counts[j][i]), .number(shares[j][i])])
                }
            }
        }
        func text(_ v: DinamoVariant, _ c: ConfusionMatrix) -> String {
            "\(v.title) flags \(c.truePositives) of \(c.positives) bad runs and \(c.falsePositives) of \(c.negatives) good ones"
        }
        return FigureArtifact(
            stem: "\(stem)-variants-confusion", title: "Confusion matrices of both variants",
            caption: "Labels against decisions on the \(regime) runs, one matrix per variant; each cell gives its number of runs, coloured by its share of the runs with that label (the diagonal of a perfect monitor is bright). \(text(.s, a.confusion)); \(text(.ml, b.confusion)).",
            alt: "Two confusion matrices of \(s.name): \(text(.s, a.confusion)); \(text(.ml, b.confusion)).",
            figure: fig, data: data)
    }

    // MARK: (3) the worst run against both references

    /// The worst run: of the runs after the historical ones (all runs when there are none after), neither
    /// empty nor warm-up under either variant, the one whose score exceeds its variant's T the most, over both
    /// variants. The scores are compared above their thresholds, since the two references make scores of
    /// different scales.
    var worst: (run: Int, by: DinamoVariant, excess: Double) {
        let historical = max(s.historicalCount, ml.historicalCount)
        let all = Array(0..<s.runs)
        let usable = all.filter { r in
            !s.trace.empty[r] && !s.trace.warmUp[r] && !ml.trace.warmUp[r] && s.trace.score[r].isFinite && ml.trace.score[r].isFinite
        }
        let continual = usable.filter { $0 >= historical }
        var best = (run: usable.first ?? 0, by: DinamoVariant.s, excess: -Double.infinity)
        for r in continual.isEmpty ? usable : continual {
            for (variant, result, _) in variants {
                let e = result.trace.score[r] - result.threshold
                if e > best.excess { best = (r, variant, e) }
            }
        }
        return best
    }

    func worstRun() -> FigureArtifact {
        let (r, by, excess) = worst
        let (x, sigmaX, integral, empty) = DinamoMonitor.normalise(Array(comparison.histograms.counts(ofRun: r)))
        let edges = s.binEdges ?? (0...s.bins).map(Double.init)
        let runText = "run \(runs.runID(r))"
        let flattened = comparison.grid.map { " A two-dimensional histogram (\($0.nx) × \($0.ny) bins) is drawn flattened, bin = ix · \($0.ny) + iy, as it is monitored: six maps would not be readable side by side." } ?? ""
        var fig = Figure(width: FigurePalette.narrowWidth * 1.45, height: 3.6 * 72,
                         title: "\(figureName), \(TextMarkup.escaped(runText)) (worst run) against both references")
        fig.rows(heightRatios: [2.4, 1], sharedX: true)
        fig.panels[0].yLabel = "fraction of events"
        fig.panels[1].xLabel = comparison.grid != nil ? "bin (flattened)" : s.binEdges == nil ? "bin" : "observable"
        fig.panels[1].yLabel = "pull"
        var columns: [(String, [Double])] = [("x", x), ("sigma_x", sigmaX)]
        var largest = 1.0
        var pullsOf: [(DinamoVariant, [Double], Color)] = []
        for (variant, result, color) in variants {
            let mu = Array(result.trace.referenceMu(beforeRun: r)), sigma = Array(result.trace.referenceSigma(beforeRun: r))
            let pulls = Array(result.trace.pulls(ofRun: r))
            fig.panels[0].add(.stepBand(edges: edges, lower: zip(mu, sigma).map { $0 - $1 }, upper: zip(mu, sigma).map { $0 + $1 },
                                        label: "\(variant.title) μ ± σ_{μ}", color: color))
            fig.panels[0].add(.stairs(edges: edges, values: mu, color: color, width: 0.9))
            columns += [("mu_\(variant.rawValue)", mu), ("sigma_mu_\(variant.rawValue)", sigma), ("pull_\(variant.rawValue)", pulls)]
            largest = max(largest, pulls.filter(\.isFinite).map(abs).max() ?? 0)
            pullsOf.append((variant, pulls, color))
        }
        fig.panels[0].add(.stairs(edges: edges, values: x, errors: sigmaX, label: "\(TextMarkup.escaped(runText)) x ± σ_{x}",
                                  color: FigurePalette.observed))
        let bound = max(3.5, min(largest * 1.1, 50))
        fig.panels[1].yRange = -bound...bound
        fig.panels[1].add(.hRule(y: 0, dashed: false, color: FigurePalette.threshold))
        fig.panels[1].add(.hRule(y: 3, dashed: true, color: FigurePalette.unknown))
        fig.panels[1].add(.hRule(y: -3, dashed: true, color: FigurePalette.unknown))
        for (_, pulls, color) in pullsOf {
            fig.panels[1].add(.stairs(edges: edges, values: pulls.map { $0.isFinite ? max(-bound, min(bound, $0)) : .nan }, color: color))
        }
        fig.panels[1].legend = .none
        var data = CSVTable(header: ["bin", "lower_edge", "upper_edge"] + columns.map(\.0))
        let edgeCell: (Int) -> CSVTable.Cell = { i in s.binEdges == nil ? .missing : .number(edges[i]) }
        for b in 0..<s.bins {
            data.append([.integer(b), edgeCell(b), edgeCell(b + 1)] + columns.map { .number($0.1[b]) })
        }
        func verdict(_ result: DinamoResult) -> String {
            "\(ReportFormat.plain((result.trace.score[r] * 100).rounded() / 100)) (T \(ReportFormat.short(result.threshold)), \(reported(result, r) ? "flagged" : "passed"))"
        }
        let labelText = (s.labels?[r] ?? nil).map { $0 == 0 ? "label good" : "label bad" } ?? "unlabelled"
        return FigureArtifact(
            stem: "\(stem)-variants-worst-run", run: nil,
            title: "Worst run against both references",
            caption: "The worst run is chosen over both variants: of the runs after the historical ones, neither empty nor in a warm-up, the one whose score lies furthest above its variant's threshold T (\(TextMarkup.escaped(runText)), \(by.title), ln(χ²/ν) − T = \(ReportFormat.typeset(ReportFormat.plain((excess * 100).rounded() / 100)))). Its normalised histogram x ± σ_{x} (\(Int(integral)) events\(empty ? ", empty" : ""); \(labelText)) over each variant's reference μ ± σ_{μ} it was scored against; beneath, each variant's pulls (x − μ)/σ with ±3 marked. Scores: DINAMO-S \(verdict(s)), DINAMO-ML \(verdict(ml)).\(flattened)",
            alt: "Histogram of \(runText) of \(s.name) over the DINAMO-S and DINAMO-ML reference bands, with both variants' pulls beneath.",
            figure: fig, data: data)
    }
}
