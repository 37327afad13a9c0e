/// A safe file-name stem from any user string (a `--name`, a file name, a config entry).
///
/// Keeps ASCII letters, digits, `-`, `_` and `.`; every other run of characters (slashes, spaces,
/// `<`, non-ASCII) becomes one `-`. Then: no `..` (collapsed to `.`), no leading dot or dash, no trailing
/// dot, dash or underscore, at most 80 characters; an empty result becomes `input`.
/// So `../../etc/passwd` → `etc-passwd`, `<script>` → `script`, `..` → `input`.
public func sanitizedFileStem(_ name: String, fallback: String = "input") -> String {
    var out: [Character] = []
    var lastWasDash = false
    for ch in name {
        let ok = ch.isASCII && (ch.isLetter || ch.isNumber || ch == "-" || ch == "_" || ch == ".")
        if ok {
            if ch == ".", out.last == "." { continue }
            out.append(ch)
            lastWasDash = ch == "-"
        } else if !lastWasDash {
            out.append("-")
            lastWasDash = true
        }
    }
    var s = String(out)
    func trim() {
        while let f = s.first, f == "." || f == "-" { s.removeFirst() }
        while let l = s.last, l == "." || l == "-" || l == "_" { s.removeLast() }
    }
    trim()
    if s.count > 80 { s = String(s.prefix(80)); trim() }
    return s.isEmpty ? fallback : s
}

/// Makes stems unique in order, case-insensitively: `a`, `a-2`, `a-3`, … (the first keeps its name).
public func uniqueFileStems(_ stems: [String]) -> [String] {
    var used = Set<String>()
    var out: [String] = []
    for stem in stems {
        var candidate = stem
        var n = 2
        while used.contains(candidate.lowercased()) {
            candidate = "\(stem)-\(n)"
            n += 1
        }
        used.insert(candidate.lowercased())
        out.append(candidate)
    }
    return out
}
