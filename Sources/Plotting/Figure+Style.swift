import Foundation

/// Figures are given a size by laying them out again, not by scaling: text keeps the style's size in points,
/// and the space left is shared among the panels.
extension Figure {
    /// The smallest plot frame height, as a multiple of the base font size, of the row with the smallest
    /// height ratio (other rows in proportion): room for three tick labels, so a narrow figure's short panel
    /// stays readable instead of following the aspect down to a sliver.
    static let minimumFrameHeightInFontSizes = 5.0
    /// The narrowest plot frame, in font sizes, before panels side by side are stacked: room for four tick
    /// labels of a few digits.
    static let minimumFrameWidthInFontSizes = 16.0

    /// This figure at the width and font size of `style`.
    ///
    /// The height follows the figure's own aspect, measured on its plot frames rather than on the page: the
    /// frames keep the height-to-width ratio they have in the figure as built, and the text around them
    /// (titles, tick labels, legends above panels) takes the height it needs at the style's font size. So a
    /// 6.5 in figure set in a 3.5 in column keeps the shape of its panels, and its 8 pt labels stay 8 pt.
    /// Every row of panels keeps at least `minimumFrameHeightInFontSizes` font sizes and the length of its
    /// y-axis labels (see `minimumFrameHeight(using:)`). Without a width only the text size changes.
    public func styled(_ style: FigureStyle) -> Figure {
        var fig = self
        fig.theme = theme.withFontSize(style.resolvedFontSize)
        guard let target = style.width?.points, target != width || fig.theme != theme else { return fig }
        let measurer = CairoOutput.measurer(fontFamily: theme.fontFamily)
        let original = layout(using: measurer)
        let aspect = frameAspect(original) / Double(rowCount)
        fig.width = target
        fig.height = height * target / width
        // Panels side by side that would be narrower than `minimumFrameWidthInFontSizes` are stacked instead,
        // in the same order, each keeping its aspect.
        if columnCount > 1 {
            let frameWidth = columnFrameWidth(fig.layout(using: measurer))
            if frameWidth < Figure.minimumFrameWidthInFontSizes * fig.theme.fontSize {
                let count = rowCount * columnCount
                fig.grid(rows: count, columns: 1, sharedX: false)
                fig.height = height * Double(count) / Double(rowCount)
            }
        }
        let minimum = fig.minimumFrameHeight(using: measurer)
        // Frame heights depend on the height only through the text around them (ticks are recounted as the
        // axes change length), so a few corrections converge to within a tenth of a point.
        // A legend may fit inside its panel at one height and not at the next; where that flips, it is put above
        // the panel for good, so the height settles.
        var previous: [Bool]?
        for _ in 0..<6 {
            let current = fig.layout(using: measurer)
            let above = current.panels.map(\.legendAbove)
            if let prev = previous, prev != above {
                for i in above.indices where i < fig.panels.count && (above[i] || prev[i]) { fig.panels[i].legend = .above }
                previous = nil
                continue
            }
            previous = above
            let frames = fig.columnFrameHeight(current)
            let wanted = max(minimum, fig.columnFrameWidth(current) * aspect * Double(fig.rowCount))
            let change = wanted - frames
            guard abs(change) > 0.1 else { break }
            fig.height = max(fig.height + change, 36)
        }
        fig.height = (fig.height * 100).rounded(.up) / 100
        return fig
    }

    /// The least total frame height of a column: every row at least `minimumFrameHeightInFontSizes` font
    /// sizes tall and as tall as its longest y-axis label (so no label has to be shortened), rows keeping
    /// their height ratios.
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
