import XCTest
import Dinamo
import Inputs
import MonteCarloEM
import TestSupport
@testable import Reporting

final class ConfigFileTests: XCTestCase {
    private var dir: FixtureDirectory!

    override func setUp() { dir = FixtureDirectory() }
    override func tearDown() { dir = nil }

    // MARK: - Happy path

    func testFullConfigIsReadAndPathsResolveAgainstItsDirectory() throws {
        let path = dir.write("config.json", """
        {"seed": 7,
         "dinamo": [{"input": "h.csv", "name": "Jets", "alpha": "auto", "threshold": 3.5, "historical": 10,
                     "init_counts": 100, "debias": 0},
                    {"input": "/abs/h2.json"}],
         "series": [{"input": "data/s.csv", "column": "cpu", "labels": "labels.json", "approach": "topk",
                     "epochs": 5, "samples": 20, "missing": "interpolate"}]}
        """)
        let c = try ConfigFile.read(path: path)
        XCTAssertEqual(c.seed, 7)
        XCTAssertEqual(c.jobs(DinamoJobSpec.self), [Self.jets(dir.url), Self.h2()])
        XCTAssertEqual(c.jobs(SeriesJobSpec.self), [Self.cpu(dir.url)])
    }

    /// The job specs the example config above describes, as the command line would build them.
    static func jets(_ base: URL) -> DinamoJobSpec {
        var d = DinamoJobSpec(source: .file(base.appendingPathComponent("h.csv")), name: "Jets")
        d.alpha = .auto
        d.threshold = .value(3.5)
        d.historical = 10
        d.initCounts = 100
        d.debias = 0
        d.origin = "config.json, dinamo[0]"
        return d
    }

    static func h2(config: String = "config.json") -> DinamoJobSpec {
        var d = DinamoJobSpec(source: .file(URL(fileURLWithPath: "/abs/h2.json")))
        d.origin = "\(config), dinamo[1]"
        return d
    }

    static func cpu(_ base: URL, config: String = "config.json") -> SeriesJobSpec {
        var s = SeriesJobSpec(source: .file(base.appendingPathComponent("data/s.csv")))
        s.column = "cpu"
        s.labels = base.appendingPathComponent("labels.json")
        s.approaches = [.topk]
        s.epochs = 5
        s.samples = 20
        s.missing = .interpolate
        s.origin = "\(config), series[0]"
        return s
    }

    // MARK: - YAML

    func testYAMLConfigEqualsItsJSONTwin() throws {
        let path = dir.write("config.yaml", """
        # the same monitors as the JSON test above
        seed: 7
        dinamo:
          - input: h.csv
            name: Jets
            alpha: auto
            threshold: 3.5
            historical: 10
            init_counts: 100
            debias: 0
          - {input: /abs/h2.json}
        series:
          - input: data/s.csv
            column: cpu
            labels: labels.json
            approach: topk
            epochs: 5
            samples: 20
            missing: interpolate
        """)
        let c = try ConfigFile.read(path: path)
        XCTAssertEqual(c.seed, 7)
        var jets = Self.jets(dir.url)
        jets.origin = "config.yaml, dinamo[0]"
        XCTAssertEqual(c.jobs(DinamoJobSpec.self), [jets, Self.h2(config: "config.yaml")])
        XCTAssertEqual(c.jobs(SeriesJobSpec.self), [Self.cpu(dir.url, config: "config.yaml")])
    }

    func testYAMLErrorsNameTheFileAndTheKeyOrLine() {
        assertInputError(try ConfigFile.read(path: dir.write("c.yaml", "dinamo:\n  - input: a\n    alhpa: 0.5\n")),
                         file: "c.yaml", keyPath: "dinamo[0].alhpa", contains: ["unknown key"])
        assertInputError(try ConfigFile.read(path: dir.write("c.yml", "dinamo:\n  - input: a\n    alpha: 1.5\n")),
                         file: "c.yml", keyPath: "dinamo[0].alpha", contains: ["out of range"])
        assertInputError(try ConfigFile.read(path: dir.write("c.yaml", "dinamo: [\n  {input: a,\n")),
                         file: "c.yaml", contains: ["not valid YAML"])
    }

    func testEmptyConfigHasNoJobs() throws {
        let c = try ConfigFile.read(path: dir.write("c.json", "{}"))
        XCTAssertNil(c.seed)
        XCTAssertTrue(c.jobs(DinamoJobSpec.self).isEmpty && c.jobs(SeriesJobSpec.self).isEmpty)
    }

    // MARK: - Errors name the key path

    func testUnknownKeysAreErrorsNamingTheKeyPath() {
        assertInputError(try ConfigFile.read(path: dir.write("config.json", #"{"sed": 1}"#)),
                         file: "config.json", keyPath: "sed", contains: ["unknown key"])
        assertInputError(try ConfigFile.read(path: dir.write("config.json", #"{"dinamo": [{"input": "a"}, {"input": "b", "alhpa": 0.5}]}"#)),
                         file: "config.json", keyPath: "dinamo[1].alhpa", contains: ["unknown key"])
    }

    func testWrongTypesAreErrorsNamingTheKeyPath() {
        let cases: [(String, String, String)] = [
            (#"{"dinamo": [{"input": "a"}, {"input": "b"}, {"input": "c", "alpha": "fast"}]}"#, "dinamo[2].alpha", "expected a number or \"auto\""),
            (#"{"dinamo": [{"input": "a", "alpha": 1.5}]}"#, "dinamo[0].alpha", "out of range"),
            (#"{"dinamo": [{"input": "a", "historical": 2.5}]}"#, "dinamo[0].historical", "expected an integer"),
            (#"{"dinamo": [{"input": "a", "debias": -1}]}"#, "dinamo[0].debias", "non-negative integer"),
            (#"{"dinamo": [{"input": 3}]}"#, "dinamo[0].input", "expected a string"),
            (#"{"dinamo": [{"name": "x"}]}"#, "dinamo[0]", "missing key \"input\""),
            (#"{"dinamo": {"input": "a"}}"#, "dinamo", "expected an array"),
            (#"{"series": [{"input": "s", "approach": "best"}]}"#, "series[0].approach", "unknown approach \"best\""),
            (#"{"series": [{"input": "s", "epochs": 0}]}"#, "series[0].epochs", "positive integer"),
            (#"{"series": [{"input": "s", "missing": "skip"}]}"#, "series[0].missing", "\"drop\""),
            (#"{"seed": -1}"#, "seed", "non-negative integer"),
        ]
        for (text, keyPath, fragment) in cases {
            assertInputError(try ConfigFile.read(path: dir.write("config.json", text)),
                             file: "config.json", keyPath: keyPath, contains: [fragment])
        }
    }

    func testConfigThatIsNotAnObjectIsRefused() {
        assertInputError(try ConfigFile.read(path: dir.write("config.json", "[1]")), file: "config.json", line: 1,
                         contains: ["expected an object, found an array"])
    }
}
