import Foundation

/// The report's verdict as Markdown, for the page of a CI job (docs/output.md#the-ci-page-markdown-summary):
/// written to `--markdown-summary FILE`, or appended to GitHub Actions' `GITHUB_STEP_SUMMARY`.
///
/// It says what the overview's head says — the verdict, the counts of flagged runs and points, the worst
/// inputs with their key metric and what they flagged, the runs flagged by the most inputs, the `--fail-on`
/// conditions that hold — then the command and links into the report. Like `summary.json` and JUnit it reads
/// the inputs' records alone (status, flagged unit and counts, key metric, run scores) and never asks which
/// method made one. Every string that comes from the user (input names, run ids, failure messages, the command
/// line) is escaped, so a `|` or a `*` in a name cannot break the table or start emphasis.
public struct MarkdownSummary: Sendable {
    /// Where the Markdown goes.
    public enum Destination: Sendable, Equatable {
        /// `--markdown-summary FILE`: the file is replaced.
        case file(URL)
        /// `GITHUB_STEP_SUMMARY`: the Markdown is appended, so the summaries of earlier steps stay.
        case append(URL)

        public var url: URL {
            switch self {
            case .file(let url), .append(let url): return url
            }
        }
    }

    /// Inputs listed in the table, worst first; the others are counted and left to the report.
    static let inputsShown = 10
    /// Flagged run ids listed per input, and runs listed under "runs flagged by the most inputs".
    static let runsShown = 5

    var records: [InputRecord]
    var commandLine: String
    var quick: Bool
    /// `--fail-on` conditions that hold, as the run printed them.
    var violations: [String]
    /// The report directory as seen from the Markdown's directory, ending in `/` ("" when they are the same).
    var reportPrefix: String
    /// The report has no input or run pages (`--self-contained`): inputs link to their section of `index.html`.
    var selfContained: Bool
    /// The JUnit file as seen from the Markdown's directory, when one was written.
    var junitLink: String?

    /// The Markdown for `request`'s report, with links relative to `base` (the directory the Markdown is read from).
    init(records: [InputRecord], request: ReportRequest, violations: [String], base: URL) {
        self.records = records
        commandLine = request.commandLine
        quick = request.quick
        self.violations = violations
        selfContained = request.selfContained
        let prefix = Self.relativePath(from: base, to: request.output)
        reportPrefix = prefix.isEmpty ? "" : prefix + "/"
        junitLink = request.junit.map { Self.relativePath(from: base, to: $0) }
    }

    // MARK: the text

    public func markdown() -> String {
        let computed = records.filter { $0.failure == nil }
        let failed = records.count - computed.count
        let alerting = computed.filter { $0.flaggedUnits > 0 }.count
        let (mark, verdict): (String, String) =
            failed > 0 ? ("❌", "\(failed) of \(records.count) inputs failed") :
            alerting > 0 ? ("⚠️", "anomalies flagged in \(alerting) of \(records.count) inputs") :
            ("✅", "no anomalies flagged in \(records.count) inputs")
        var lines = ["## \(mark) anomaly-report: \(verdict)", ""]

        let counts = FlagCount.counts(records).map { $0.text(emphasis: "**") }
        var head = counts.isEmpty ? "" : counts.joined(separator: " and ") + " flagged."
        if quick { head += (head.isEmpty ? "" : " ") + "A quick smoke run: fewer epochs, samples and runs." }
        if !head.isEmpty { lines += [head, ""] }

        lines += inputTable()
        lines += worstRuns()
        if !violations.isEmpty {
            lines += ["**`--fail-on` holds** (exit 1):", ""]
            lines += violations.prefix(Self.inputsShown).map { "- " + Self.escape($0) }
            if violations.count > Self.inputsShown { lines.append("- … and \(violations.count - Self.inputsShown) more") }
            lines.append("")
        }

        var links = [link("index.html", to: "index.html"), link("summary.json", to: "summary.json")]
        if let junitLink { links.append("[JUnit](\(Self.urlPath(junitLink)))") }
        lines += ["Report: " + links.joined(separator: " · "), ""]
        lines += ["Command: " + Self.code(commandLine), ""]
        return lines.joined(separator: "\n")
    }

    /// The worst inputs (failed first, then by how much they flagged, as on the overview), one row each.
    private func inputTable() -> [String] {
        let worst = records.sorted { l, r in l.severity != r.severity ? l.severity > r.severity : l.position < r.position }
        var lines = ["| input | method | size | flagged | key metric |", "|---|---|---|---|---|"]
        for r in worst.prefix(Self.inputsShown) {
            let name = r.failure != nil ? Self.escape(r.name) : link(r.name, to: selfContained ? "index.html#input-\(r.stem)" : r.page)
            lines.append("| " + [name, Self.escape(r.method.title), Self.escape(r.sizeText), Self.escape(flaggedCell(r)),
                                 Self.escape(r.keyMetricText)].joined(separator: " | ") + " |")
        }
        if worst.count > Self.inputsShown {
            lines += ["", "The \(Self.inputsShown) worst of \(worst.count) inputs; every input is in the report."]
        }
        return lines + [""]
    }

