import Foundation

/// The resolved geometry of one panel: plot frame in page points, ranges and ticks.
struct PanelLayout: Hashable, Sendable {
    var frame: Rect
    var x: AxisRange
    var y: AxisRange
    var xTicks: Ticks
    var yTicks: Ticks
    var showXTickLabels: Bool
    var showXLabel: Bool
    /// False for a panel of a `sharedY` row other than the first: its y axis is read off the first's.
    var showYTickLabels = true
    /// Distance from the frame's bottom edge to the top of the x tick labels: the padding, or more where the
    /// lowest y tick label reaches below the frame.
    var xTickLabelGap: Double
    /// Whether the legend is drawn above the frame (`LegendPlacement.above`).
    var legendAbove: Bool
    /// The panel title broken into at most two lines that fit the frame's width.
    var titleLines: [String] = []
    /// The colour bar of the panel's (last) heat map, if any.
    var colorbar: ColorbarLayout?

    /// Page position of a data point.
    func point(_ dx: Double, _ dy: Double) -> Point {
        Point(x: frame.minX + x.fraction(dx) * frame.width, y: frame.maxY - y.fraction(dy) * frame.height)
    }
    func px(_ v: Double) -> Double { frame.minX + x.fraction(v) * frame.width }
    func py(_ v: Double) -> Double { frame.maxY - y.fraction(v) * frame.height }
}

/// A heat map's colour scale: what its colour bar shows.
struct ColorScale: Hashable, Sendable {
    var range: AxisRange
    var map: ColorMap
    var label: String
}

struct ColorbarLayout: Hashable, Sendable {
    var frame: Rect
    var range: AxisRange
    var ticks: Ticks
    var colorMap: ColorMap
    var label: String
}

/// The resolved geometry of a figure.
struct FigureLayout: Hashable, Sendable {
    var panels: [PanelLayout]
    /// The figure title broken into lines that fit the page width.
    var titleLines: [String]
}

/// Layout constants (points).
enum LayoutMetrics {
    static let colorbarGap = 6.0
    static let colorbarWidth = 9.0
    static let columnGap = 10.0
    static let rowGap = 10.0
    static let sharedRowGap = 5.0
}

/// Legend geometry in points: the symbol's length, the padding inside the box, the inset from the frame.
enum LegendMetrics {
    static let symbol = 14.0
    static let pad = 4.0
    static let inset = 4.0
    /// How close (in points) a data point may come to the legend box before it counts as hidden by it:
    /// about a marker's radius plus a line's width.
    static let clearance = 3.0
    /// A legend may claim at most this fraction of a panel's height as headroom above the data.
    static let maxHeadroom = 0.5
}

extension Panel {
    /// The heat map that owns the colour bar (the last one), if any.
    var heatmap: Mark? { marks.last { if case .heatmap = $0.kind { true } else { false } } }

    /// The smallest and largest finite x of the marks, nil without any.
    var xDataBounds: ClosedRange<Double>? {
        var lo = Double.infinity, hi = -Double.infinity
        for v in xData where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
        return lo <= hi ? lo...hi : nil
    }

    /// Finite x values of all marks (for auto-ranging).
    var xData: [Double] {
        var v: [Double] = []
        for m in marks {
            switch m.kind {
            case .line(let x, _, _, _), .scatter(let x, _, _), .band(let x, _, _): v += x
            case .stairs(let e, _, _, _), .stepBand(let e, _, _): v += e
            case .bars(let x, _, let w):
                let hw = (w ?? Panel.defaultBarWidth(x)) / 2
                v += x.map { $0 - hw } + x.map { $0 + hw }
            case .span(let a, let b): v += [a, b]
            case .vRule(let x, _): v.append(x)
            case .text(_, let x, _): v.append(x)
            case .heatmap(_, let xe, _, _, _, _): v += xe
            case .hRule: break
            }
        }
        return v
    }

