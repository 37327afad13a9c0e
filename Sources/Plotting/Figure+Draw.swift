import Foundation

extension Figure {
    /// Draws the whole figure through `r` (layout first, then marks, axes, legends).
    func draw(on r: Renderer) {
        let t = theme
        r.fill(.rect(Rect(x: 0, y: 0, width: width, height: height)), color: t.background)
        let layout = self.layout(using: r)
        let titleLineH = r.measure("Ag", size: t.titleSize).height
        for (k, line) in layout.titleLines.enumerated() {
            r.text(line, at: Point(x: width / 2, y: t.outerMargin + Double(k) * titleLineH), size: t.titleSize,
                   color: t.foreground, anchor: .init(horizontal: .middle, vertical: .top), rotation: 0)
        }
        for (i, pl) in layout.panels.enumerated() where i < panels.count {
            drawPanel(panels[i], pl, index: i, on: r)
        }
    }

    /// Whether page positions are equally spaced (to a millionth of their span): a heatmap's edges on a linear
    /// axis with equal bins. Non-finite positions (an edge outside a log axis) are not.
    static func isUniform(_ positions: [Double]) -> Bool {
        guard positions.count >= 2, let first = positions.first, let last = positions.last,
              positions.allSatisfy(\.isFinite), last != first else { return false }
        let step = (last - first) / Double(positions.count - 1)
        let tolerance = 1e-6 * abs(last - first)
        return positions.indices.allSatisfy { abs(positions[$0] - (first + Double($0) * step)) <= tolerance }
    }

    /// Samples of a page extent cut by cell edges (`positions`, in page points, increasing or decreasing), left
    /// to right or top to bottom: the cell under each sample's centre. One sample per cell when the cells are
    /// equal; else four per point (two per device pixel at 144 dpi, so every edge lands within a quarter point),
    /// and never fewer than cells. Nil when an edge is not finite, the edges are not strictly
    /// monotonic, or the samples would pass cairo's image size.
    static func sampleCells(_ positions: [Double]) -> [Int]? {
        let cells = positions.count - 1
        guard cells > 0, positions.allSatisfy(\.isFinite) else { return nil }
        let increasing = positions[cells] > positions[0]
        guard zip(positions, positions.dropFirst()).allSatisfy({ increasing ? $1 > $0 : $1 < $0 }) else { return nil }
        // Page order: from the smaller position to the larger.
        let edges = increasing ? positions : positions.reversed()
        let index: (Int) -> Int = { increasing ? $0 : cells - 1 - $0 }
        if isUniform(positions) { return (0..<cells).map(index) }
        let extent = edges[cells] - edges[0]
        let n = max(cells, Int((extent * 4).rounded(.up)))
        guard n <= 32_767 else { return nil }
        var out = [Int](repeating: 0, count: n)
        var cell = 0
        for k in 0..<n {
            let centre = edges[0] + (Double(k) + 0.5) * extent / Double(n)
            while cell < cells - 1 && centre >= edges[cell + 1] { cell += 1 }
            out[k] = index(cell)
        }
        return out
    }

    private func z(_ m: Mark) -> Int {
        switch m.kind {
        case .heatmap: 0
        case .span: 1
        case .band, .stepBand: 2
        case .hRule, .vRule: 3
        case .text: 5
        default: 4
        }
    }

    func colors(for panel: Panel) -> [Color] {
        var k = 0
        return panel.marks.map { m in
            if let c = m.color { return c }
            guard m.usesPalette else {
                if case .span = m.kind { return theme.spanColor }
                if case .text = m.kind { return theme.foreground }
                return theme.ruleColor
            }
            defer { k += 1 }
            return theme.palette[k % theme.palette.count]
        }
    }

