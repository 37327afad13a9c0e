import Foundation

/// Numbers in messages and tables: as short as they are exact to 6 significant digits.
public enum NumberText {
    /// `0.5`, `1e-05`, `1234.5`: `%.6g` without trailing zeros, and never `-0`.
    public static func plain(_ x: Double) -> String {
        var s = String(format: "%.6g", x)
        if s.contains("e") { return s }
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }
}
