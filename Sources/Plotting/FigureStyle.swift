import Foundation

/// How figures are sized for where they will be shown: a width (`column`, `page` or any length), the
/// paper's font size, the PNG resolution, and whether figures carry their titles (a paper's caption is its
/// figure's title). Heights are not given: each figure keeps the aspect of its own
/// panels (see `Figure.styled(_:)`).
///
/// Defaults: without a width, figures keep the width they were built with; the font size is the standard
/// theme's (8 pt tick labels) and PNGs are 144 dpi. A preset width (`column`, `page`) implies 8 pt text and
/// 300 dpi, what a journal prints; explicit values always win.
public struct FigureStyle: Sendable, Hashable {
    public var width: FigureWidth?
    /// Base text size in points (tick labels, legends); `nil` takes the default (see above).
    public var fontSize: Double?
    /// PNG resolution in dots per inch; `nil` takes the default (see above).
    public var dpi: Double?
    /// Whether figures are drawn with their titles; `nil` (unset) and true draw them. False leaves them out
    /// (`--no-titles`) and gives their room to the panels; the report's page still shows each title in the
    /// figure's caption.
    public var titles: Bool?

    /// Accepted font sizes (pt) and resolutions (dpi).
    public static let fontSizes: ClosedRange<Double> = 5...24
    public static let resolutions: ClosedRange<Double> = 50...1200

    /// Figures as built, 144 dpi PNGs.
    public static let standard = FigureStyle(checkedWidth: nil, fontSize: nil, dpi: nil, titles: nil)

    private init(checkedWidth: FigureWidth?, fontSize: Double?, dpi: Double?, titles: Bool?) {
        width = checkedWidth; self.fontSize = fontSize; self.dpi = dpi; self.titles = titles
    }

    /// A style; throws when the font size is outside 5…24 pt or the resolution outside 50…1200 dpi.
    public init(width: FigureWidth? = nil, fontSize: Double? = nil, dpi: Double? = nil,
                titles: Bool? = nil) throws(FigureStyleError) {
        if let fontSize, !(fontSize.isFinite && FigureStyle.fontSizes.contains(fontSize)) {
            throw FigureStyleError.fontSize(fontSize)
        }
        if let dpi, !(dpi.isFinite && FigureStyle.resolutions.contains(dpi)) { throw FigureStyleError.dpi(dpi) }
        self.init(checkedWidth: width, fontSize: fontSize, dpi: dpi, titles: titles)
    }

    /// Whether figures carry their titles: unless `titles` is false.
    public var showsTitles: Bool { titles ?? true }

    /// Whether the width was named by a preset (which implies the paper's font size and print resolution).
    public var isPreset: Bool { width?.preset != nil }

    /// The base text size used: given, else 8 pt (the standard theme's, and a paper's with a preset).
    public var resolvedFontSize: Double { fontSize ?? Theme.standard.fontSize }

    /// The PNG resolution used: given, else 300 dpi with a preset and 144 dpi without.
    public var resolvedDPI: Double { dpi ?? (isPreset ? 300 : 144) }

    /// The PNG output format at this resolution (device pixels per point = dpi / 72).
    public var png: RenderTarget { .png(scale: resolvedDPI / 72) }

    /// `name` shortened in its middle so that it takes at most `fraction` of the figure's width (`width`
    /// when the style has none) in the title font of this style: for input names put into titles, so a long
    /// name leaves room for what the figure shows. Call it before `TextMarkup.escaped(_:)`.
    public func fittedName(_ name: String, figureWidth: Double, fraction: Double = 0.5,
                           theme: Theme = .standard) -> String {
        let w = (width?.points ?? figureWidth) * max(0.1, min(1, fraction))
        let size = theme.withFontSize(resolvedFontSize).titleSize
        let measurer = CairoOutput.measurer(fontFamily: theme.fontFamily)
        let plain = FigureText.elidedMiddle(TextMarkup.escaped(name), toFit: w) { measurer.measure($0, size: size).width }
        return TextMarkup.plain(plain)
    }
}

/// Why a figure style was refused.
public enum FigureStyleError: Error, Sendable, Hashable, CustomStringConvertible {
    case fontSize(Double)
    case dpi(Double)

    public var description: String {
        switch self {
        case .fontSize(let v): "font size \(FigureWidth.format(v)) pt is outside 5 to 24 pt"
        case .dpi(let v): "PNG resolution \(FigureWidth.format(v)) dpi is outside 50 to 1200 dpi"
        }
    }
}
