import Dinamo
import Core
import Inputs
import Plotting

/// The DINAMO-S figures (docs/figures.md), each with the numbers it shows.
struct DinamoFigures {
    var result: DinamoResult
    var histograms: HistogramSet
    var adaptivity: TruthMetrics?
    /// The published metrics-vs-α scan, when α is auto and the truth is known.
    var metricsVsAlpha: MetricsVsAlpha? = nil
    var stem: String
    /// A TH2 input's x and y edges: its run figures are then 2D maps (`runMapFigure`), not a line over ν bins.
    var grid: HistogramGrid? = nil

    /// The most heat-map columns drawn: the runs are grouped into at most this many columns, so each keeps about
    /// two screen pixels of the map's 375 points at the standard width (narrower columns alias into uneven
    /// widths, and 5000 single-run columns would be thinner than a pixel, so scaling would drop runs rather than
    /// summarise them) while a shift change is still visible.
    static let maxHeatmapColumns = 200

    func all() -> [FigureArtifact] {
        var figures = [scoreTrend(), scoreDistributions()]
        if let scan = result.thresholdScan { figures.append(thresholdScan(scan)) }
        figures.append(referenceEvolution())
        figures += grid.map(runVersusReferenceMaps) ?? runVersusReference()
        figures.append(pullMap())
        if let scan = result.alphaScan { figures.append(alphaScan(scan)) }
        if let scan = metricsVsAlpha { figures.append(metricsVsAlpha(scan)) }
        return figures
    }

    private var name: String { result.name }
    /// The name as figure text: escaped, so markup characters in a user's name are drawn as written.
    private var figureName: String { TextMarkup.escaped(result.name) }

    private func labelOf(_ r: Int) -> Int? { result.labels?[r] ?? nil }

    private var binEdges: [Double] {
        result.binEdges ?? (0...result.bins).map(Double.init)
    }

    private var binAxisLabel: String { result.binEdges == nil ? "bin" : "observable (bin edges)" }

    /// The run axis: the runs' numbers when every id is a whole number (gaps in the numbering show as gaps),
    /// else their positions.
    var runAxis: [Double] {
        if let ids = result.runIDs, ids.count == result.runs, let numbers = Optional(ids.compactMap { Double($0) }),
           numbers.count == ids.count, numbers.allSatisfy({ $0 == $0.rounded() }) { return numbers }
        return (0..<result.runs).map(Double.init)
    }
    var runAxisLabel: String { runAxis.first == 0 && result.runIDs == nil ? "run (position)" : "run" }

    /// The run's id as the input names it (its position when it names none).
    func runID(_ r: Int) -> String {
        if let ids = result.runIDs, r < ids.count { return ids[r] }
        return String(r)
    }

    /// Whether the report flags run `r` (the monitor flagged it and it is not warm-up).
    func reported(_ r: Int) -> Bool { result.trace.flagged[r] && !result.trace.warmUp[r] }

    // MARK: (1) score trend

