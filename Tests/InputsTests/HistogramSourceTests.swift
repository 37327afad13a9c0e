import Foundation
import Inputs
import ROOTFile
import TestSupport
import XCTest

/// The histogram source as Reporting drives it — members, check, load — for a CSV or JSON file and for run files.
final class HistogramSourceTests: XCTestCase {
    private var dir: FixtureDirectory!

    override func setUp() { dir = FixtureDirectory() }
    override func tearDown() { dir = nil }

    func testAFileIsOneMemberNamedByTheNameGivenOrTheFileName() throws {
        let csv = dir.write("muons.csv", "run,label,a,b\n1,0,3,4\n2,1,5,6\n")
        XCTAssertEqual(try HistogramSource.file(path: csv, name: nil).members(),
                       [HistogramMember(key: csv, displayName: "muons.csv")])
        XCTAssertEqual(try HistogramSource.file(path: csv, name: "Muon pT").members().map(\.displayName), ["Muon pT"])
        let source = HistogramSource.file(path: csv, name: "Muon pT")
        try source.check()
        let input = try source.load(try source.members()[0])
        XCTAssertEqual(input.name, "Muon pT")
        XCTAssertEqual(input.counts, [3, 4, 5, 6])
        XCTAssertEqual(input.labels, [0, 1])
        XCTAssertNil(input.grid)
    }

    func testAJSONFileLoadsAsJSON() throws {
        let json = dir.write("h.json", #"{"name": "jets", "runs": [[1, 2], [3, 4]]}"#)
        let source = HistogramSource.file(path: json, name: nil)
        try source.check()
        XCTAssertEqual(try source.load(try source.members()[0]).name, "jets")
    }

    func testTheCheckReadsOnlyTheHeadAndTheLoadFindsTheRest() throws {
        let csv = dir.write("deep.csv", "a,b\n1,2\n3,-4\n")
        let source = HistogramSource.file(path: csv, name: nil)
        try source.check()
        assertInputError(try source.load(try source.members()[0]), file: "deep.csv", line: 3, contains: ["negative"])
        assertInputError(try HistogramSource.file(path: dir.write("bad.csv", "run,label\n1,0\n"), name: nil).check(),
                         file: "bad.csv", line: 1, contains: ["no bin columns"])
    }

    func testRunFilesGoThroughTheSharedSet() throws {
        var writer = ROOTFileWriter()
        try writer.add(ROOTHistogram(path: "Muons/pt", kind: .th1("D"), xEdges: [0, 1, 2], contents: [5, 6]))
        try writer.write(to: dir.url.appendingPathComponent("run_8.root").path)
        let set = RunFileSet(RunFilesSource(input: dir.url.appendingPathComponent("run_8.root").path, histogram: "Muons/*", eachMatch: true))
        let source = HistogramSource.runFiles(set)
        let members = try source.members()
        XCTAssertEqual(members, [.runFiles("Muons/pt")])
        source.want(members[0])
        try source.check()
        let input = try source.load(members[0])
        XCTAssertEqual(input.counts, [5, 6])
        XCTAssertEqual(input.runIDs, ["8"])
        XCTAssertEqual(input.columnNames, ["0", "1"])
    }
}
