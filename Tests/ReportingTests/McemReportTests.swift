import XCTest
import Inputs
import MonteCarloEM
import Core
import TestSupport
@testable import Plotting
@testable import Reporting

/// MC-EM on real series as the report shows it: settings, VUS in summary/table/checks, the data CSV.
final class McemReportTests: XCTestCase {
    private var dir: FixtureDirectory!

    override func setUp() { dir = FixtureDirectory() }
    override func tearDown() { dir = nil }

    private func loaded(_ spec: SeriesJobSpec, values: [Double]) -> LoadedSeries {
        LoadedSeries(spec: spec, name: "s", values: values, labels: nil, timestamps: nil, notes: [])
    }

    private var daily: [Double] { (0..<3000).map { sin(2 * Double.pi * Double($0) / 96) } }

    // MARK: - Settings

    func testFileInputsStartFromTheSeriesDefaultsAndTheToyKeepsTheNotebook() {
        let file = SeriesJobSpec(source: .file(URL(fileURLWithPath: "/x.csv")))
        XCTAssertEqual(McemRunner.settings(for: file, values: daily, quick: false), MCEMSettings.defaults(for: daily))
        XCTAssertEqual(McemRunner.settings(for: file, values: daily, quick: false).context, 96)
        let toy = SeriesJobSpec(source: .toy(length: 1000))
        XCTAssertEqual(McemRunner.settings(for: toy, values: daily, quick: false), .notebook)
    }

    func testQuickShrinksTheDefaultsAndTheOptionsOverrideLast() {
        var spec = SeriesJobSpec(source: .file(URL(fileURLWithPath: "/x.csv")))
        let quick = McemRunner.settings(for: spec, values: daily, quick: true)
        XCTAssertEqual(quick.epochs, 8)
        XCTAssertLessThanOrEqual(quick.samplesPerEpoch, 4)
        XCTAssertEqual(quick.topkEpochs, 25, "mini-batch topk: 25 passes when quick")
        XCTAssertEqual(quick.context, 96, "--quick does not change the context")
        spec.context = 25
        spec.epochs = 25
        spec.samples = 20
        let asked = McemRunner.settings(for: spec, values: daily, quick: true)
        XCTAssertEqual(asked.context, 25)
        XCTAssertEqual(asked.epochs, 25)
        XCTAssertEqual(asked.samplesPerEpoch, 20)
        XCTAssertNil(asked.topkLearningRate)
    }