    func scoreTrend() -> FigureArtifact {
        let t = result.trace
        var fig = Figure(width: FigurePalette.wideWidth, height: 3.0 * 72, title: "\(figureName): anomaly score per run")
        var p = Panel()
        let axis = runAxis
        p.xLabel = runAxisLabel
        p.xIntegers = true
        p.yLabel = "score ln(χ²/ν)"
        if result.historicalCount > 0 && result.historicalCount < result.runs {
            p.add(.span(from: axis[0] - 0.5, to: axis[result.historicalCount - 1] + 0.5, label: "historical runs"))
        }
        let warmUp = (0..<result.runs).filter { t.warmUp[$0] }
        var groups: [(String, Color, [Int])] = []
        if result.labels != nil {
            groups = [("good (label 0)", FigurePalette.good, (0..<result.runs).filter { labelOf($0) == 0 }),
                      ("bad (label 1)", FigurePalette.bad, (0..<result.runs).filter { labelOf($0) == 1 }),
                      ("unlabelled", FigurePalette.unknown, (0..<result.runs).filter { labelOf($0) == nil })]
        } else {
            groups = [("passed", FigurePalette.good, (0..<result.runs).filter { !reported($0) && !t.warmUp[$0] }),
                      ("flagged", FigurePalette.bad, (0..<result.runs).filter { reported($0) })]
        }
        let radius = result.runs > 2000 ? 0.9 : 1.5
        for (label, color, runs) in groups where !runs.isEmpty {
            let shown = result.labels == nil ? runs : runs.filter { !t.warmUp[$0] }
            guard !shown.isEmpty else { continue }
            p.add(.scatter(x: shown.map { axis[$0] }, y: shown.map { t.score[$0] }, label: label, color: color, radius: radius))
        }
        if !warmUp.isEmpty {
            p.add(.scatter(x: warmUp.map { axis[$0] }, y: warmUp.map { t.score[$0] }, label: "warm-up (never flagged)",
                           color: FigurePalette.unknown, radius: radius * 0.8))
        }
        p.add(.hRule(y: result.threshold, dashed: true, label: "threshold T = \(ReportFormat.typeset(ReportFormat.short(result.threshold)))",
                     color: FigurePalette.threshold))
        fig.panels = [p]
        let flagged = result.flaggedRuns.count
        return FigureArtifact(
            stem: "\(stem)-score-trend", title: "Score trend",
            caption: "ln(χ²/ν) of each run against the reference built from the good runs before it; runs above the dashed threshold are flagged (\(flagged) of \(result.runs)). The shaded region holds the historical runs used to choose T and α.",
            alt: "Scatter plot of the anomaly score of \(result.runs) runs of \(name) with the threshold \(ReportFormat.short(result.threshold)); \(flagged) runs lie above it.",
            figure: fig, data: scoresTable, dataFile: Self.scoresFile(stem), dataLabel: "scores per run (CSV)")
    }

    /// The input's table of scores, `data/<name>-scores.csv`: the score trend draws from it, so it is written
    /// once, as the trend's data.
    static func scoresFile(_ stem: String) -> String { "\(stem)-scores.csv" }

    /// One row per run: `run` (its id), `label`, `chi2`, `score`, and `flagged` (as reported), `empty`,
    /// `warm_up` as 0/1 (docs/output.md).
    var scoresTable: CSVTable {
        let t = result.trace
        var scores = CSVTable(header: ["run", "label", "chi2", "score", "flagged", "empty", "warm_up"])
        for r in 0..<result.runs {
            scores.append([.text(runID(r)), labelOf(r).map { .integer($0) } ?? .missing, .number(t.chi2[r]), .number(t.score[r]),
                           .integer(reported(r) ? 1 : 0), .integer(t.empty[r] ? 1 : 0), .integer(t.warmUp[r] ? 1 : 0)])
        }
        return scores
    }

    // MARK: (2) score distributions

    func scoreDistributions() -> FigureArtifact {
        let t = result.trace
        let finite = t.score.filter(\.isFinite)
        let lo = min(finite.min() ?? 0, result.threshold) - 0.25
        let hi = max(finite.max() ?? 1, result.threshold) + 0.25
        let nb = 60
        let edges = (0...nb).map { lo + (hi - lo) * Double($0) / Double(nb) }
        func density(_ runs: [Int]) -> [Double] {
            var h = [Double](repeating: 0, count: nb)
            for r in runs {
                let s = t.score[r]
                guard s.isFinite else { continue }
                h[min(nb - 1, max(0, Int((s - lo) / (hi - lo) * Double(nb))))] += 1
            }
            let width = (hi - lo) / Double(nb)
            let total = Double(max(runs.count, 1))
            return h.map { $0 / (total * width) }
        }
        let hasLabels = result.labels != nil
        let goodRuns = hasLabels ? (0..<result.runs).filter { labelOf($0) == 0 } : (0..<result.runs).filter { !t.flagged[$0] }
        let badRuns = hasLabels ? (0..<result.runs).filter { labelOf($0) == 1 } : (0..<result.runs).filter { t.flagged[$0] }
        let good = density(goodRuns)
        let bad = density(badRuns)
        var fig = Figure(width: FigurePalette.narrowWidth * 1.45, height: 3.2 * 72, title: "\(figureName): score distributions")
        var p = Panel()
        p.xLabel = "score ln(χ²/ν)"
        p.yLabel = "runs (normalised density)"
        if !goodRuns.isEmpty { p.add(.stairs(edges: edges, values: good, label: hasLabels ? "good runs (\(goodRuns.count))" : "passed (\(goodRuns.count))", color: FigurePalette.good)) }
        if !badRuns.isEmpty { p.add(.stairs(edges: edges, values: bad, label: hasLabels ? "bad runs (\(badRuns.count))" : "flagged (\(badRuns.count))", color: FigurePalette.bad)) }
        p.add(.vRule(x: result.threshold, dashed: true, label: "T = \(ReportFormat.typeset(ReportFormat.short(result.threshold)))", color: FigurePalette.threshold))
        let top = max(good.max() ?? 0, bad.max() ?? 0, 1e-9)
        var caption = "Distributions of the score for good and bad runs, each normalised to unit area, and the threshold."
        if let m = result.metrics.continual ?? result.metrics.historical {
            let c = m.confusion
            p.yRange = 0...(top * 1.45)
            let x = lo + 0.03 * (hi - lo)
            p.add(.text("flagged: \(c.truePositives) bad, \(c.falsePositives) good", x: x, y: top * 1.36))
            p.add(.text("passed: \(c.falseNegatives) bad, \(c.trueNegatives) good", x: x, y: top * 1.24))
            caption += " Confusion matrix (\(result.metrics.continual != nil ? "continual" : "historical") runs): \(c.truePositives) bad runs flagged, \(c.falseNegatives) missed; \(c.falsePositives) good runs flagged, \(c.trueNegatives) passed."
        }
        fig.panels = [p]
        var data = CSVTable(header: ["lower_edge", "upper_edge", "good_density", "bad_density"])
        for i in 0..<nb { data.append([.number(edges[i]), .number(edges[i + 1]), .number(good[i]), .number(bad[i])]) }
        return FigureArtifact(stem: "\(stem)-score-distributions", title: "Score distributions", caption: caption,
                              alt: "Histograms of the scores of good and bad runs of \(name) with the threshold marked.",
                              figure: fig, data: data)
    }

