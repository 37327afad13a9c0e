import Foundation

/// Fitting text into a width: middle elision for names, word wrapping for titles.
///
/// Names keep their start and their end (`very_long_histogram_…_barrel_eta`), where inputs that share a prefix
/// differ; titles wrap at spaces into at most a few lines, and only what is left beyond the last line is
/// shortened, with an ellipsis at its end. Text holding markup (`σ_{μ}`) is shortened as plain text.
public enum FigureText {
    /// The ellipsis put where text was cut.
    public static let ellipsis = "…"

    /// `text` shortened to at most `maxCharacters` characters (at least 3) by replacing its middle with an
    /// ellipsis: the first half and the last half are kept. Text that fits is returned unchanged.
    public static func elidedMiddle(_ text: String, maxCharacters: Int) -> String {
        let chars = Array(text)
        let limit = max(3, maxCharacters)
        guard chars.count > limit else { return text }
        return join(chars, keeping: limit - 1)
    }

    /// The characters of `chars` with all but `kept` of them (split head ≥ tail) replaced by one ellipsis.
    private static func join(_ chars: [Character], keeping kept: Int) -> String {
        let head = (kept + 1) / 2, tail = kept / 2
        return String(chars.prefix(head)) + ellipsis + String(chars.suffix(tail))
    }

    /// `text` shortened in the middle until `measure(text)` is at most `width` (an ellipsis alone if nothing
    /// fits). Markup is dropped from text that has to be shortened, so no brace is cut in half.
    static func elidedMiddle(_ text: String, toFit width: Double, measure: (String) -> Double) -> String {
        guard measure(text) > width else { return text }
        let plain = Array(TextMarkup.plain(text))
        // The longest kept length that fits: binary search over the number of characters kept.
        var lo = 0, hi = plain.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if measure(TextMarkup.escaped(join(plain, keeping: mid))) <= width { lo = mid } else { hi = mid - 1 }
        }
        return TextMarkup.escaped(join(plain, keeping: lo))
    }

    /// `text` cut at its end with an ellipsis until it measures at most `width`.
    static func elidedEnd(_ text: String, toFit width: Double, measure: (String) -> Double) -> String {
        guard measure(text) > width else { return text }
        let plain = Array(TextMarkup.plain(text))
        var lo = 0, hi = plain.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            let candidate = String(plain.prefix(mid)).trimmingCharacters(in: .whitespaces) + ellipsis
            if measure(TextMarkup.escaped(candidate)) <= width { lo = mid } else { hi = mid - 1 }
        }
        return TextMarkup.escaped(String(plain.prefix(lo)).trimmingCharacters(in: .whitespaces) + ellipsis)
    }

    /// `text` broken at spaces into at most `maxLines` lines, each measuring at most `width`: greedy filling;
    /// a single word wider than a line is shortened in its middle; what does not fit in the last line is cut
    /// at its end with an ellipsis. Empty text gives no lines.
    static func wrapped(_ text: String, toFit width: Double, maxLines: Int, measure: (String) -> Double) -> [String] {
        guard !text.isEmpty else { return [] }
        guard measure(text) > width else { return [text] }
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var lines: [String] = []
        var current = ""
        var rest = words[...]
        while let word = rest.first {
            if lines.count == max(1, maxLines) - 1 {
                // The last line takes everything left, shortened at its end if need be.
                let remaining = ([current].filter { !$0.isEmpty } + rest).joined(separator: " ")
                lines.append(elidedEnd(remaining, toFit: width, measure: measure))
                return lines
            }
            let candidate = current.isEmpty ? word : current + " " + word
            if measure(candidate) <= width {
                current = candidate
                rest = rest.dropFirst()
            } else if current.isEmpty {
                lines.append(elidedMiddle(word, toFit: width, measure: measure))
                rest = rest.dropFirst()
            } else {
                lines.append(current)
                current = ""
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
