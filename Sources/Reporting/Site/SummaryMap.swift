import Foundation
import Plotting

/// The run × histogram summary map of the overview (the DQM "summary map"): one row per histogram input, one
/// column per run among the latest runs, coloured by how far the run's score lies above or below that
/// histogram's threshold, flagged cells marked. Each row links to the histogram's page (an HTML image map).
///
/// Colour = ln(χ²/ν) − T, on a diverging map clipped at ±3: red cells are above their threshold, blue below,
/// so the eye goes to the red column of a bad run first, whatever each histogram's own T is. Runs are matched
/// by their identifiers across inputs (numeric order when every id is a number, else first appearance).
struct SummaryMap {
    /// Rows per figure; more histograms give further maps ("2 of 3").
    static let rowsPerFigure = 80
    static let clip = 3.0

    struct Part {
        var artifact: FigureArtifact
        /// The records of the rows, top to bottom.
        var rows: [InputRecord]
    }

    /// The histogram records that can take part: those with run scores.
    static func eligible(_ records: [InputRecord]) -> [InputRecord] {
        records.filter { $0.runs != nil && $0.failure == nil }.sorted { $0.position < $1.position }
    }

    /// The run columns: the union of the rows' latest runs, the last `RunScores.kept` of them.
    static func columns(_ rows: [InputRecord]) -> [String] {
        var seen: Set<String> = []
        var order: [String] = []
        for r in rows { for id in r.runs!.ids where seen.insert(id).inserted { order.append(id) } }
        if order.allSatisfy({ Int($0) != nil }) { order.sort { Int($0)! < Int($1)! } }
        return Array(order.suffix(RunScores.kept))
    }

    static func parts(_ records: [InputRecord]) -> [Part] {
        let rows = eligible(records)
        guard !rows.isEmpty else { return [] }
        let runs = columns(rows)
        guard !runs.isEmpty else { return [] }
        let chunks = stride(from: 0, to: rows.count, by: rowsPerFigure).map { Array(rows[$0..<min(rows.count, $0 + rowsPerFigure)]) }
        return chunks.enumerated().map { k, chunk in
            Part(artifact: figure(chunk, runs: runs, part: k, of: chunks.count), rows: chunk)
        }
    }

    private static func figure(_ rows: [InputRecord], runs: [String], part: Int, of parts: Int) -> FigureArtifact {
        let column = Dictionary(uniqueKeysWithValues: runs.enumerated().map { ($1, $0) })
        // Row 0 is drawn at the top: y cell j holds rows[rows.count − 1 − j].
        var values = [[Double]](repeating: [Double](repeating: .nan, count: runs.count), count: rows.count)
        var fx: [Double] = [], fy: [Double] = []
        var table = CSVTable(header: ["histogram", "run", "score", "threshold", "flagged"])
        for (i, r) in rows.enumerated() {
            let s = r.runs!
            let j = rows.count - 1 - i
            for (k, id) in s.ids.enumerated() {
                guard let c = column[id] else { continue }
                if let score = s.scores[k] {
                    values[j][c] = max(-clip, min(clip, score - s.threshold))
                }
                if s.flagged[k] { fx.append(Double(c) + 0.5); fy.append(Double(j) + 0.5) }
                table.append([.text(r.name), .text(id), s.scores[k].map { .number($0) } ?? .missing, .number(s.threshold),
                              .integer(s.flagged[k] ? 1 : 0)])
            }
        }
        let height = min(16 * 72, 1.3 * 72 + 11 * Double(rows.count))
        let suffix = parts > 1 ? " (\(part + 1) of \(parts))" : ""
        var fig = Figure(width: 7 * 72, height: height, title: "Summary map: the latest \(runs.count) runs × \(rows.count) histograms\(suffix)")
        var p = Panel()
        p.xLabel = "run"
        p.xRange = 0...Double(runs.count)
        p.yRange = 0...Double(rows.count)
        p.xCategories = runs
        p.yCategories = rows.reversed().map { Self.elided($0.name) }
        p.legend = .none
        p.add(.heatmap(values, xEdges: (0...runs.count).map(Double.init), yEdges: (0...rows.count).map(Double.init),
                       colorMap: .diverging, range: .symmetricClipped(clip), colorbarLabel: "ln(χ²/ν) − T"))
        if !fx.isEmpty { p.add(.scatter(x: fx, y: fy, label: "flagged", color: .black, radius: 1.6)) }
        fig.panels[0] = p
        let flagged = fx.count
        let stem = parts > 1 ? "summary-map-\(part + 1)" : "summary-map"
        return FigureArtifact(
            stem: stem, title: "Summary map\(suffix)",
            caption: "One row per monitored histogram, one column per run (the latest \(runs.count)); colour: the run's score ln(χ²/ν) minus that histogram's threshold T, clipped at ±\(Int(clip)) — red above the threshold, blue below, empty where the histogram has no such run. Dots mark flagged runs (\(flagged) here). Click a row for the histogram's page.",
            alt: "Heat map of \(rows.count) histograms by \(runs.count) runs coloured by score above threshold; \(flagged) flagged cells.",
            figure: fig, data: table, dataLabel: "scores per run and histogram")
    }

    /// A long name shortened in the middle, so both its start and its distinctive end stay readable.
    static func elided(_ name: String, max: Int = 28) -> String {
        guard name.count > max else { return TextMarkup.escaped(name) }
        let head = name.prefix((max - 1) / 2 + (max - 1) % 2), tail = name.suffix((max - 1) / 2)
        return TextMarkup.escaped(head + "…" + tail)
    }

    /// Image-map areas over the displayed image (CSS pixels = points × 4/3): one strip per row.
    static func areas(_ part: Part, pageHref: (InputRecord) -> String) -> [OverviewPage.MapArea] {
        guard let frame = part.artifact.figure.panelFrames().first else { return [] }
        let k = 4.0 / 3.0
        let rowHeight = frame.height / Double(part.rows.count)
        return part.rows.enumerated().map { i, r in
            let top = frame.y + Double(i) * rowHeight
            let coords = [frame.x, top, frame.x + frame.width, top + rowHeight].map { String(Int(($0 * k).rounded())) }
            return OverviewPage.MapArea(coords: coords.joined(separator: ","), href: pageHref(r), title: r.name)
        }
    }
}
