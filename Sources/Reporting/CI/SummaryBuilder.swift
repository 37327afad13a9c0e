/// Assembles `summary.json` from the inputs' records (in config order), so a merged report and an unsharded
/// one write the same summary but for its `invocation`.
enum SummaryBuilder {
    static func build(request: ReportRequest, records: [InputRecord], verdicts: [RunVerdict], mapFigures: [Summary.FigureEntry],
                      seconds: Double?, invocation: Summary.Invocation) -> Summary {
        var entries: [MethodID: [MethodEntry]] = [:]
        var figures = mapFigures
        var failed: [Summary.FailedInput] = []
        for r in records.sorted(by: { $0.position < $1.position }) {
            if let entry = r.entry { entries[entry.method, default: []].append(entry) }
            if let failure = r.failure { failed.append(.init(name: r.name, error: failure)) }
            figures += r.figures
        }
        let runs = verdicts.map { v in
            Summary.RunEntry(run: v.run, flaggedBy: v.flags.map { .init(input: $0.input, score: Summary.finite($0.score)) },
                             systems: v.systems, page: request.selfContained ? nil : v.page)
        }
        return Summary(tool: .init(name: ToolInfo.name, version: ToolInfo.version), seed: request.seed, quick: request.quick,
                       entries: entries, figures: figures, runs: runs, failed: failed, invocation: invocation,
                       seconds: Summary.finite(seconds))
    }
}
