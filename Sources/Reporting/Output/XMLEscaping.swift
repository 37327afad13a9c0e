import Plotting

/// Escaping for XML and HTML text and attribute values.
enum XMLEscaping {
    /// `&`, `<`, `>`, `"` and `'` as entities; characters XML 1.0 forbids are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || (0xFFFE...0xFFFF).contains(v) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Figure-text markup (`σ_{μ}`, see `TextMarkup`) as HTML: each run is escaped, scripts become `<sub>` and
    /// `<sup>`. The only tags in the result are those two, so it is safe to print unescaped.
    static func html(fromMarkup text: String) -> String {
        TextMarkup.runs(text).map { run in
            let t = escape(run.text)
            switch run.position {
            case .normal: return t
            case .subscript: return "<sub>\(t)</sub>"
            case .superscript: return "<sup>\(t)</sup>"
            }
        }.joined()
    }
}
