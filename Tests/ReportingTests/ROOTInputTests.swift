import Foundation
import Inputs
import ROOTFile
import XCTest

/// ROOT run files as a DINAMO source, end to end through the command line: the same scores as the same data
/// as CSV, a `histograms` pattern reading each file once, the run-id rules, and every user error exiting 2
/// with the file named.
final class ROOTInputTests: ToolTestCase {
    // MARK: helpers

    /// Writes one run file holding `histograms` at their paths.
    func writeRunFile(_ name: String, _ histograms: [ROOTHistogram]) throws -> String {
        var writer = ROOTFileWriter()
        for h in histograms { try writer.add(h) }
        let path = root.appendingPathComponent(name).path
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try writer.write(to: path)
        return path
    }

    /// A TH1D with `bins` bins on [0, 1] whose contents depend on `seed` (no flow).
    func th1(_ path: String, bins: Int = 8, seed: Int, edges: [Double]? = nil) -> ROOTHistogram {
        let contents = (0..<bins).map { Double(50 + (($0 * 7 + seed * 13) % 11) * 3) }
        return ROOTHistogram(path: path, kind: .th1("D"), xEdges: edges ?? (0...bins).map { Double($0) / Double(bins) },
                             contents: contents)
    }

    /// Three plain run files `run_<n>.root` holding `Muons/pt` in a directory `dir`.
    func plainRuns(_ runs: [Int], dir: String = "runs") throws -> [String] {
        try runs.map { try writeRunFile("\(dir)/run_\($0).root", [th1("Muons/pt", seed: $0)]) }
    }