    func testContextAndVUSWindowAreValidatedAndReadFromAConfig() throws {
        var spec = SeriesJobSpec(source: .file(URL(fileURLWithPath: "/x.csv")))
        spec.context = 0
        XCTAssertThrowsError(try spec.validate()) { XCTAssertTrue("\($0)".contains("--context 0"), "\($0)") }
        spec.context = 30
        spec.vusWindow = 0
        XCTAssertThrowsError(try spec.validate()) { XCTAssertTrue("\($0)".contains("--vus-window 0"), "\($0)") }
        let path = dir.write("c.json", #"{"series": [{"input": "s.csv", "context": 48, "vus_window": 60}]}"#)
        let c = try ConfigFile.read(path: path)
        XCTAssertEqual(c.jobs(SeriesJobSpec.self).first?.context, 48)
        XCTAssertEqual(c.jobs(SeriesJobSpec.self).first?.vusWindow, 60)
    }

    func testALabelWindowPastTheSeriesIsClippedWithAWarningOnThePageAndForStderr() throws {
        let csv = dir.write("s.csv", "value\n" + (0..<120).map { String(Double($0 % 7)) }.joined(separator: "\n") + "\n")
        let labels = dir.write("w.json", "[[10, 20], [100, 400], [500, 600]]")
        var spec = SeriesJobSpec(source: .file(URL(fileURLWithPath: csv)))
        spec.labels = URL(fileURLWithPath: labels)
        let loaded = try InputLoader.loadSeries(spec, seed: 0)
        XCTAssertEqual(loaded.labels?.enumerated().filter(\.element).map(\.offset), Array(10...20) + Array(100...119))
        XCTAssertEqual(loaded.warnings.count, 2)
        XCTAssertTrue(loaded.warnings[0].hasPrefix("w.json, [1]: window [100, 400]"), loaded.warnings[0])
        XCTAssertTrue(loaded.warnings[1].contains("wholly outside"), loaded.warnings[1])
        XCTAssertEqual(loaded.notes.filter { $0.hasPrefix("Warning: w.json") }.count, 2)
    }

    // MARK: - Publication

    /// A hand-made hmm result whose score ranks the one labelled window first.
    private func publication(vusWindow: Int?) -> McemPublication {
        let n = 300
        let labels = (0..<n).map { (150..<170).contains($0) }
        let values = (0..<n).map { sin(Double($0) / 10) + (labels[$0] ? 2 : 0) }
        let score = (0..<n).map { labels[$0] ? 5.0 + Double($0 % 3) : -5.0 + Double($0 % 7) * 0.1 }
        let posterior = score.map { 1 / (1 + exp(-$0)) }
        let r = ApproachResult(approach: .hmm, mean: values, scale: Array(repeating: 0.1, count: n), score: score,
                               posterior: posterior, flagged: Array(150..<170), lossPerEpoch: [1, 0.5],
                               transitionsPerEpoch: nil, nll: Array(repeating: 0, count: n))
        return McemPublication(name: "s", stem: "s", values: values, labels: labels, timestamps: nil,
                               results: [r], seconds: [.hmm: 1.5], timed: true, settings: .notebook, notes: [],
                               vusWindow: vusWindow)
    }

    func testSummaryTableKeyMetricAndChecksLeadWithVUSPR() throws {
        let published = publication(vusWindow: 12).publish()
        let section = published.section
        let entry = try XCTUnwrap(published.facts.entry.value as? McemEntry)
        let hmm = try XCTUnwrap(entry.approaches["hmm"])
        XCTAssertEqual(hmm.vusWindow, 12)
        XCTAssertGreaterThan(try XCTUnwrap(hmm.vusPr), 0.9)
        XCTAssertNotNil(hmm.vusRoc)
        XCTAssertEqual(section.tables[0].rows.first?.name, "VUS-PR (window 12)")
        let names = section.tables[0].rows.map(\.name)
        XCTAssertLessThan(try XCTUnwrap(names.firstIndex(of: "F1 (flagged)")),
                          try XCTUnwrap(names.firstIndex { $0.hasPrefix("point-adjusted F1") }))
        XCTAssertEqual(published.facts.keyMetric?.name, "best VUS-PR")
        let fails = try FailCondition(parsing: "vus_pr>0.5")
        XCTAssertNotNil(fails.violation(for: try XCTUnwrap(published.facts.checks.first)))
        let holds = try FailCondition(parsing: "vus_pr<0.3")
        XCTAssertNil(holds.violation(for: try XCTUnwrap(published.facts.checks.first)))
    }

    func testTheDataFileKeepsTheScoreAndAddsThePosterior() throws {
        let published = publication(vusWindow: nil).publish()
        let figure = try XCTUnwrap(published.figures.first { $0.stem == "s-hmm" })
        let data = try XCTUnwrap(figure.data)
        XCTAssertEqual(data.header, ["t", "timestamp", "value", "label", "mean", "scale", "score", "posterior"])
    }

    // MARK: - Figures of real series

    /// The stacked-scores figure draws every approach's score (the one the metrics rank by, not the posterior)
    /// on a log axis, and its data file holds exactly what it draws.
    func testTheStackedScoresFigureDrawsTheScoreItsDataFileHolds() throws {
        var p = publication(vusWindow: nil)
        let n = p.values.count
        var score = (0..<n).map { (t: Int) -> Double in 0.5 + Double(t % 17) }
        score[160] += 40
        p.results[0].score = score
        var topk = p.results[0]
        topk.approach = .topk
        topk.posterior = nil
        topk.score = score.reversed()
        p.results.append(topk)
        p.seconds[.topk] = 1
        let figure = try XCTUnwrap(p.publish().figures.first { $0.stem == "s-scores" })
        let panel = figure.figure.panels[0]
        XCTAssertEqual(panel.yScale, .log)
        let drawn = panel.marks.compactMap { mark -> [Double]? in
            if case .line(_, let y, _, _) = mark.kind { return y } else { return nil }
        }
        XCTAssertEqual(drawn, [p.results[0].score], "the score, not the posterior")
        XCTAssertEqual(figure.figure.panels[1].yScale, .log)
        let rows = try XCTUnwrap(figure.data).rows
        XCTAssertEqual(rows.map { $0[1] }, p.results[0].score.map { _ in .missing }, "no times: an empty timestamp")
        XCTAssertEqual(rows.map { $0[2] }, p.results[0].score.map { .number($0) })
        XCTAssertEqual(rows.map { $0[3] }, p.results[1].score.map { .number($0) })
        let range = try XCTUnwrap(panel.yRange)
        XCTAssertEqual(range, McemFigures.scoreRange(score))
        XCTAssertGreaterThan(range.upperBound, 56, "the largest score is inside")
    }

    func testTheScoreAxisStartsADecadeBelowTheMedianScore() throws {
        // Positive scores 1e-9, 2, 100: the median 2 puts the floor at 0.2 (the dip to 1e-9 is cut).
        let r = try XCTUnwrap(McemFigures.scoreRange([1e-9, 0, -1, .nan, 2, 100]))
        XCTAssertEqual(r.lowerBound, 0.2 / pow(500, 0.1), accuracy: 1e-12)
        XCTAssertEqual(r.upperBound, 100 * pow(500, 0.1), accuracy: 1e-9)
        let wide = try XCTUnwrap(McemFigures.scoreRange([1e-3, 1e-3, 1e-3, 1e3]))
        XCTAssertEqual(wide.lowerBound, 1e-1 / pow(1e4, 0.1), accuracy: 1e-12, "at most four decades")
        XCTAssertNil(McemFigures.scoreRange([0, -1, .nan]))
        let flat = try XCTUnwrap(McemFigures.scoreRange([3, 3]))
        XCTAssertEqual(flat.lowerBound, 0.3 / pow(10, 0.1), accuracy: 1e-12, "at least a decade")
    }

    func testZoomWindowsShowTheLabelledWindowsThenTheHighestScoresElsewhere() {
        var score = [Double](repeating: 0, count: 1000)
        score[500] = 9; score[505] = 8; score[100] = 7; score[900] = 6
        let w = McemFigures.zoomWindows(score: score, segments: [300..<320], width: 100)
        XCTAssertEqual(w.map(\.title), ["labelled window 1", "highest score 1", "highest score 2", "highest score 3"])
        XCTAssertEqual(w[0].points, 260..<360)
        XCTAssertTrue(w[1].points.contains(500) && w[1].points.contains(505), "505 is in the first event's window")
        XCTAssertTrue(w[2].points.contains(100))
        XCTAssertTrue(w[3].points.contains(900))
        XCTAssertEqual(McemFigures.zoomWindows(score: score, segments: [], width: 100).first?.points, 450..<550)
    }

    func testNearbyLabelledWindowsShareOneZoomAndTheNextDistinctOneIsShown() {
        let score = [Double](repeating: 0, count: 1000)
        // Windows at 25 and 28 both fall in the first zoom (0..<60); the one at 400 is the second.
        let w = McemFigures.zoomWindows(score: score, segments: [25..<26, 28..<29, 400..<401], width: 60)
        XCTAssertEqual(w.prefix(2).map(\.title), ["labelled window 1", "labelled window 2"])
        XCTAssertEqual(w[0].points, 0..<60)
        XCTAssertTrue(w[1].points.contains(400))
    }

}