    func drawPanel(_ p: Panel, _ pl: PanelLayout, index: Int, on r: Renderer) {
        let t = theme
        let f = pl.frame
        let colors = self.colors(for: p)
        let order = p.marks.indices.sorted { (z(p.marks[$0]), $0) < (z(p.marks[$1]), $1) }
        let annotations = annotationBoxes(p, pl, on: r)
        for mi in order {
            let m = p.marks[mi]
            r.beginGroup("\(m.kindName) panel\(index)")
            r.pushClip(f)
            if case .text(let s, _, _) = m.kind {
                if let box = annotations[mi] {
                    r.text(s, at: Point(x: box.minX, y: box.minY), size: t.annotationSize, color: colors[mi],
                           anchor: .init(horizontal: .start, vertical: .top), rotation: 0)
                }
            } else {
                drawMark(m, color: colors[mi], pl, on: r)
            }
            r.popClip()
            r.endGroup()
        }
        // Frame and ticks.
        r.beginGroup("axes panel\(index)")
        r.stroke(.rect(f), color: t.foreground, width: t.axisLineWidth, dash: [])
        let dir = t.tickDirection == .inward ? 1.0 : -1.0
        var ticks = Path()
        func xTick(_ v: Double, _ len: Double) {
            let x = pl.px(v)
            guard x >= f.minX - 0.01 && x <= f.maxX + 0.01 else { return }
            ticks.move(to: Point(x: x, y: f.maxY)); ticks.line(to: Point(x: x, y: f.maxY - dir * len))
            if t.mirrorTicks { ticks.move(to: Point(x: x, y: f.minY)); ticks.line(to: Point(x: x, y: f.minY + dir * len)) }
        }
        func yTick(_ v: Double, _ len: Double) {
            let y = pl.py(v)
            guard y >= f.minY - 0.01 && y <= f.maxY + 0.01 else { return }
            ticks.move(to: Point(x: f.minX, y: y)); ticks.line(to: Point(x: f.minX + dir * len, y: y))
            if t.mirrorTicks {
                ticks.move(to: Point(x: f.maxX, y: y)); ticks.line(to: Point(x: f.maxX - dir * len, y: y))
            }
        }
        pl.xTicks.major.forEach { xTick($0, t.majorTickLength) }
        pl.xTicks.minor.forEach { xTick($0, t.minorTickLength) }
        pl.yTicks.major.forEach { yTick($0, t.majorTickLength) }
        pl.yTicks.minor.forEach { yTick($0, t.minorTickLength) }
        r.stroke(ticks, color: t.foreground, width: t.axisLineWidth, dash: [])
        let out = t.tickDirection == .outward ? t.majorTickLength : 0
        let tickH = r.measure("0", size: t.tickLabelSize)
        if pl.showXTickLabels {
            for (v, s) in zip(pl.xTicks.major, pl.xTicks.labels) {
                r.text(s, at: Point(x: pl.px(v), y: f.maxY + pl.xTickLabelGap), size: t.tickLabelSize,
                       color: t.foreground, anchor: .init(horizontal: .middle, vertical: .top), rotation: 0)
            }
            let labelRow = f.maxY + pl.xTickLabelGap + tickH.height + t.padding
            var annotationW = 0.0
            if !pl.xTicks.annotation.isEmpty {
                annotationW = r.measure(pl.xTicks.annotation, size: t.tickLabelSize).width + t.padding
                r.text(pl.xTicks.annotation, at: Point(x: f.maxX, y: labelRow),
                       size: t.tickLabelSize, color: t.foreground, anchor: .init(horizontal: .end, vertical: .top), rotation: 0)
            }
            if !p.xLabel.isEmpty {
                // Centred, so it keeps clear of the annotation at the right end on both sides.
                let label = FigureText.elidedMiddle(p.xLabel, toFit: f.width - 2 * annotationW) { r.measure($0, size: t.labelSize).width }
                r.text(label, at: Point(x: f.midX, y: labelRow),
                       size: t.labelSize, color: t.foreground, anchor: .init(horizontal: .middle, vertical: .top), rotation: 0)
            }
        }
        var maxW = 0.0
        for (v, s) in zip(pl.yTicks.major, pl.yTicks.labels) where pl.showYTickLabels {
            maxW = max(maxW, r.measure(s, size: t.tickLabelSize).width)
            r.text(s, at: Point(x: f.minX - out - t.padding, y: pl.py(v)), size: t.tickLabelSize,
                   color: t.foreground, anchor: .init(horizontal: .end, vertical: .center), rotation: 0)
        }
        if !pl.yTicks.annotation.isEmpty && pl.showYTickLabels {
            r.text(pl.yTicks.annotation, at: Point(x: f.minX, y: f.minY - t.padding), size: t.tickLabelSize,
                   color: t.foreground, anchor: .init(horizontal: .start, vertical: .bottom), rotation: 0)
        }
        if !p.yLabel.isEmpty && pl.showYTickLabels {
            let label = FigureText.elidedMiddle(p.yLabel, toFit: f.height) { r.measure($0, size: t.labelSize).width }
            r.text(label, at: Point(x: f.minX - out - 2 * t.padding - maxW, y: f.midY), size: t.labelSize,
                   color: t.foreground, anchor: .init(horizontal: .middle, vertical: .bottom), rotation: 90)
        }
        // Above the frame, from the frame up: scale annotations, the legend (when above), the panel title.
        var above = f.minY
        if !pl.yTicks.annotation.isEmpty || !(pl.colorbar?.ticks.annotation.isEmpty ?? true) { above -= tickH.height + t.padding }
        let flow = pl.legendAbove ? legendFlow(p, width: f.width, on: r) : nil
        let flowBottom = above
        if let flow { above -= flow.height + t.padding }
        let titleLineH = r.measure("Ag", size: t.panelTitleSize).height
        for (k, line) in pl.titleLines.reversed().enumerated() {
            r.text(line, at: Point(x: f.midX, y: above - t.padding - Double(k) * titleLineH), size: t.panelTitleSize,
                   color: t.foreground, anchor: .init(horizontal: .middle, vertical: .bottom), rotation: 0)
        }
        r.endGroup()
        if let cb = pl.colorbar { drawColorbar(cb, on: r) }
        if let flow {
            drawLegendAbove(flow, p, origin: Point(x: f.minX, y: flowBottom), colors: colors, on: r)
        } else {
            drawLegend(p, pl, colors: colors, on: r)
        }
    }

