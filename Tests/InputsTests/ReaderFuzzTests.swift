import Foundation
import Core
import XCTest
@testable import Inputs
import TestSupport

/// A seeded random-mutation fuzzer for every input reader: valid seeds are mutated (bytes flipped,
/// inserted, deleted, lines duplicated, structural characters injected) and each reader must either
/// return a value or throw an `InputError` naming the file — never trap, hang or return non-finite data.
///
/// `make fuzz` runs it for `FUZZ_SECONDS` (default there: 120 s); in the ordinary test run it gets a
/// couple of seconds. libFuzzer (`-sanitize=fuzzer`) needs a fuzzer runtime this toolchain setup does not
/// ship for SwiftPM test targets, so the mutations are our own and reproducible from `FUZZ_SEED`.
final class ReaderFuzzTests: XCTestCase {
    static let histogramCSV = "run,label,b0,b1,b2\nr1,0,10,20,30\nr2,1,0,5,\"7\"\nr3,,1,2,3\n"
    static let histogramJSON = #"{"name":"h","bin_edges":[0,1,2,3],"runs":[[1,2,3],[4,5,6]],"labels":[0,null],"run_ids":["a","b"]}"#
    static let seriesCSV = "timestamp,value,label\n" + (0..<40).map { "2014-02-19 10:\(String(format: "%02d", $0)):00.000000,\(Double($0) * 0.5),\($0 == 30 ? 1 : 0)" }.joined(separator: "\n") + "\n"
    static let windowsJSON = #"{"data/series.csv": [["2014-02-19 10:05:00.000000", "2014-02-19 10:07:00.000000"], [30, 31]]}"#
    static let configYAML = """
    seed: 3
    dinamo:
      - {input: h.csv, alpha: auto, threshold: 1.5, historical: 10}
      - &second
        input: h2.json
        debias: 2
    series:
      - input: s.csv
        approach: "mixture,hmm"
        labels: [1, 2]
      - *second
    """

    static let configJSON = #"{"seed": 1, "dinamo": [{"input": "h.csv", "alpha": "auto"}], "series": [{"input": "s.csv", "epochs": 2}]}"#

    private let tokens: [[UInt8]] = [",", "\"", "\n", "\r\n", "{", "}", "[", "]", ":", "-", "1e400", "nan", "null", "\u{FEFF}", "\u{0}", "\\"]
        .map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x82]]

    func mutate(_ seed: [UInt8], _ g: inout SeededGenerator) -> [UInt8] {
        var bytes = seed
        for _ in 0..<(1 + g.int(below: 6)) {
            let position = bytes.isEmpty ? 0 : g.int(below: bytes.count + 1)
            switch g.int(below: 6) {
            case 0 where !bytes.isEmpty && position < bytes.count: bytes[position] = UInt8(truncatingIfNeeded: g.next())
            case 1: bytes.insert(contentsOf: tokens[g.int(below: tokens.count)], at: position)
            case 2 where !bytes.isEmpty: bytes.removeSubrange(position..<min(bytes.count, position + 1 + g.int(below: 8)))
            case 3: bytes.insert(contentsOf: Array(bytes[position...].prefix(1 + g.int(below: 40))), at: position)
            case 4: bytes = Array(bytes.prefix(position))
            default: bytes.insert(UInt8(g.int(below: 128)), at: position)
            }
        }
        return bytes
    }

    func testReadersNeverTrapOnMutatedInput() throws {
        let env = ProcessInfo.processInfo.environment
        let seconds = Double(env["FUZZ_SECONDS"] ?? "") ?? 2
        let seed = UInt64(env["FUZZ_SEED"] ?? "") ?? 20261123
        var g = SeededGenerator(seed: seed)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let limits = InputLimits(maxFileBytes: 1 << 20, maxLineBytes: 1 << 16, maxJSONDepth: 32)
        let seriesPath = dir.appendingPathComponent("data/series.csv").path
        try Data(Self.seriesCSV.utf8).write(to: URL(fileURLWithPath: seriesPath))
        let series = try SeriesInput.read(path: seriesPath, minimumLength: 2)
        let cases: [(String, String, (String) throws -> Void)] = [
            ("h.csv", Self.histogramCSV, { p in let h = try HistogramInput.read(path: p, limits: limits); XCTAssertTrue(h.counts.allSatisfy(\.isFinite)) }),
            ("h.json", Self.histogramJSON, { p in let h = try HistogramInput.read(path: p, limits: limits); XCTAssertTrue(h.counts.allSatisfy(\.isFinite)) }),
            ("s.csv", Self.seriesCSV, { p in
                for policy in MissingPolicy.allCases {
                    if let s = try? SeriesInput.read(path: p, missing: policy, minimumLength: 2, limits: limits) {
                        XCTAssertTrue(s.values.allSatisfy(\.isFinite))
                    }
                }
                _ = try SeriesInput.read(path: p, minimumLength: 2, limits: limits)
            }),
            ("w.json", Self.windowsJSON, { p in _ = try AnomalyWindows.labels(path: p, seriesFile: "series.csv", series: series, limits: limits) }),
            ("c.json", Self.configJSON, { p in _ = try ConfigDocument.read(path: p, limits: limits) }),
            ("c.yaml", Self.configYAML, { p in _ = try ConfigDocument.read(path: p, limits: limits) }),
        ]
        let deadline = Date().addingTimeInterval(seconds)
        var iterations = 0, rejected = 0
        while Date() < deadline {
            for (file, text, read) in cases {
                let path = dir.appendingPathComponent(file).path
                try Data(mutate(Array(text.utf8), &g)).write(to: URL(fileURLWithPath: path))
                do {
                    try read(path)
                } catch let error as InputError {
                    rejected += 1
                    XCTAssertTrue(error.description.contains(file), "error does not name the file: \(error)")
                } catch {
                    XCTFail("\(file): unexpected error type \(type(of: error)): \(error)")
                }
                iterations += 1
            }
        }
        XCTAssertGreaterThan(iterations, 0)
        print("fuzz: \(iterations) mutated inputs in \(seconds) s (seed \(seed)), \(rejected) rejected with an InputError, no trap")
    }
}
