import Foundation
import XCTest
@testable import Plotting
@testable import Reporting

/// Value-level tests of the report's page model and the figures spanning inputs: view models and `Figure`
/// values are compared, no pixels.
final class SiteModelTests: XCTestCase {
    private func record(_ position: Int, _ name: String, runs ids: [String] = [], scores: [Double?] = [],
                        flagged: [Bool] = [], threshold: Double = 1, flaggedUnits: Int = 0, units: Int = 100,
                        failure: String? = nil) -> InputRecord {
        let status: InputStatus = failure == nil ? (flaggedUnits > 0 ? .alert : .ok) : .failed
        let severity = failure == nil ? Double(flaggedUnits) / Double(units) : 2
        return InputRecord(position: position, stem: name, name: name, method: DinamoMethod.info, size: [], unit: .run,
                    units: units, flaggedUnits: flaggedUnits, flaggedBy: nil, keyMetric: nil, status: status,
                    severity: severity, seconds: nil, entry: nil, figures: [], checks: [],
                    sparkline: [], sparklineThreshold: nil,
                    runs: ids.isEmpty ? nil : RunScores(ids: ids, scores: scores, flagged: flagged, threshold: threshold),
                    settingsText: "", failure: failure)
    }

    // MARK: summary map

    func testSummaryMapMatchesRunsByIdInNumericOrderAndColoursByScoreAboveThreshold() throws {
        // Two histograms; the second misses run 10 and has run 100; ids order numerically, not as text.
        let a = record(0, "a", runs: ["9", "10", "11"], scores: [0.5, 4, 7], flagged: [false, true, true], threshold: 2)
        let b = record(1, "b", runs: ["9", "11", "100"], scores: [1, nil, -9], flagged: [false, false, false], threshold: 0)
        XCTAssertEqual(SummaryMap.columns([a, b]), ["9", "10", "11", "100"])
        let parts = SummaryMap.parts([b, a])
        XCTAssertEqual(parts.count, 1)
        XCTAssertEqual(parts[0].rows.map(\.name), ["a", "b"], "rows in config order, top to bottom")
        let panel = parts[0].artifact.figure.panels[0]
        XCTAssertEqual(panel.xCategories, ["9", "10", "11", "100"])
        XCTAssertEqual(panel.yCategories, ["b", "a"], "y counts upward: the first row is drawn at the top")
        guard case .heatmap(let values, _, _, _, let range, _) = panel.marks[0].kind else { return XCTFail("no heat map") }
        XCTAssertEqual(range, .symmetricClipped(3))
        // values[0] is the bottom row (b), values[1] the top row (a): score − T, clipped at ±3, NaN where absent.
        XCTAssertEqual(values[1][0], -1.5)
        XCTAssertEqual(values[1][1], 2)
        XCTAssertEqual(values[1][2], 3, "7 − 2 clipped to 3")
        XCTAssertTrue(values[1][3].isNaN, "a has no run 100")
        XCTAssertEqual(values[0][0], 1)
        XCTAssertTrue(values[0][1].isNaN && values[0][2].isNaN, "b has no run 10 and no score for run 11")
        XCTAssertEqual(values[0][3], -3)
        guard case .scatter(let x, let y, _) = panel.marks[1].kind else { return XCTFail("no flagged marks") }
        XCTAssertEqual(x, [1.5, 2.5])
        XCTAssertEqual(y, [1.5, 1.5])
        XCTAssertEqual(parts[0].artifact.stem, "summary-map")
        XCTAssertEqual(parts[0].artifact.data?.rows.count, 6)
    }

    func testSummaryMapSplitsIntoFiguresOfAtMostEightyRowsAndSkipsFailedAndSeriesInputs() {
        var records = (0..<170).map { record($0, "h\($0)", runs: ["1", "2"], scores: [0, 0], flagged: [false, false]) }
        records.append(record(170, "failed", failure: "bad row"))
        records.append(record(171, "series"))
        let parts = SummaryMap.parts(records)
        XCTAssertEqual(parts.map(\.rows.count), [80, 80, 10])
        XCTAssertEqual(parts.map(\.artifact.stem), ["summary-map-1", "summary-map-2", "summary-map-3"])
        XCTAssertTrue(parts[2].artifact.title.hasSuffix("(3 of 3)"))
    }

    func testLongHistogramNamesAreElidedInTheMiddle() {
        let name = "DQMData/Run 319176/Muons/Run summary/standAloneMuons/pt"
        let short = SummaryMap.elided(name)
        XCTAssertEqual(short.count, 28)
        XCTAssertTrue(short.hasPrefix("DQMData/Run 3") && short.hasSuffix("AloneMuons/pt") && short.contains("…"), short)
    }

