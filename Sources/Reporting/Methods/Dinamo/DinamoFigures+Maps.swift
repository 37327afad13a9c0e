import Dinamo
import Inputs
import Plotting

/// Run-versus-reference figures of a TH2 input (monitored flattened, ν = nx · ny): three maps over the
/// histogram's own x/y edges — the run's normalised contents x, the reference μ it was scored against, and the
/// pulls (x − μ)/σ — instead of a line over ν bins that no eye can read.
///
/// The maps share their axes (tick labels on the left and bottom edges only) and the run and the reference share
/// one colour bar; the frames are shaped so that the histogram's cells are square-ish (`cellAspect`). Side by side
/// at the built width; where three do not fit (a paper's column) `Figure.styled` sets them two and one beneath.
extension DinamoFigures {
    /// A map frame's height over its width: the y bins over the x bins, so each cell is square, within 1:2
    /// and 2:1 (a 100 × 4 histogram would otherwise be a sliver).
    static func cellAspect(_ grid: HistogramGrid) -> Double {
        min(2, max(0.5, Double(grid.ny) / Double(max(1, grid.nx))))
    }

    /// As `runVersusReference`, drawn as maps: the examples on the input page, then every flagged run for the
    /// run pages.
    func runVersusReferenceMaps(_ grid: HistogramGrid) -> [FigureArtifact] {
        let examples = runsToShow
        var figures = examples.map { run, role in runMapFigure(run: run, role: role, grid: grid) }
        for r in flaggedRunsToDraw where !examples.contains(where: { $0.0 == r }) {
            var f = runMapFigure(run: r, role: "flagged", grid: grid)
            f.onInputPage = false
            figures.append(f)
        }
        return figures
    }

    /// The most cells per axis a run's map draws: each of the figure's three panels is about 120 points wide
    /// (240 device pixels at 144 dpi), so a finer grid would lose cells to the image scaling. A larger TH2 is
    /// drawn in blocks of cells — x and μ their mean (fractions per cell, as the colour bar says), the pulls the
    /// one of largest magnitude, so a hot cell is not averaged away — and its full numbers are kept beside the
    /// figure as `.npy` arrays instead of a CSV of every cell.
    static let maxMapCellsPerAxis = 100

