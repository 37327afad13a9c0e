import Inputs
import MonteCarloEM
import Core
import Plotting

/// The MC-EM figures (docs/figures.md) for one series, each with the numbers it shows.
struct McemFigures {
    /// Each approach's colour (Okabe–Ito, as the shared palette), the same in every figure. The baseline is
    /// reddish purple, not grey: a grey band would read as the grey truth spans.
    static func color(_ approach: Approach) -> Color {
        switch approach {
        case .baseline: return Color(hex: 0xCC79A7)
        case .topk: return Color(hex: 0xE69F00)
        case .mixture: return Color(hex: 0x009E73)
        case .hmm: return Color(hex: 0x0072B2)
        }
    }

    var name: String
    var stem: String
    var values: [Double]
    var labels: [Bool]?
    var results: [ApproachResult]
    /// Seconds since 1970 UTC per point, in file order, when every time of the input parses (`SeriesTimes`; a
    /// step back or a repeat keeps them, docs/inputs.md#time-columns); the time axes then read as dates, else as
    /// point indices.
    var dates: [Double]? = nil
    /// The warm-up points 0..<warmUp, scored but never flagged (`ApproachResult.warmUp`), shaded in the figures.
    var warmUp: Int { results.map(\.warmUp).max() ?? 0 }
    /// The warm-up's shading: Okabe–Ito yellow, apart from the grey truth spans.
    static let warmUpColor = Color(hex: 0xF0E442).opacity(0.35)

    /// The `timestamp` cell of point `i` in the data files: ISO-8601 UTC (docs/output.md), empty without dates.
    private func timeCell(_ i: Int) -> CSVTable.Cell {
        dates.map { .text(Timestamp.iso8601($0[i])) } ?? .missing
    }

    func all() -> [FigureArtifact] {
        var figures: [FigureArtifact] = []
        for r in results {
            figures.append(seriesFigure(r))
            if let zoom = zoomFigure(r) { figures.append(zoom) }
        }
        figures.append(trainingLoss())
        if let hmm = results.first(where: { $0.approach == .hmm }), let transitions = hmm.transitionsPerEpoch, !transitions.isEmpty {
            figures.append(hmmTransitions(transitions))
        }
        if let labels, labels.contains(true), labels.contains(false) { figures.append(rocAndPrecisionRecall(labels)) }
        if results.count > 1 { figures.append(stackedScores()) }
        return figures
    }

    private var t: [Double] { dates ?? values.indices.map(Double.init) }
    private var timeLabel: String { dates != nil ? "time (UTC)" : "t (index)" }
    private var segments: [Range<Int>] { labels.map(DetectionMetrics.segments) ?? [] }
    /// Above this many points the overview leaves the forecast band to the zoomed panels (it would hide the series).
    static let bandPointLimit = 2000

    /// The x of the boundary before point `i` (0…n): halfway between neighbours, half a step beyond the ends.
    private func boundary(_ i: Int) -> Double {
        guard let dates, dates.count > 1 else { return Double(i) - 0.5 }
        if i <= 0 { return dates[0] - (dates[1] - dates[0]) / 2 }
        if i >= dates.count { return dates[dates.count - 1] + (dates[dates.count - 1] - dates[dates.count - 2]) / 2 }
        return (dates[i - 1] + dates[i]) / 2
    }

    /// A panel on this series' time axis (dates when the input has timestamps).
    private func timePanel() -> Panel {
        var p = Panel()
        p.xIsTime = dates != nil
        return p
    }

    /// The x extent of the points `lo..<hi` from boundary to boundary, lower end first even where the time steps
    /// back inside them.
    private func extent(_ lo: Int, _ hi: Int) -> (Double, Double) {
        var a = min(boundary(lo), boundary(hi)), b = max(boundary(lo), boundary(hi))
        if let dates, lo < hi {
            for d in dates[max(0, lo)..<min(hi, dates.count)] { a = min(a, d); b = max(b, d) }
        }
        return (a, b)
    }