    // MARK: overview

    func testOverviewPutsFailedInputsFirstThenTheWorstAndLinksInputPages() {
        let records = [record(0, "quiet"), record(1, "bad", flaggedUnits: 30), record(2, "broken", failure: "line 7: x"),
                       record(3, "worse", flaggedUnits: 60), record(4, "also-quiet")]
        let request = ReportRequest(output: URL(fileURLWithPath: "/tmp/x"), commandLine: "run")
        let page = OverviewBuilder(request: request, generated: nil, css: "")
            .build(records, verdicts: RunVerdict.gather(records), summaryMaps: [], seconds: nil, summaryData: Data())
        XCTAssertEqual(page.rows.map(\.name), ["broken", "worse", "bad", "quiet", "also-quiet"])
        XCTAssertEqual(page.rows.map(\.href), ["#failed", "inputs/worse.html", "inputs/bad.html", "inputs/quiet.html", "inputs/also-quiet.html"])
        XCTAssertEqual(page.verdict, "1 of 5 inputs failed. Anomalies flagged in 2 of 5 inputs.")
        XCTAssertEqual(page.verdictClass, "alert")
        XCTAssertEqual(page.failed.map(\.name), ["broken"])
        var selfContained = request
        selfContained.selfContained = true
        let inline = OverviewBuilder(request: selfContained, generated: nil, css: "")
            .build(records, verdicts: RunVerdict.gather(records), summaryMaps: [], seconds: nil, summaryData: Data())
        XCTAssertEqual(inline.rows.map(\.href), ["#failed", "#input-worse", "#input-bad", "#input-quiet", "#input-also-quiet"])
    }

    /// An input's seconds are its methods' computing (MC-EM: CPU time added up over approaches that run at
    /// once), which can exceed the run's wall time; the provenance names each for what it is.
    func testTimingsNameComputingPerInputAndTheWholeRunsWallTime() {
        var a = record(0, "series-a")
        a.seconds = 5.75
        let request = ReportRequest(output: URL(fileURLWithPath: "/tmp/x"), commandLine: "run")
        let page = OverviewBuilder(request: request, generated: nil, css: "")
            .build([a], verdicts: RunVerdict.gather([a]), summaryMaps: [], seconds: 3.84, summaryData: Data())
        XCTAssertEqual(page.timings.map(\.name), ["computing: series-a", "wall time: whole run"])
    }

    // MARK: sparkline

    func testSparklineKeepsASingleSpikeAndStaysSmall() {
        var values = [Double](repeating: 0, count: 5000)
        values[3217] = 9
        let pooled = Sparkline.pooled(values)
        XCTAssertEqual(pooled.count, Sparkline.points)
        XCTAssertEqual(pooled.max(), 9, "max-pooling keeps the one bad run")
        let svg = Sparkline.svg(pooled, threshold: 1)
        XCTAssertEqual(svg.components(separatedBy: "<circle").count - 1, 1, "the one point above the threshold is marked")
        XCTAssertLessThan(svg.utf8.count, 450, "a thousand rows stay well under a megabyte")
        XCTAssertEqual(Sparkline.svg([1], threshold: nil), "")
    }

    // MARK: input page figures

    func testPDFOnlyReportsShowTheDisplayPNGButOfferOnlyThePDF() {
        var request = ReportRequest(output: URL(fileURLWithPath: "/tmp/x"), commandLine: "run")
        request.formats = [.pdf]
        let writer = FigureWriter(output: try! OutputDirectory(destination: FileManager.default.temporaryDirectory
            .appendingPathComponent("site-model-\(UUID().uuidString)")), formats: [.pdf], selfContained: false)
        XCTAssertEqual(writer.displayFormat, .png)
        XCTAssertEqual(writer.writtenFormats, [.png, .pdf])
        let artifact = FigureArtifact(stem: "x-trend", title: "Trend", caption: "c", alt: "a", figure: Figure(), data: nil)
        let written = WrittenFigure(artifact: artifact, files: [.png: "figures/x-trend.png", .pdf: "figures/x-trend.pdf"],
                                    display: "figures/x-trend.png", csv: nil, inlineSVG: nil)
        let view = FigureLinks(formats: request.formats, selfContained: request.selfContained, atRoot: false).view(written)
        XCTAssertEqual(view.display, "../figures/x-trend.png")
        XCTAssertNil(view.png, "a PNG written only for display is not offered as a download")
        XCTAssertEqual(view.pdf, "../figures/x-trend.pdf")
        XCTAssertNil(view.svg)
        XCTAssertEqual(view.figureID, "x-trend")
        XCTAssertEqual(FigureWriter(output: writer.output, formats: [.svg], selfContained: false).displayFormat, .svg)
    }
}
