import Foundation
import Inputs
import TestSupport
import XCTest

/// DQM run numbers: CMS names give the run (never the version or the era), a `Run N` directory wins over the
/// name, an ambiguous name is an `InputError` suggesting `--run-pattern`, whose first group then decides.
final class RunNumberTests: XCTestCase {
    func testRunNumbersComeFromCMSNamesPlainNamesAndRunDirectories() throws {
        XCTAssertEqual(try RunNumber.fromFileName("/data/DQM_V0001_R000319176__ZeroBias__Run2018B-PromptReco-v2__DQMIO.root"), 319176)
        XCTAssertEqual(try RunNumber.fromFileName("run_123.root"), 123)
        XCTAssertEqual(try RunNumber.fromFileName("Run-77.root"), 77)
        XCTAssertEqual(try RunNumber.fromFileName("histos5.root"), 5)
        XCTAssertEqual(try RunNumber.fromFileName("a_2018_b_17.root", pattern: #"b_(\d+)"#), 17)
        XCTAssertEqual(try RunNumber.resolve(file: "x_1_2.root", objectPath: "DQMData/Run 319176/Muons/pt"), 319176)
        XCTAssertEqual(RunNumber.fromObjectPath("DQMData/Run 42/Muons/pt"), 42)
        XCTAssertNil(RunNumber.fromObjectPath("DQMData/Muons/pt"))
    }

    func testAGivenPatternReplacesTheNameRulesEvenWithARunDirectory() throws {
        XCTAssertEqual(try RunNumber.resolve(file: "x_7.root", objectPath: "DQMData/Run 9/pt", pattern: #"x_(\d+)"#), 7)
    }

    func testAnAmbiguousNameSuggestsTheRunPattern() {
        assertInputError(try RunNumber.fromFileName("data/physics_2018_v2.root"), file: "physics_2018_v2.root",
                         contains: ["cannot be told from the name 'physics_2018_v2.root'", "--run-pattern"])
    }

    func testASingleFileGivenAloneIsOneRunNamedByItsNumberElseItsStem() {
        XCTAssertEqual(RunNumber.resolveAlone(file: "/data/histos.root", objectPath: "path/to/h"), RunNumber.Run(unnumbered: "histos"))
        XCTAssertEqual(RunNumber.resolveAlone(file: "physics_2018_v2.root", objectPath: "h").id, "physics_2018_v2")
        XCTAssertNil(RunNumber.resolveAlone(file: "physics_2018_v2.root", objectPath: "h").number)
        XCTAssertEqual(RunNumber.resolveAlone(file: "histos5.root", objectPath: "h"), RunNumber.Run(number: 5))
        XCTAssertEqual(RunNumber.resolveAlone(file: "histos.root", objectPath: "DQMData/Run 77/h"), RunNumber.Run(number: 77))
        XCTAssertEqual(RunNumber.resolveAlone(file: "x/.root", objectPath: "h").id, ".root", "a name with nothing before .root")
    }

    func testABadPatternIsNamed() {
        assertInputError(try RunNumber.fromFileName("run_1.root", pattern: #"(\d+"#), file: "run_1.root",
                         contains: ["is not a valid regular expression"])
        assertInputError(try RunNumber.fromFileName("run_1.root", pattern: #"\d+"#), file: "run_1.root",
                         contains: ["has no capture group"])
        assertInputError(try RunNumber.fromFileName("run_1.root", pattern: #"x(\d+)"#), file: "run_1.root",
                         contains: ["does not capture a run number in 'run_1.root'"])
    }
}