    // MARK: (3) threshold scan

    /// The rows of the threshold scan worth writing: the metrics are step functions of T (they change only
    /// where T passes a historical run's score), so of the grid's thresholds only those where a value changes
    /// are kept, with the first and the last; each row's values hold from its threshold up to the next row's.
    /// The table stays exact — every grid point's values are those of the last row at or below it — at a
    /// tenth of the rows on a typical history.
    static func changeRows(_ scan: ThresholdScan) -> [Int] {
        let bands = [scan.sensitivity, scan.specificity, scan.balancedAccuracy]
        func same(_ i: Int, _ j: Int) -> Bool {
            bands.allSatisfy { $0.median[i] == $0.median[j] && $0.lower[i] == $0.lower[j] && $0.upper[i] == $0.upper[j] }
        }
        let last = scan.thresholds.count - 1
        return scan.thresholds.indices.filter { $0 == 0 || $0 == last || !same($0, $0 - 1) }
    }

    func thresholdScan(_ scan: ThresholdScan) -> FigureArtifact {
        var fig = Figure(width: FigurePalette.narrowWidth * 1.45, height: 3.2 * 72, title: "\(figureName): choosing the threshold")
        var p = Panel()
        p.xLabel = "threshold T on ln(χ²/ν)"
        p.yLabel = "rate on historical runs"
        p.yRange = 0...1.05
        let rows = Self.changeRows(scan)
        // Drawn as steps: each kept row's values from its threshold to the next row's (the last row only closes
        // the axis).
        let edges = rows.map { scan.thresholds[$0] }
        let held = rows.dropLast()
        func values(_ v: [Double?]) -> [Double] { held.map { v[$0] ?? .nan } }
        let series: [(String, BootstrapBand, Color)] = [
            ("sensitivity", scan.sensitivity, FigurePalette.bad),
            ("specificity", scan.specificity, FigurePalette.good),
            ("balanced accuracy", scan.balancedAccuracy, Color(hex: 0x000000)),
        ]
        for (_, band, color) in series {
            p.add(.stepBand(edges: edges, lower: values(band.lower), upper: values(band.upper), color: color))
        }
        for (label, band, color) in series {
            p.add(.stairs(edges: edges, values: values(band.median), label: label, color: color))
        }
        p.add(.vRule(x: scan.chosen, dashed: true, label: "chosen T = \(ReportFormat.typeset(ReportFormat.short(scan.chosen)))", color: FigurePalette.threshold))
        p.legend = .auto
        fig.panels = [p]
        var data = CSVTable(header: ["threshold", "sensitivity", "sensitivity_lo", "sensitivity_hi", "specificity",
                                     "specificity_lo", "specificity_hi", "balanced_accuracy", "balanced_accuracy_lo", "balanced_accuracy_hi"])
        func cell(_ v: Double?) -> CSVTable.Cell { v.map { .number($0) } ?? .missing }
        for i in rows {
            data.append([.number(scan.thresholds[i]), cell(scan.sensitivity.median[i]), cell(scan.sensitivity.lower[i]), cell(scan.sensitivity.upper[i]),
                         cell(scan.specificity.median[i]), cell(scan.specificity.lower[i]), cell(scan.specificity.upper[i]),
                         cell(scan.balancedAccuracy.median[i]), cell(scan.balancedAccuracy.lower[i]), cell(scan.balancedAccuracy.upper[i])])
        }
        return FigureArtifact(
            stem: "\(stem)-threshold-scan", title: "Threshold scan",
            caption: "Sensitivity, specificity and balanced accuracy on the historical runs as functions of T: bootstrap medians (lines) and 16–84 % bands over \(ThresholdScan.resamples) resamples. The chosen T maximises the median balanced accuracy.",
            alt: "Sensitivity, specificity and balanced accuracy versus threshold for \(name); the chosen threshold is \(ReportFormat.short(scan.chosen)).",
            figure: fig, data: data)
    }

