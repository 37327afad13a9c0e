import Foundation
@testable import Inputs
import ROOTFile
import TestSupport
import XCTest

/// Per-run ROOT files as a source: which files and members a file, directory or glob plans; every run file
/// opened once for planning, checking and reading together; and the read's run order, labels and errors.
final class RunFileSetTests: XCTestCase {
    private var dir: FixtureDirectory!

    override func setUp() { dir = FixtureDirectory() }
    override func tearDown() { dir = nil }

    // MARK: helpers

    /// Counts the opens of each run file while opening them as `ROOTFile(path:)` does.
    final class OpenCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]

        func open(_ path: String) throws -> ROOTFile {
            lock.withLock { counts[(path as NSString).lastPathComponent, default: 0] += 1 }
            return try ROOTFile(path: path)
        }

        var opens: [String: Int] { lock.withLock { counts } }
    }

    /// A TH1D with 4 bins on [0, 1] whose contents depend on `seed`.
    func th1(_ path: String, seed: Int) -> ROOTHistogram {
        ROOTHistogram(path: path, kind: .th1("D"), xEdges: [0, 0.25, 0.5, 0.75, 1],
                      contents: (0..<4).map { Double(10 + ($0 * 7 + seed * 13) % 11) })
    }

    /// Writes `name` holding `histograms`; returns its path.
    @discardableResult
    func runFile(_ name: String, _ histograms: [ROOTHistogram]) throws -> String {
        var writer = ROOTFileWriter()
        for h in histograms { try writer.add(h) }
        let path = dir.url.appendingPathComponent(name).path
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try writer.write(to: path)
        return path
    }

    /// DQM-like run files `runs/run_<n>.root` holding `DQMData/Run <n>/Muons/{pt,eta}` and a 2×3 TH2
    /// `DQMData/Run <n>/Tracker/map`.
    func dqmRuns(_ runs: [Int]) throws {
        for run in runs {
            let map = ROOTHistogram(path: "DQMData/Run \(run)/Tracker/map", kind: .th2("D"), xEdges: [0, 1, 2],
                                    yEdges: [0, 1, 2, 3], contents: (0..<6).map { Double($0 + run) })
            try runFile("runs/run_\(run).root", [th1("DQMData/Run \(run)/Muons/pt", seed: run),
                                                 th1("DQMData/Run \(run)/Muons/eta", seed: run + 1), map])
        }
    }

    func source(_ input: String, _ histogram: String, eachMatch: Bool = false, labels: String? = nil) -> RunFilesSource {
        RunFilesSource(input: dir.url.appendingPathComponent(input).path, histogram: histogram, eachMatch: eachMatch,
                       labels: labels.map { dir.url.appendingPathComponent($0) })
    }

    // MARK: opened once

    func testEachRunFileIsOpenedOnceForMembersCheckAndLoad() throws {
        try dqmRuns([12, 5, 100])
        let counter = OpenCounter()
        let set = RunFileSet(source("runs", "DQMData/Run */*/*", eachMatch: true), progress: nil, opener: counter.open)
        let members = try set.members()
        XCTAssertEqual(counter.opens, ["run_100.root": 1], "planning opens the first file (by name) only")
        for m in members { set.want(m) }
        try set.check()
        try set.check()
        XCTAssertEqual(counter.opens, ["run_100.root": 1, "run_12.root": 1, "run_5.root": 1])
        let inputs = try members.map { m throws(InputError) in try set.load(m) }
        XCTAssertEqual(counter.opens, ["run_100.root": 1, "run_12.root": 1, "run_5.root": 1],
                       "the read reuses the files the check opened")
        XCTAssertEqual(inputs.map(\.runIDs), [["5", "12", "100"], ["5", "12", "100"], ["5", "12", "100"]])
        XCTAssertEqual(Array(inputs[0].run(0)), th1("", seed: 5).contents)
    }

    func testAMemberNotWantedBeforeTheReadIsReadOnAPassOfItsOwn() throws {
        try dqmRuns([1, 2])
        let counter = OpenCounter()
        let set = RunFileSet(source("runs", "DQMData/Run */Muons/*", eachMatch: true), progress: nil, opener: counter.open)
        let members = try set.members()
        set.want(members[0])
        try set.check()
        _ = try set.load(members[0])
        XCTAssertEqual(counter.opens, ["run_1.root": 1, "run_2.root": 1])
        let late = try set.load(members[1])
        XCTAssertEqual(late.name, "Muons/eta")
        XCTAssertEqual(counter.opens, ["run_1.root": 2, "run_2.root": 2], "the files were released after the read")
    }

    func testOneReadServesEveryWantedMemberAndSaysSo() throws {
        try dqmRuns([1, 2, 3])
        let said = Said()
        let set = RunFileSet(source("runs", "DQMData/Run */Muons/*", eachMatch: true), progress: { said.append($0) })
        let members = try set.members()
        for m in members { set.want(m) }
        for m in members { _ = try set.load(m) }
        XCTAssertEqual(said.lines, ["read 3 run files once for 2 histograms of DQMData/Run */Muons/*"])
    }

    final class Said: @unchecked Sendable {
        private let lock = NSLock()
        private var said: [String] = []
        func append(_ line: String) { lock.withLock { said.append(line) } }
        var lines: [String] { lock.withLock { said } }
    }

    // MARK: planning

    func testADirectoryPlansItsRootFilesOnlyAndTheMembersOfTheFirst() throws {
        try dqmRuns([3, 1, 2])
        _ = dir.write("runs/labels.csv", "run,label\n")
        try runFile("runs/old/run_9.root", [th1("DQMData/Run 9/Muons/pt", seed: 9)])
        let set = RunFileSet(source("runs", "DQMData/Run */*/*", eachMatch: true))
        XCTAssertEqual(try set.files().map { ($0 as NSString).lastPathComponent }, ["run_1.root", "run_2.root", "run_3.root"])
        let members = try set.members()
        XCTAssertEqual(members.map(\.key), ["DQMData/Run */Muons/pt", "DQMData/Run */Muons/eta", "DQMData/Run */Tracker/map"])
        XCTAssertEqual(members.map(\.displayName), ["Muons/pt", "Muons/eta", "Tracker/map"])
    }

    func testAGlobPlansTheFilesItMatches() throws {
        try dqmRuns([1, 2, 10, 11])
        let set = RunFileSet(source("runs/run_1*.root", "DQMData/Run */Muons/pt"))
        XCTAssertEqual(try set.files().map { ($0 as NSString).lastPathComponent }, ["run_1.root", "run_10.root", "run_11.root"])
        XCTAssertEqual(try set.members(), [HistogramMember(key: "DQMData/Run */Muons/pt", displayName: "Muons/pt")])
        XCTAssertEqual(try set.load(set.members()[0]).runIDs, ["1", "10", "11"])
    }

    func testASingleFileIsOneRunAndAPathWithoutWildcardsIsItsOwnMember() throws {
        let path = try runFile("one/run_42.root", [th1("Muons/pt", seed: 1), th1("Muons/eta", seed: 2)])
        let set = RunFileSet(RunFilesSource(input: path, histogram: "Muons/pt"))
        XCTAssertEqual(try set.files(), [path])
        XCTAssertEqual(try set.members().map(\.key), ["Muons/pt"])
        let each = RunFileSet(RunFilesSource(input: path, histogram: "Muons/*", eachMatch: true))
        XCTAssertEqual(try each.members().map(\.key), ["Muons/pt", "Muons/eta"])
        let input = try set.load(.runFiles("Muons/pt"))
        XCTAssertEqual(input.runIDs, ["42"])
        XCTAssertEqual(input.binEdges, [0, 0.25, 0.5, 0.75, 1])
        XCTAssertNil(input.grid)
    }

    func testASingleFileWithoutARunNumberIsOneRunNamedByItsStem() throws {
        let path = try runFile("any/histos.root", [th1("path/to/h", seed: 1)])
        let set = RunFileSet(RunFilesSource(input: path, histogram: "path/to/h"))
        try set.check()
        XCTAssertEqual(try set.load(.runFiles("path/to/h")).runIDs, ["histos"])
        let two = try runFile("any/physics_2018_v2.root", [th1("path/to/h", seed: 2)])
        XCTAssertEqual(try RunFileSet(RunFilesSource(input: two, histogram: "path/to/h")).load(.runFiles("path/to/h")).runIDs,
                       ["physics_2018_v2"], "several numbers in the name: still one run, by its stem")
    }

    func testARunPatternStillDecidesForASingleFile() throws {
        let path = try runFile("any/histos.root", [th1("h", seed: 1)])
        let set = RunFileSet(RunFilesSource(input: path, histogram: "h", runPattern: #"r(\d+)"#))
        assertInputError(try set.check(), file: "histos.root", contains: ["does not capture a run number"])
    }

    func testADirectoryOrAGlobHoldingOneFileWithoutARunNumberIsStillAnError() throws {
        try runFile("dir/histos.root", [th1("h", seed: 1)])
        assertInputError(try RunFileSet(source("dir", "h")).check(), file: "histos.root", contains: ["--run-pattern"])
        assertInputError(try RunFileSet(source("dir/*.root", "h")).check(), file: "histos.root", contains: ["--run-pattern"])
    }

    func testSeveralFilesWithoutDistinctRunNumbersStayAnErrorSuggestingTheRunPattern() throws {
        try runFile("many/histos.root", [th1("h", seed: 1)])
        try runFile("many/other.root", [th1("h", seed: 2)])
        assertInputError(try RunFileSet(source("many", "h")).check(), file: "histos.root",
                         contains: ["cannot be told from the name", "--run-pattern"])
    }

    func testLabelsCannotNameARunWithoutANumber() throws {
        let path = try runFile("any/histos.root", [th1("h", seed: 1)])
        let labels = dir.write("labels.csv", "run,label\n1,0\n")
        let set = RunFileSet(RunFilesSource(input: path, histogram: "h", labels: URL(fileURLWithPath: labels)))
        assertInputError(try set.load(.runFiles("h")), file: "labels.csv", contains: ["histos.root has no run number", "run 'histos'", "--run-pattern"])
    }

    func testAnInputNamingNoRunFilesIsAnError() throws {
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("empty"), withIntermediateDirectories: true)
        assertInputError(try RunFileSet(source("empty", "x")).members(), file: "empty",
                         contains: ["the directory holds no .root files"])
        assertInputError(try RunFileSet(source("none", "x")).members(), file: "none", contains: ["no such file or directory"])
        let glob = dir.url.appendingPathComponent("nothing/*.root").path
        assertInputError(try RunFileSet(RunFilesSource(input: glob, histogram: "x")).members(), file: glob,
                         contains: ["no file matches the glob"])
    }

    // MARK: reading

    func testATH2IsFlattenedXOutermostWithItsGrid() throws {
        try dqmRuns([7, 8])
        let input = try RunFileSet(source("runs", "DQMData/Run */Tracker/map")).load(.runFiles("DQMData/Run */Tracker/map"))
        XCTAssertEqual(input.bins, 6)
        XCTAssertNil(input.binEdges)
        XCTAssertEqual(input.grid, HistogramGrid(xEdges: [0, 1, 2], yEdges: [0, 1, 2, 3]))
        XCTAssertEqual(Array(input.run(1)), (0..<6).map { Double($0 + 8) })
        XCTAssertEqual(input.name, "Tracker/map")
    }

    func testLabelsAreMatchedToTheRunsInRunOrder() throws {
        try dqmRuns([20, 3])
        _ = dir.write("labels.csv", "run,label\n20,1\n3,0\n99,\n")
        let input = try RunFileSet(source("runs", "DQMData/Run */Muons/pt", labels: "labels.csv")).load(.runFiles("DQMData/Run */Muons/pt"))
        XCTAssertEqual(input.runIDs, ["3", "20"])
        XCTAssertEqual(input.labels, [0, 1])
    }

    func testTheCheckFindsBadLabelsAndKeepsGoodOnesForTheRead() throws {
        try dqmRuns([1, 2])
        let path = dir.write("labels.csv", "run,label\n1,x\n")
        let set = RunFileSet(source("runs", "DQMData/Run */Muons/pt", labels: "labels.csv"))
        assertInputError(try set.check(), file: "labels.csv", line: 2, contains: ["label must be 0, 1 or empty"])
        _ = dir.write("labels.csv", "run,label\n1,1\n")
        let good = RunFileSet(source("runs", "DQMData/Run */Muons/pt", labels: "labels.csv"))
        try good.check()
        try FileManager.default.removeItem(atPath: path)
        XCTAssertEqual(try good.load(.runFiles("DQMData/Run */Muons/pt")).labels, [1, nil], "read once, by the check")
    }

    func testTheFirstFailingFileInNameOrderIsReportedWhateverTheThreadTiming() throws {
        try dqmRuns([1, 2, 3, 4, 5, 6])
        // Runs 2 and 5 lack Muons/eta: the read (not the check, which looks at the first file) finds them.
        for run in [2, 5] {
            try runFile("runs/run_\(run).root", [th1("DQMData/Run \(run)/Muons/pt", seed: run)])
        }
        for _ in 0..<5 {
            let set = RunFileSet(source("runs", "DQMData/Run */Muons/eta"))
            try set.check()
            assertInputError(try set.load(.runFiles("DQMData/Run */Muons/eta")), file: "run_2.root",
                             contains: ["DQMData/Run 2/Muons/eta: not found", "holds pt (TH1D)"])
        }
    }

    func testEveryMemberFailsWithTheSameErrorWhenOneFileIsBad() throws {
        try dqmRuns([1, 2])
        try runFile("runs/run_2.root", [th1("DQMData/Run 2/Muons/pt", seed: 2)])
        let set = RunFileSet(source("runs", "DQMData/Run */Muons/*", eachMatch: true))
        let members = try set.members()
        for m in members { set.want(m) }
        for m in members {
            assertInputError(try set.load(m), file: "run_2.root", contains: ["DQMData/Run 2/Muons/eta: not found"])
        }
    }

    func testDifferentBinningNamesBothFiles() throws {
        try runFile("runs/run_1.root", [th1("Muons/pt", seed: 1)])
        try runFile("runs/run_2.root", [ROOTHistogram(path: "Muons/pt", kind: .th1("D"), xEdges: [0, 1, 2], contents: [1, 2])])
        assertInputError(try RunFileSet(source("runs", "Muons/pt")).load(.runFiles("Muons/pt")), file: "run_2.root",
                         contains: ["the binning differs between run files", "run_1.root has TH1D 4 bins [0, 1]",
                                    "run_2.root has TH1D 2 bins [0, 2]"])
    }

    func testDuplicateRunNumbersAreFoundByTheCheck() throws {
        try runFile("runs/run_5.root", [th1("Muons/pt", seed: 1)])
        try runFile("runs/run_005.root", [th1("Muons/pt", seed: 2)])
        assertInputError(try RunFileSet(source("runs", "Muons/pt")).check(), file: "run_5.root",
                         contains: ["run 5 appears twice", "run_005.root and in", "--run-pattern"])
    }

    func testAPathMatchingSeveralHistogramsMustNameOne() throws {
        try dqmRuns([1])
        assertInputError(try RunFileSet(source("runs", "DQMData/Run */Muons/*")).check(), file: "run_1.root",
                         contains: ["matches 2 histograms", "name one"])
    }
}
