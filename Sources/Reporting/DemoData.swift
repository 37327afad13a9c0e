import Dinamo
import Foundation
import Inputs
import MonteCarloEM

/// The built-in demo: the published DINAMO-S toy dataset and the notebook's toy series, and writers that
/// put them in the input formats of SPEC §2 (`anomaly-report generate`).
public enum DemoData {
    public static func dinamoJob(quick: Bool) -> DinamoJobSpec {
        var job = DinamoJobSpec(source: .toy(runs: quick ? 1500 : 5000, bins: 100), name: "dinamo-toy")
        job.alpha = .auto
        job.threshold = .auto
        return job
    }

    public static func seriesJob(quick: Bool) -> SeriesJobSpec {
        SeriesJobSpec(source: .toy(length: 1000), name: "series-toy")
    }

    /// Writes the toy histograms as CSV (`run,label,b0,…`) or, for a `.json` path, as JSON with bin edges.
    public static func writeHistograms(seed: UInt64, runs: Int, bins: Int, to url: URL) throws {
        guard runs >= 1, bins >= 2 else { throw ReportError.usage("generate dinamo: needs at least 1 run and 2 bins") }
        let toy: ToyDataset
        do { toy = try ToyGenerator.generate(ToyParameters(runs: runs, bins: bins, seed: seed)) } catch {
            throw ReportError.internal("toy generator: \(error)")
        }
        let h = toy.histograms
        var text = ""
        if url.pathExtension.lowercased() == "json" {
            let edges = h.binEdges ?? (0...bins).map(Double.init)
            func ints(_ slice: ArraySlice<Double>) -> String { slice.map { String(Int($0)) }.joined(separator: ",") }
            text = "{\"name\": \"dinamo-toy\",\n \"bin_edges\": [" + edges.map { "\($0)" }.joined(separator: ",") + "],\n \"runs\": [\n"
            text += (0..<runs).map { "  [" + ints(h.counts(ofRun: $0)) + "]" }.joined(separator: ",\n")
            text += "\n ],\n \"labels\": [" + toy.truth.labels.map(String.init).joined(separator: ",") + "]}\n"
        } else {
            var table = CSVTable(header: ["run", "label"] + (0..<bins).map { "b\($0)" })
            for r in 0..<runs {
                table.append([.text(String(r)), .integer(toy.truth.labels[r])] + h.counts(ofRun: r).map { .integer(Int($0)) })
            }
            text = table.text
        }
        try write(text, to: url)
    }

    /// Writes the toy series as CSV: `timestamp,value,label`, one point every five minutes from 2026-01-01.
    public static func writeSeries(seed: UInt64, length: Int, to url: URL) throws {
        guard length >= 300 else { throw ReportError.usage("generate series: the toy series needs at least 300 points (its anomaly block is at 250–269)") }
        let toy = ToySeries.make(seed: seed, length: length)
        let start = 1_767_225_600.0   // 2026-01-01T00:00:00Z
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        var table = CSVTable(header: ["timestamp", "value", "label"])
        for (t, v) in toy.values.enumerated() {
            table.append([.text(f.string(from: Date(timeIntervalSince1970: start + 300 * Double(t)))), .number(v),
                          .integer(toy.labels[t] ? 1 : 0)])
        }
        try write(table.text, to: url)
    }

    private static func write(_ text: String, to url: URL) throws {
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ReportError.output("cannot write \(url.path): \(OutputDirectory.reason(error))")
        }
    }
}
