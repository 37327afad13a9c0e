import Foundation

/// Ground truth for per-run ROOT files: a CSV `run,label` (a `run,label` header line is optional), one run per
/// line, label `0` (good), `1` (bad) or empty (unknown). Read through `CSVReader`, so quoting, CRLF, a byte-order
/// mark and blank lines are handled as in every other CSV input, and each fault names its file and line.
///
/// A run listed twice is an error (which label would hold?). Runs without a line are unknown. A file none of
/// whose runs is among the run files is an error too: it almost always belongs to another data set. A file with
/// no runs at all (empty, or a header alone) labels nothing.
public struct RunLabels: Sendable, Equatable {
    /// The labels file as given.
    public var file: String
    /// Run number → 0, 1, or nil for a run listed with an empty label.
    public var byRun: [Int: Int?]

    public init(file: String, byRun: [Int: Int?]) {
        self.file = file
        self.byRun = byRun
    }

    /// Reads the labels file at `path`.
    public static func read(path: String, limits: InputLimits = .default) throws(InputError) -> RunLabels {
        try InputHead.checkReadable(path: path)
        // An empty file labels nothing, as a header alone does (CSVReader refuses empty files).
        if (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue == 0 {
            return RunLabels(file: path, byRun: [:])
        }
        let reader = try CSVReader(path: path, limits: limits)
        reader.maxKeptFields = 3   // two are expected; a third only proves the line too wide
        var byRun: [Int: Int?] = [:]
        var lineOf: [Int: Int] = [:]
        var first = true
        while let record = try reader.next() {
            defer { first = false }
            if first, record.fields.first?.lowercased() == "run" { continue }
            guard record.fieldCount == 2, let run = Int(record.fields[0]) else {
                let shown = record.fields.prefix(2).joined(separator: ",") + (record.fieldCount > 2 ? ",…" : "")
                throw InputError(file: path, line: record.line,
                                 "expected 'run,label' with an integer run, found \"\(shown.prefix(60))\"")
            }
            let label: Int?
            switch record.fields[1] {
            case "": label = nil
            case "0": label = 0
            case "1": label = 1
            case let other:
                throw InputError(file: path, line: record.line, "label must be 0, 1 or empty, found \"\(other.prefix(40))\"")
            }
            if let earlier = lineOf[run] {
                throw InputError(file: path, line: record.line, "run \(run) is labelled twice (first on line \(earlier))")
            }
            byRun[run] = label
            lineOf[run] = record.line
        }
        return RunLabels(file: path, byRun: byRun)
    }

    /// The labels of `runs` in their order (nil: unknown). Throws when the file lists runs but none of them is
    /// among `runs`.
    public func labels(for runs: [Int]) throws(InputError) -> [Int?] {
        if !byRun.isEmpty, !runs.contains(where: { byRun[$0] != nil }) {
            let range = runs.isEmpty ? "" : " (runs \(runs.min()!)–\(runs.max()!))"
            throw InputError(file: file, message: "none of its \(byRun.count) runs is among the \(runs.count) run files\(range)")
        }
        return runs.map { byRun[$0] ?? nil }
    }
}
