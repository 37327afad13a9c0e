import Foundation
import Plotting

/// The run × histogram summary map of the overview (the DQM "summary map"): one row per histogram input, one
/// column per run — every run, in blocks of `columnsPerFigure` runs — coloured by how far the run's score lies
/// above or below that histogram's threshold, flagged cells marked. Each row's label links to the histogram's
/// page and each flagged run's column to the run's page (an HTML image map).
///
/// Colour = ln(χ²/ν) − T, on a diverging map clipped at ±3: red cells are above their threshold, blue below,
/// so the eye goes to the red column of a bad run first, whatever each histogram's own T is. Runs are matched
/// by their identifiers across inputs (numeric order when every id is a number, else first appearance).
struct SummaryMap {
    /// Rows and run columns per figure; more give further maps ("2 of 3"), runs before histograms.
    static let rowsPerFigure = 80
    static let columnsPerFigure = 250
    static let clip = 3.0

    struct Part {
        var artifact: FigureArtifact
        /// The records of the rows, top to bottom.
        var rows: [InputRecord]
        /// The runs of the columns, left to right.
        var runs: [String]
    }

    /// The histogram records that can take part: those with run scores.
    static func eligible(_ records: [InputRecord]) -> [InputRecord] {
        records.filter { $0.runs != nil && $0.failure == nil }.sorted { $0.position < $1.position }
    }

    /// The run columns: the union of the rows' runs, in numeric order when every id is a number, else in order
    /// of first appearance.
    static func columns(_ rows: [InputRecord]) -> [String] {
        var seen: Set<String> = []
        var order: [String] = []
        for r in rows { for id in r.runs!.ids where seen.insert(id).inserted { order.append(id) } }
        if order.allSatisfy({ Int($0) != nil }) { order.sort { Int($0)! < Int($1)! } }
        return order
    }

    static func parts(_ records: [InputRecord]) -> [Part] {
        let rows = eligible(records)
        guard !rows.isEmpty else { return [] }
        let runs = columns(rows)
        guard !runs.isEmpty else { return [] }
        let rowChunks = stride(from: 0, to: rows.count, by: rowsPerFigure).map { Array(rows[$0..<min(rows.count, $0 + rowsPerFigure)]) }
        let runChunks = stride(from: 0, to: runs.count, by: columnsPerFigure).map { Array(runs[$0..<min(runs.count, $0 + columnsPerFigure)]) }
        let total = rowChunks.count * runChunks.count
        var parts: [Part] = []
        for runChunk in runChunks {
            for rowChunk in rowChunks {
                parts.append(Part(artifact: figure(rowChunk, runs: runChunk, part: parts.count, of: total,
                                                   allRuns: runChunks.count > 1), rows: rowChunk, runs: runChunk))
            }
        }
        return parts
    }

    private static func figure(_ rows: [InputRecord], runs: [String], part: Int, of parts: Int, allRuns split: Bool) -> FigureArtifact {
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
        let span = split ? "runs \(runs.first!)–\(runs.last!)" : "\(runs.count) runs"
        var fig = Figure(width: 7 * 72, height: height, title: "Summary map: \(span) × \(rows.count) histograms\(suffix)")
        var p = RunMapPanel.panel(values, runs: runs, rows: rows.map(\.name), colorMap: .diverging,
                                  range: .symmetricClipped(clip), colorbarLabel: "ln(χ²/ν) − T")
        if !fx.isEmpty { p.add(.scatter(x: fx, y: fy, label: "flagged", color: .black, radius: 1.6)) }
        fig.panels[0] = p
        let flagged = fx.count
        let stem = parts > 1 ? "summary-map-\(part + 1)" : "summary-map"
        return FigureArtifact(
            stem: stem, title: "Summary map\(suffix)",
            caption: "One row per monitored histogram, one column per run (\(span)); colour: the run's score ln(χ²/ν) minus that histogram's threshold T, clipped at ±\(Int(clip)) — red above the threshold, blue below, empty where the histogram has no such run. Dots mark flagged runs (\(flagged) here). Click a histogram's name for its page, a flagged run's column for the run's page.",
            alt: "Heat map of \(rows.count) histograms by \(runs.count) runs coloured by score above threshold; \(flagged) flagged cells.",
            figure: fig, data: table, dataLabel: "scores per run and histogram")
    }

    /// A long name shortened in the middle, so both its start and its distinctive end stay readable.
    static func elided(_ name: String, max: Int = 28) -> String {
        guard name.count > max else { return TextMarkup.escaped(name) }
        let head = name.prefix((max - 1) / 2 + (max - 1) % 2), tail = name.suffix((max - 1) / 2)
        return TextMarkup.escaped(head + "…" + tail)
    }

    /// Image-map areas over the displayed image (CSS pixels = points × 4/3): the row labels left of the map link
    /// to the histograms' pages, and the columns of runs that have a page to those pages.
    static func areas(_ part: Part, pageHref: (InputRecord) -> String, runHref: (String) -> String?) -> [OverviewPage.MapArea] {
        guard let frame = part.artifact.figure.panelFrames().first else { return [] }
        let rowHeight = frame.height / Double(part.rows.count)
        let rows = part.rows.enumerated().map { i, r in
            let top = frame.y + Double(i) * rowHeight
            return OverviewPage.MapArea(coords: RunMapPanel.coords(0, top, frame.x, top + rowHeight), href: pageHref(r), title: r.name)
        }
        return rows + RunMapPanel.runAreas(part.runs, in: frame, runHref: runHref)
    }
}
