import Foundation

/// What a reviewer checks on a figure before it goes into a paper, measured on the layout rather than on
/// pixels: text that leaves the page, overlaps other text or is smaller than the style's font size, frames
/// that leave the page or shrink to slivers, and a figure taller than `maximumHeightToWidth` times its width.
/// The layout tests audit every figure of the catalogue at many widths (and `make gallery` draws them).
struct FigureAudit {
    /// A drawn text's box on the page, from the font's ascent and descent (boxes of stacked lines touch but do
    /// not overlap).
    struct TextBox {
        var text: String
        var rect: Rect
        var size: Double
    }

    /// Every text the figure draws, with its box.
    var boxes: [TextBox]
    /// The problems found, each a sentence naming the text or frame at fault; empty when the figure passes.
    var problems: [String]

    /// Draws `figure` (already styled) through a recording renderer with the installed fonts' metrics and
    /// checks it against `fontSize`, the smallest text size allowed.
    init(_ figure: Figure, fontSize: Double) {
        let r = RecordingRenderer.withFontMetrics(figure.theme)
        figure.draw(on: r)
        boxes = FigureAudit.textBoxes(r)
        var problems: [String] = []
        let tolerance = 0.01
        let page = "\(figure.width) × \(figure.height) page"
        if boxes.isEmpty { problems.append("no text drawn") }
        for b in boxes {
            if !(b.rect.minX >= -tolerance && b.rect.maxX <= figure.width + tolerance
                 && b.rect.minY >= -tolerance && b.rect.maxY <= figure.height + tolerance) {
                problems.append("'\(b.text)' \(b.rect) lies outside the \(page)")
            }
            if b.size < fontSize - 1e-9 { problems.append("'\(b.text)' is \(b.size) pt, below \(fontSize) pt") }
        }
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                let a = boxes[i].rect, b = boxes[j].rect
                let dx = min(a.maxX, b.maxX) - max(a.minX, b.minX), dy = min(a.maxY, b.maxY) - max(a.minY, b.minY)
                if dx > tolerance && dy > tolerance {
                    problems.append("'\(boxes[i].text)' \(a) overlaps '\(boxes[j].text)' \(b)")
                }
            }
        }
        for pl in figure.layout(using: r).panels.prefix(figure.panels.count) {
            let f = pl.frame
            if !(f.minX >= 0 && f.maxX <= figure.width && f.minY >= 0 && f.maxY <= figure.height) {
                problems.append("frame \(f) lies outside the \(page)")
            }
            if f.height < 2 * fontSize { problems.append("frame \(f) is less than two font sizes tall") }
        }
        if figure.height > Figure.maximumHeightToWidth * figure.width + 0.01 {
            problems.append("\(page) is taller than \(Figure.maximumHeightToWidth) × its width")
        }
        self.problems = problems
    }

    /// The boxes of the texts `r` recorded, turned onto the page for rotated text.
    static func textBoxes(_ r: RecordingRenderer) -> [TextBox] {
        r.calls.compactMap { call in
            guard case .text(let s, let p, let size, let anchor, let rotation) = call, !s.isEmpty else { return nil }
            let m = r.measure(s, size: size)
            let (x0, baseline) = anchor.origin(for: m)
            // The box in the text's own frame (x along the text, y down), then turned onto the page.
            let tx0 = x0, tx1 = x0 + m.width, ty0 = baseline - m.ascent, ty1 = baseline + m.descent
            let rect = rotation == 0
                ? Rect(x: p.x + tx0, y: p.y + ty0, width: tx1 - tx0, height: ty1 - ty0)
                // 90° counter-clockwise: text x runs up the page, text y to the right.
                : Rect(x: p.x + ty0, y: p.y - tx1, width: ty1 - ty0, height: tx1 - tx0)
            return TextBox(text: s, rect: rect, size: size)
        }
    }
}
