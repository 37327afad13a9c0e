import Foundation

/// A figure width, stored in points (1/72 in), read from text as a user writes it: `3.5in`, `8.9cm`, `89mm`,
/// `252pt`, or the presets `column` (3.5 in, one column of a two-column paper) and `page` (7 in, across the
/// page). A number and its unit may be separated by spaces; units are case-insensitive.
///
/// ```swift
/// let w = try FigureWidth(parsing: "8.9cm")   // 252.28 pt
/// FigureWidth("column")?.points               // 252
/// ```
public struct FigureWidth: Sendable, Hashable, LosslessStringConvertible {
    /// The width in points.
    public let points: Double
    /// The preset this width was named by, if any (a preset also implies the paper's font size and print dpi).
    public let preset: Preset?

    /// Named widths of a two-column paper.
    public enum Preset: String, Sendable, Hashable, CaseIterable {
        /// One column: 3.5 in.
        case column
        /// Across the page: 7 in.
        case page

        public var points: Double {
            switch self {
            case .column: 3.5 * 72
            case .page: 7 * 72
            }
        }
    }

    /// The supported range, 1 in to 20 in: narrower leaves no room for an axis, wider is a poster, not a figure.
    /// The layout is checked from 3 in to 10 in.
    public static let supported: ClosedRange<Double> = 72...(20 * 72)

    /// Points per unit: `in` 72, `cm` 72/2.54, `mm` 72/25.4, `pt` 1.
    static let units: [(String, Double)] = [("in", 72), ("cm", 72 / 2.54), ("mm", 72 / 25.4), ("pt", 1)]

    public static let column = FigureWidth(preset: .column)
    public static let page = FigureWidth(preset: .page)

    public init(preset: Preset) { self.init(unchecked: preset.points, preset: preset) }

    private init(unchecked points: Double, preset: Preset?) { self.points = points; self.preset = preset }

    /// A width in points; throws when it is not finite or outside `supported`.
    public init(points: Double) throws(FigureWidthError) {
        guard points.isFinite, FigureWidth.supported.contains(points) else {
            throw FigureWidthError.outOfRange(text: FigureWidth.format(points) + "pt", points: points)
        }
        self.init(unchecked: points, preset: nil)
    }

    /// Parses `3.5in`, `8.9cm`, `89mm`, `252pt`, `column` or `page`, with an error that says what is wrong.
    public init(parsing text: String) throws(FigureWidthError) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let p = Preset(rawValue: t) { self.init(preset: p); return }
        guard let (unit, perUnit) = FigureWidth.units.first(where: { t.hasSuffix($0.0) }) else {
            throw FigureWidthError.missingUnit(text: text)
        }
        let number = t.dropLast(unit.count).trimmingCharacters(in: .whitespaces)
        guard let value = Double(number), value.isFinite, !number.isEmpty,
              number.allSatisfy({ $0.isNumber || $0 == "." }) else {
            throw FigureWidthError.notANumber(text: text)
        }
        let points = value * perUnit
        guard FigureWidth.supported.contains(points) else { throw FigureWidthError.outOfRange(text: text, points: points) }
        self.init(unchecked: points, preset: nil)
    }

    /// `nil` when `description` is not a width (the CLI's `ExpressibleByArgument` builds on this).
    public init?(_ description: String) {
        guard let w = try? FigureWidth(parsing: description) else { return nil }
        self = w
    }

    /// The preset's name, or the width in inches when it is a whole number of hundredths of an inch, else in points.
    public var description: String {
        if let preset { return preset.rawValue }
        let inches = points / 72
        if abs(inches * 100 - (inches * 100).rounded()) < 1e-9 { return FigureWidth.format(inches) + "in" }
        return FigureWidth.format(points) + "pt"
    }

    public var inches: Double { points / 72 }

    static func format(_ v: Double) -> String {
        var s = String(format: "%.4f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}

/// Why a figure width could not be read.
public enum FigureWidthError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingUnit(text: String)
    case notANumber(text: String)
    case outOfRange(text: String, points: Double)

    public var description: String {
        switch self {
        case .missingUnit(let t):
            "figure width '\(t)' has no unit: write it as 3.5in, 8.9cm, 89mm or 252pt, or use column (3.5in) or page (7in)"
        case .notANumber(let t):
            "figure width '\(t)' is not a positive number followed by in, cm, mm or pt"
        case .outOfRange(let t, let p):
            "figure width '\(t)' is \(FigureWidth.format(p / 72)) in; figures must be 1 to 20 in wide"
        }
    }
}
