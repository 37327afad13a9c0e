import Foundation

/// Figures are given a size by laying them out again, not by scaling: text keeps the style's size in points,
/// and the space left is shared among the panels.
extension Figure {
    /// The smallest plot frame height, as a multiple of the base font size, of the row with the smallest
    /// height ratio (other rows in proportion): room for three tick labels, so a narrow figure's short panel
    /// stays readable instead of following the aspect down to a sliver.
    static let minimumFrameHeightInFontSizes = 5.0
    /// The narrowest plot frame, in font sizes, before panels side by side are rearranged into fewer columns:
    /// room for four tick labels of a few digits.
    static let minimumFrameWidthInFontSizes = 16.0
    /// The narrowest frame of a heat map, in font sizes: a map is read by its colours, and three tick labels
    /// suffice, so maps stay side by side (with square-ish cells) where line plots would not.
    static let minimumMapWidthInFontSizes = 7.0
    /// The tallest a styled figure may be, as a multiple of its width: a figure taller than one and a half times
    /// its width takes more of a paper's column than a figure should. Frames are made flatter (down to their
    /// minimum height) rather than let the figure grow past it.
    public static let maximumHeightToWidth = 1.5

    /// This figure at the width, font size and titles of `style`.
    ///
    /// The height follows the figure's own aspect, measured on its plot frames rather than on the page: the
    /// frames keep the height-to-width ratio they have in the figure as built, and the text around them
    /// (titles, tick labels, legends above panels) takes the height it needs at the style's font size. So a
    /// 6.5 in figure set in a 3.5 in column keeps the shape of its panels, and its 8 pt labels stay 8 pt.
    /// Every row of panels keeps at least `minimumFrameHeightInFontSizes` font sizes and the length of its
    /// y-axis labels (see `minimumFrameHeight(using:)`), and the figure is at most `maximumHeightToWidth` times
    /// as tall as it is wide (frames are flattened first).
    ///
    /// Panels side by side that would be narrower than `minimumFrameWidthInFontSizes` (heat maps:
    /// `minimumMapWidthInFontSizes`) are rearranged into the most columns that leave them wide enough, in the
    /// same reading order: three in a row become two and one beneath, two become one above the other. Shared
    /// axes stay shared in the new grid. Where that arrangement would be taller than `maximumHeightToWidth`,
    /// the panels keep more columns (frames down to `minimumMapWidthInFontSizes`) rather than grow the figure.
    ///
    /// Without titles (`FigureStyle.titles` false) the figure's title is left out and its room goes to the
    /// panels. Without a width only the text size and the title change.
    public func styled(_ style: FigureStyle) -> Figure {
        var fig = self
        fig.theme = theme.withFontSize(style.resolvedFontSize)
        if !style.showsTitles { fig.title = "" }
        guard let target = style.width?.points, target != width || fig.theme != theme || fig.title != title else { return fig }
        let measurer = CairoOutput.measurer(fontFamily: theme.fontFamily)
        let original = layout(using: measurer)
        let aspect = frameAspect(original) / Double(rowCount)
        fig.width = target
        fig.height = height * target / width
        guard columnCount > 1 else { return fig.fittingHeight(frameAspectPerRow: aspect, using: measurer) }
        // The arrangement with the most columns whose frames are wide enough, unless it is too tall: then the
        // next with more columns (frames down to `minimumMapWidthInFontSizes`), else the least tall of them.
        let arrangements = fig.arrangements(heightPerRow: height / Double(rowCount) * target / width, using: measurer)
        let preferred = arrangements.firstIndex { $0.wideEnough } ?? arrangements.count - 1
        var tried: [Figure] = []
        for k in stride(from: preferred, through: 0, by: -1) where k == preferred || arrangements[k].frameWidth
            >= Figure.minimumMapWidthInFontSizes * fig.theme.fontSize {
            let fitted = arrangements[k].figure.fittingHeight(frameAspectPerRow: aspect, using: measurer)
            if fitted.height <= Figure.maximumHeightToWidth * fitted.width + 0.01 { return fitted }
            tried.append(fitted)
        }
        return tried.min { $0.height < $1.height }!
    }

    /// This figure with its height chosen so that each plot frame is `aspect` times as tall as it is wide (within
    /// the limits of `styled(_:)`): for heat maps of a 2D histogram, whose cells are square when `aspect` is the
    /// number of y bins over the number of x bins. `styled(_:)` keeps the aspect at any width.
    public func fittingFrames(aspect: Double) -> Figure {
        guard aspect > 0, aspect.isFinite else { return self }
        return fittingHeight(frameAspectPerRow: aspect, using: CairoOutput.measurer(fontFamily: theme.fontFamily))
    }

