import XCTest
@testable import Inputs

final class RunConfigTests: XCTestCase {
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
        let c = try RunConfig.read(path: path)
        XCTAssertEqual(c.seed, 7)
        XCTAssertEqual(c.dinamo, [
            DinamoJob(input: dir.url.appendingPathComponent("h.csv").path, name: "Jets", alpha: .auto,
                      threshold: .value(3.5), historical: 10, initCounts: 100, debias: 0),
            DinamoJob(input: "/abs/h2.json"),
        ])
        XCTAssertEqual(c.series, [
            SeriesJob(input: dir.url.appendingPathComponent("data/s.csv").path, column: "cpu",
                      labels: dir.url.appendingPathComponent("labels.json").path, approach: .topk,
                      epochs: 5, samples: 20, missing: .interpolate),
        ])
    }

    func testEmptyConfigHasNoJobs() throws {
        let c = try RunConfig.read(path: dir.write("c.json", "{}"))
        XCTAssertNil(c.seed)
        XCTAssertTrue(c.dinamo.isEmpty && c.series.isEmpty)
    }

    // MARK: - Errors name the key path

    func testUnknownKeysAreErrorsNamingTheKeyPath() {
        assertInputError(try RunConfig.read(path: dir.write("config.json", #"{"sed": 1}"#)),
                         file: "config.json", keyPath: "sed", contains: ["unknown key"])
        assertInputError(try RunConfig.read(path: dir.write("config.json", #"{"dinamo": [{"input": "a"}, {"input": "b", "alhpa": 0.5}]}"#)),
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
            assertInputError(try RunConfig.read(path: dir.write("config.json", text)),
                             file: "config.json", keyPath: keyPath, contains: [fragment])
        }
    }

    func testConfigThatIsNotAnObjectIsRefused() {
        assertInputError(try RunConfig.read(path: dir.write("config.json", "[1]")), file: "config.json", line: 1,
                         contains: ["expected an object, found an array"])
    }
}
