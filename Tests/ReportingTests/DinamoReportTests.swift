import XCTest
@testable import Reporting
import Dinamo
import Inputs

/// `generate dinamo`: the generator's options reach the generator, and the truth written next to the counts
/// is the generator's truth, row for row.
final class DinamoReportTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dinamo-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    // MARK: generate dinamo

    func testTheTruthFileSitsNextToTheCountsAndMatchesTheGenerator() throws {
        var options = DemoData.ToyOptions(runs: 400, bins: 20, seed: 3)
        options.badRuns = 30
        options.changeProbability = 0.02
        let counts = root.appendingPathComponent("runs.csv")
        let truthURL = DemoData.truthURL(besides: counts)
        XCTAssertEqual(truthURL.lastPathComponent, "runs.truth.csv")
        try DemoData.writeHistograms(options, to: counts, truth: truthURL)

        var expected = ToyParameters(runs: 400, bins: 20, seed: 3)
        expected.badRuns = 30
        expected.changePointProbability = 0.02
        XCTAssertEqual(options.parameters, expected)
        let toy = try ToyGenerator.generate(expected)

        let rows = try String(contentsOf: truthURL, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        XCTAssertEqual(rows.first?.map(String.init), ["run", "label", "mu", "sigma", "good_mu", "good_sigma", "mu_change_point",
                                                       "sigma_change_point", "bad_kinds", "dead_bins"])
        let body = Array(rows.dropFirst())
        XCTAssertEqual(body.count, 400)
        XCTAssertEqual(body.filter { $0[1] == "1" }.count, 30, "exactly the asked number of bad runs")
        XCTAssertEqual(body.indices.filter { body[$0][6] == "1" }, toy.truth.muChangePoints)
        XCTAssertEqual(body.indices.filter { body[$0][7] == "1" }, toy.truth.sigmaChangePoints)
        for r in [0, 17, 399] {
            XCTAssertEqual(try XCTUnwrap(Double(String(body[r][2]))), toy.truth.runMu[r], accuracy: 1e-12)
            XCTAssertEqual(try XCTUnwrap(Double(String(body[r][5]))), toy.truth.goodSigma[r], accuracy: 1e-12)
        }
        let bad = try XCTUnwrap(toy.truth.labels.firstIndex(of: 1))
        XCTAssertTrue(body[bad][8].contains("dead"), "every bad run has dead bins")
        XCTAssertEqual(body[bad][9].split(separator: ";").compactMap { Int($0) }, toy.truth.deadBins[bad])
        XCTAssertEqual(body.filter { $0[1] == "0" }.map { $0[8] }, body.filter { $0[1] == "0" }.map { _ in "" })
        // The counts file carries the same labels.
        let countRows = try String(contentsOf: counts, encoding: .utf8).split(separator: "\n").dropFirst()
        XCTAssertEqual(countRows.map { $0.split(separator: ",")[1] }, body.map { $0[1] })
    }

    func testImpossibleGeneratorOptionsAreAUsageErrorNamingTheParameter() {
        var options = DemoData.ToyOptions(runs: 100, bins: 20)
        options.badRuns = 101
        let url = root.appendingPathComponent("x.csv")
        XCTAssertThrowsError(try DemoData.writeHistograms(options, to: url, truth: nil)) { error in
            guard case ReportError.usage(let text) = error else { return XCTFail("expected a usage error, got \(error)") }
            XCTAssertTrue(text.contains("bad runs"), text)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path), "nothing written on bad options")
    }

    // MARK: metrics versus α and the truth metrics in the report

    private func publication(quick: Bool) throws -> PublishedInput {
        let toy = try ToyGenerator.generate(ToyParameters(runs: 300, bins: 12, seed: 4))
        let result = try DinamoAnalysis.run(histograms: toy.histograms, settings: DinamoSettings(alpha: .auto, threshold: .auto))
        XCTAssertNotNil(result.alphaScan)
        var spec = DinamoJobSpec(source: .toy(runs: 300, bins: 12), name: "toy")
        spec.alpha = .auto
        var analysis = DinamoPublication.Analysis(result: result)
        analysis.truth = TruthMetrics.evaluate(trace: result.trace, histograms: toy.histograms, truth: toy.truth,
                                               historicalCount: result.historicalCount, threshold: result.threshold)
        let context = JobContext(seed: 0, quick: quick, timed: false, progress: Progress(quiet: true))
        analysis.metricsVsAlpha = DinamoMethod.metricsVsAlpha(result, histograms: toy.histograms, truth: toy.truth, spec: spec,
                                                              context: context, seed: 0, alphas: [0.1, 0.3, 0.5, 0.7, 0.9],
                                                              note: &analysis.scanNote)
        return DinamoPublication(analysis: analysis, histograms: toy.histograms, stem: "toy", seconds: nil, spec: spec).publish()
    }

    func testKnownTruthAndAutoAlphaAddTheMetricsVersusAlphaFigureAndBothRegimes() throws {
        let published = try publication(quick: false)
        let figure = try XCTUnwrap(published.figures.first { $0.stem == "toy-metrics-vs-alpha" })
        let data = try XCTUnwrap(figure.data)
        XCTAssertEqual(data.rows.count, 5, "one row per α of the grid")
        XCTAssertEqual(data.header.count, 10)
        let section = published.section
        let entry = try XCTUnwrap(published.facts.entry.value as? DinamoEntry)
        let truth = try XCTUnwrap(entry.truth)
        XCTAssertNotNil(truth.historical)
        XCTAssertEqual(truth.continual?.meanStepsToAdapt, truth.meanStepsToAdapt)
        XCTAssertTrue(section.tables[0].rows.contains { $0.name == "adaptivity index (truth)" })
    }

    func testQuickLeavesTheScanOutAndSaysSo() throws {
        let published = try publication(quick: true)
        XCTAssertFalse(published.figures.contains { $0.stem == "toy-metrics-vs-alpha" })
        XCTAssertTrue(published.section.notes.contains { $0.contains("--quick") })
    }
}