    /// The panels in every number of columns from the present one down to one, in the same reading order
    /// (three in a row become two and one beneath, then one above the other), shared axes kept; each with its
    /// frame width at `heightPerRow` per row, and whether that is wide enough for its panels
    /// (`minimumFrameWidthInFontSizes`, heat maps `minimumMapWidthInFontSizes`).
    private func arrangements(heightPerRow: Double, using measurer: Renderer)
        -> [(figure: Figure, frameWidth: Double, wideEnough: Bool)] {
        let count = min(panels.count, rowCount * columnCount)
        let narrowest = panels.prefix(count).map { p in
            p.heatmap != nil && p.marks.allSatisfy({ if case .heatmap = $0.kind { true } else { false } })
                ? Figure.minimumMapWidthInFontSizes : Figure.minimumFrameWidthInFontSizes
        }.max() ?? Figure.minimumFrameWidthInFontSizes
        return stride(from: columnCount, through: 1, by: -1).map { columns in
            var trial = self
            if columns != columnCount {
                let rows = (count + columns - 1) / columns
                trial.panels = Array(panels.prefix(count))
                trial.grid(rows: rows, columns: columns, sharedX: sharedX, sharedY: sharedY)
                trial.panels.removeLast(trial.panels.count - count)
                trial.height = heightPerRow * Double(rows)
            }
            let w = columnFrameWidth(trial.layout(using: measurer))
            return (trial, w, columns == 1 || w >= narrowest * trial.theme.fontSize)
        }
    }

    /// The height at which the frames have `aspect` (per row) or are as flat as `maximumHeightToWidth` needs,
    /// never below their minimum height.
    private func fittingHeight(frameAspectPerRow aspect: Double, using measurer: Renderer) -> Figure {
        var fig = self
        let minimum = fig.minimumFrameHeight(using: measurer)
        // Frame heights depend on the height only through the text around them (ticks are recounted as the
        // axes change length), so a few corrections converge to within a tenth of a point.
        // An automatic legend may fit inside its panel at one height and not at the next (it may hide data at
        // one and not at another); where that flips, it is put above the panel for good, so the height settles.
        // A legend in a fixed corner always fits at the minimum height (`minimumFrameHeight`), so it settles
        // inside.
        var previous: [Bool]?
        for _ in 0..<8 {
            let current = fig.layout(using: measurer)
            let above = current.panels.map(\.legendAbove)
            if let prev = previous, prev != above {
                for i in above.indices where i < fig.panels.count && (above[i] || prev[i]) && fig.panels[i].legend == .auto {
                    fig.panels[i].legend = .above
                }
                previous = nil
                continue
            }
            previous = above
            let frames = fig.columnFrameHeight(current)
            let byAspect = fig.columnFrameWidth(current) * aspect * Double(fig.rowCount)
            let byCap = frames + Figure.maximumHeightToWidth * fig.width - fig.height
            let change = max(minimum, min(byAspect, byCap)) - frames
            guard abs(change) > 0.1 else { break }
            fig.height = max(fig.height + change, 36)
        }
        fig.height = (fig.height * 100).rounded(.up) / 100
        return fig
    }

    /// The least total frame height of a column: every row at least `minimumFrameHeightInFontSizes` font
    /// sizes tall, as tall as its longest y-axis label (so no label has to be shortened) and tall enough for a
    /// legend in a fixed corner, rows keeping their height ratios.
    func minimumFrameHeight(using r: Renderer) -> Double {
        let ratioSum = heightRatios.reduce(0, +)
        var scale = 0.0
        for (row, ratio) in heightRatios.enumerated() {
            var needed = Figure.minimumFrameHeightInFontSizes * theme.fontSize
            for c in 0..<columnCount where row * columnCount + c < panels.count {
                let p = panels[row * columnCount + c]
                if !p.yLabel.isEmpty { needed = max(needed, r.measure(p.yLabel, size: theme.labelSize).width + 2 * theme.padding) }
                if let h = p.heatmap, case .heatmap(_, _, _, _, _, let label) = h.kind, !label.isEmpty {
                    needed = max(needed, r.measure(label, size: theme.labelSize).width + 2 * theme.padding)
                }
                if [.upperLeft, .upperRight, .lowerLeft, .lowerRight].contains(p.legend), let box = legendSize(p, on: r) {
                    needed = max(needed, box.height + 2 * LegendMetrics.inset)
                }
            }
            scale = max(scale, needed / ratio)
        }
        return scale * ratioSum
    }

    /// Total frame height of the first column over its frame width (divided by the row count: per row).
    private func frameAspect(_ layout: FigureLayout) -> Double {
        let w = columnFrameWidth(layout)
        return w > 0 ? columnFrameHeight(layout) / w : 0.6
    }

    private func columnFrameHeight(_ layout: FigureLayout) -> Double {
        stride(from: 0, to: layout.panels.count, by: columnCount).reduce(0) { $0 + layout.panels[$1].frame.height }
    }

    private func columnFrameWidth(_ layout: FigureLayout) -> Double { layout.panels.first?.frame.width ?? width }
}