    func drawColorbar(_ cb: ColorbarLayout, on r: Renderer) {
        let t = theme
        let f = cb.frame
        r.beginGroup("colorbar")
        // 256 steps, as matplotlib's colour bars, in one image (top row = top of the range): no seams between
        // bands, and one small embedded image in SVG instead of a path per band.
        let steps = 256
        if r.drawsCellsAsRectangles {
            // Vector output: each step filled from its top edge down to the bar's bottom, the next one painted
            // over it, so no seam shows between steps at any zoom.
            for k in 0..<steps {
                let top = f.minY + f.height * Double(k) / Double(steps)
                r.fill(.rect(Rect(x: f.minX, y: top, width: f.width, height: f.maxY - top)),
                       color: cb.colorMap.color(at: (Double(steps - 1 - k) + 0.5) / Double(steps)))
            }
        } else {
            let argb = (0..<steps).map { k in cb.colorMap.color(at: (Double(steps - 1 - k) + 0.5) / Double(steps)).opaqueARGB }
            r.image(argb, columns: 1, rows: steps, in: f)
        }
        r.stroke(.rect(f), color: t.foreground, width: t.axisLineWidth, dash: [])
        var ticks = Path()
        var maxW = 0.0
        let out = t.tickDirection == .outward ? t.majorTickLength : 0
        for (v, s) in zip(cb.ticks.major, cb.ticks.labels) {
            let y = f.maxY - cb.range.fraction(v) * f.height
            ticks.move(to: Point(x: f.maxX, y: y))
            ticks.line(to: Point(x: f.maxX + (t.tickDirection == .inward ? -1 : 1) * t.majorTickLength, y: y))
            maxW = max(maxW, r.measure(s, size: t.tickLabelSize).width)
            r.text(s, at: Point(x: f.maxX + out + t.padding, y: y), size: t.tickLabelSize, color: t.foreground,
                   anchor: .init(horizontal: .start, vertical: .center), rotation: 0)
        }
        r.stroke(ticks, color: t.foreground, width: t.axisLineWidth, dash: [])
        if !cb.ticks.annotation.isEmpty {
            r.text(cb.ticks.annotation, at: Point(x: f.minX, y: f.minY - t.padding), size: t.tickLabelSize,
                   color: t.foreground, anchor: .init(horizontal: .start, vertical: .bottom), rotation: 0)
        }
        if !cb.label.isEmpty {
            let label = FigureText.elidedMiddle(cb.label, toFit: f.height) { r.measure($0, size: t.labelSize).width }
            r.text(label, at: Point(x: f.maxX + out + 2 * t.padding + maxW, y: f.midY), size: t.labelSize,
                   color: t.foreground, anchor: .init(horizontal: .middle, vertical: .top), rotation: 90)
        }
        r.endGroup()
    }