    var yData: [Double] {
        var v: [Double] = []
        for m in marks {
            switch m.kind {
            case .line(_, let y, _, _), .scatter(_, let y, _): v += y
            case .band(_, let lo, let hi), .stepBand(_, let lo, let hi): v += lo; v += hi
            case .stairs(_, let values, let errors, _):
                v += values
                if let errors {
                    for (i, e) in errors.enumerated() where i < values.count { v += [values[i] - e, values[i] + e] }
                }
            case .bars(_, let h, _): v += h; if yScale == .linear { v.append(0) }
            case .hRule(let y, _): v.append(y)
            case .text(_, _, let y): v.append(y)
            case .heatmap(_, _, let ye, _, _, _): v += ye
            case .span, .vRule: break
            }
        }
        return v
    }

    /// Data hugs the x axis for binned marks; other marks get a little air.
    var xPadding: Double {
        marks.contains { switch $0.kind { case .heatmap, .stairs, .stepBand: true; default: false } } ? 0 : 0.02
    }
    var yPadding: Double {
        marks.contains { if case .heatmap = $0.kind { true } else { false } } ? 0 : 0.06
    }

    /// The automatic y range of the panel. Bars and histogram outlines stand on zero, so, as in matplotlib,
    /// the padding never carries the range across zero: non-negative bars sit on the bottom axis, not above it.
    var autoYRange: AxisRange {
        guard yScale == .linear,
              marks.contains(where: { if case .bars = $0.kind { true } else if case .stairs = $0.kind { true } else { false } })
        else { return AxisRange.auto(yData, scale: yScale, padding: yPadding) }
        var lo = Double.infinity, hi = -Double.infinity
        for v in yData where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
        let r = AxisRange.fitted(lo: lo, hi: hi, scale: .linear, padding: yPadding)
        guard lo < hi else { return r }
        if lo >= 0, r.lower < 0 { return AxisRange(lower: 0, upper: r.upper, scale: .linear) }
        if hi <= 0, r.upper > 0 { return AxisRange(lower: r.lower, upper: 0, scale: .linear) }
        return r
    }

    static func defaultBarWidth(_ x: [Double]) -> Double {
        let s = x.filter(\.isFinite).sorted()
        var d = Double.infinity
        for i in s.indices.dropFirst() where s[i] > s[i - 1] { d = min(d, s[i] - s[i - 1]) }
        return d.isFinite ? 0.8 * d : 0.8
    }
}

extension Figure {
    /// Lays the figure out, measuring text with `renderer` (never drawing). Margins come from measured tick
    /// labels, axis labels and titles; panels in a column share left/right insets so their axes align.
    func layout(using renderer: Renderer) -> FigureLayout {
        let first = layoutOnce(using: renderer)
        // Headroom for legends: where every corner of an automatically placed legend would hide data on a
        // linear y axis, raise the top of the range (given or automatic) until the data clears the legend's
        // height, as one would by hand with ylim, unless that takes more than `maxHeadroom` of the panel.
        // The whole requested range stays visible; a fixed legend corner opts out.
        var adjusted = self
        var changed = false
        for (i, pl) in first.panels.enumerated() where i < panels.count {
            let p = panels[i]
            guard p.legend == .auto, p.yScale == .linear,
                  let legend = legendBox(p, pl, on: renderer), legend.hidden > 0 else { continue }
            let needed = legend.box.height + 2 * LegendMetrics.inset
            let frameHeight = pl.frame.height
            guard needed <= LegendMetrics.maxHeadroom * frameHeight else { continue }
            let lo = pl.y.lower, hi = pl.y.upper
            adjusted.panels[i].yRange = lo...(lo + (hi - lo) * frameHeight / (frameHeight - needed))
            changed = true
        }
        let second = changed ? adjusted.layoutOnce(using: renderer) : first
        // A legend that does not fit inside its frame, or still hides data, moves above the panel.
        var moved = false
        for (i, pl) in second.panels.enumerated() where i < panels.count {
            let p = adjusted.panels[i]
            guard p.legend != .none, p.legend != .above, let legend = legendBox(p, pl, on: renderer) else { continue }
            let inset = LegendMetrics.inset
            let fits = legend.box.width <= pl.frame.width - 2 * inset && legend.box.height <= pl.frame.height - 2 * inset
            if !fits || (p.legend == .auto && legend.hidden > 0) {
                adjusted.panels[i].legend = .above
                adjusted.panels[i].yRange = panels[i].yRange
                moved = true
            }
        }
        return moved ? adjusted.layoutOnce(using: renderer) : second
    }

