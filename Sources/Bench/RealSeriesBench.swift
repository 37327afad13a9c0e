import Foundation
import MonteCarloEM
import Core
import Reporting

// `make bench-real NAB=<dir>`: every MC-EM approach and a plain reference score on the NAB development series
// of ../shared/nab-dev.txt, judged as TSB-AD judges detectors (VUS-PR, VUS-ROC with its default window, AUC-PR).

/// One NAB series with its labels (1 inside a `combined_windows.json` window, ends included, compared as times).
struct NABSeries {
    var path: String
    var values: [Double]
    var labels: [Bool]
}

enum NABReader {
    /// Reads `<dir>/data/<path>` (header `timestamp,value`) and labels it from `<dir>/labels/combined_windows.json`.
    /// NAB writes every timestamp as `YYYY-MM-DD hh:mm:ss` (labels add `.ffffff`), so the first 19 characters
    /// compare as times.
    static func read(path: String, directory: URL, windows: [String: [[String]]]) throws -> NABSeries {
        let text = try String(contentsOf: directory.appendingPathComponent("data/\(path)"), encoding: .utf8)
        var times: [Substring] = [], values: [Double] = []
        for (i, line) in text.split(whereSeparator: \.isNewline).enumerated() where i > 0 {
            let fields = line.split(separator: ",")
            guard fields.count == 2, let v = Double(fields[1]) else {
                throw BenchError("\(path): row \(i + 1) is not `timestamp,value`: \(line)")
            }
            times.append(fields[0].prefix(19))
            values.append(v)
        }
        guard let spans = windows[path] else { throw BenchError("\(path): no entry in combined_windows.json") }
        let bounds = spans.compactMap { w in w.count == 2 ? (w[0].prefix(19), w[1].prefix(19)) : nil }
        let labels = times.map { t in bounds.contains { $0.0 <= t && t <= $0.1 } }
        return NABSeries(path: path, values: values, labels: labels)
    }