    // MARK: (4) reference evolution

    /// Groups of runs per heat-map column: (first run, end run) with at most `maxHeatmapColumns` groups.
    /// A heat map's values kept as single precision, flat in row-major order (`rows × columns`, bins × run
    /// columns) in a `.npy` file beside the figure, and drawn from those very values, so the figure's spec
    /// references the file instead of repeating the numbers (docs/output.md). Single precision holds a
    /// reference fraction or a pull to 7 digits, more than a colour shows, at half the size of doubles.
    func stored(_ name: String, _ matrix: [[Double]]) -> (drawn: [[Double]], array: NumericArray) {
        let columns = matrix.first?.count ?? 0
        let array = NumericArray(name: name, shape: [matrix.count, columns], values: matrix.flatMap { $0 }, precision: .float32)
        let values = array.storedValues
        return ((0..<matrix.count).map { Array(values[($0 * columns)..<(($0 + 1) * columns)]) }, array)
    }

    /// The runs each heat-map column stands for, the table beside a map kept in `.npy` files.
    func columnTable(_ groups: [Range<Int>]) -> CSVTable {
        var table = CSVTable(header: ["column", "first_run", "last_run"])
        for (g, range) in groups.enumerated() {
            table.append([.integer(g), .text(runID(range.lowerBound)), .text(runID(range.upperBound - 1))])
        }
        return table
    }

    private var columnGroups: [Range<Int>] { Self.groups(of: result.runs, atMost: Self.maxHeatmapColumns) }

    /// The most heat-map rows drawn: bins are grouped into at most this many rows, so each keeps about three
    /// device pixels of a map panel's height. A TH2's 400 or 20 000 cells, one row each, would be thinner than a
    /// pixel, and drawing scales an image by picking pixels, so most rows — and a bad bin in them — would
    /// simply not be drawn.
    static let maxHeatmapRows = 100

    /// Groups of consecutive bins per heat-map row (one bin each when there are few enough).
    var rowGroups: [Range<Int>] { Self.groups(of: result.bins, atMost: Self.maxHeatmapRows) }

    /// `count` items cut into at most `limit` consecutive groups of equal size (the last may be shorter).
    static func groups(of count: Int, atMost limit: Int) -> [Range<Int>] {
        let step = max(1, (count + limit - 1) / limit)
        return stride(from: 0, to: count, by: step).map { $0..<min($0 + step, count) }
    }

    /// A bin axis's edges for grouped rows: each group from its first bin's lower edge.
    func rowEdges(_ groups: [Range<Int>]) -> [Double] {
        groups.map { binEdges[$0.lowerBound] } + [binEdges[result.bins]]
    }

    /// A heat map of one row per bin (`matrix[bin][column]`) as one row per group of bins: each cell the mean of
    /// its bins (μ and σ_μ per bin, so the colour bar keeps its unit); unchanged when every group is one bin.
    static func meanRows(_ matrix: [[Double]], _ groups: [Range<Int>]) -> [[Double]] {
        guard groups.count < matrix.count, let columns = matrix.first?.count else { return matrix }
        return groups.map { g in
            (0..<columns).map { c in g.reduce(0.0) { $0 + matrix[$1][c] } / Double(g.count) }
        }
    }