    func drawMark(_ m: Mark, color: Color, _ pl: PanelLayout, on r: Renderer) {
        let t = theme
        let f = pl.frame
        let map: (Double, Double) -> Point = { pl.point($0, $1) }
        switch m.kind {
        case .line(let x, let y, let w, let dashed):
            var path = Path()
            for seg in Decimation.segments(x: x, y: y, map: map) where seg.count > 1 { path.append(.polyline(seg)) }
            r.stroke(path, color: color, width: w ?? t.lineWidth, dash: dashed ? [4, 2.5] : [])
        case .scatter(let x, let y, let radius):
            let rad = radius ?? t.markerRadius
            var seen = Set<Int64>()
            var path = Path()
            for i in 0..<min(x.count, y.count) {
                let p = map(x[i], y[i])
                guard p.x.isFinite, p.y.isFinite else { continue }
                let key = Int64((p.x * 2).rounded()) << 32 ^ Int64((p.y * 2).rounded())
                guard seen.insert(key).inserted else { continue }
                // A 12-gon is indistinguishable from a circle at marker size.
                for k in 0...12 {
                    let a = Double(k) * .pi / 6
                    let q = Point(x: p.x + rad * cos(a), y: p.y + rad * sin(a))
                    k == 0 ? path.move(to: q) : path.line(to: q)
                }
                path.close()
            }
            r.fill(path, color: color)
        case .band(let x, let lower, let upper):
            fillBand(x: x, lower: lower, upper: upper, color: color, map: map, on: r)
        case .stepBand(let edges, let lower, let upper):
            let (x, lo, hi) = Figure.stepOutline(edges: edges, lower: lower, upper: upper)
            fillBand(x: x, lower: lo, upper: hi, color: color, map: map, on: r)
        case .stairs(let edges, let values, let errors, let width):
            var path = Path()
            var open = false
            for i in 0..<min(values.count, edges.count - 1) {
                let a = map(edges[i], values[i]), b = map(edges[i + 1], values[i])
                guard a.x.isFinite, a.y.isFinite, b.x.isFinite else { open = false; continue }
                open ? path.line(to: a) : path.move(to: a)
                path.line(to: b); open = true
            }
            r.stroke(path, color: color, width: width ?? t.lineWidth, dash: [])
            if let errors {
                var eb = Path()
                for i in 0..<min(values.count, edges.count - 1, errors.count) where errors[i].isFinite {
                    let c = (edges[i] + edges[i + 1]) / 2
                    let a = map(c, values[i] - errors[i]), b = map(c, values[i] + errors[i])
                    guard a.x.isFinite, b.y.isFinite else { continue }
                    eb.move(to: Point(x: a.x, y: a.y.isFinite ? a.y : f.maxY + 1)); eb.line(to: b)
                }
                r.stroke(eb, color: color, width: t.axisLineWidth, dash: [])
            }
        case .bars(let x, let heights, let w):
            var path = Path()
            for rect in Figure.barRects(x: x, heights: heights, width: w, pl) { path.append(.rect(rect)) }
            r.fill(path, color: color)
        case .span(let a, let b):
            let x0 = pl.px(a), x1 = pl.px(b)
            guard x0.isFinite, x1.isFinite else { return }
            r.fill(.rect(Rect(x: min(x0, x1), y: f.minY, width: abs(x1 - x0), height: f.height)), color: color)
        case .hRule(let y, let dashed):
            let yy = pl.py(y)
            guard yy.isFinite else { return }
            r.stroke(.polyline([Point(x: f.minX, y: yy), Point(x: f.maxX, y: yy)]), color: color, width: t.axisLineWidth,
                     dash: dashed ? [4, 2.5] : [])
        case .vRule(let x, let dashed):
            let xx = pl.px(x)
            guard xx.isFinite else { return }
            r.stroke(.polyline([Point(x: xx, y: f.minY), Point(x: xx, y: f.maxY)]), color: color, width: t.axisLineWidth,
                     dash: dashed ? [4, 2.5] : [])
        case .text(let s, let x, let y):
            let p = map(x, y)
            guard p.x.isFinite, p.y.isFinite else { return }
            r.text(s, at: p, size: t.annotationSize, color: color, anchor: .init(horizontal: .start, vertical: .baseline), rotation: 0)
        case .heatmap(let values, let xe, let ye, let cmap, let range, _):
            let cr = Figure.colorRange(values, range)
            let columns = min(values.map(\.count).max() ?? 0, xe.count - 1), rows = min(values.count, ye.count - 1)
            let xs = xe.prefix(columns + 1).map(pl.px), ys = ye.prefix(rows + 1).map(pl.py)
            // Vector or image. As rectangles (runs of one colour merged), the report's largest heat maps make an SVG
            // beyond the 2 MB an SVG may take in the report (docs/performance.md) but a PDF a paper carries easily
            // (measured: docs/performance.md). So PDF, the format for papers, draws every cell as a rectangle
            // (`drawsCellsAsRectangles`), and SVG and PNG draw a regular grid as one image with a pixel per cell,
            // scaled without smoothing (exact cells).
            if !r.drawsCellsAsRectangles, columns > 0, rows > 0, columns <= 32_767, rows <= 32_767,
               Figure.isUniform(xs), Figure.isUniform(ys) {
                // A regular grid on the page (linear axes, equal bins, within cairo's image size): one image,
                // a pixel per cell.
                let flipX = xs[columns] < xs[0], flipY = ys[rows] < ys[0]
                var argb = [UInt32](repeating: 0, count: columns * rows)
                for j in 0..<rows {
                    let row = values[j]
                    let y = flipY ? rows - 1 - j : j
                    for i in 0..<min(row.count, columns) where row[i].isFinite {
                        let x = flipX ? columns - 1 - i : i
                        argb[y * columns + x] = cmap.color(at: cr.fraction(row[i])).opaqueARGB
                    }
                }
                r.image(argb, columns: columns, rows: rows,
                        in: Rect(x: min(xs[0], xs[columns]), y: min(ys[0], ys[rows]),
                                 width: abs(xs[columns] - xs[0]), height: abs(ys[rows] - ys[0])))
                return
            }
            if !r.drawsCellsAsRectangles, columns > 0, rows > 0,
               let xCells = Figure.sampleCells(xs), let yCells = Figure.sampleCells(ys) {
                // Irregular cells (unequal bins, runs numbered with gaps, a log axis) on a screen: one image still,
                // on a grid fine enough for the page (`sampleCells`), each sample the colour of the cell under it.
                // Rectangles, antialiased one by one, would leave a blended seam at every cell edge.
                var argb = [UInt32](repeating: 0, count: xCells.count * yCells.count)
                for (y, j) in yCells.enumerated() {
                    let row = values[j]
                    for (x, i) in xCells.enumerated() where i < row.count && row[i].isFinite {
                        argb[y * xCells.count + x] = cmap.color(at: cr.fraction(row[i])).opaqueARGB
                    }
                }
                r.image(argb, columns: xCells.count, rows: yCells.count,
                        in: Rect(x: min(xs[0], xs[columns]), y: min(ys[0], ys[rows]),
                                 width: abs(xs[columns] - xs[0]), height: abs(ys[rows] - ys[0])))
                return
            }
            // PDF: rectangles, merged along runs of one colour.
            let overlap = 0.3
            for j in 0..<min(values.count, ye.count - 1) {
                let y0 = pl.py(ye[j]), y1 = pl.py(ye[j + 1])
                guard y0.isFinite, y1.isFinite else { continue }
                let row = values[j]
                var i = 0
                let n = min(row.count, xe.count - 1)
                var path = Path()
                var pathColor: Color?
                func flushPath() { if let c = pathColor { r.fill(path, color: c) }; path = Path(); pathColor = nil }
                while i < n {
                    guard row[i].isFinite else { i += 1; continue }
                    let c = cmap.color(at: cr.fraction(row[i])).quantized
                    var k = i
                    while k + 1 < n, row[k + 1].isFinite, cmap.color(at: cr.fraction(row[k + 1])).quantized == c { k += 1 }
                    let x0 = pl.px(xe[i]), x1 = pl.px(xe[k + 1])
                    if pathColor != c { flushPath(); pathColor = c }
                    path.append(.rect(Rect(x: min(x0, x1), y: min(y0, y1) - overlap, width: abs(x1 - x0) + overlap,
                                           height: abs(y1 - y0) + overlap)))
                    i = k + 1
                }
                flushPath()
            }
        }
    }