    func scoresRunColumn(_ output: String, stem: String) throws -> [String] {
        let text = try String(contentsOf: root.appendingPathComponent("\(output)/data/\(stem)-scores.csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
    }

    /// The run fails with exit 2 and a message containing every one of `fragments`.
    func assertInputError(_ arguments: [String], _ fragments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try tool(arguments + ["--quiet"])
        XCTAssertEqual(r.status, 2, "stderr: \(r.stderr)", file: file, line: line)
        for f in fragments { XCTAssertTrue(r.stderr.contains(f), "expected '\(f)' in: \(r.stderr)", file: file, line: line) }
    }

    func dinamo(_ input: String, _ histogram: String, output: String = "out", extra: [String] = []) -> [String] {
        ["dinamo", "--input", input, "--histogram", histogram, "--output", output, "--formats", "svg",
         "--alpha", "0.5", "--threshold", "1"] + extra
    }

    // MARK: same scores as CSV

    func testGeneratedRunFilesGiveTheSameScoresAsTheSameDataAsCSV() throws {
        let gen = try tool(["generate", "dinamo", "--format", "root", "--output", "runs", "--runs", "30", "--histograms", "2", "--bins", "12", "--quiet"])
        XCTAssertEqual(gen.status, 0, gen.stderr)
        // The same histograms, read by the reader module, written as CSV with the runs in run order.
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("runs").path)
            .filter { $0.hasSuffix(".root") }.sorted()
        XCTAssertEqual(files.count, 30)
        let labels = try String(contentsOf: root.appendingPathComponent("runs/labels.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        var csv = "run,label," + (0..<12).map { "b\($0)" }.joined(separator: ",") + "\n"
        for (k, name) in files.enumerated() {
            let h = try ROOTFile(path: root.appendingPathComponent("runs/\(name)").path)
                .histograms(matching: ROOTPathPattern("DQMData/Run */Muons/pt"))[0]
            XCTAssertEqual(labels[k][0], String(RunNumber.fromObjectPath(h.path)!))
            csv += "\(labels[k][0]),\(labels[k][1])," + h.contents.map { String(Int($0)) }.joined(separator: ",") + "\n"
        }
        try csv.write(to: root.appendingPathComponent("same.csv"), atomically: true, encoding: .utf8)

        let fromROOT = try tool(["dinamo", "--input", "runs", "--histogram", "DQMData/Run */Muons/pt", "--labels", "runs/labels.csv",
                                 "--output", "a", "--formats", "svg", "--quiet"])
        XCTAssertEqual(fromROOT.status, 0, fromROOT.stderr)
        let fromCSV = try tool(["dinamo", "--input", "same.csv", "--output", "b", "--formats", "svg", "--quiet"])
        XCTAssertEqual(fromCSV.status, 0, fromCSV.stderr)
        let a = try String(contentsOf: root.appendingPathComponent("a/data/Muons-pt-scores.csv"), encoding: .utf8)
        let b = try String(contentsOf: root.appendingPathComponent("b/data/same-scores.csv"), encoding: .utf8)
        XCTAssertEqual(a, b)
        XCTAssertTrue(a.contains("300001,"), "run ids come from the Run N directories")
    }

    // MARK: many histograms

    func testHistogramsPatternMakesOneInputPerMatchAndReadsEachFileOnce() throws {
        let gen = try tool(["generate", "dinamo", "--format", "root", "--output", "runs", "--runs", "12", "--histograms", "6", "--bins", "8", "--quiet"])
        XCTAssertEqual(gen.status, 0, gen.stderr)
        let config = #"{"dinamo": [{"input": "runs/*.root", "histograms": "DQMData/Run */*/*", "labels": "runs/labels.csv", "alpha": 0.5, "threshold": 1}]}"#
        try config.write(to: root.appendingPathComponent("c.json"), atomically: true, encoding: .utf8)
        let r = try tool(["run", "--config", "c.json", "--output", "out", "--formats", "svg"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("out/summary.json"))) as! [String: Any]
        let names = (summary["dinamo"] as! [[String: Any]]).map { $0["name"] as! String }
        XCTAssertEqual(names.sorted(), ["Calo/pt", "Muons/eta", "Muons/pt", "Pixel/occupancy", "Tracking/pt", "Trigger/pt"])
        // One pass over the files for all six inputs, not six.
        let reads = r.stderr.components(separatedBy: "\n").filter { $0.contains("once for") }
        XCTAssertEqual(reads.count, 1, r.stderr)
        XCTAssertTrue(reads[0].contains("read 12 run files once for 6 histograms"), r.stderr)
        // The TH2 is monitored flattened (a 4 × 4 map at --bins 8: ν = 16) and drawn as maps.
        let pixel = (summary["dinamo"] as! [[String: Any]]).first { $0["name"] as? String == "Pixel/occupancy" }!
        XCTAssertEqual(pixel["bins"] as? Int, 16)
        let figure = try String(contentsOf: root.appendingPathComponent("out/data/Pixel-occupancy-scores.csv"), encoding: .utf8)
        XCTAssertEqual(figure.split(separator: "\n").count, 13)
        let runFigures = files(under: root.appendingPathComponent("out/data")).filter { $0.contains("Pixel-occupancy-run-") }
        XCTAssertFalse(runFigures.isEmpty)
        for f in runFigures {
            let header = try String(contentsOf: root.appendingPathComponent("out/data").appendingPathComponent((f as NSString).lastPathComponent), encoding: .utf8)
                .split(separator: "\n")[0]
            XCTAssertTrue(header.hasPrefix("ix,iy,"), "a TH2 run figure is a map over x and y: \(header)")
        }

        // A shard reads only its own inputs' histograms.
        let s = try tool(["run", "--config", "c.json", "--output", "part0", "--formats", "svg", "--shard", "0/2"])
        XCTAssertEqual(s.status, 0, s.stderr)
        XCTAssertTrue(s.stderr.contains("read 12 run files once for 3 histograms"), s.stderr)
    }

    // MARK: run ids

    func testALargeTH2IsDrawnInBlocksWithEveryCellsNumbersInNpyFiles() throws {
        // 150 × 120 cells: more per axis than a map panel has pixels. One hot cell in the last run, after the
        // ten warm-up runs.
        let nx = 150, ny = 120
        for run in 1...14 {
            var contents = (0..<(nx * ny)).map { k in Double(20 + (k * 7 + run * 13) % 9) }
            if run == 14 { contents[37 * ny + 55] = 5000 }
            _ = try writeRunFile("big/run_\(run).root", [ROOTHistogram(
                path: "Pixel/map", kind: .th2("F"), xEdges: (0...nx).map { Double($0) }, yEdges: (0...ny).map { Double($0) / 2 },
                contents: contents)])
        }
        let r = try tool(dinamo("big", "Pixel/map", extra: ["--formats", "png", "--quiet"]))
        XCTAssertEqual(r.status, 0, r.stderr)
        let data = root.appendingPathComponent("out/data")
        let worst = try XCTUnwrap(files(under: data).map { ($0 as NSString).lastPathComponent }
            .first { $0.hasPrefix("Pixel-map-run-14-") && $0.hasSuffix(".csv") })
        let id = String(worst.dropLast(4))
        let csv = try String(contentsOf: data.appendingPathComponent(worst), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(csv[0], "ix_first,ix_last,iy_first,iy_last,x,mu,pull")
        XCTAssertEqual(csv.count - 1, 75 * 60, "drawn in 2 × 2 blocks")
        // The hot cell (37, 55) lies in block (18, 27): its pull, the block's largest, is what the map shows.
        let hot = try XCTUnwrap(csv.first { $0.hasPrefix("36,37,54,55,") })
        XCTAssertGreaterThan(Double(hot.split(separator: ",")[6])!, 5)
        // Every cell's numbers, whole: five arrays of nx × ny doubles.
        for name in ["x", "sigma_x", "mu", "sigma_mu", "pull"] {
            let npy = try Data(contentsOf: data.appendingPathComponent("\(id)-\(name).npy"))
            XCTAssertEqual(npy.count, 128 + 8 * nx * ny, name)
            XCTAssertTrue(String(decoding: npy.prefix(128), as: UTF8.self).contains("'shape': (150, 120)"), name)
        }
        // And the figure redraws from them byte for byte.
        let again = root.appendingPathComponent("again.png")
        let redraw = try tool(["figure", root.appendingPathComponent("out").path, "--id", id, "--output", again.path])
        XCTAssertEqual(redraw.status, 0, redraw.stderr)
        XCTAssertEqual(try Data(contentsOf: again), try Data(contentsOf: root.appendingPathComponent("out/figures/\(id).png")))
    }

    func testRunIdsComeFromFileNamesInNumericOrderWhenThePathHasNoRunDirectory() throws {
        _ = try plainRuns([100, 5, 12])
        let r = try tool(dinamo("runs", "Muons/pt") + ["--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try scoresRunColumn("out", stem: "Muons-pt"), ["5", "12", "100"])
    }

    func testCMSNamesGiveTheRunNumberNotTheVersionOrTheEra() throws {
        for run in [319176, 319177] {
            _ = try writeRunFile("cms/DQM_V0001_R000\(run)__ZeroBias__Run2018B-PromptReco-v2__DQMIO.root",
                                 [th1("DQMData/Muons/pt", seed: run)])
        }
        let r = try tool(dinamo("cms/*.root", "DQMData/Muons/pt") + ["--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try scoresRunColumn("out", stem: "DQMData-Muons-pt"), ["319176", "319177"])
    }

    func testAmbiguousNamesAreAnErrorSuggestingRunPatternWhichThenDecides() throws {
        for (k, run) in [7, 3].enumerated() {
            _ = try writeRunFile("amb/dqm-2026-v\(k + 2)-\(run).root", [th1("Muons/pt", seed: run)])
        }
        try assertInputError(dinamo("amb", "Muons/pt"), ["dqm-2026-v2-7.root", "--run-pattern"])
        let r = try tool(dinamo("amb", "Muons/pt", extra: ["--run-pattern", #"v\d-(\d+)\.root$"#, "--quiet"]))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try scoresRunColumn("out", stem: "Muons-pt"), ["3", "7"])
    }

    func testASingleFileGivenAloneIsOneRun() throws {
        let f = try writeRunFile("one/run_42.root", [th1("Muons/pt", seed: 1)])
        let r = try tool(dinamo(f, "Muons/pt") + ["--quiet", "--historical", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try scoresRunColumn("out", stem: "Muons-pt"), ["42"])
    }

    func testASingleFileWithoutARunNumberIsOneRunNamedByItsStem() throws {
        let f = try writeRunFile("plain/histos.root", [th1("path/to/h", seed: 1)])
        let r = try tool(dinamo(f, "path/to/h") + ["--quiet", "--historical", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try scoresRunColumn("out", stem: "path-to-h"), ["histos"])
    }

    // MARK: errors

    func testNotAROOTFileIsNamed() throws {
        _ = try plainRuns([1, 2])
        try "run,b0\n1,3\n".write(to: root.appendingPathComponent("runs/run_3.root"), atomically: true, encoding: .utf8)
        try assertInputError(dinamo("runs", "Muons/pt"), ["run_3.root", "is not a ROOT file"])
    }

    func testAMissingPathListsWhatTheDirectoryHolds() throws {
        _ = try writeRunFile("runs/run_1.root", [th1("Muons/pt", seed: 1), th1("Muons/eta", seed: 2)])
        try assertInputError(dinamo("runs", "Muons/phi"), ["run_1.root", "Muons/phi", "not found", "pt (TH1D)", "eta (TH1D)"])
    }

    func testAnObjectThatIsNotAHistogramIsNamedWithItsClass() throws {
        _ = try plainRuns([1, 2])
        try assertInputError(dinamo("runs", "Muons"), ["run_1.root", "Muons is a TDirectory", "not a TH1 or TH2"])
    }

    func testBinningThatDiffersBetweenRunFilesNamesBothFiles() throws {
        _ = try writeRunFile("runs/run_1.root", [th1("Muons/pt", seed: 1)])
        _ = try writeRunFile("runs/run_2.root", [th1("Muons/pt", seed: 2, edges: (0...8).map { Double($0) / 4 })])
        try assertInputError(dinamo("runs", "Muons/pt"), ["binning differs", "run_1.root", "run_2.root"])
    }

    func testNoFileMatchingTheGlobIsAnError() throws {
        try assertInputError(dinamo("nothing/*.root", "Muons/pt"), ["no file matches", "nothing/*.root"])
    }

    func testDuplicateRunNumbersNameBothFiles() throws {
        _ = try writeRunFile("runs/run_5.root", [th1("Muons/pt", seed: 1)])
        _ = try writeRunFile("runs/run_005.root", [th1("Muons/pt", seed: 2)])
        try assertInputError(dinamo("runs", "Muons/pt"), ["run 5 appears twice", "run_005.root", "run_5.root"])
    }

    func testAConfigEntryNamesItselfInRunFileErrors() throws {
        _ = try plainRuns([1, 2])
        let config = #"{"dinamo": [{"input": "runs", "histogram": "Muons/nope"}]}"#
        try config.write(to: root.appendingPathComponent("c.json"), atomically: true, encoding: .utf8)
        try assertInputError(["run", "--config", "c.json", "--output", "out"], ["Muons/nope", "c.json, dinamo[0]"])
        let both = #"{"dinamo": [{"input": "runs", "histogram": "Muons/pt", "histograms": "Muons/*"}]}"#
        try both.write(to: root.appendingPathComponent("c.json"), atomically: true, encoding: .utf8)
        try assertInputError(["run", "--config", "c.json", "--output", "out"], ["c.json", "not both"])
    }

    func testLabelsNamingNoneOfTheRunsAreAnErrorNamingTheLabelsFile() throws {
        _ = try plainRuns([1, 2])
        try "run,label\n7,1\n8,0\n".write(to: root.appendingPathComponent("labels.csv"), atomically: true, encoding: .utf8)
        try assertInputError(dinamo("runs", "Muons/pt", extra: ["--labels", "labels.csv"]), ["labels.csv", "none of its 2 runs"])
        try "run,label\n1,bad\n".write(to: root.appendingPathComponent("labels.csv"), atomically: true, encoding: .utf8)
        try assertInputError(dinamo("runs", "Muons/pt", extra: ["--labels", "labels.csv"]), ["labels.csv, line 2", "0, 1 or empty"])
    }

    /// A run file truncated at every 97th byte, among good ones: always exit 2 naming it, never a trap.
    func testARunFileTruncatedAnywhereAmongGoodOnesIsNamedNeverATrap() throws {
        _ = try plainRuns([1, 2])
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: writeRunFile("full/run_3.root", [th1("Muons/pt", seed: 3)]))))
        let target = root.appendingPathComponent("runs/run_3.root")
        for cut in stride(from: 0, to: good.count, by: 97) {
            try Data(good.prefix(cut)).write(to: target)
            let r = try tool(dinamo("runs", "Muons/pt") + ["--quiet"])
            XCTAssertEqual(r.status, 2, "cut at \(cut): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("run_3.root"), "cut at \(cut): \(r.stderr)")
        }
    }
}