    /// Shades the true anomalies; `labelled` puts them in the legend (once per figure is enough).
    private func addTruth(_ panel: inout Panel, labelled: Bool = true) {
        for (i, s) in segments.enumerated() {
            let (a, b) = extent(s.lowerBound, s.upperBound)
            panel.add(.span(from: a, to: b, label: labelled && i == 0 ? "true anomaly" : nil))
        }
    }

    /// Shades the warm-up (docs/methods/mcem.md#8-what-is-never-flagged); `labelled` names it in the legend.
    private func addWarmUp(_ panel: inout Panel, labelled: Bool = true) {
        guard warmUp > 0 else { return }
        let (a, b) = extent(0, warmUp)
        panel.add(.span(from: a, to: b, label: labelled ? "warm-up (never flagged)" : nil, color: Self.warmUpColor))
    }

    static func scoreName(_ a: Approach) -> String {
        switch a {
        case .mixture, .hmm: return "p(anomaly)"
        case .topk, .baseline: return "score"   // short: a y label's length sets the least height of its row
        }
    }

    // MARK: (1) series, prediction, variance band, posterior

    func seriesFigure(_ r: ApproachResult) -> FigureArtifact {
        let a = r.approach.rawValue
        var fig = Figure(width: FigurePalette.wideWidth, height: 4.2 * 72, title: "\(TextMarkup.escaped(name)): \(a) — forecast and anomaly \(r.posterior != nil ? "posterior" : "score")")
        fig.rows(heightRatios: [2.2, 1], sharedX: true)
        let t = self.t
        var top = timePanel()
        top.yLabel = "value"
        addWarmUp(&top)
        addTruth(&top)
        let showBand = r.scale != nil && values.count <= Self.bandPointLimit
        if let scale = r.scale, showBand {
            top.add(.band(x: t, lower: zip(r.mean, scale).map { $0 - 2 * $1 }, upper: zip(r.mean, scale).map { $0 + 2 * $1 },
                          label: "mean ± 2 scale", color: Self.color(r.approach).opacity(0.18)))
        }
        top.add(.line(x: t, y: r.mean, label: "mean forecast", color: Self.color(r.approach), width: 0.8))
        top.add(.line(x: t, y: values, label: "series", color: FigurePalette.observed, width: 0.6))
        var bottom = timePanel()
        bottom.xLabel = timeLabel
        bottom.yLabel = Self.scoreName(r.approach)
        addWarmUp(&bottom, labelled: false)
        addTruth(&bottom, labelled: false)   // the panel above already names the shading
        if r.posterior != nil {
            bottom.yRange = -0.03...1.05
            bottom.add(.hRule(y: 0.5, dashed: true, color: FigurePalette.threshold))
        } else if r.approach == .topk {
            bottom.yScale = .log   // topk's residuals span decades
        }
        // mixture/hmm: the panel shows the posterior (on 0…1), their flag; the score is in the data file.
        let shown = r.posterior ?? r.score
        bottom.add(.line(x: t, y: shown, color: Self.color(r.approach), width: 0.9))
        if !r.flagged.isEmpty {
            bottom.add(.scatter(x: r.flagged.map { t[$0] }, y: r.flagged.map { shown[$0] }, label: "flagged (\(r.flagged.count))",
                                color: FigurePalette.bad, radius: 1.8))
        }
        bottom.legend = r.flagged.isEmpty ? .none : .auto
        fig.panels = [top, bottom]
        // data/<name>-<approach>.csv (docs/output.md), the figure's own data file.
        // `score` is what every metric ranks by (`AnomalyScore`); mixture/hmm add their posterior.
        var data = CSVTable(header: ["t", "timestamp", "value", "label", "mean", "scale", "score"] + (r.posterior != nil ? ["posterior"] : []))
        for i in values.indices {
            var row: [CSVTable.Cell] = [.integer(i), timeCell(i), .number(values[i]), labels.map { .integer($0[i] ? 1 : 0) } ?? .missing,
                                        .number(r.mean[i]), r.scale.map { .number($0[i]) } ?? .missing, .number(r.score[i])]
            if let p = r.posterior { row.append(.number(p[i])) }
            data.append(row)
        }
        let what: String
        switch r.approach {
        case .mixture: what = "the posterior p(anomaly) of the mixture model, averaged over the Monte Carlo samples"
        case .hmm: what = "the posterior p(anomaly) of the two-state HMM by forward–backward, averaged over the Monte Carlo samples"
        case .topk: what = "the score, |residual| plus the largest |residual| nearby (log scale), of the forecaster trained with its k largest errors masked; those k points are flagged"
        case .baseline: what = "the score, |residual| plus the largest |residual| nearby, of the forecaster trained on every point"
        }
        return FigureArtifact(
            stem: "\(stem)-\(a)", title: "\(a): forecast and \(r.posterior != nil ? "posterior" : "score")",
            caption: "Top: the series, the mean forecast\(showBand ? " and its ±2 scale band" : "")\(segments.isEmpty ? "" : ", with the true anomalies shaded")\(warmUp > 0 ? "; the first \(warmUp) points (yellow) are the warm-up, scored but never flagged" : "")\(r.scale != nil && !showBand ? " (the band is in the zoomed figure: at \(values.count) points it would hide the series)" : ""). Bottom, on the same time axis: \(what); \(r.flagged.count) points flagged.",
            alt: "Time series \(name) of \(values.count) points with the \(a) forecast and, beneath, the anomaly \(r.posterior != nil ? "posterior" : "score"); \(r.flagged.count) points flagged.",
            figure: fig, data: data, dataLabel: "\(a) per point")
    }