    /// The legend box of a panel (nil without labelled marks): in the corner that hides the fewest data
    /// points when placement is automatic, with the number of points it hides.
    /// The size of the panel's legend box inside a corner (entries one per line), nil without entries.
    func legendSize(_ p: Panel, on r: Renderer) -> (width: Double, height: Double)? {
        let entries = p.marks.compactMap { m in m.label.flatMap { $0.isEmpty ? nil : $0 } }
        guard !entries.isEmpty else { return nil }
        let h = r.measure("Ag", size: theme.legendSize).height
        let w = entries.map { r.measure($0, size: theme.legendSize).width }.max()! + LegendMetrics.symbol + 3 * LegendMetrics.pad
        return (w, Double(entries.count) * (h + 1) + 2 * LegendMetrics.pad - 1)
    }

    func legendBox(_ p: Panel, _ pl: PanelLayout, on r: Renderer) -> (box: Rect, hidden: Int)? {
        guard p.legend != .none, let (w, height) = legendSize(p, on: r) else { return nil }
        let f = pl.frame
        let inset = LegendMetrics.inset
        func rect(_ c: LegendPlacement) -> Rect {
            switch c {
            case .upperLeft: Rect(x: f.minX + inset, y: f.minY + inset, width: w, height: height)
            case .lowerLeft: Rect(x: f.minX + inset, y: f.maxY - inset - height, width: w, height: height)
            case .lowerRight: Rect(x: f.maxX - inset - w, y: f.maxY - inset - height, width: w, height: height)
            default: Rect(x: f.maxX - inset - w, y: f.minY + inset, width: w, height: height)
            }
        }
        let points = dataPoints(p, pl), areas = dataAreas(p, pl) + textAreas(p, pl, on: r)
        // A point counts as hidden when its marker or line would touch the box, not only when its centre is in
        // it; a bar covered anywhere counts as much as a handful of points.
        func hidden(_ c: LegendPlacement) -> Int {
            let b = rect(c), m = LegendMetrics.clearance
            let grown = Rect(x: b.x - m, y: b.y - m, width: b.width + 2 * m, height: b.height + 2 * m)
            return points.filter { grown.contains($0) }.count + 5 * areas.filter { grown.intersects($0) }.count
        }
        guard p.legend == .auto else { return (rect(p.legend), hidden(p.legend)) }
        let candidates: [LegendPlacement] = [.upperRight, .upperLeft, .lowerLeft, .lowerRight]
        let counts = candidates.map(hidden)
        let best = counts.indices.min { (counts[$0], $0) < (counts[$1], $1) }!
        return (rect(candidates[best]), counts[best])
    }

