extension Theme {
    /// The theme with every text size derived from one base size `points` (tick labels, legends and
    /// annotations at `points`; axis labels and panel titles at 9/8 of it; the figure title at 10/8), the
    /// proportions of the standard theme, whose base is 8 pt. Spacing around text follows the base size;
    /// line widths and tick lengths do not (they are read in print at any text size).
    public func withFontSize(_ points: Double) -> Theme {
        var t = self
        t.tickLabelSize = points
        t.legendSize = points
        t.annotationSize = points
        t.labelSize = points * 9 / 8
        t.panelTitleSize = points * 9 / 8
        t.titleSize = points * 10 / 8
        t.padding = Theme.standard.padding * points / Theme.standard.tickLabelSize
        return t
    }

    /// The base text size: that of tick labels.
    public var fontSize: Double { tickLabelSize }
}