    // MARK: (1b) zoomed panels

    /// One zoomed stretch of the series: why it is shown and its points.
    struct ZoomWindow: Equatable {
        var title: String
        var points: Range<Int>
    }

    /// Up to four stretches worth a close look: the labelled windows first (at most two), then the highest-scoring
    /// points not already shown, each with `width` points around it (at least 3× the labelled window's length).
    static func zoomWindows(score: [Double], segments: [Range<Int>], width: Int) -> [ZoomWindow] {
        let n = score.count
        guard n > 0 else { return [] }
        func around(_ r: Range<Int>, _ w: Int) -> Range<Int> {
            let w = min(n, max(w, 3 * r.count))
            let lo = min(max(0, (r.lowerBound + r.upperBound) / 2 - w / 2), n - w)
            return lo..<(lo + w)
        }
        var out: [ZoomWindow] = []
        // The first two labelled windows whose zoom does not repeat one already shown (nearby windows share one).
        for s in segments where out.count < 2 {
            let w = around(s, width)
            guard !out.contains(where: { $0.points.overlaps(w) && $0.points.contains(s.lowerBound) }) else { continue }
            out.append(ZoomWindow(title: "labelled window \(out.count + 1)", points: w))
        }
        let order = score.indices.filter { score[$0].isFinite }.sorted { score[$0] != score[$1] ? score[$0] > score[$1] : $0 < $1 }
        var rank = 0
        for k in order where out.count < 4 {
            guard !out.contains(where: { $0.points.contains(k) }) else { continue }
            rank += 1
            out.append(ZoomWindow(title: "highest score \(rank)", points: around(k..<(k + 1), width)))
        }
        return out
    }