    /// A row-and-column group's summary in a pull map: the pull of largest magnitude, so a single bad run or
    /// bin is not averaged away (0 when none is finite).
    static func extreme(_ values: some Sequence<Double>) -> Double {
        var extreme = 0.0
        for v in values where v.isFinite && abs(v) > abs(extreme) { extreme = v }
        return extreme
    }

    func referenceEvolution() -> FigureArtifact {
        let t = result.trace
        let groups = columnGroups
        let axis = runAxis
        let xEdges = groups.map { axis[$0.lowerBound] - 0.5 } + [axis[result.runs - 1] + 0.5]
        var mu = [[Double]](repeating: [Double](repeating: .nan, count: groups.count), count: result.bins)
        var sigma = mu
        for (g, range) in groups.enumerated() {
            let r = range.lowerBound   // the reference before the group's first run
            for b in 0..<result.bins {
                mu[b][g] = t.referenceMu[r * result.bins + b]
                sigma[b][g] = t.referenceSigma[r * result.bins + b]
            }
        }
        let rows = rowGroups, yEdges = rowEdges(rows)
        let storedMu = stored("mu", Self.meanRows(mu, rows)), storedSigma = stored("sigma_mu", Self.meanRows(sigma, rows))
        mu = storedMu.drawn
        sigma = storedSigma.drawn
        var fig = Figure(width: FigurePalette.wideWidth, height: 4.6 * 72, title: "\(figureName): evolution of the reference")
        fig.rows(heightRatios: [1, 1], sharedX: true)
        fig.panels[0].yLabel = binAxisLabel
        fig.panels[0].title = "reference μ (fraction of events per bin)"
        fig.panels[0].add(.heatmap(mu, xEdges: xEdges, yEdges: yEdges, colorMap: .viridis, range: .auto, colorbarLabel: "μ"))
        fig.panels[1].xLabel = runAxisLabel
        fig.panels[1].xIntegers = true
        fig.panels[0].xIntegers = true
        fig.panels[1].yLabel = binAxisLabel
        fig.panels[1].title = "reference uncertainty σ_{μ}"
        fig.panels[1].add(.heatmap(sigma, xEdges: xEdges, yEdges: yEdges, colorMap: .viridis, range: .auto, colorbarLabel: "σ_{μ}"))
        var sampled = groups.first.map { $0.count > 1 ? " Shown every \($0.count) runs." : "" } ?? ""
        if let g = rows.first, g.count > 1 { sampled += " Each row is the mean of \(g.count) consecutive bins." }
        return FigureArtifact(
            stem: "\(stem)-reference-evolution", title: "Reference evolution",
            caption: "The reference μ (top) and its per-bin uncertainty σ_{μ} (bottom) before each run: it follows slow drifts and jumps after rapid changes, updated by good runs only.\(sampled)",
            alt: "Two heat maps over runs and bins of \(name): the reference histogram and its uncertainty as they evolve.",
            figure: fig, data: columnTable(groups), dataLabel: "runs of each column (CSV)",
            fullData: [storedMu.array, storedSigma.array])
    }

    // MARK: (5) run versus reference

    /// The runs a shifter looks at first: the worst, a typical good one, and up to two misclassified ones.
    var runsToShow: [(Int, String)] {
        // The worst run among the continual runs: the first runs are scored against the uniform initial
        // reference and would always "win".
        let t = result.trace
        let candidates = result.historicalCount < result.runs ? Array(result.historicalCount..<result.runs) : Array(0..<result.runs)
        let worst = candidates.filter { t.score[$0].isFinite }.max { t.score[$0] < t.score[$1] } ?? result.worstRun
        var list: [(Int, String)] = [(worst, "worst run")]
        if let typical = result.typicalGoodRun, typical != worst { list.append((typical, "typical good run")) }
        let missed = result.misclassifiedRuns.filter { r in !list.contains { $0.0 == r } }
        let falseAlarm = missed.filter { t.flagged[$0] }.max { t.score[$0] < t.score[$1] }
        let miss = missed.filter { !t.flagged[$0] }.min { t.score[$0] < t.score[$1] }
        if let falseAlarm { list.append((falseAlarm, "good run flagged")) }
        if let miss { list.append((miss, "bad run missed")) }
        return list
    }

    /// At most this many flagged runs of one input get their own overlay (for the run pages), worst first.
    static let maxFlaggedRunFigures = 200

