import Plotting

/// The report's fixed colour roles (Okabe–Ito, colour-blind safe), so a colour means the same in every figure.
enum FigurePalette {
    static let good = Color(hex: 0x0072B2)        // blue
    static let bad = Color(hex: 0xD55E00)         // vermillion
    static let unknown = Color(hex: 0x7F7F7F)     // grey
    static let reference = Color(hex: 0x009E73)   // bluish green
    static let observed = Color(hex: 0x000000)
    static let threshold = Color(hex: 0x444444)
    /// Two variants of one method drawn on one axis (DINAMO-S and DINAMO-ML side by side): Okabe–Ito's
    /// reddish purple and orange, apart from the good/bad/reference roles above.
    static let firstVariant = Color(hex: 0xCC79A7)
    static let secondVariant = Color(hex: 0xE69F00)
    /// The widths the report's figures are built at, in points: a full text width (6.5 in) and the narrow base
    /// of the smaller figures (3.4 in; each scales it). `--figure-width` restyles them to a paper's column or page
    /// (`FigureWidth`).
    static let wideWidth = 6.5 * 72.0
    static let narrowWidth = 3.4 * 72.0
}
