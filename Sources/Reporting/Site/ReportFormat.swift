import Foundation
import Inputs

/// Number formatting for the page and the messages: fixed, locale-independent, never "nan".
public enum ReportFormat {
    /// A metric in [0, 1] or thereabouts: three decimals; `—` for a missing value.
    public static func metric(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return String(format: "%.3f", x)
    }

    /// A number as short as it is exact to 6 significant digits: 0.5, 1e-05, 1234.5.
    public static func plain(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return NumberText.plain(x)
    }

    /// A setting or a chosen value to three significant digits: 1.04, 0.68, 12.5.
    public static func short(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return plain(Double(String(format: "%.3g", x)) ?? x)
    }

    /// A formatted number as figure text: signs as the true minus (U+2212), as on the tick labels, so a
    /// threshold of −0.46 in a legend matches the axis beside it.
    public static func typeset(_ number: String) -> String {
        number.replacingOccurrences(of: "-", with: "\u{2212}")
    }

    /// A duration: 12 ms, 1.53 s.
    public static func seconds(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return x < 1 ? String(format: "%.0f ms", x * 1000) : String(format: "%.2f s", x)
    }

    /// A number for a CSV cell: shortest round-trip representation, empty for non-finite.
    public static func csv(_ x: Double) -> String {
        x.isFinite ? "\(x)" : ""
    }
}
