import Plotting

extension FigureStyle {
    /// This style with every field that `other` sets taken from `other`: the command line over a config, a
    /// re-render's options over the report's style. (Both were checked, so the merge cannot be refused.)
    public func overridden(by other: FigureStyle) -> FigureStyle {
        (try? FigureStyle(width: other.width ?? width, fontSize: other.fontSize ?? fontSize, dpi: other.dpi ?? dpi,
                          titles: other.titles ?? titles)) ?? other
    }
}
