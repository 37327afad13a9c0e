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
            return SVGPostProcessor.process(bytes, prefix: prefix, groups: groups)
        case .pdf(let creationDate):
            return try CairoOutput.pdf(width: width, height: height, fontFamily: theme.fontFamily,
                                       date: Figure.pdfDate(creationDate)) { draw(on: $0) }
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

    /// A PDF date (seconds since 1970) in cairo's ISO 8601 form.
    static func pdfDate(_ epoch: Int) -> String {
        var time = time_t(epoch)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}

/// Rewrites cairo's SVG in one pass over its bytes: prefixes every internal id (and its references) so several
/// figures can share one HTML page, turns group sentinels into `<g class=…>`, drops cairo's process-wide
/// `surfaceN` ids and renumbers its process-wide `imageN` ids per file, so output is byte-stable, and marks
/// embedded images (heatmaps: one pixel per cell) to be scaled without smoothing.
enum SVGPostProcessor {
    static let idKinds = ["glyph", "clip", "surface", "pattern", "image", "mask", "linear", "radial", "source", "filter"]
        .map { Array($0.utf8) }
    static let openers = [Array("id=\"".utf8), Array("href=\"#".utf8), Array("url(#".utf8)]
    static let beginD = Array("d=\"M 0.5 0.5 L 0.75 0.5 L 0.75 0.75 L 0.5 0.75 Z M 0.5 0.5 \"".utf8)
    static let endD = Array("d=\"M 0.25 0.25 L 0.5 0.25 L 0.5 0.5 L 0.25 0.5 Z M 0.25 0.25 \"".utf8)
    static let magenta = Array("fill:rgb(100%,0%,100%)".utf8)
    static let surfaceGroup = Array("<g id=\"surface".utf8)
    static let imageOpen = Array("<image ".utf8)
    /// `optimizeSpeed` is SVG 1.1's presentation attribute (Inkscape, librsvg); the CSS keyword is the browsers'.
    static let crisp = Array("<image image-rendering=\"optimizeSpeed\" style=\"image-rendering:pixelated\" ".utf8)
    static let imageKind = Array("image".utf8)

    static func process(_ svg: [UInt8], prefix: String, groups: [String]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(svg.count + svg.count / 8)
        let pre = prefix.isEmpty ? [] : Array(prefix.utf8) + [UInt8(ascii: "-")]
        let safe = prefix.isEmpty ? "fig" : prefix
        var g = 0
        var images: [ArraySlice<UInt8>: Int] = [:]
        var lineStart = 0
        while lineStart < svg.count {
            var lineEnd = lineStart
            while lineEnd < svg.count && svg[lineEnd] != 10 { lineEnd += 1 }
            let line = svg[lineStart..<lineEnd]
            if line.starts(with: Array("<path".utf8)) && contains(line, magenta) {
                if contains(line, beginD) {
                    let name = g < groups.count ? groups[g] : "mark"
                    let kind = name.split(separator: " ").first.map(String.init) ?? "g"
                    out += Array("<g class=\"\(name)\" id=\"\(safe)-\(kind)-\(g)\">".utf8)
                    g += 1
                } else if contains(line, endD) {
                    out += Array("</g>".utf8)
                } else {
                    copy(line, into: &out, prefix: pre, images: &images)
                }
            } else if line.starts(with: surfaceGroup) {
                out += Array("<g>".utf8)
            } else if line.starts(with: imageOpen) {
                out += crisp
                copy(line.dropFirst(imageOpen.count), into: &out, prefix: pre, images: &images)
            } else {
                copy(line, into: &out, prefix: pre, images: &images)
            }
            if lineEnd < svg.count { out.append(10) }
            lineStart = lineEnd + 1
        }
        return out
    }

    private static func contains(_ hay: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard hay.count >= needle.count, let f = needle.first else { return false }
        var i = hay.startIndex
        while i <= hay.endIndex - needle.count {
            if hay[i] == f && hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    private static func copy(_ line: ArraySlice<UInt8>, into out: inout [UInt8], prefix: [UInt8],
                             images: inout [ArraySlice<UInt8>: Int]) {
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            out.append(c)
            i += 1
            // Openers end in '"' or '#'; only then look back and ahead.
            guard c == UInt8(ascii: "\"") || c == UInt8(ascii: "#") else { continue }
            var opened = false
            for o in openers where i - line.startIndex >= o.count && line[(i - o.count)..<i].elementsEqual(o) { opened = true; break }
            guard opened else { continue }
            for k in idKinds where line.endIndex - i >= k.count && line[i..<(i + k.count)].elementsEqual(k) {
                out += prefix
                if k == imageKind {
                    // imageN: N counts every surface of the process; number them in order of appearance instead.
                    var end = i + k.count
                    while end < line.endIndex, line[end] >= 48, line[end] <= 57 { end += 1 }
                    let number = line[(i + k.count)..<end]
                    let local = images[number] ?? images.count
                    images[number] = local
                    out += k + Array(String(local).utf8)
                    i = end
                }
                break
            }
        }
    }
}