    static func windows(directory: URL) throws -> [String: [[String]]] {
        let data = try Data(contentsOf: directory.appendingPathComponent("labels/combined_windows.json"))
        return try JSONDecoder().decode([String: [[String]]].self, from: data)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// The plain reference detector: |xₜ − median(xₜ₋₂₅ … xₜ₋₁)| (0 at t = 0).
func rollingMedianScore(_ x: [Double], window: Int = 25) -> [Double] {
    x.indices.map { t in
        guard t > 0 else { return 0 }
        let past = Array(x[max(0, t - window)..<t])
        return abs(x[t] - (Statistics.median(past) ?? x[t]))
    }
}

struct RealRow {
    var series: String
    var length: Int
    var window: Int
    var detector: String
    var vus: VolumeUnderSurface?
    var auprc: Double?
    var cpuSeconds: Double?
}

func realSeriesBenchmarks(arguments: [String]) async {
    guard let dir = arguments.first.map({ URL(fileURLWithPath: $0) }),
          FileManager.default.fileExists(atPath: dir.appendingPathComponent("data").path) else {
        print("bench-real: give NAB=<dir> holding NAB's data/ and labels/combined_windows.json (github numenta/NAB); skipped")
        return
    }
    let listURL = URL(fileURLWithPath: arguments.count > 1 ? arguments[1] : "../shared/nab-dev.txt")
    let approaches = Approach.allCases.filter(selectedApproaches().contains)
    do {
        let list = try String(contentsOf: listURL, encoding: .utf8).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let windows = try NABReader.windows(directory: dir)
        var rows: [RealRow] = []
        let detectors = approaches.map(\.rawValue) + ["rolling-median", "rolling-median-windowed"]
        var falseAlarms: [Approach: (flagged: Int, points: Int)] = [:]
        print("series".padding(toLength: 52, withPad: " ", startingAt: 0) + "     n   win  "
              + detectors.map { $0.padding(toLength: 22, withPad: " ", startingAt: 0) }.joined())
        print(String(repeating: " ", count: 66) + detectors.map { _ in "VUS-PR VUS-ROC AP cpu  " }.joined())
        for path in list {
            let s = try NABReader.read(path: path, directory: dir, windows: windows)
            let window = Autocorrelation.tsbADWindow(s.values)
            let settings = benchSettings(for: s.values)
            // The seed the report gives this series (`mcem --input <path>` names it by its file name).
            let seed = SeededGenerator.seed(run: benchSeed, identity: (path as NSString).lastPathComponent)
            let results = await withTaskGroup(of: (ApproachResult, Double).self) { group in
                for a in approaches {
                    group.addTask {
                        let t0 = ThreadClock.seconds()
                        let r = MonteCarloEM.run(a, series: s.values, settings: settings, seed: seed)
                        return (r, ThreadClock.seconds() - t0)
                    }
                }
                var out: [Approach: (ApproachResult, Double)] = [:]
                for await r in group { out[r.0.approach] = r }
                return out
            }
            var scores: [(String, [Double], Double?)] = approaches.map { a in
                (a.rawValue, results[a]!.0.score, results[a]!.1)
            }
            // The reference, raw and given the same treatment as the approaches' residuals (`AnomalyScore`).
            let reference = rollingMedianScore(s.values)
            if let dumpDir = ProcessInfo.processInfo.environment["BENCH_REAL_DUMP"] {
                try dumpComponents(s, window: window, context: settings.context, reference: reference,
                                   results: results.mapValues(\.0), to: URL(fileURLWithPath: dumpDir))
            }
            scores.append(("rolling-median", reference, nil))
            scores.append(("rolling-median-windowed",
                           AnomalyScore.windowed(residuals: reference, halfWidth: settings.scoreReach * settings.context), nil))
            if !s.labels.contains(true) {
                for a in approaches {
                    let f = falseAlarms[a] ?? (0, 0)
                    falseAlarms[a] = (f.flagged + results[a]!.0.flagged.count, f.points + s.values.count)
                }
            }
            var line = path.padding(toLength: 52, withPad: " ", startingAt: 0)
                + String(format: "%6d %5d  ", s.values.count, window)
            for (name, score, cpu) in scores {
                let vus = DetectionMetrics.volumeUnderSurface(scores: score, labels: s.labels, window: window)
                let ap = DetectionMetrics.averagePrecision(scores: score, labels: s.labels)
                rows.append(RealRow(series: path, length: s.values.count, window: window, detector: name,
                                    vus: vus, auprc: ap, cpuSeconds: cpu))
                line += fmt(vus?.pr) + " " + fmt(vus?.roc) + " " + fmt(ap) + String(format: " %4.1f  ", cpu ?? 0)
            }
            print(line)
            fflush(nil)
        }
        // Means over the series with labels (the artificialNoAnomaly files have none and are left out).
        print("\nmean over labelled series:")
        for d in detectors {
            let r = rows.filter { $0.detector == d && $0.vus != nil }
            let mean = { (f: (RealRow) -> Double?) -> Double in
                r.compactMap(f).reduce(0, +) / Double(max(1, r.count))
            }
            let cpu = rows.filter { $0.detector == d }.compactMap(\.cpuSeconds).reduce(0, +)
            print(d.padding(toLength: 16, withPad: " ", startingAt: 0)
                  + String(format: "VUS-PR %.3f  VUS-ROC %.3f  AUC-PR %.3f  (%d series, %.0f CPU-s in all)",
                           mean { $0.vus?.pr }, mean { $0.vus?.roc }, mean { $0.auprc }, r.count, cpu))
        }
        if !falseAlarms.isEmpty {
            print("\nfalse alarms on the unlabelled series (flagged points / points):")
            for a in approaches { if let f = falseAlarms[a] { print("\(a.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0))\(f.flagged) / \(f.points)") } }
        }
        var csv = "series,length,vus_window,detector,vus_pr,vus_roc,auc_pr,cpu_seconds\n"
        for r in rows {
            csv += "\(r.series),\(r.length),\(r.window),\(r.detector),\(csvNumber(r.vus?.pr)),\(csvNumber(r.vus?.roc)),"
                + "\(csvNumber(r.auprc)),\(csvNumber(r.cpuSeconds))\n"
        }
        let out = URL(fileURLWithPath: ProcessInfo.processInfo.environment["BENCH_REAL_CSV"] ?? ".build/bench-real.csv")
        try csv.write(to: out, atomically: true, encoding: .utf8)
        print("\nCSV (also written to \(out.path)):\n" + csv)
    } catch {
        print("bench-real: \(error)")
    }
}

private func fmt(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "  -  " }
private func csvNumber(_ v: Double?) -> String { v.map { String($0) } ?? "" }

/// The settings every series gets: the tool's defaults for that series.
/// The series' defaults (`MCEMSettings.defaults(for:)`), changed by environment variables to study a setting on the
/// development series without a rebuild: `BENCH_SAMPLES_X` and `BENCH_EPOCHS_X` multiply the MC samples per
/// epoch and the epochs (and warm-up epochs), `BENCH_LR` sets the learning rate, `BENCH_REACH` the score's reach
/// in contexts, `BENCH_CONTEXT` the context. Unset, the defaults a user gets.
func benchSettings(for values: [Double]) -> MCEMSettings {
    var s = MCEMSettings.defaults(for: values)
    let env = ProcessInfo.processInfo.environment
    if let f = env["BENCH_SAMPLES_X"].flatMap(Double.init) { s.samplesPerEpoch = max(1, Int((Double(s.samplesPerEpoch) * f).rounded())) }
    if let f = env["BENCH_EPOCHS_X"].flatMap(Double.init) { s.epochs = max(1, Int((Double(s.epochs) * f).rounded())); s.warmUpEpochs = max(1, Int((Double(s.warmUpEpochs) * f).rounded())) }
    if let v = env["BENCH_LR"].flatMap(Double.init) { s.learningRate = v }
    if let v = env["BENCH_REACH"].flatMap(Int.init) { s.scoreReach = v }
    if let v = env["BENCH_CONTEXT"].flatMap(Int.init) { s.context = v }
    return s
}

/// `BENCH_REAL_DUMP=<dir>`: one CSV per series of every per-point component (value, label, the reference score,
/// and per approach its score, posterior, forecast mean and scale, NLL), for studying score rules offline.
/// The first line is a comment with the length, the VUS window and the context.
func dumpComponents(_ s: NABSeries, window: Int, context: Int, reference: [Double], results: [Approach: ApproachResult],
                    to dir: URL) throws {
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let order = Approach.allCases.filter { results[$0] != nil }
    var header = "value,label,reference"
    for a in order { header += ",\(a.rawValue)_score,\(a.rawValue)_posterior,\(a.rawValue)_mean,\(a.rawValue)_scale,\(a.rawValue)_nll" }
    var text = "# n=\(s.values.count) window=\(window) context=\(context)\n" + header + "\n"
    for t in s.values.indices {
        text += "\(s.values[t]),\(s.labels[t] ? 1 : 0),\(reference[t])"
        for a in order {
            let r = results[a]!
            text += ",\(r.score[t]),\(csvNumber(r.posterior?[t])),\(r.mean[t]),\(csvNumber(r.scale?[t])),\(csvNumber(r.nll?[t]))"
        }
        text += "\n"
    }
    let name = s.path.replacingOccurrences(of: "/", with: "__")
    try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
}

/// `BENCH_SEED=N`: the run's seed (0 unless set), to see how much a mean moves with the seed alone. Each series
/// draws from `SeededGenerator.seed(run: N, identity: <file name>)`, as in a report.
let benchSeed = ProcessInfo.processInfo.environment["BENCH_SEED"].flatMap(UInt64.init) ?? 0

/// `APPROACHES=topk,hmm,…`: the approaches a bench group runs (all of them when unset).
func selectedApproaches() -> Set<Approach> {
    ProcessInfo.processInfo.environment["APPROACHES"].map {
        Set($0.split(separator: ",").compactMap { Approach(rawValue: String($0)) })
    } ?? Set(Approach.allCases)
}
