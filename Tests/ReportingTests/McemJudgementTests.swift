import XCTest
import Inputs
import MonteCarloEM
import Core
@testable import Plotting
@testable import Reporting

/// What an MC-EM page and its figures say about what was judged: the warm-up, a series too steady to judge, ground
/// truth without an anomaly, a score worse than chance; and a time axis that survives a step back.
final class McemJudgementTests: XCTestCase {
    /// A hand-made hmm result of 300 points (context 25, so a warm-up of 25) whose score ranks the labelled window
    /// 150..<170 first, or last when `reversed`.
    private func publication(reversed: Bool = false, labels: [Bool]? = nil, dates: [Double]? = nil,
                             spread: Double = 0.5) -> McemPublication {
        let n = 300
        let truth = (0..<n).map { (150..<170).contains($0) }
        let values = (0..<n).map { sin(Double($0) / 10) + (truth[$0] ? 2 : 0) }
        let score = (0..<n).map { (truth[$0] != reversed ? 5.0 : 1.0) + Double($0 % 7) * 0.1 }
        var r = ApproachResult(approach: .hmm, mean: values, scale: Array(repeating: 0.1, count: n), score: score,
                               posterior: score.map { $0 > 3 ? 0.9 : 0.1 }, flagged: Array(150..<170),
                               lossPerEpoch: [1, 0.5], transitionsPerEpoch: nil, nll: Array(repeating: 0, count: n))
        r.warmUp = 25
        r.residualSpread = spread
        var settings = MCEMSettings.notebook
        settings.context = 25
        return McemPublication(name: "s", stem: "s", values: values, labels: labels ?? truth, timestamps: nil,
                               dates: dates, results: [r], seconds: [.hmm: 1], timed: true, settings: settings,
                               notes: [])
    }

    private func spans(_ panel: Panel) -> [(Double, Double, String?)] {
        panel.marks.compactMap { m in
            if case .span(let a, let b) = m.kind { return (a, b, m.label) } else { return nil }
        }
    }

    func testTheWarmUpIsShadedInTheFigureAndNamedOnThePage() throws {
        let published = publication().publish()
        XCTAssertTrue(published.section.notes.contains { $0.hasPrefix("The first 25 points are the warm-up") },
                      "\(published.section.notes)")
        let figure = try XCTUnwrap(published.figures.first { $0.stem == "s-hmm" })
        let warm = try XCTUnwrap(spans(figure.figure.panels[0]).first { $0.2 == "warm-up (never flagged)" })
        XCTAssertEqual(warm.0, -0.5)
        XCTAssertEqual(warm.1, 24.5)
        XCTAssertTrue(figure.caption.contains("the first 25 points (yellow) are the warm-up"), figure.caption)
    }

    func testASeriesTooSteadyToJudgeSaysWhyNothingIsFlagged() {
        let notes = publication(spread: 0).publish().section.notes
        XCTAssertTrue(notes.contains { $0.hasPrefix("Nothing is flagged: the series repeats itself") }, "\(notes)")
        XCTAssertFalse(publication().publish().section.notes.contains { $0.hasPrefix("Nothing is flagged") })
    }

    func testARocAUCBelowOneHalfIsMarkedInTheTableAndNoted() throws {
        let section = publication(reversed: true).publish().section
        let row = try XCTUnwrap(section.tables[0].rows.first { $0.name == "ROC AUC" })
        guard case .marked(.metric(let auc), "below 0.5") = row.cells[0] else { return XCTFail("\(row.cells)") }
        XCTAssertLessThan(try XCTUnwrap(auc), 0.5)
        XCTAssertTrue(InputPageBuilder.text(row.cells[0]).hasSuffix(" (below 0.5)"))
        XCTAssertTrue(section.notes.contains { $0.hasPrefix("ROC AUC below 0.5 (hmm)") }, "\(section.notes)")
        let fine = publication().publish().section
        XCTAssertEqual(fine.tables[0].rows.first { $0.name == "ROC AUC" }?.cells[0], .metric(1))
        XCTAssertFalse(fine.notes.contains { $0.hasPrefix("ROC AUC below") })
    }

    func testGroundTruthWithoutAnAnomalyLeavesTheMetricsNull() throws {
        let published = publication(labels: [Bool](repeating: false, count: 300)).publish()
        let entry = try XCTUnwrap(published.facts.entry.value as? McemEntry)
        let hmm = try XCTUnwrap(entry.approaches["hmm"])
        XCTAssertTrue(entry.labelled)
        XCTAssertNil(hmm.vusPr)
        XCTAssertNil(hmm.rocAuc)
        XCTAssertNil(hmm.precision)
        XCTAssertNil(hmm.f1)
        let json = String(decoding: try JSONEncoder().encode(hmm), as: UTF8.self)
        XCTAssertFalse(json.contains("\"precision\":0"), json)
        XCTAssertTrue(published.section.notes.contains { $0.hasPrefix("The ground truth marks no point anomalous") })
        XCTAssertNil(published.facts.checks[0].metrics[.precision] ?? nil)
    }

    func testDatesThatStepBackStayATimeAxisAndTheDataFilesCarryISOTimes() throws {
        var dates = (0..<300).map { 1_392_807_000 + Double($0) * 300 }
        for k in 200..<212 { dates[k] -= 3600 }        // an hour set back, as a DST fall-back in local time
        let published = publication(dates: dates).publish()
        let series = try XCTUnwrap(published.figures.first { $0.stem == "s-hmm" })
        XCTAssertTrue(series.figure.panels.allSatisfy(\.xIsTime))
        XCTAssertEqual(series.figure.panels[1].xLabel, "time (UTC)")
        let data = try XCTUnwrap(series.data)
        XCTAssertEqual(Array(data.header.prefix(3)), ["t", "timestamp", "value"])
        XCTAssertEqual(data.rows[0][1], .text("2014-02-19T10:50:00Z"))
        XCTAssertEqual(data.rows[200][1], .text(Timestamp.iso8601(dates[200])))
        // Every span is drawn lower end first.
        for f in published.figures { for p in f.figure.panels { for s in spans(p) { XCTAssertLessThanOrEqual(s.0, s.1, f.stem) } } }
        // The spec keeps the time axis, so a redraw at another width reads dates again.
        let spec = try FigureSpec(decoding: try FigureSpec(figure: series.figure).encoded())
        XCTAssertTrue(spec.figure.panels.allSatisfy(\.xIsTime))
    }
}
