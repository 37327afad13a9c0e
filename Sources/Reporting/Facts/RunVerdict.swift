import Inputs

/// One run flagged by at least one input, gathered from the records (the run pages, the overview's bad-run list
/// and `summary.json`'s `runs` read it): who flagged it and by how much, and the systems that broke.
struct RunVerdict: Sendable, Equatable {
    /// One input's flag of the run.
    struct Flag: Sendable, Equatable {
        var input: String
        var stem: String
        var system: String?
        var score: Double
        var threshold: Double
        /// The figure of the run against the reference it was scored against, when drawn.
        var figure: String?

        /// How far above its threshold the run scored.
        var excess: Double { score - threshold }
    }

    var run: String
    /// Worst first (by score above threshold).
    var flags: [Flag]

    /// The systems that flagged the run, in order of their worst flag; inputs without a system are left out.
    var systems: [String] {
        var out: [String] = []
        for f in flags { if let s = f.system, !out.contains(s) { out.append(s) } }
        return out
    }

    /// The run's page, relative to the report's root.
    var page: String { "runs/\(Self.fileStem(run)).html" }

    static func fileStem(_ run: String) -> String { sanitizedFileStem("run-" + run) }

    /// Every run flagged anywhere, in run order (numeric when every id is a number, else first appearance).
    static func gather(_ records: [InputRecord]) -> [RunVerdict] {
        var byRun: [String: [Flag]] = [:]
        var order: [String] = []
        for r in records.sorted(by: { $0.position < $1.position }) where r.failure == nil {
            guard let runs = r.runs else { continue }
            for (k, id) in runs.ids.enumerated() where runs.flagged[k] {
                if byRun[id] == nil { order.append(id) }
                byRun[id, default: []].append(Flag(input: r.name, stem: r.stem, system: r.system,
                                                   score: runs.scores[k] ?? .infinity, threshold: runs.threshold,
                                                   figure: r.runFigures[id]))
            }
        }
        if order.allSatisfy({ Int($0) != nil }) { order.sort { Int($0)! < Int($1)! } }
        return order.map { run in
            RunVerdict(run: run, flags: byRun[run]!.sorted { l, r in l.excess != r.excess ? l.excess > r.excess : l.input < r.input })
        }
    }
}
