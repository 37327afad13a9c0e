import Foundation

extension Figure {
    /// Renders the figure into the bytes of `format` (same input → same bytes).
    public func render(_ format: OutputFormat) throws(PlotError) -> [UInt8] {
        guard width > 0, height > 0, width.isFinite, height.isFinite else {
            throw PlotError.invalidSize(width: width, height: height)
        }
        switch format {
        case .png(let scale):
            return try CairoOutput.png(width: width, height: height, scale: scale > 0 && scale.isFinite ? scale : 2,
                                       fontFamily: theme.fontFamily) { draw(on: $0) }
        case .svg(let prefix):
            let (bytes, groups) = try CairoOutput.svg(width: width, height: height, fontFamily: theme.fontFamily) { draw(on: $0) }
            return Array(SVGPostProcessor.process(String(decoding: bytes, as: UTF8.self), prefix: prefix, groups: groups).utf8)
        case .pdf:
            return try CairoOutput.pdf(width: width, height: height, fontFamily: theme.fontFamily,
                                       date: Figure.pdfDate()) { draw(on: $0) }
        }
    }

    /// Renders the figure into `Data`.
    public func renderData(_ format: OutputFormat) throws(PlotError) -> Data { Data(try render(format)) }

    /// Renders and writes the figure to a file; throws `PlotError.unwritable` when the path cannot be written.
    public func write(to url: URL, format: OutputFormat) throws(PlotError) {
        let bytes = try render(format)
        do { try Data(bytes).write(to: url, options: .atomic) } catch {
            throw PlotError.unwritable(path: url.path, reason: error.localizedDescription)
        }
    }

    /// The PDF date: `SOURCE_DATE_EPOCH` when set, else a fixed date, in cairo's ISO 8601 form.
    static func pdfDate() -> String {
        let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int($0) } ?? 1_577_836_800
        var time = time_t(epoch)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}

/// Rewrites cairo's SVG: prefixes every internal id (and its references) and turns group sentinels into `<g>`.
enum SVGPostProcessor {
    static let idKinds = ["glyph", "clip", "surface", "pattern", "image", "mask", "linear", "radial", "source", "filter"]

    static func process(_ svg: String, prefix: String, groups: [String]) -> String {
        var lines = svg.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let begin = "d=\"M 0.5 0.5 L 0.75 0.5 L 0.75 0.75 L 0.5 0.75 Z M 0.5 0.5 \""
        let end = "d=\"M 0.25 0.25 L 0.5 0.25 L 0.5 0.5 L 0.25 0.5 Z M 0.25 0.25 \""
        var g = 0
        let safe = prefix.isEmpty ? "fig" : prefix
        for i in lines.indices where lines[i].hasPrefix("<path") && lines[i].contains("fill:rgb(100%,0%,100%)") {
            if lines[i].contains(begin) {
                let name = g < groups.count ? groups[g] : "mark"
                let parts = name.split(separator: " ")
                lines[i] = "<g class=\"\(name)\" id=\"\(safe)-\(parts.first ?? "g")-\(g)\">"
                g += 1
            } else if lines[i].contains(end) {
                lines[i] = "</g>"
            }
        }
        var out = lines.joined(separator: "\n")
        // Cairo numbers surfaces with a process-wide counter: drop those ids so output is byte-stable.
        if let re = try? NSRegularExpression(pattern: "<g id=\"surface[0-9]+\">") {
            out = re.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: "<g>")
        }
        guard !prefix.isEmpty else { return out }
        for k in idKinds {
            out = out.replacingOccurrences(of: "id=\"\(k)", with: "id=\"\(prefix)-\(k)")
                .replacingOccurrences(of: "href=\"#\(k)", with: "href=\"#\(prefix)-\(k)")
                .replacingOccurrences(of: "url(#\(k)", with: "url(#\(prefix)-\(k)")
        }
        return out
    }
}