    private func layoutOnce(using renderer: Renderer) -> FigureLayout {
        let t = theme
        let rows = rowCount, cols = columnCount
        let n = rows * cols
        let panels = Array(self.panels.prefix(n)) + Array(repeating: Panel(), count: max(0, n - self.panels.count))
        /// Cells past the last panel (an incomplete last row) stay blank and take no room of their own.
        let real = min(self.panels.count, n)

        // Data ranges (shared x per column when asked).
        var xRanges = panels.map { p -> AxisRange in
            if let r = p.xRange { return AxisRange(lower: r.lowerBound, upper: r.upperBound, scale: p.xScale) }
            return AxisRange.auto(p.xData, scale: p.xScale, padding: p.xPadding)
        }
        if sharedX {
            for c in 0..<cols {
                let idx = (0..<rows).map { $0 * cols + c }
                let fixed = idx.first { panels[$0].xRange != nil }
                let shared: AxisRange
                if let f = fixed { shared = xRanges[f] } else {
                    let scale = panels[idx[0]].xScale
                    shared = AxisRange.auto(idx.flatMap { panels[$0].xData }, scale: scale,
                                            padding: idx.map { panels[$0].xPadding }.min() ?? 0.02)
                }
                for i in idx { xRanges[i] = shared }
            }
        }
        var yRanges = panels.map { p -> AxisRange in
            if let r = p.yRange { return AxisRange(lower: r.lowerBound, upper: r.upperBound, scale: p.yScale) }
            return p.autoYRange
        }
        if sharedY {
            for r in 0..<rows {
                let idx = (0..<cols).map { r * cols + $0 }.filter { $0 < real }
                guard let head = idx.first else { continue }
                let shared: AxisRange
                if let f = idx.first(where: { panels[$0].yRange != nil }) { shared = yRanges[f] } else {
                    let scale = panels[head].yScale
                    shared = AxisRange.auto(idx.flatMap { panels[$0].yData }, scale: scale,
                                            padding: idx.map { panels[$0].yPadding }.min() ?? 0.06)
                }
                for i in idx { yRanges[i] = shared }
            }
        }
        // A heat map whose colour scale (map, range, label) is the same as its right neighbour's leaves the colour
        // bar to it: one bar per scale and row, not a repeated one.
        let ownScales = panels.map { p -> ColorScale? in
            guard let h = p.heatmap, case .heatmap(let values, _, _, let map, let range, let label) = h.kind else { return nil }
            return ColorScale(range: Figure.colorRange(values, range), map: map, label: label)
        }
        let colorbarSpecs = ownScales.indices.map { i -> ColorScale? in
            let neighbour = i + 1
            if i % cols < cols - 1, neighbour < real, let own = ownScales[i], ownScales[neighbour] == own { return nil }
            return ownScales[i]
        }
        let showYTickLabels = (0..<n).map { i in !sharedY || i % cols == 0 }

        let tickOut = t.tickDirection == .outward ? t.majorTickLength : 0
        let labelH = renderer.measure("Ag", size: t.labelSize).height
        let tickH = renderer.measure("0", size: t.tickLabelSize)
        let titleLines = FigureText.wrapped(title, toFit: width - 2 * t.outerMargin, maxLines: 2) {
            renderer.measure($0, size: t.titleSize).width
        }
        let titleH = titleLines.isEmpty ? 0
            : Double(titleLines.count) * renderer.measure("Ag", size: t.titleSize).height + t.padding
        // Shared x: tick labels under the lowest panel of each column (the one with no panel beneath).
        let showXTickLabels = (0..<n).map { i in !sharedX || i + cols >= real }
        // A label centred on a tick reaches this far above and below it.
        let labelUp = tickH.ascent - tickH.capHeight / 2, labelDown = tickH.capHeight / 2 + tickH.descent
        func overhang(_ ticks: Ticks, _ r: AxisRange, _ length: Double) -> (above: Double, below: Double) {
            var above = 0.0, below = 0.0
            for v in ticks.major {
                let f = r.fraction(v)
                guard f.isFinite else { continue }
                above = max(above, labelUp - (1 - f) * length)
                below = max(below, labelDown - f * length)
            }
            return (above, below)
        }

        // Start from a guess of the frame sizes, then iterate: ticks → insets → frame sizes.
        var widths = Array(repeating: (width - 2 * t.outerMargin) / Double(cols) * 0.8, count: n)
        var heights = (0..<n).map { i in (height - 2 * t.outerMargin - titleH) * heightRatios[i / cols]
            / heightRatios.reduce(0, +) * 0.8 }
        var result: [PanelLayout] = []
        for _ in 0..<3 {
            var xt: [Ticks] = [], yt: [Ticks] = [], cbt: [Ticks?] = []
            var left = Array(repeating: 0.0, count: n), right = left, top = left, bottom = left, xGap = left
            var panelTitles: [[String]] = []
            for i in 0..<n {
                xt.append(panels[i].xCategories.map { categoryTicks($0, xRanges[i], length: widths[i], horizontal: true, renderer: renderer) }
                    ?? (panels[i].xIsTime ? horizontalTimeTicks(xRanges[i], length: widths[i],
                                                                            shown: panels[i].xDataBounds, renderer: renderer)
                        : horizontalTicks(xRanges[i], length: widths[i], integers: panels[i].xIntegers, renderer: renderer)))
                yt.append(panels[i].yCategories.map { categoryTicks($0, yRanges[i], length: heights[i], horizontal: false, renderer: renderer) }
                    ?? verticalTicks(yRanges[i], length: heights[i], renderer: renderer))
                cbt.append(colorbarSpecs[i].map { verticalTicks($0.range, length: heights[i], renderer: renderer) })
                let p = panels[i]
                let yLabelW = yt[i].labels.map { renderer.measure($0, size: t.tickLabelSize).width }.max() ?? 0
                left[i] = showYTickLabels[i] ? tickOut + t.padding + yLabelW + (p.yLabel.isEmpty ? 0 : t.padding + labelH)
                    : tickOut + 1
                // The first x tick label may overhang the left end of the axis.
                if showXTickLabels[i], let first = xt[i].labels.first, let v = xt[i].major.first {
                    let w = renderer.measure(first, size: t.tickLabelSize).width
                    left[i] = max(left[i], w / 2 - xRanges[i].fraction(v) * widths[i])
                }
                let yo = overhang(yt[i], yRanges[i], heights[i])
                let co = cbt[i].map { overhang($0, colorbarSpecs[i]!.range, heights[i]) } ?? (above: 0, below: 0)
                // X tick labels start below the lowest y tick label where it reaches under the frame.
                xGap[i] = max(tickOut + t.padding, yo.below + 0.5)
                var b = 0.0
                if showXTickLabels[i] { b += xGap[i] + tickH.height }
                if !p.xLabel.isEmpty && showXTickLabels[i] { b += t.padding + labelH }
                else if !xt[i].annotation.isEmpty && showXTickLabels[i] { b += t.padding + tickH.height }
                bottom[i] = max(b, yo.below, co.below, tickH.capHeight / 2)
                // Above the frame, from the frame up: scale annotations, the legend (when above), the panel title.
                let annotated = !yt[i].annotation.isEmpty || !(cbt[i]?.annotation.isEmpty ?? true)
                var tp = annotated ? tickH.height + t.padding : 0
                if p.legend == .above, let flow = legendFlow(p, width: widths[i], on: renderer) {
                    tp += flow.height + t.padding
                }
                panelTitles.append(FigureText.wrapped(p.title, toFit: widths[i], maxLines: 2) {
                    renderer.measure($0, size: t.panelTitleSize).width
                })
                if !p.title.isEmpty {
                    tp += Double(panelTitles[i].count) * renderer.measure("Ag", size: t.panelTitleSize).height + t.padding
                }
                top[i] = max(tp, yo.above, co.above, tickH.capHeight / 2 + 1)
                var r = 2.0
                if showXTickLabels[i], let last = xt[i].labels.last, let v = xt[i].major.last {
                    let w = renderer.measure(last, size: t.tickLabelSize).width
                    r = max(r, w / 2 - (1 - xRanges[i].fraction(v)) * widths[i] + 1)
                }
                if let cb = colorbarSpecs[i], let ticks = cbt[i] {
                    let w = ticks.labels.map { renderer.measure($0, size: t.tickLabelSize).width }.max() ?? 0
                    r = max(r, LayoutMetrics.colorbarGap + LayoutMetrics.colorbarWidth + tickOut + t.padding + w
                        + (cb.label.isEmpty ? 0 : t.padding + labelH))
                }
                right[i] = r
            }
            // Align: per column the widest left/right, per row the tallest top/bottom, over the cells that hold a
            // panel. A panel whose right neighbour cell is blank reaches into it (its colour bar, say) and does not
            // widen its column.
            func widest(_ v: [Double], _ cells: [Int]) -> Double { cells.filter { $0 < real }.map { v[$0] }.max() ?? 0 }
            let colLeft = (0..<cols).map { c in widest(left, (0..<rows).map { $0 * cols + c }) }
            let colRight = (0..<cols).map { c in
                widest(right, (0..<rows).map { $0 * cols + c }.filter { c == cols - 1 || $0 + 1 < real })
            }
            let rowTop = (0..<rows).map { r in widest(top, (0..<cols).map { r * cols + $0 }) }
            let rowBottom = (0..<rows).map { r in widest(bottom, (0..<cols).map { r * cols + $0 }) }
            let rowGap = sharedX ? LayoutMetrics.sharedRowGap : LayoutMetrics.rowGap
            let availW = width - 2 * t.outerMargin - colLeft.reduce(0, +) - colRight.reduce(0, +)
                - Double(cols - 1) * LayoutMetrics.columnGap
            let availH = height - 2 * t.outerMargin - titleH - rowTop.reduce(0, +) - rowBottom.reduce(0, +)
                - Double(rows - 1) * rowGap
            let frameW = max(10, availW / Double(cols))
            let ratioSum = heightRatios.reduce(0, +)
            result = []
            var yCursor = t.outerMargin + titleH
            var rowY: [Double] = []
            for r in 0..<rows {
                rowY.append(yCursor + rowTop[r])
                yCursor += rowTop[r] + max(10, availH * heightRatios[r] / ratioSum) + rowBottom[r] + rowGap
            }
            for i in 0..<n {
                let r = i / cols, c = i % cols
                var x = t.outerMargin
                for k in 0..<c { x += colLeft[k] + frameW + colRight[k] + LayoutMetrics.columnGap }
                x += colLeft[c]
                let h = max(10, availH * heightRatios[r] / ratioSum)
                let frame = Rect(x: x, y: rowY[r], width: frameW, height: h)
                widths[i] = frameW; heights[i] = h
                var cb: ColorbarLayout?
                if let spec = colorbarSpecs[i], let ticks = cbt[i] {
                    cb = ColorbarLayout(frame: Rect(x: frame.maxX + LayoutMetrics.colorbarGap, y: frame.minY,
                                                    width: LayoutMetrics.colorbarWidth, height: frame.height),
                                        range: spec.range, ticks: ticks, colorMap: spec.map, label: spec.label)
                }
                result.append(PanelLayout(frame: frame, x: xRanges[i], y: yRanges[i], xTicks: xt[i], yTicks: yt[i],
                                          showXTickLabels: showXTickLabels[i], showXLabel: showXTickLabels[i],
                                          showYTickLabels: showYTickLabels[i],
                                          xTickLabelGap: xGap[i], legendAbove: panels[i].legend == .above,
                                          titleLines: panelTitles[i], colorbar: cb))
            }
        }
        return FigureLayout(panels: result, titleLines: titleLines)
    }

