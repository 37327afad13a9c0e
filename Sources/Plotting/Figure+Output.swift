import Foundation

extension Figure {
    /// Renders the figure into the bytes of `format` (same input → same bytes).
    public func render(_ format: RenderTarget) throws(PlotError) -> [UInt8] {
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
    public func renderData(_ format: RenderTarget) throws(PlotError) -> Data { Data(try render(format)) }

    /// Renders and writes the figure to a file; throws `PlotError.unwritable` when the path cannot be written.
    public func write(to url: URL, format: RenderTarget) throws(PlotError) {
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
///
/// Works on the raw buffer and copies unchanged runs in bulk: only `"` and `#` can end an id opener, so the bytes
/// between them are copied with one append, and `memchr` skips to candidate matches, several times faster than a
/// byte-by-byte copy that appended each byte and built its search patterns per line
/// (measured: docs/performance.md).
enum SVGPostProcessor {
    static let idKinds = ["glyph", "clip", "surface", "pattern", "image", "mask", "linear", "radial", "source", "filter"]
        .map { Array($0.utf8) }
    static let openers = [Array("id=\"".utf8), Array("href=\"#".utf8), Array("url(#".utf8)]
    static let beginD = Array("d=\"M 0.5 0.5 L 0.75 0.5 L 0.75 0.75 L 0.5 0.75 Z M 0.5 0.5 \"".utf8)
    static let endD = Array("d=\"M 0.25 0.25 L 0.5 0.25 L 0.5 0.5 L 0.25 0.5 Z M 0.25 0.25 \"".utf8)
    static let magenta = Array("fill:rgb(100%,0%,100%)".utf8)
    static let pathOpen = Array("<path".utf8)
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
        var images: [[UInt8]: Int] = [:]
        svg.withUnsafeBufferPointer { s in
            var lineStart = 0
            while lineStart < s.count {
                var lineEnd = lineStart
                if let base = s.baseAddress, let nl = memchr(base + lineStart, 10, s.count - lineStart) {
                    lineEnd = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                } else {
                    lineEnd = s.count
                }
                let line = lineStart..<lineEnd
                if starts(s, line, with: pathOpen) && contains(s, line, magenta) {
                    if contains(s, line, beginD) {
                        let name = g < groups.count ? groups[g] : "mark"
                        let kind = name.split(separator: " ").first.map(String.init) ?? "g"
                        out += Array("<g class=\"\(name)\" id=\"\(safe)-\(kind)-\(g)\">".utf8)
                        g += 1
                    } else if contains(s, line, endD) {
                        out += Array("</g>".utf8)
                    } else {
                        copy(s, line, into: &out, prefix: pre, images: &images)
                    }
                } else if starts(s, line, with: surfaceGroup) {
                    out += Array("<g>".utf8)
                } else if starts(s, line, with: imageOpen) {
                    out += crisp
                    copy(s, (line.lowerBound + imageOpen.count)..<line.upperBound, into: &out, prefix: pre, images: &images)
                } else {
                    copy(s, line, into: &out, prefix: pre, images: &images)
                }
                if lineEnd < s.count { out.append(10) }
                lineStart = lineEnd + 1
            }
        }
        return out
    }

    /// Whether the bytes `s[range]` begin with `needle`.
    private static func starts(_ s: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, with needle: [UInt8]) -> Bool {
        guard range.count >= needle.count else { return false }
        return equal(s, at: range.lowerBound, needle)
    }

    /// Whether `needle` occurs within `s[range]`: `memchr` finds each candidate first byte, then the rest is compared.
    private static func contains(_ s: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, range.count >= needle.count, let base = s.baseAddress else { return false }
        var i = range.lowerBound
        let last = range.upperBound - needle.count
        while i <= last {
            guard let hit = memchr(base + i, Int32(first), last + 1 - i) else { return false }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if equal(s, at: i, needle) { return true }
            i += 1
        }
        return false
    }

    /// Whether `s` holds `needle` from `offset` on (the caller checks there is room).
    @inline(__always)
    private static func equal(_ s: UnsafeBufferPointer<UInt8>, at offset: Int, _ needle: [UInt8]) -> Bool {
        for k in needle.indices where s[offset + k] != needle[k] { return false }
        return true
    }

    /// Copies `s[range]` to `out`, inserting `prefix` after every id opener that introduces one of cairo's id
    /// kinds and renumbering `imageN` in order of first appearance.
    private static func copy(_ s: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: inout [UInt8],
                             prefix: [UInt8], images: inout [[UInt8]: Int]) {
        var runStart = range.lowerBound
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let c = s[i]
            i += 1
            // Openers end in '"' or '#'; only then look back and ahead.
            guard c == UInt8(ascii: "\"") || c == UInt8(ascii: "#") else { continue }
            var opened = false
            for o in openers where i - range.lowerBound >= o.count && equal(s, at: i - o.count, o) { opened = true; break }
            guard opened else { continue }
            for k in idKinds where end - i >= k.count && equal(s, at: i, k) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: s[runStart..<i]))
                out += prefix
                if k == imageKind {
                    // imageN: N counts every surface of the process; number them in order of appearance instead.
                    var digitsEnd = i + k.count
                    while digitsEnd < end, s[digitsEnd] >= 48, s[digitsEnd] <= 57 { digitsEnd += 1 }
                    let number = Array(s[(i + k.count)..<digitsEnd])
                    let local = images[number] ?? images.count
                    images[number] = local
                    out += k + Array(String(local).utf8)
                    i = digitsEnd
                }
                runStart = i
                break
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: s[runStart..<end]))
    }
}