    func drawLegend(_ p: Panel, _ pl: PanelLayout, colors: [Color], on r: Renderer) {
        guard let (box, _) = legendBox(p, pl, on: r) else { return }
        let t = theme
        let entries = p.marks.indices.filter { p.marks[$0].label.map { !$0.isEmpty } ?? false }
        let h = r.measure("Ag", size: t.legendSize).height
        let sym = LegendMetrics.symbol, pad = LegendMetrics.pad
        r.beginGroup("legend")
        r.fill(.rect(box), color: t.background.opacity(0.85))
        r.stroke(.rect(box), color: Color(hex: 0xBBBBBB), width: 0.5, dash: [])
        for (k, mi) in entries.enumerated() {
            let m = p.marks[mi]
            let cy = box.minY + pad + Double(k) * (h + 1) + h / 2
            let sx = box.minX + pad
            drawLegendSymbol(m, color: colors[mi], at: Point(x: sx, y: cy), on: r)
            r.text(m.label!, at: Point(x: sx + sym + pad, y: cy), size: t.legendSize, color: t.foreground,
                   anchor: .init(horizontal: .start, vertical: .center), rotation: 0)
        }
        r.endGroup()
    }

    /// Fills the area between `lower` and `upper` over `x`, split where a bound is not finite; an opaque colour
    /// is drawn at the theme's band opacity.
    private func fillBand(x: [Double], lower: [Double], upper: [Double], color: Color,
                          map: (Double, Double) -> Point, on r: Renderer) {
        let fill = color.alpha < 1 ? color : color.opacity(theme.bandOpacity)
        let lo = Decimation.segments(x: x, y: zip(lower, upper).map { $0.0.isFinite && $0.1.isFinite ? $0.0 : .nan }, map: map)
        let hi = Decimation.segments(x: x, y: zip(lower, upper).map { $0.0.isFinite && $0.1.isFinite ? $0.1 : .nan }, map: map)
        var path = Path()
        for (a, b) in zip(lo, hi) where a.count > 1 {
            path.append(.polyline(b))
            for q in a.reversed() { path.line(to: q) }
            path.close()
        }
        r.fill(path, color: fill)
    }

    /// A step band as the polygon outline a band draws: each bin's bounds at both its edges, so the area is
    /// flat across the bin; a bin whose bound is not finite, or whose edges are not, gets a gap (NaN) after it.
    static func stepOutline(edges: [Double], lower: [Double], upper: [Double]) -> (x: [Double], lower: [Double], upper: [Double]) {
        let n = min(lower.count, upper.count, max(0, edges.count - 1))
        var x: [Double] = [], lo: [Double] = [], hi: [Double] = []
        x.reserveCapacity(2 * n); lo.reserveCapacity(2 * n); hi.reserveCapacity(2 * n)
        for i in 0..<n {
            let ok = lower[i].isFinite && upper[i].isFinite
            x += [edges[i], edges[i + 1]]
            lo += ok ? [lower[i], lower[i]] : [.nan, .nan]
            hi += ok ? [upper[i], upper[i]] : [.nan, .nan]
        }
        return (x, lo, hi)
    }

