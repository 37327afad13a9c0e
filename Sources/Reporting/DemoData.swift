import Dinamo
import Foundation
import Inputs
import MonteCarloEM

/// The built-in demo: the published DINAMO-S toy dataset and the notebook's toy series, and writers that
/// put them in the input formats (docs/inputs.md) (`anomaly-report generate`).
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

    /// Writes the toy histograms as CSV (`run,label,b0,…`) or, for a `.json` path, as JSON with bin edges, and
    /// the generator's truth as CSV to `truthURL` (see `truthTable`) when given. The parameters are checked by
    /// the generator (an invalid combination is a usage error naming it).
    public static func writeHistograms(_ options: ToyOptions, to url: URL, truth truthURL: URL?) throws {
        let parameters = options.parameters
        let (runs, bins) = (parameters.runs, parameters.bins)
        guard runs >= 1, bins >= 2 else { throw ReportError.usage("generate dinamo: needs at least 1 run and 2 bins") }
        let toy: ToyDataset
        do { toy = try ToyGenerator.generate(parameters) } catch let error as DinamoError {
            throw ReportError.usage("generate dinamo: \(error)")
        } catch {
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
        if let truthURL { try write(truthTable(toy.truth).text, to: truthURL) }
    }

    /// The truth file written next to generated counts: `runs.csv` → `runs.truth.csv` (also for `.json`).
    public static func truthURL(besides url: URL) -> URL {
        url.deletingPathExtension().appendingPathExtension("truth.csv")
    }

    /// The generator's truth, one row per run: `run, label, mu, sigma` (the Gaussian actually drawn),
    /// `good_mu, good_sigma` (drift plus the current rapid change, before any bad-run shift),
    /// `mu_change_point, sigma_change_point` (1 where a new μ, resp. σ, shift takes effect: the two
    /// change-point lists), `bad_kinds` (`mu`, `sigma`, `dead` joined by `+`, empty for good runs) and
    /// `dead_bins` (zeroed bin indices joined by `;`).
    public static func truthTable(_ t: ToyTruth) -> CSVTable {
        var table = CSVTable(header: ["run", "label", "mu", "sigma", "good_mu", "good_sigma", "mu_change_point",
                                      "sigma_change_point", "bad_kinds", "dead_bins"])
        let muCP = Set(t.muChangePoints), sigmaCP = Set(t.sigmaChangePoints)
        for r in t.labels.indices {
            let k = t.badKinds[r]
            let kinds = [(BadRunKind.muShift, "mu"), (.sigmaShift, "sigma"), (.deadBins, "dead")]
                .filter { k.contains($0.0) }.map(\.1).joined(separator: "+")
            table.append([.integer(r), .integer(t.labels[r]), .number(t.runMu[r]), .number(t.runSigma[r]),
                          .number(t.goodMu[r]), .number(t.goodSigma[r]), .integer(muCP.contains(r) ? 1 : 0),
                          .integer(sigmaCP.contains(r) ? 1 : 0), .text(kinds),
                          .text(t.deadBins[r].map(String.init).joined(separator: ";"))])
        }
        return table
    }

    /// The generator's parameters a user sets on `generate dinamo`; nil keeps the published default
    /// (`ToyParameters`; bad runs default to one in ten).
    public struct ToyOptions: Sendable, Equatable {
        public var runs: Int
        public var bins: Int
        public var seed: UInt64
        public var badRuns: Int?
        /// Probability per run of a rapid change, drawn separately for μ and σ.
        public var changeProbability: Double?
        public var driftAmplitude: Double?
        public var driftPeriod: Double?
        public var sigma: Double?
        /// Events per run, uniform in this range.
        public var events: Range<Int>?
        /// p of the per-run ±Binomial(c, p) systematic.
        public var systematic: Double?

        public init(runs: Int = 5000, bins: Int = 100, seed: UInt64 = 0) {
            self.runs = runs
            self.bins = bins
            self.seed = seed
        }

        var parameters: ToyParameters {
            var p = ToyParameters(runs: runs, bins: bins, seed: seed)
            if let badRuns { p.badRuns = badRuns }
            if let changeProbability { p.changePointProbability = changeProbability }
            if let driftAmplitude { p.driftAmplitude = driftAmplitude }
            if let driftPeriod { p.driftPeriod = driftPeriod }
            if let sigma { p.sigma = sigma }
            if let events { p.events = events }
            if let systematic { p.systematicProbability = systematic }
            return p
        }
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
