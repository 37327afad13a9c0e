import Foundation
import Plotting

/// The system × run verdict that leads the overview (ALICE QC's quality per detector system, drawn the way the
/// DQM summary map draws histograms): one row per detector system, one column per run that any histogram of a
/// system flagged, each cell coloured by the share of the system's histograms that flagged the run.
///
/// share(system, run) = (histograms of the system that flagged the run) / (histograms of the system)
///
/// A system that broke in a run flags most of its histograms, so its cell is dark red; the scattered false alarms
/// a false-alarm budget allows (about 0.5 % of the good runs per histogram) stay pale. Columns link to the run
/// pages. Only records with a system take part (`InputRecord.system`); without any, there is no map.
struct SystemMap {
    /// Run columns per figure; more runs give further maps ("2 of 3").
    static let columnsPerFigure = 250

    struct Part {
        var artifact: FigureArtifact
        /// The systems of the rows, top to bottom.
        var systems: [String]
        /// The runs of the columns, left to right.
        var runs: [String]
    }

    /// A detector system and how many computed histogram inputs it has: the share's denominator.
    struct System: Sendable, Equatable {
        var name: String
        var histograms: Int
    }

    /// The systems in order of first appearance.
    static func systems(_ records: [InputRecord]) -> [System] {
        var order: [String] = [], counts: [String: Int] = [:]
        for r in records.sorted(by: { $0.position < $1.position }) where r.failure == nil && r.runs != nil {
            guard let s = r.system else { continue }
            if counts[s] == nil { order.append(s) }
            counts[s, default: 0] += 1
        }
        return order.map { System(name: $0, histograms: counts[$0]!) }
    }

    static func parts(_ records: [InputRecord], verdicts: [RunVerdict]) -> [Part] {
        let systems = systems(records)
        guard !systems.isEmpty else { return [] }
        let runs = verdicts.filter { !$0.systems.isEmpty }
        guard !runs.isEmpty else { return [] }
        let chunks = stride(from: 0, to: runs.count, by: columnsPerFigure).map { Array(runs[$0..<min(runs.count, $0 + columnsPerFigure)]) }
        return chunks.enumerated().map { k, chunk in
            Part(artifact: figure(systems, chunk, part: k, of: chunks.count), systems: systems.map(\.name), runs: chunk.map(\.run))
        }
    }

    private static func figure(_ systems: [System], _ verdicts: [RunVerdict],
                               part: Int, of parts: Int) -> FigureArtifact {
        // Row 0 is drawn at the top: y cell j holds systems[systems.count − 1 − j].
        var values = [[Double]](repeating: [Double](repeating: 0, count: verdicts.count), count: systems.count)
        var table = CSVTable(header: ["system", "run", "histograms_flagging", "histograms", "share"])
        for (i, system) in systems.enumerated() {
            let j = systems.count - 1 - i
            for (c, v) in verdicts.enumerated() {
                let n = v.flags.filter { $0.system == system.name }.count
                let share = Double(n) / Double(system.histograms)
                values[j][c] = share
                if n > 0 {
                    table.append([.text(system.name), .text(v.run), .integer(n), .integer(system.histograms), .number(share)])
                }
            }
        }
        let runs = verdicts.map(\.run)
        let suffix = parts > 1 ? " (\(part + 1) of \(parts))" : ""
        let span = parts > 1 ? "runs \(runs.first!)–\(runs.last!)" : "\(runs.count) flagged runs"
        var fig = Figure(width: 7 * 72, height: min(8 * 72, 1.3 * 72 + 14 * Double(systems.count)),
                         title: "Systems × flagged runs: \(span)\(suffix)")
        fig.panels[0] = RunMapPanel.panel(values, runs: runs, rows: systems.map(\.name), colorMap: .reds, range: .fixed(0, 1),
                                          colorbarLabel: "share flagging")
        let broken = values.joined().filter { $0 >= 0.5 }.count
        let stem = parts > 1 ? "system-map-\(part + 1)" : "system-map"
        return FigureArtifact(
            stem: stem, title: "Systems × runs\(suffix)",
            caption: "One row per detector system, one column per run any of its histograms flagged (\(span)); colour: the share of the system's histograms that flagged the run — dark where a system broke (\(broken) cells at half or more here), pale for a lone alarm. Click a column for the run's page.",
            alt: "Heat map of \(systems.count) systems by \(runs.count) flagged runs coloured by the share of each system's histograms that flagged the run; \(broken) cells at half or more.",
            figure: fig, data: table, dataLabel: "flags per system and run")
    }

    /// Image-map areas over the displayed image (CSS pixels = points × 4/3): each run's column links to its page.
    static func areas(_ part: Part, runHref: (String) -> String?) -> [OverviewPage.MapArea] {
        guard let frame = part.artifact.figure.panelFrames().first else { return [] }
        return RunMapPanel.runAreas(part.runs, in: frame, runHref: runHref)
    }
}