    func runMapFigure(run r: Int, role: String, grid: HistogramGrid) -> FigureArtifact {
        let t = result.trace
        let (x, sigmaX, integral, empty) = DinamoMonitor.normalise(Array(histograms.counts(ofRun: r)))
        let mu = Array(t.referenceMu(beforeRun: r))
        let sigmaMu = Array(t.referenceSigma(beforeRun: r))
        let pulls = Array(t.pulls(ofRun: r))
        let runText = "run \(runID(r))"
        let name = TextMarkup.escaped(result.name)
        let verdict = reported(r) ? "flagged" : t.warmUp[r] ? "warm-up" : "passed"
        let labelText = (result.labels?[r] ?? nil).map { $0 == 0 ? "label good" : "label bad" } ?? "unlabelled"
        let score = ReportFormat.typeset(ReportFormat.plain((t.score[r] * 100).rounded() / 100))
        var fig = Figure(width: FigurePalette.wideWidth, height: 2.9 * 72,
                         title: "\(name), \(TextMarkup.escaped(runText)) (\(role)): score \(score)\(role == verdict ? "" : ", \(verdict)")")
        fig.grid(rows: 1, columns: 3, sharedX: true, sharedY: true)
        let xBlocks = Self.groups(of: grid.nx, atMost: Self.maxMapCellsPerAxis)
        let yBlocks = Self.groups(of: grid.ny, atMost: Self.maxMapCellsPerAxis)
        let blocked = xBlocks.count < grid.nx || yBlocks.count < grid.ny
        // The drawn grid: each block's cells (flat index i · ny + j), summarised; one cell per block when small.
        func drawn(_ values: [Double], _ summary: ([Double]) -> Double) -> [Double] {
            xBlocks.flatMap { xs in yBlocks.map { ys in summary(xs.flatMap { i in ys.map { values[i * grid.ny + $0] } }) } }
        }
        let mean: ([Double]) -> Double = { $0.reduce(0, +) / Double($0.count) }
        let cleanPulls = pulls.map { $0.isFinite ? $0 : .nan }
        let shownX = blocked ? drawn(x, mean) : x, shownMu = blocked ? drawn(mu, mean) : mu
        let shownPulls = blocked ? drawn(pulls) { Self.extreme($0) } : cleanPulls
        let shownGrid = HistogramGrid(xEdges: xBlocks.map { grid.xEdges[$0.lowerBound] } + [grid.xEdges[grid.nx]],
                                      yEdges: yBlocks.map { grid.yEdges[$0.lowerBound] } + [grid.yEdges[grid.ny]])
        let finite = (shownX + shownMu).filter(\.isFinite)
        let top = max(finite.max() ?? 1, 1e-12)
        let panels: [(String, [Double], ColorMap, ColorRange, String)] = [
            // A short colour-bar label: its length sets the least height of the maps.
            ("run x", shownX, .viridis, .fixed(0, top), "fraction"),
            ("reference μ", shownMu, .viridis, .fixed(0, top), "fraction"),
            ("pull (x − μ)/σ", shownPulls, .diverging, .symmetricClipped(5), "pull"),
        ]
        for (k, (title, values, map, range, bar)) in panels.enumerated() {
            fig.panels[k].title = title
            fig.panels[k].xLabel = "x"
            fig.panels[k].yLabel = "y"   // shown where the panel's tick labels are (sharedY)
            fig.panels[k].add(.heatmap(shownGrid.rows(values), xEdges: shownGrid.xEdges, yEdges: shownGrid.yEdges, colorMap: map,
                                       range: range, colorbarLabel: bar))
        }
        fig = fig.fittingFrames(aspect: Self.cellAspect(shownGrid))
        var data: CSVTable
        var full: [NumericArray] = []
        if blocked {
            // The blocks as drawn, and every cell's numbers whole in `.npy` files (nx × ny, x outermost).
            data = CSVTable(header: ["ix_first", "ix_last", "iy_first", "iy_last", "x", "mu", "pull"])
            var b = 0
            for xs in xBlocks {
                for ys in yBlocks {
                    data.append([.integer(xs.lowerBound), .integer(xs.upperBound - 1), .integer(ys.lowerBound), .integer(ys.upperBound - 1),
                                 .number(shownX[b]), .number(shownMu[b]), .number(shownPulls[b])])
                    b += 1
                }
            }
            full = [("x", x), ("sigma_x", sigmaX), ("mu", mu), ("sigma_mu", sigmaMu), ("pull", pulls)].map { name, values in
                NumericArray(name: name, shape: [grid.nx, grid.ny], values: values,
                             label: "\(name) of every cell (\(grid.nx) × \(grid.ny), .npy)")
            }
        } else {
            data = CSVTable(header: ["ix", "iy", "x_low", "x_high", "y_low", "y_high", "x", "sigma_x", "mu", "sigma_mu", "pull"])
            for i in 0..<grid.nx {
                for j in 0..<grid.ny {
                    let b = i * grid.ny + j
                    data.append([.integer(i), .integer(j), .number(grid.xEdges[i]), .number(grid.xEdges[i + 1]),
                                 .number(grid.yEdges[j]), .number(grid.yEdges[j + 1]), .number(x[b]), .number(sigmaX[b]),
                                 .number(mu[b]), .number(sigmaMu[b]), .number(pulls[b])])
                }
            }
        }
        let blocks = blocked ? " Drawn in blocks of \(xBlocks[0].count) × \(yBlocks[0].count) cells (x and μ their mean, the pull the largest); every cell's numbers are in the .npy files." : ""
        let maxPull = pulls.filter(\.isFinite).map(abs).max() ?? 0
        let safeRole = role.replacingOccurrences(of: " ", with: "-")
        return FigureArtifact(
            stem: "\(stem)-run-\(sanitizedFileStem(runID(r)))-\(safeRole)", run: runID(r),
            title: "\(runText.prefix(1).uppercased() + runText.dropFirst()) against the reference (\(role))",
            caption: "A two-dimensional histogram (\(grid.nx) × \(grid.ny) bins, monitored flattened): the run's normalised contents x (\(Int(integral)) events\(empty ? ", empty" : ""); \(labelText), \(verdict)), the reference μ it was scored against on the same colour scale, and the pulls (x − μ)/σ per cell, clipped at ±5.\(blocks)",
            alt: "Three maps of \(runText) of \(result.name): the run, the reference and the pulls; largest pull \(ReportFormat.plain((maxPull * 10).rounded() / 10)).",
            figure: fig, data: data, fullData: full)
    }
}