    /// The flagged runs that get an overlay for their run page, worst first; examples already drawn are reused.
    var flaggedRunsToDraw: [Int] {
        let t = result.trace
        return result.flaggedRuns.sorted { t.score[$0] > t.score[$1] }.prefix(Self.maxFlaggedRunFigures).map { $0 }
    }

    /// The example runs on the input page, then every flagged run (worst first, up to `maxFlaggedRunFigures`)
    /// for the run pages (not repeated on the input page).
    func runVersusReference() -> [FigureArtifact] {
        let examples = runsToShow
        var figures = examples.map { run, role in runFigure(run: run, role: role) }
        for r in flaggedRunsToDraw where !examples.contains(where: { $0.0 == r }) {
            var f = runFigure(run: r, role: "flagged")
            f.onInputPage = false
            figures.append(f)
        }
        return figures
    }

    private func runName(_ r: Int) -> String { "run \(runID(r))" }

    /// The size (points) of a run against its reference, on the input page and in a run page's grid of the
    /// histograms that flagged it (AutoDQM's small multiples): 4.25 × 3 in, so a run page of many histograms
    /// stays light (a report holds one per flagged run and histogram: docs/performance.md) while the text still
    /// reads at the grid's column width.
    static let runFigureSize = (width: FigurePalette.narrowWidth * 1.25, height: 3.0 * 72)

    func runFigure(run r: Int, role: String) -> FigureArtifact {
        let t = result.trace
        let (x, sigmaX, integral, empty) = DinamoMonitor.normalise(Array(histograms.counts(ofRun: r)))
        let mu = Array(t.referenceMu(beforeRun: r))
        let sigmaMu = Array(t.referenceSigma(beforeRun: r))
        let pulls = Array(t.pulls(ofRun: r))
        let edges = binEdges
        let centres = (0..<result.bins).map { (edges[$0] + edges[$0 + 1]) / 2 }
        let labelText = labelOf(r).map { $0 == 0 ? "label good" : "label bad" } ?? "unlabelled"
        let verdict = reported(r) ? "flagged" : t.warmUp[r] ? "warm-up" : "passed"
        var fig = Figure(width: Self.runFigureSize.width, height: Self.runFigureSize.height,
                         title: "\(figureName), \(TextMarkup.escaped(runName(r))) (\(role)): score \(ReportFormat.typeset(ReportFormat.plain((t.score[r] * 100).rounded() / 100)))\(role == verdict ? "" : ", \(verdict)")")
        fig.rows(heightRatios: [2.6, 1], sharedX: true)
        fig.panels[0].yLabel = "fraction of events"
        // The reference as steps: each bin's μ ± σ_μ held flat across the bin, μ drawn thin over it.
        fig.panels[0].add(.stepBand(edges: edges, lower: zip(mu, sigmaMu).map { $0 - $1 }, upper: zip(mu, sigmaMu).map { $0 + $1 },
                                    label: "reference μ ± σ_{μ}", color: FigurePalette.reference))
        fig.panels[0].add(.stairs(edges: edges, values: mu, color: FigurePalette.reference, width: 0.8))
        fig.panels[0].add(.stairs(edges: edges, values: x, errors: sigmaX, label: "\(TextMarkup.escaped(runName(r))) x ± σ_{x}", color: FigurePalette.observed))
        fig.panels[1].xLabel = result.binEdges == nil ? "bin" : "observable"
        fig.panels[1].yLabel = "pull"
        let maxPull = pulls.filter(\.isFinite).map(abs).max() ?? 1
        let bound = max(3.5, min(maxPull * 1.1, 50))
        fig.panels[1].yRange = -bound...bound
        fig.panels[1].add(.hRule(y: 0, dashed: false, color: FigurePalette.threshold))
        fig.panels[1].add(.hRule(y: 3, dashed: true, color: FigurePalette.unknown))
        fig.panels[1].add(.hRule(y: -3, dashed: true, color: FigurePalette.unknown))
        fig.panels[1].add(.bars(x: centres, heights: pulls.map { max(-bound, min(bound, $0)) },
                                width: (edges[1] - edges[0]) * 0.85, color: reported(r) ? FigurePalette.bad : FigurePalette.good))
        fig.panels[1].legend = .none
        var data = CSVTable(header: ["bin", "lower_edge", "upper_edge", "x", "sigma_x", "mu", "sigma_mu", "pull"])
        // Edges only when the input names them (as in `<name>-reference.csv`); else the bin index says it all.
        let edgeCell: (Int) -> CSVTable.Cell = { i in result.binEdges == nil ? .missing : .number(edges[i]) }
        for b in 0..<result.bins {
            data.append([.integer(b), edgeCell(b), edgeCell(b + 1), .number(x[b]), .number(sigmaX[b]),
                         .number(mu[b]), .number(sigmaMu[b]), .number(pulls[b])])
        }
        let safeRole = role.replacingOccurrences(of: " ", with: "-")
        return FigureArtifact(
            stem: "\(stem)-run-\(sanitizedFileStem(runID(r)))-\(safeRole)", run: runID(r), title: "\(runName(r).prefix(1).uppercased() + runName(r).dropFirst()) against the reference (\(role))",
            caption: "The run's normalised histogram x ± σ_{x} (\(Int(integral)) events\(empty ? ", empty" : ""); \(labelText), \(verdict)) over the reference band μ ± σ_{μ} it was scored against; beneath, the pulls (x − μ)/σ per bin with ±3 marked.",
            alt: "Histogram of \(runName(r)) of \(name) over the reference band, with per-bin pulls beneath; largest pull \(ReportFormat.plain((maxPull * 10).rounded() / 10)).",
            figure: fig, data: data)
    }

