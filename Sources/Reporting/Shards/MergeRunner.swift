import Foundation
import Inputs
import Plotting

/// `anomaly-report merge PART… --output OUT`: one report from the partial result directories of
/// `run --config C --shard I/N`.
///
/// The parts are checked against each other before anything is written (same tool version, same config,
/// same settings, every shard 0…N−1 exactly once, every input exactly once); their figures, data and pages
/// are linked (or copied) in without re-rendering; only what spans inputs — the summary map, the overview,
/// `summary.json`, JUnit and `--fail-on` — is drawn, from the records. Memory holds records, never arrays.
public enum MergeRunner {
    public struct Request: Sendable {
        public var parts: [URL]
        public var output: URL
        public var templates: URL?
        public var failOn: [FailCondition] = []
        public var junit: URL?
        public var markdownSummary: MarkdownSummary.Destination?
        public var quiet = false
        public var commandLine: String
        public var sourceDate: Int?

        public init(parts: [URL], output: URL, commandLine: String) {
            self.parts = parts
            self.output = output
            self.commandLine = commandLine
        }
    }

    public static func merge(_ request: Request) async throws -> ReportRunner.Outcome {
        let progress = Progress(quiet: request.quiet)
        let clock = Stopwatch()
        let templates = try request.templates.map(TemplateSet.overridden(by:)) ?? .builtIn
        try templates.validate()
        guard !request.parts.isEmpty else { throw ReportError.usage("merge: name the part directories to merge") }

        // 1. Read and check every part before writing anything.
        var manifests: [(URL, PartManifest)] = []
        for part in request.parts {
            manifests.append((part, try PartManifest.read(part)))
            progress.step("read part \(part.path)")
        }
        let ordered = try check(manifests)
        let first = ordered[0].1

        // 2. Claim the output, bring the parts' files in.
        let output = try OutputDirectory(destination: request.output)
        for (k, (url, _)) in ordered.enumerated() {
            try link(part: url, into: output)
            progress.step("\(k + 1)/\(ordered.count) parts linked in: \(url.path)")
        }

        // 3. Assemble from the records.
        var report = ReportRequest(output: request.output, commandLine: request.commandLine)
        report.seed = first.seed
        report.quick = first.quick
        report.formats = first.formats
        report.selfContained = first.selfContained
        report.figureStyle = first.figureStyle
        report.failOn = request.failOn
        report.junit = request.junit
        report.markdownSummary = request.markdownSummary
        report.quiet = request.quiet
        report.sourceDate = request.sourceDate
        let records = ordered.flatMap { $0.1.records }
        let invocation = Summary.Invocation(commandLine: request.commandLine, shard: nil,
                                            mergedParts: ordered.map { $0.0.path })
        let assembly = ReportAssembly(request: report, output: output, templates: templates,
                                      generated: OverviewBuilder.generatedText(sourceDate: request.sourceDate),
                                      invocation: invocation)
        let outcome = try await assembly.assemble(records, seconds: request.sourceDate == nil ? clock.seconds : nil,
                                                  progress: progress)
        try output.commit()
        progress.step("merged \(ordered.count) parts (\(records.count) inputs) into \(output.destination.path)/index.html")
        try ReportRunner.finish(outcome, records: records, request: report, progress: progress)
        return ReportRunner.Outcome(failed: !outcome.violations.isEmpty, violations: outcome.violations,
                                    failedInputs: records.compactMap { r in r.failure.map { "\(r.name): \($0)" } },
                                    summary: outcome.summary)
    }

    /// The parts in shard order, or an error naming the first problem.
    static func check(_ parts: [(URL, PartManifest)]) throws -> [(URL, PartManifest)] {
        let (firstURL, first) = parts[0]
        for (url, m) in parts.dropFirst() {
            func differs(_ what: String) -> ReportError {
                .input("\(url.path) and \(firstURL.path) are not parts of the same work: \(what) differ")
            }
            if m.version != first.version { throw differs("tool versions (\(m.version) and \(first.version))") }
            if m.configDigest != first.configDigest { throw differs("configs") }
            if m.shardCount != first.shardCount { throw differs("shard counts (\(m.shardCount) and \(first.shardCount))") }
            if m.seed != first.seed { throw differs("seeds") }
            if m.quick != first.quick { throw differs("--quick settings") }
            if m.formats != first.formats || m.selfContained != first.selfContained { throw differs("--formats or --self-contained settings") }
            if m.figureStyle != first.figureStyle { throw differs("figure styles (--figure-width, --font-size, --dpi, --no-titles)") }
            if m.totalInputs != first.totalInputs { throw differs("input counts") }
        }
        if first.version != ToolInfo.version {
            throw ReportError.input("\(firstURL.path) was written by \(first.tool) \(first.version); this is \(ToolInfo.version): merge with the same version")
        }
        var byIndex: [Int: URL] = [:]
        for (url, m) in parts {
            if let other = byIndex[m.shardIndex] {
                throw ReportError.input("shard \(m.shardIndex)/\(m.shardCount) is given twice: \(other.path) and \(url.path)")
            }
            byIndex[m.shardIndex] = url
        }
        let missing = (0..<first.shardCount).filter { byIndex[$0] == nil }
        if !missing.isEmpty {
            throw ReportError.input("shard\(missing.count > 1 ? "s" : "") \(missing.map { "\($0)/\(first.shardCount)" }.joined(separator: ", ")) missing: merge needs all \(first.shardCount) parts")
        }
        let ordered = parts.sorted { $0.1.shardIndex < $1.1.shardIndex }
        var seen = Set<Int>()
        for (url, m) in ordered {
            let shard = try Shard(index: m.shardIndex, count: m.shardCount)
            for r in m.records {
                guard shard.owns(r.position), r.position < m.totalInputs, seen.insert(r.position).inserted else {
                    throw ReportError.input("\(url.path): its records do not match shard \(shard) of \(m.totalInputs) inputs; the part is damaged — run its shard again")
                }
            }
        }
        guard seen.count == first.totalInputs else {
            throw ReportError.input("the parts hold \(seen.count) of the config's \(first.totalInputs) inputs; a part is incomplete — run its shard again")
        }
        return ordered
    }

    /// Hard-links (copies across file systems) a part's figures, data and pages into the staging directory.
    static func link(part: URL, into output: OutputDirectory) throws {
        let fm = FileManager.default
        for folder in ["figures", "data", "inputs", ".sections"] {
            let source = part.appendingPathComponent(folder)
            guard let names = try? fm.contentsOfDirectory(atPath: source.path) else { continue }
            let target = output.staging.appendingPathComponent(folder)
            do {
                try fm.createDirectory(at: target, withIntermediateDirectories: true)
                for name in names.sorted() {
                    let from = source.appendingPathComponent(name), to = target.appendingPathComponent(name)
                    if fm.fileExists(atPath: to.path) {
                        throw ReportError.input("\(from.path): another part has a file of the same name; the parts overlap")
                    }
                    do { try fm.linkItem(at: from, to: to) } catch { try fm.copyItem(at: from, to: to) }
                }
            } catch let error as ReportError {
                throw error
            } catch {
                throw ReportError.output("cannot bring \(source.path) into \(output.destination.path): \(OutputDirectory.reason(error))")
            }
        }
    }
}