    /// The most ticks whose labels do not overlap along a horizontal axis of `length` points; with `integers`,
    /// ticks on whole numbers are labelled in full (`Panel.xIntegers`).
    func horizontalTicks(_ r: AxisRange, length: Double, integers: Bool = false, renderer: Renderer) -> Ticks {
        let size = theme.tickLabelSize
        var count = max(2, min(10, Int(length / (4.5 * size)) + 1))   // at most ten, as matplotlib
        while true {
            var ticks = TickGenerator.ticks(r, maxCount: count, minorTicks: theme.minorTicks)
            if integers, ticks.major.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e15 }) {
                ticks.labels = ticks.major.map { NumberFormat.typographic(String(Int64($0))) }
                ticks.annotation = ""
            }
            if count <= 2 { return ticks }
            var ok = true
            let pos = ticks.major.map { r.fraction($0) * length }
            let w = ticks.labels.map { renderer.measure($0, size: size).width }
            for k in pos.indices.dropFirst() where pos[k] - pos[k - 1] < (w[k] + w[k - 1]) / 2 + 0.8 * size {
                ok = false; break
            }
            if ok { return ticks }
            count -= 1
        }
    }

    /// Category names at the cell centres 0.5, 1.5, … of an axis over cells 0…n (a heat map of named rows or
    /// columns); where they would crowd, every k-th name is shown, the smallest k that fits.
    func categoryTicks(_ names: [String], _ r: AxisRange, length: Double, horizontal: Bool, renderer: Renderer) -> Ticks {
        let size = theme.tickLabelSize
        guard !names.isEmpty, length > 0 else { return Ticks(major: [], labels: [], minor: [], annotation: "") }
        let pitch = length * r.fraction(1.5) - length * r.fraction(0.5)
        let need: Double
        if horizontal {
            need = (names.map { renderer.measure($0, size: size).width }.max() ?? 0) + 0.8 * size
        } else {
            need = renderer.measure("0", size: size).height * 1.15
        }
        let k = max(1, Int((need / max(abs(pitch), 1e-9)).rounded(.up)))
        var major: [Double] = [], labels: [String] = []
        for i in stride(from: 0, to: names.count, by: k) {
            major.append(Double(i) + 0.5)
            labels.append(names[i])
        }
        return Ticks(major: major, labels: labels, minor: [], annotation: "")
    }

    /// The most ticks whose labels do not crowd a vertical axis of `length` points. On an axis too short for
    /// the fewest round ticks the generator offers (a colour bar of a flattened map), only the lowest and
    /// highest keep their labels.
    func verticalTicks(_ r: AxisRange, length: Double, renderer: Renderer) -> Ticks {
        let size = theme.tickLabelSize
        var count = max(2, min(9, Int(length / (3.2 * size)) + 1))
        let h = renderer.measure("0", size: size).height
        while true {
            var ticks = TickGenerator.ticks(r, maxCount: count, minorTicks: theme.minorTicks)
            let pos = ticks.major.map { r.fraction($0) * length }
            if !pos.indices.dropFirst().contains(where: { pos[$0] - pos[$0 - 1] < h * 1.3 }) { return ticks }
            if count <= 2 {
                guard ticks.major.count > 2 else { return ticks }
                ticks.minor = (ticks.minor + ticks.major.dropFirst().dropLast()).sorted()
                ticks.major = [ticks.major.first!, ticks.major.last!]
                ticks.labels = [ticks.labels.first!, ticks.labels.last!]
                return ticks
            }
            count -= 1
        }
    }

    /// The colour range of a heat map.
    static func colorRange(_ values: [[Double]], _ range: ColorRange) -> AxisRange {
        var lo = Double.infinity, hi = -Double.infinity
        for row in values { for v in row where v.isFinite { lo = min(lo, v); hi = max(hi, v) } }
        switch range {
        case .fixed(let a, let b) where a < b && a.isFinite && b.isFinite:
            return AxisRange(lower: a, upper: b, scale: .linear)
        case .symmetricClipped(let m) where m > 0 && m.isFinite:
            return AxisRange(lower: -m, upper: m, scale: .linear)
        case .symmetric:
            var m = max(abs(lo), abs(hi))
            if !m.isFinite || m == 0 { m = 1 }
            return AxisRange(lower: -m, upper: m, scale: .linear)
        default:
            return AxisRange.fitted(lo: lo, hi: hi, scale: .linear, padding: 0)
        }
    }
}