    // MARK: (6) pull map

    func pullMap() -> FigureArtifact {
        let t = result.trace
        let groups = columnGroups
        let axis = runAxis
        let xEdges = groups.map { axis[$0.lowerBound] - 0.5 } + [axis[result.runs - 1] + 0.5]
        // A column that stands for several runs shows the pull of largest magnitude among them, so a
        // single bad run is not averaged away.
        // Likewise a row that stands for several bins.
        let rows = rowGroups
        var map = [[Double]](repeating: [Double](repeating: .nan, count: groups.count), count: rows.count)
        for (g, range) in groups.enumerated() {
            for (k, bins) in rows.enumerated() {
                map[k][g] = Self.extreme(range.lazy.flatMap { r in bins.lazy.map { t.pulls[r * result.bins + $0] } })
            }
        }
        let storedPulls = stored("pull", map)
        map = storedPulls.drawn
        var fig = Figure(width: FigurePalette.wideWidth, height: 3.0 * 72, title: "\(figureName): pulls per run and bin")
        var p = Panel()
        p.xLabel = runAxisLabel
        p.xIntegers = true
        p.yLabel = binAxisLabel
        p.add(.heatmap(map, xEdges: xEdges, yEdges: rowEdges(rows), colorMap: .diverging, range: .symmetricClipped(5),
                       colorbarLabel: "pull (x − μ)/σ"))
        fig.panels = [p]
        let perColumn = groups.first?.count ?? 1, perRow = rows.first?.count ?? 1
        let grouped = perColumn > 1 || perRow > 1
            ? " Each cell stands for \([perColumn > 1 ? "\(perColumn) runs" : nil, perRow > 1 ? "\(perRow) bins" : nil].compactMap { $0 }.joined(separator: " × ")) and shows the pull of largest magnitude among them."
            : ""
        return FigureArtifact(
            stem: "\(stem)-pull-map", title: "Pull map",
            caption: "Bin-wise pulls (x − μ)/σ of every run against its reference, clipped at ±5: red bins have more events than the reference, blue fewer.\(grouped)",
            alt: "Heat map of the pulls of \(name) over runs and bins on a diverging colour scale.",
            figure: fig, data: columnTable(groups), dataLabel: "runs of each column (CSV)", fullData: [storedPulls.array])
    }

    // MARK: (7) α scan

    func alphaScan(_ scan: AlphaScan) -> FigureArtifact {
        var fig = Figure(width: FigurePalette.narrowWidth * 1.45, height: 3.0 * 72, title: "\(figureName): choosing α")
        var p = Panel()
        p.xLabel = "α (weight of the past)"
        p.yLabel = "ROC AUC on historical runs"
        p.add(.line(x: scan.alphas, y: scan.rocAUC.map { $0 ?? .nan }, label: "ROC AUC", color: FigurePalette.good))
        p.add(.vRule(x: scan.chosen, dashed: true, label: "chosen α = \(ReportFormat.typeset(ReportFormat.short(scan.chosen)))", color: FigurePalette.threshold))
        fig.panels = [p]
        var data = CSVTable(header: ["alpha", "roc_auc"])
        for i in scan.alphas.indices { data.append([.number(scan.alphas[i]), scan.rocAUC[i].map { .number($0) } ?? .missing]) }
        return FigureArtifact(
            stem: "\(stem)-alpha-scan", title: "α scan",
            caption: "ROC AUC of the score on the historical runs for each α on a 0.01 grid; the chosen α maximises it.",
            alt: "ROC AUC versus alpha for \(name); the chosen alpha is \(ReportFormat.short(scan.chosen)).",
            figure: fig, data: data)
    }