    /// The series, forecast band and flags in up to four zoomed panels (see `zoomWindows`); nil for short
    /// series, where the overview already shows every point.
    func zoomFigure(_ r: ApproachResult) -> FigureArtifact? {
        let n = values.count
        guard n > 400 else { return nil }
        let a = r.approach.rawValue
        let width = min(max(n / 25, 60), 600)
        let windows = Self.zoomWindows(score: r.score, segments: segments, width: width)
        guard !windows.isEmpty else { return nil }
        let t = self.t
        var fig = Figure(width: FigurePalette.wideWidth, height: (windows.count > 2 ? 4.6 : 2.6) * 72,
                         title: "\(TextMarkup.escaped(name)): \(a) — zoomed on the labelled windows and the highest scores")
        fig.grid(rows: (windows.count + 1) / 2, columns: min(2, windows.count))
        let flaggedSet = Set(r.flagged)
        var data = CSVTable(header: ["panel", "title", "first_t", "last_t"])
        for (i, w) in windows.enumerated() {
            var p = timePanel()
            p.title = w.title
            let xs = Array(t[w.points]), ys = Array(values[w.points]), ms = Array(r.mean[w.points])
            let (lo, hi) = extent(w.points.lowerBound, w.points.upperBound)
            p.xRange = lo...hi
            for (k, s) in segments.filter({ $0.overlaps(w.points) }).enumerated() {
                let c = s.clamped(to: w.points)
                let (a, b) = extent(c.lowerBound, c.upperBound)
                p.add(.span(from: a, to: b, label: i == 0 && k == 0 ? "true anomaly" : nil))
            }
            if let scale = r.scale {
                let sc = Array(scale[w.points])
                p.add(.band(x: xs, lower: zip(ms, sc).map { $0 - 2 * $1 }, upper: zip(ms, sc).map { $0 + 2 * $1 },
                            label: i == 0 ? "mean ± 2 scale" : nil, color: Self.color(r.approach).opacity(0.22)))
            }
            p.add(.line(x: xs, y: ms, label: i == 0 ? "mean forecast" : nil, color: Self.color(r.approach), width: 0.9))
            p.add(.line(x: xs, y: ys, label: i == 0 ? "series" : nil, color: FigurePalette.observed, width: 0.7))
            let flagged = w.points.filter { flaggedSet.contains($0) }
            if !flagged.isEmpty {
                p.add(.scatter(x: flagged.map { t[$0] }, y: flagged.map { values[$0] }, label: "flagged", color: FigurePalette.bad, radius: 1.6))
            }
            p.legend = i == 0 ? .auto : .none
            if i >= windows.count - 2 { p.xLabel = timeLabel }
            if i % 2 == 0 { p.yLabel = "value" }
            fig.panels[i] = p
            data.append([.integer(i + 1), .text(w.title), .integer(w.points.lowerBound), .integer(w.points.upperBound - 1)])
        }
        if fig.panels.count > windows.count { fig.panels.removeLast(fig.panels.count - windows.count) }
        return FigureArtifact(
            stem: "\(stem)-\(a)-zoom", title: "\(a): zoomed",
            caption: "The series (black) and the \(a) mean forecast\(r.scale != nil ? " with its ±2 scale band" : "") around \(segments.isEmpty ? "" : "the labelled windows and ")the points of highest score not already shown, \(width) points each\(segments.isEmpty ? "" : ", true anomalies shaded"); flagged points marked.",
            alt: "Zoomed views of \(name) around \(windows.map(\.title).joined(separator: ", ")) with the \(a) forecast.",
            figure: fig, data: data, dataLabel: "zoom windows")
    }

    // MARK: (2) training loss