    /// "3 runs: 17, 42, 101", "12 points (hmm)", "—" for a failed input.
    private func flaggedCell(_ r: InputRecord) -> String {
        guard r.failure == nil, let runs = r.runs, r.flaggedUnits > 0 else { return r.flaggedText }
        let ids = runs.ids.indices.filter { runs.flagged[$0] }.map { runs.ids[$0] }
        let shown = ids.prefix(Self.runsShown).joined(separator: ", ")
        return r.flaggedText + ": " + shown + (ids.count > Self.runsShown ? ", … (\(ids.count - Self.runsShown) more)" : "")
    }

    /// The runs flagged by the most inputs (a broken system flags all of its histograms), when any input scores runs.
    private func worstRuns() -> [String] {
        let verdicts = RunVerdict.gather(records)
        guard !verdicts.isEmpty else { return [] }
        let worst = verdicts.enumerated().sorted { l, r in
            l.element.flags.count != r.element.flags.count ? l.element.flags.count > r.element.flags.count : l.offset < r.offset
        }.map(\.element).prefix(Self.runsShown)
        let items = worst.map { v -> String in
            let run = selfContained ? Self.escape(v.run) : link(v.run, to: v.page)
            let systems = v.systems.isEmpty ? "" : ": " + Self.escape(v.systems.joined(separator: ", "))
            return "\(run) (\(v.flags.count) \(v.flags.count == 1 ? "input" : "inputs")\(systems))"
        }
        return ["Runs flagged by the most inputs: " + items.joined(separator: "; ") + ".", ""]
    }

    /// A Markdown link with escaped text to a file of the report.
    private func link(_ text: String, to pathInReport: String) -> String {
        "[\(Self.escape(text))](\(Self.urlPath(reportPrefix + pathInReport)))"
    }

    // MARK: writing

    /// Writes (or appends) the Markdown; a destination that cannot be written is an output error naming it.
    public static func write(records: [InputRecord], request: ReportRequest, violations: [String],
                             to destination: Destination) throws {
        let base: URL
        switch destination {
        case .file(let url): base = url.deletingLastPathComponent()
        // The step summary lives in the runner's temporary directory; its links name the report's files as the
        // job's working directory holds them (and as the uploaded artefact does).
        case .append: base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        }
        let text = MarkdownSummary(records: records, request: request, violations: violations, base: base).markdown()
        let url = destination.url
        do {
            switch destination {
            case .file:
                try Data(text.utf8).write(to: url, options: .atomic)
            case .append:
                if !FileManager.default.fileExists(atPath: url.path) {
                    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                        throw CocoaError(.fileWriteNoPermission)
                    }
                }
                let handle = try FileHandle(forWritingTo: url)
                defer { try? handle.close() }
                let end = try handle.seekToEnd()
                // A summary that earlier steps left without a final newline still gets its own block.
                try handle.write(contentsOf: Data(((end > 0 ? "\n" : "") + text).utf8))
            }
        } catch {
            var what = "Markdown summary"
            if case .append = destination { what = "GITHUB_STEP_SUMMARY file" }
            throw ReportError.output("cannot write the \(what) \(url.path): \(OutputDirectory.reason(error))")
        }
    }

    // MARK: Markdown text and paths

    /// `text` as literal Markdown inline text: ASCII punctuation that could start markup (emphasis, links,
    /// HTML, tables, entities, headings, strike-through) is backslash-escaped, and line breaks become spaces,
    /// which keeps a table row on its line.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            if ch.isNewline { out.append(" "); continue }
            if "\\`*_[]<>|~#&!".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// `text` as a code span: fenced by one more backtick than its longest run of backticks, padded with spaces
    /// when it starts or ends with one (CommonMark's rule); a pipe is escaped, as GitHub tables need even there.
    static func code(_ text: String) -> String {
        let flat = String(text.map { $0.isNewline ? " " : $0 })
        var longest = 0, run = 0
        for ch in flat {
            run = ch == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat.replacingOccurrences(of: "|", with: "\\|") + pad + fence
    }

    /// A relative path as a link destination: everything but unreserved characters and `/` percent-encoded, so
    /// spaces and parentheses in a directory's name cannot end the link.
    static func urlPath(_ path: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/#")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    /// The path of `target` relative to the directory `base` ("" when they are the same), both made absolute
    /// against the current directory; `..` climbs out of `base` where needed.
    static func relativePath(from base: URL, to target: URL) -> String {
        let from = base.standardizedFileURL.pathComponents, to = target.standardizedFileURL.pathComponents
        var common = 0
        while common < min(from.count, to.count) && from[common] == to[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...]
        return parts.joined(separator: "/")
    }
}