    // MARK: (8) metrics vs α (generated data, α auto)

    /// The published scan of the method's quality against α (`scripts/run_dinamo_s_metrics_vs_alpha.py`):
    /// balanced accuracy, adaptivity index, steps to adapt and Jaccard distance per α, historical and continual.
    func metricsVsAlpha(_ scan: MetricsVsAlpha) -> FigureArtifact {
        var fig = Figure(width: FigurePalette.wideWidth, height: 4.8 * 72, title: "\(figureName): metrics versus α (known truth)")
        fig.grid(rows: 2, columns: 2, sharedX: true)
        let alphas = scan.alphas
        let panels: [(String, (Double?, Double?, RegimeTruthMetrics, RegimeTruthMetrics) -> (Double?, Double?))] = [
            ("balanced accuracy", { h, c, _, _ in (h, c) }),
            ("adaptivity index", { _, _, h, c in (h.adaptivityIndex, c.adaptivityIndex) }),
            ("steps to adapt", { _, _, h, c in (h.meanStepsToAdapt, c.meanStepsToAdapt) }),
            ("Jaccard distance", { _, _, h, c in (h.jaccardDistance, c.jaccardDistance) }),
        ]
        var columns: [[(Double?, Double?)]] = []
        for (k, (title, value)) in panels.enumerated() {
            let v = scan.points.map { value($0.balancedAccuracyHistorical, $0.balancedAccuracyContinual,
                                            $0.truth.historical, $0.truth.continual) }
            columns.append(v)
            // The quantity as the panel's title, not a y label: a long label would set the least height of a row.
            fig.panels[k].title = title
            if k >= 2 { fig.panels[k].xLabel = "α (weight of the past)" }
            // One legend, in the first panel: the colours mean the same in all four.
            fig.panels[k].add(.line(x: alphas, y: v.map { $0.0 ?? .nan }, label: k == 0 ? "historical" : nil, color: FigurePalette.reference))
            fig.panels[k].add(.line(x: alphas, y: v.map { $0.1 ?? .nan }, label: k == 0 ? "continual" : nil, color: FigurePalette.good))
            fig.panels[k].add(.vRule(x: result.alpha, dashed: true,
                                     label: k == 0 ? "chosen α = \(ReportFormat.typeset(ReportFormat.short(result.alpha)))" : nil,
                                     color: FigurePalette.threshold))
        }
        var data = CSVTable(header: ["alpha", "threshold", "balanced_accuracy_historical", "balanced_accuracy_continual",
                                     "adaptivity_index_historical", "adaptivity_index_continual",
                                     "steps_to_adapt_historical", "steps_to_adapt_continual",
                                     "jaccard_distance_historical", "jaccard_distance_continual"])
        func cell(_ x: Double?) -> CSVTable.Cell { x.flatMap { $0.isFinite ? CSVTable.Cell.number($0) : nil } ?? .missing }
        for (i, p) in scan.points.enumerated() {
            data.append([.number(p.alpha), .number(p.threshold)] + columns.flatMap { [cell($0[i].0), cell($0[i].1)] })
        }
        return FigureArtifact(
            stem: "\(stem)-metrics-vs-alpha", title: "metrics versus α",
            caption: "With the generator's truth: for every α on a 0.01 grid the monitor runs over all runs (true labels drive "
                + "the updates) and T is chosen on the historical runs; balanced accuracy, adaptivity index, steps to adapt and "
                + "the Jaccard distance of the reference band, historical and continual runs. Dashed: the α chosen by the "
                + "published objective |AUC − 0.5| + 0.5.",
            alt: "Four panels of quality metrics versus alpha for \(name), historical and continual runs; the chosen alpha "
                + "\(ReportFormat.short(result.alpha)) is marked.",
            figure: fig, data: data)
    }
}