    func trainingLoss() -> FigureArtifact {
        var fig = Figure(width: FigurePalette.wideWidth, height: (results.count > 2 ? 4.0 : 2.4) * 72, title: "\(TextMarkup.escaped(name)): training loss per epoch")
        let columns = min(2, results.count)
        // Each panel keeps its own epoch axis: the approaches stop after different numbers of epochs.
        fig.grid(rows: (results.count + 1) / 2, columns: columns)
        var data = CSVTable(header: ["approach", "epoch", "loss"])
        for (i, r) in results.enumerated() {
            var p = Panel()
            // The loss's name in the title, a short y label: a long one would set the least height of every row.
            p.title = "\(r.approach.rawValue): \(r.approach == .topk ? "mean squared error" : "Gaussian NLL")"
            p.xLabel = "epoch"
            p.yLabel = "loss"
            let epochs = r.lossPerEpoch.indices.map { Double($0 + 1) }
            p.add(.line(x: epochs, y: r.lossPerEpoch, color: Self.color(r.approach)))
            if r.approach == .topk && (r.lossPerEpoch.min() ?? 0) > 0 { p.yScale = .log }
            p.legend = .none
            fig.panels[i] = p
            for (e, loss) in r.lossPerEpoch.enumerated() { data.append([.text(r.approach.rawValue), .integer(e + 1), .number(loss)]) }
        }
        if fig.panels.count > results.count { fig.panels.removeLast(fig.panels.count - results.count) }
        return FigureArtifact(
            stem: "\(stem)-training-loss", title: "Training loss",
            caption: "Mean training loss per epoch for each approach (mixture and hmm: over the Monte Carlo samples, masked where a point was sampled as anomalous).",
            alt: "Training loss per epoch of \(results.map(\.approach.rawValue).joined(separator: ", ")) on \(name).",
            figure: fig, data: data)
    }

    // MARK: (3) HMM transitions

    func hmmTransitions(_ transitions: [Transitions]) -> FigureArtifact {
        var fig = Figure(width: FigurePalette.narrowWidth * 1.45, height: 3.0 * 72, title: "\(TextMarkup.escaped(name)): HMM transition probabilities")
        var p = Panel()
        p.xLabel = "epoch"
        p.yLabel = "transition probability"
        p.yRange = 0...1.05
        let epochs = transitions.indices.map { Double($0) }
        p.add(.line(x: epochs, y: transitions.map(\.normalToAnomalous), label: "normal → anomalous", color: FigurePalette.bad))
        p.add(.line(x: epochs, y: transitions.map(\.anomalousToNormal), label: "anomalous → normal", color: FigurePalette.good))
        if let labels, !labels.isEmpty {
            let rate = Double(segments.count) / Double(max(1, labels.filter { !$0 }.count))
            if rate > 0 { p.add(.hRule(y: rate, dashed: true, label: "segment starts per normal point", color: FigurePalette.threshold)) }
        }
        fig.panels = [p]
        var data = CSVTable(header: ["epoch", "normal_to_anomalous", "anomalous_to_normal"])
        for (e, tr) in transitions.enumerated() { data.append([.integer(e), .number(tr.normalToAnomalous), .number(tr.anomalousToNormal)]) }
        return FigureArtifact(
            stem: "\(stem)-hmm-transitions", title: "HMM transitions",
            caption: "The HMM's transition probabilities per epoch (epoch 0 is the initial matrix): after each epoch the M-step counts transitions in the sampled anomaly sequences and blends them 50/50 with the previous matrix.",
            alt: "Transition probabilities of the HMM per epoch on \(name).",
            figure: fig, data: data)
    }

    // MARK: (4) ROC and precision–recall

