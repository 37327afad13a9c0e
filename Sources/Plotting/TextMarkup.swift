/// A minimal markup for subscripts and superscripts in figure text, so labels read as they would in a paper:
/// `σ_{μ}` draws σ with a subscript μ, `10^{3}` a superscript 3.
///
/// - `_{…}` subscript, `^{…}` superscript; the braces hold plain text (no nesting);
/// - `\` takes the next character literally, so `\_{` is the three characters `_{`;
/// - everything else is plain: a lone `_` or `^` (as in `jet_pt`) stays as it is.
///
/// Text that comes from users (input names, run ids) must pass through `escaped(_:)` before it is put into a
/// label, so that it is drawn exactly as written.
public enum TextMarkup {
    /// A piece of text drawn on one baseline.
    public struct Run: Hashable, Sendable {
        public enum Position: Hashable, Sendable { case normal, `subscript`, superscript }
        public var text: String
        public var position: Position
    }

    /// Script size relative to the surrounding text, as in TeX's `\scriptstyle` (about 0.7).
    static let scriptScale = 0.7
    /// Baseline shift of a subscript (down) and a superscript (up), in units of the surrounding font size.
    static let subscriptDrop = 0.18
    static let superscriptRise = 0.36

    /// Whether `text` may hold markup (quick test, so plain labels take the fast path).
    static func hasMarkup(_ text: String) -> Bool {
        var previous: Character = " "
        for c in text {
            if c == "\\" || (c == "{" && (previous == "_" || previous == "^")) { return true }
            previous = c
        }
        return false
    }

    /// The runs of `text`. An unclosed `_{` takes the rest of the text as its script.
    public static func runs(_ text: String) -> [Run] {
        var runs: [Run] = []
        var current = ""
        var position = Run.Position.normal
        var chars = Array(text)[...]
        func flush() {
            if !current.isEmpty { runs.append(Run(text: current, position: position)) }
            current = ""
        }
        while let c = chars.popFirst() {
            switch c {
            case "\\":
                if let next = chars.popFirst() { current.append(next) }
            case "_" where position == .normal && chars.first == "{",
                 "^" where position == .normal && chars.first == "{":
                chars.removeFirst()
                flush()
                position = c == "_" ? .subscript : .superscript
            case "}" where position != .normal:
                flush()
                position = .normal
            default:
                current.append(c)
            }
        }
        flush()
        return runs
    }

    /// The text as a reader sees it, without markup (for measuring in tests and for accessible text).
    public static func plain(_ text: String) -> String {
        hasMarkup(text) ? runs(text).map(\.text).joined() : text
    }

    /// `text` with every character that could start markup escaped, so it is drawn exactly as written.
    public static func escaped(_ text: String) -> String {
        guard hasMarkup(text) else { return text }
        var out = ""
        var previous: Character = " "
        for c in text {
            if c == "\\" || (c == "{" && (previous == "_" || previous == "^")) { out.append("\\") }
            out.append(c)
            previous = c
        }
        return out
    }
}