    /// A legend entry's symbol: its left end at `origin.x`, centred on `origin.y`, `LegendMetrics.symbol` long.
    func drawLegendSymbol(_ m: Mark, color c: Color, at origin: Point, on r: Renderer) {
        let t = theme
        let h = r.measure("Ag", size: t.legendSize).height
        let sym = LegendMetrics.symbol
        let sx = origin.x, cy = origin.y
        switch m.kind {
        case .band, .stepBand, .span, .bars:
            let fc: Color = m.isBand && c.alpha >= 1 ? c.opacity(t.bandOpacity) : c
            r.fill(.rect(Rect(x: sx, y: cy - h * 0.3, width: sym, height: h * 0.6)), color: fc)
        case .scatter:
            var path = Path()
            for j in 0...12 {
                let a = Double(j) * .pi / 6
                let q = Point(x: sx + sym / 2 + t.markerRadius * cos(a), y: cy + t.markerRadius * sin(a))
                j == 0 ? path.move(to: q) : path.line(to: q)
            }
            r.fill(path, color: c)
        default:
            var dashed = false
            if case .line(_, _, _, let d) = m.kind { dashed = d }
            if case .hRule(_, let d) = m.kind { dashed = d }
            if case .vRule(_, let d) = m.kind { dashed = d }
            r.stroke(.polyline([Point(x: sx, y: cy), Point(x: sx + sym, y: cy)]), color: c, width: t.lineWidth,
                     dash: dashed ? [4, 2.5] : [])
        }
    }

    /// A legend laid out above a panel: entries side by side, wrapped into rows of at most `width`.
    struct LegendFlow {
        struct Item { var mark: Int; var text: String; var x: Double; var row: Int }
        var items: [Item]
        var rowHeight: Double
        var height: Double { items.isEmpty ? 0 : Double((items.map(\.row).max() ?? 0) + 1) * rowHeight - 1 }
    }

    /// The entries of the panel's legend flowed into rows of `width` points (nil without labelled marks);
    /// an entry wider than a row is shortened in its middle.
    func legendFlow(_ p: Panel, width: Double, on r: Renderer) -> LegendFlow? {
        guard p.legend != .none else { return nil }
        let t = theme
        let entries = p.marks.indices.filter { p.marks[$0].label.map { !$0.isEmpty } ?? false }
        guard !entries.isEmpty else { return nil }
        let h = r.measure("Ag", size: t.legendSize).height
        let sym = LegendMetrics.symbol, pad = LegendMetrics.pad, gap = 3 * LegendMetrics.pad
        var items: [LegendFlow.Item] = []
        var x = 0.0, row = 0
        for mi in entries {
            let text = FigureText.elidedMiddle(p.marks[mi].label!, toFit: max(1, width - sym - pad)) {
                r.measure($0, size: t.legendSize).width
            }
            let w = sym + pad + r.measure(text, size: t.legendSize).width
            if x > 0 && x + w > width { x = 0; row += 1 }
            items.append(.init(mark: mi, text: text, x: x, row: row))
            x += w + gap
        }
        return LegendFlow(items: items, rowHeight: h + 1)
    }

    /// Draws a legend flow whose bottom-left corner is `origin` (above the panel, no box: it is outside the data).
    func drawLegendAbove(_ flow: LegendFlow, _ p: Panel, origin: Point, colors: [Color], on r: Renderer) {
        let t = theme
        r.beginGroup("legend")
        let top = origin.y - t.padding - flow.height
        for item in flow.items {
            let cy = top + Double(item.row) * flow.rowHeight + (flow.rowHeight - 1) / 2
            let sx = origin.x + item.x
            drawLegendSymbol(p.marks[item.mark], color: colors[item.mark], at: Point(x: sx, y: cy), on: r)
            r.text(item.text, at: Point(x: sx + LegendMetrics.symbol + LegendMetrics.pad, y: cy), size: t.legendSize,
                   color: t.foreground, anchor: .init(horizontal: .start, vertical: .center), rotation: 0)
        }
        r.endGroup()
    }