    func rocAndPrecisionRecall(_ labels: [Bool]) -> FigureArtifact {
        var fig = Figure(width: FigurePalette.wideWidth, height: 3.0 * 72, title: "\(TextMarkup.escaped(name)): detection quality of all approaches")
        fig.grid(rows: 1, columns: 2)
        var roc = Panel()
        roc.title = "ROC"
        roc.xLabel = "false positive rate"
        roc.yLabel = "true positive rate"
        roc.xRange = 0...1
        roc.yRange = 0...1.02
        roc.add(.line(x: [0, 1], y: [0, 1], color: FigurePalette.unknown, width: 0.6, dashed: true))
        var pr = Panel()
        pr.title = "precision–recall"
        pr.xLabel = "recall"
        pr.yLabel = "precision"
        pr.xRange = 0...1
        pr.yRange = 0...1.02
        var data = CSVTable(header: ["approach", "curve", "x", "y", "threshold"])
        for r in results {
            let a = r.approach.rawValue
            let rc = DetectionMetrics.rocCurve(scores: r.score, labels: labels)
            let auc = DetectionMetrics.rocAUC(scores: r.score, labels: labels)
            roc.add(.line(x: rc.map(\.x), y: rc.map(\.y), label: "\(a) (AUC \(ReportFormat.metric(auc)))", color: Self.color(r.approach)))
            let pc = DetectionMetrics.precisionRecallCurve(scores: r.score, labels: labels)
            let ap = DetectionMetrics.averagePrecision(scores: r.score, labels: labels)
            pr.add(.line(x: pc.map(\.x), y: pc.map(\.y), label: "\(a) (AP \(ReportFormat.metric(ap)))", color: Self.color(r.approach)))
            for p in rc { data.append([.text(a), .text("roc"), .number(p.x), .number(p.y), .number(p.threshold)]) }
            for p in pc { data.append([.text(a), .text("pr"), .number(p.x), .number(p.y), .number(p.threshold)]) }
        }
        roc.legend = .lowerRight
        pr.legend = .lowerLeft
        fig.panels = [roc, pr]
        return FigureArtifact(
            stem: "\(stem)-roc-pr", title: "ROC and precision–recall",
            caption: "ROC (left) and precision–recall (right) curves of every approach's score against the ground truth, with ROC AUC and average precision in the legends.",
            alt: "ROC and precision-recall curves of all approaches on \(name).",
            figure: fig, data: data)
    }

    // MARK: (5) stacked scores

    /// A log axis for a score: from a decade below its median (positive) value, or four decades below its
    /// largest if that is higher, to the largest, padded by a tenth of the span in decades. What matters is how far
    /// a score rises above its typical level; the dips of a residual through zero (1e-3 and below) would otherwise
    /// take most of the panel. Nil without a positive finite score.
    static func scoreRange(_ score: [Double]) -> ClosedRange<Double>? {
        let positive = score.filter { $0.isFinite && $0 > 0 }
        guard let hi = positive.max() else { return nil }
        let median = Statistics.median(positive) ?? hi
        var lo = max(median / 10, hi * 1e-4)
        if hi / lo < 10 { lo = hi / 10 }
        let pad = _exp(0.1 * _log(hi / lo))
        return (lo / pad)...(hi * pad)
    }

    func stackedScores() -> FigureArtifact {
        var fig = Figure(width: FigurePalette.wideWidth, height: Double(1.2 * Double(results.count) + 0.8) * 72, title: "\(TextMarkup.escaped(name)): every approach's score on one time axis")
        fig.rows(heightRatios: Array(repeating: 1, count: results.count), sharedX: true)
        var data = CSVTable(header: ["t", "timestamp"] + results.map(\.approach.rawValue))
        for (i, r) in results.enumerated() {
            var p = timePanel()
            p.yLabel = r.approach.rawValue
            addWarmUp(&p, labelled: false)
            addTruth(&p)
            p.yScale = .log
            p.yRange = Self.scoreRange(r.score)
            p.add(.line(x: t, y: r.score, color: Self.color(r.approach), width: 0.9))
            p.legend = .none
            if i == results.count - 1 { p.xLabel = timeLabel }
            fig.panels[i] = p
        }
        for j in values.indices { data.append([.integer(j), timeCell(j)] + results.map { .number($0.score[j]) }) }
        return FigureArtifact(
            stem: "\(stem)-scores", title: "All approaches' scores",
            caption: "Each approach's anomaly score on one time axis, top to bottom \(results.map(\.approach.rawValue).joined(separator: ", "))\(segments.isEmpty ? "" : ", true anomalies shaded"): the score every metric ranks by (|residual| of the cleaned forecast plus half the largest |residual| nearby, in robust standard deviations of the series), log scale from a decade below the typical (median) score. The posteriors of mixture and hmm are on their own figures.",
            alt: "Scores of \(results.map(\.approach.rawValue).joined(separator: ", ")) stacked over the time axis of \(name).",
            figure: fig, data: data)
    }
}
