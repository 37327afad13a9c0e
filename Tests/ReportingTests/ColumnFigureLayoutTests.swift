import Foundation
import XCTest
@testable import Plotting
@testable import Reporting

/// Every figure kind the report draws, as the methods build it (not a look-alike), audited at a paper's widths:
/// at most 1.5 × as tall as wide, no text overlapping or leaving the page, none below the font size
/// (`FigureAudit`). The figures come from reports written at column width: the quick demo (DINAMO-S on 1D
/// histograms with labels, MC-EM with all approaches, zoom figures, ROC/PR) and ROOT run files with a TH2.
final class ColumnFigureLayoutTests: ToolTestCase {
    /// The specs of every figure of `report`, by id.
    private func specs(_ report: URL) throws -> [(String, FigureSpec)] {
        try FigureRerender.figureIDs(report: report).map { ($0, try FigureRerender.loadSpec(report: report, id: $0)) }
    }

    private func audit(_ report: URL, file: StaticString = #filePath, line: UInt = #line) throws -> Set<String> {
        var kinds: Set<String> = []
        for (id, spec) in try specs(report) {
            XCTAssertEqual(spec.style.width, .column, id, file: file, line: line)
            for inches in [3.0, 3.5, 5.0, 7.0, 10.0] {
                let style = spec.style.overridden(by: try FigureStyle(width: FigureWidth(points: inches * 72)))
                let figure = spec.figure.styled(style)
                for problem in FigureAudit(figure, fontSize: style.resolvedFontSize).problems {
                    XCTFail("\(id) at \(inches) in: \(problem)", file: file, line: line)
                }
            }
            kinds.insert(id)
        }
        return kinds
    }

    func testEveryFigureOfTheDemoFitsAColumnAndEveryWidthToTenInches() throws {
        XCTAssertEqual(try tool(["run", "--quick", "--figure-width", "column", "--formats", "svg", "--output", "out", "--quiet"]).status, 0)
        let ids = try audit(root.appendingPathComponent("out"))
        for kind in ["score-trend", "score-distributions", "threshold-scan", "reference-evolution", "worst-run", "pull-map",
                     "alpha-scan", "hmm", "hmm-zoom", "training-loss", "hmm-transitions", "roc-pr", "scores", "summary-map-1"] {
            XCTAssertTrue(ids.contains { $0.hasSuffix(kind) }, "the demo draws a \(kind) figure: \(ids.sorted())")
        }
    }

    func testTheMapsOfATH2FitAColumnAsTwoAndOneBeneath() throws {
        let gen = try tool(["generate", "dinamo", "--format", "root", "--output", "runs", "--runs", "40", "--histograms", "4",
                            "--bins", "16", "--quiet"])
        XCTAssertEqual(gen.status, 0, gen.stderr)
        let config = #"{"figure_width": "column", "dinamo": [{"input": "runs/*.root", "histograms": "DQMData/Run */Pixel/*", "labels": "runs/labels.csv"}]}"#
        try config.write(to: root.appendingPathComponent("c.json"), atomically: true, encoding: .utf8)
        let r = try tool(["run", "--config", "c.json", "--output", "out", "--formats", "svg", "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = root.appendingPathComponent("out")
        let maps = try specs(report).filter { $0.0.contains("-run-") }
        XCTAssertFalse(maps.isEmpty)
        for (id, spec) in maps {
            let column = spec.styledFigure
            XCTAssertEqual([column.rowCount, column.columnCount, column.panels.count], [2, 2, 3], id)
            XCTAssertLessThanOrEqual(column.height, 1.5 * column.width, id)
            // The histogram's cells are square (a TH2 of n × n bins): each map's frame is.
            for frame in column.layout(using: RecordingRenderer.withFontMetrics()).panels.prefix(3).map(\.frame) {
                XCTAssertEqual(frame.height / frame.width, 1, accuracy: 0.15, "\(id): \(frame)")
            }
        }
        _ = try audit(report)
    }
}
