import Plotting

/// The report's fixed colour roles (Okabe–Ito, colour-blind safe), so a colour means the same in every figure.
enum FigurePalette {
    static let good = Color(hex: 0x0072B2)        // blue
    static let bad = Color(hex: 0xD55E00)         // vermillion
    static let unknown = Color(hex: 0x7F7F7F)     // grey
    static let reference = Color(hex: 0x009E73)   // bluish green
    static let observed = Color(hex: 0x000000)
    static let threshold = Color(hex: 0x444444)
    static let approach: [String: Color] = [
        // The baseline is reddish purple, not grey: a grey band would read as the grey truth spans.
        "baseline": Color(hex: 0xCC79A7), "topk": Color(hex: 0xE69F00),
        "mixture": Color(hex: 0x009E73), "hmm": Color(hex: 0x0072B2),
    ]

    /// Paper sizes in points: a full text width and a single column.
    static let wide = 6.5 * 72.0
    static let column = 3.4 * 72.0
}