    /// The page rectangles of bars: from zero (the bottom edge on a log axis) to each height.
    static func barRects(x: [Double], heights: [Double], width: Double?, _ pl: PanelLayout) -> [Rect] {
        let hw = (width ?? Panel.defaultBarWidth(x)) / 2
        let base = pl.y.scale == .log ? pl.frame.maxY + 1 : pl.py(0)
        var rects: [Rect] = []
        for i in 0..<min(x.count, heights.count) {
            let a = pl.px(x[i] - hw), b = pl.px(x[i] + hw), top = pl.py(heights[i])
            guard a.isFinite, b.isFinite, top.isFinite, base.isFinite else { continue }
            rects.append(Rect(x: min(a, b), y: min(top, base), width: abs(b - a), height: abs(base - top)))
        }
        return rects
    }

    /// The page boxes of the panel's text annotations (a legend must not cover them either).
    func textAreas(_ p: Panel, _ pl: PanelLayout, on r: Renderer) -> [Rect] {
        Array(annotationBoxes(p, pl, on: r).values)
    }

    /// Where each text annotation is drawn, by mark index: its left baseline at its data point, except that an
    /// annotation that would overlap one added before it moves down just below it (annotations placed a fixed
    /// data distance apart crowd when the panel is short), and one that would reach past the frame's right or
    /// bottom edge moves back inside. Annotations whose point is not on the page are left out.
    func annotationBoxes(_ p: Panel, _ pl: PanelLayout, on r: Renderer) -> [Int: Rect] {
        var boxes: [Int: Rect] = [:]
        var placed: [Rect] = []
        let f = pl.frame, size = theme.annotationSize
        for (mi, m) in p.marks.enumerated() {
            guard case .text(let s, let x, let y) = m.kind else { continue }
            let q = pl.point(x, y)
            guard q.x.isFinite, q.y.isFinite else { continue }
            let metrics = r.measure(s, size: size)
            var box = Rect(x: q.x, y: q.y - metrics.ascent, width: metrics.width, height: metrics.height)
            while let other = placed.first(where: { $0.intersects(box) }) { box.y = other.maxY }
            box.x = max(f.minX, min(box.x, f.maxX - box.width))
            box.y = max(f.minY, min(box.y, f.maxY - box.height))
            placed.append(box)
            boxes[mi] = box
        }
        return boxes
    }

    /// The page rectangles of the panel's bars (for legend placement: a bar is an area, not a point).
    func dataAreas(_ p: Panel, _ pl: PanelLayout) -> [Rect] {
        p.marks.flatMap { m -> [Rect] in
            guard case .bars(let x, let h, let w) = m.kind else { return [] }
            return Figure.barRects(x: x, heights: h, width: w, pl)
        }
    }

    /// A sample of the page positions of the panel's data (for legend placement).
    func dataPoints(_ p: Panel, _ pl: PanelLayout) -> [Point] {
        var pts: [Point] = []
        func add(_ x: [Double], _ y: [Double]) {
            let n = min(x.count, y.count)
            let stride = max(1, n / 2000)
            for i in Swift.stride(from: 0, to: n, by: stride) {
                let q = pl.point(x[i], y[i]); if q.x.isFinite && q.y.isFinite { pts.append(q) }
            }
        }
        for m in p.marks {
            switch m.kind {
            case .line(let x, let y, _, _), .scatter(let x, let y, _): add(x, y)
            case .band(let x, let lo, let hi): add(x, lo); add(x, hi); add(x, zip(lo, hi).map { ($0 + $1) / 2 })
            case .stepBand(let e, let lo, let hi):
                let centres = zip(e, e.dropFirst()).map { ($0 + $1) / 2 }
                add(centres, lo); add(centres, hi)
            case .stairs(let e, let v, _, _): add(zip(e, e.dropFirst()).map { ($0 + $1) / 2 }, v)
            case .bars(let x, let h, _): add(x, h)
            default: break
            }
        }
        return pts
    }
}

extension Rect {
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }
    func intersects(_ o: Rect) -> Bool { minX < o.maxX && o.minX < maxX && minY < o.maxY && o.minY < maxY }
}

extension Color {
    /// The colour as an opaque premultiplied cairo pixel, `0xFFRRGGBB`.
    var opaqueARGB: UInt32 {
        func byte(_ v: Double) -> UInt32 { UInt32(max(0, min(255, (v * 255).rounded()))) }
        return 0xFF00_0000 | byte(red) << 16 | byte(green) << 8 | byte(blue)
    }

    /// Rounded to 8 bits per channel, so equal-looking heat-map cells merge into one run.
    var quantized: Color {
        Color(red: (red * 255).rounded() / 255, green: (green * 255).rounded() / 255,
              blue: (blue * 255).rounded() / 255, alpha: alpha)
    }
}
