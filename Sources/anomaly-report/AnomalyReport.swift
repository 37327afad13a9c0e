import Plotting
import ArgumentParser
import Foundation
import Inputs
import Reporting

/// The command line: argument parsing only; all work is done by `Reporting`.
@main
struct AnomalyReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: ToolInfo.name,
        abstract: "Run anomaly-detection methods to completion and publish figures and a static HTML report.",
        discussion: """
        Exit codes: 0 success; 1 the run finished but a --fail-on condition holds; 2 bad usage or bad input; \
        3 internal failure. A failed run never leaves a half-written report.
        """,
        version: ToolInfo.version,
        subcommands: [RunCommand.self, DinamoCommand.self, McemCommand.self, GenerateCommand.self, MergeCommand.self,
                      FigureCommand.self, TableCommand.self]
    )

    /// Parses, runs, and maps every failure to its exit code (docs/output.md) (ArgumentParser's own usage
    /// errors would exit 64; this tool promises 2).
    static func main() async {
        Interruption.install()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ReportError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            Foundation.exit(error.exitCode)
        } catch let error as InputError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            Foundation.exit(2)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                self.exit(withError: error)  // --help, --version
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// Options of every command that assembles a report (`run`, `dinamo`, `mcem`, `merge`): its templates, its
/// CI verdicts and its chattiness.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "A directory with your own copies of the report templates (index.mustache, input.mustache, section.mustache, figure.mustache, style.css).")
    var templates: String?

    @Option(name: .long, help: "Exit 1 when a condition holds: 'flagged', or a metric such as 'auc<0.9' (repeatable).",
            transform: parsed(FailCondition.init(parsing:)))
    var failOn: [FailCondition] = []

    @Option(name: .long, help: "Write a JUnit XML file with one test case per monitored input.")
    var junit: String?

    @Option(name: .long, help: "Write the verdict as Markdown for a CI page: counts, the worst inputs, links into the report. Without it, appended to $GITHUB_STEP_SUMMARY when that is set.")
    var markdownSummary: String?

    @Flag(name: .long, help: "No progress on standard error.")
    var quiet = false

    var templatesURL: URL? { templates.map { URL(fileURLWithPath: $0) } }
    var junitURL: URL? { junit.map { URL(fileURLWithPath: $0) } }

    /// `--markdown-summary FILE`, else GitHub Actions' step summary when the job has one (appended to, as GitHub expects).
    var markdownDestination: MarkdownSummary.Destination? {
        if let markdownSummary { return .file(URL(fileURLWithPath: markdownSummary)) }
        guard let step = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !step.isEmpty else { return nil }
        return .append(URL(fileURLWithPath: step))
    }
}

/// Options shared by every command that computes and writes a report.
struct PublishOptions: ParsableArguments {
    @Option(name: .long, help: "Output directory (replaced atomically at the end).")
    var output: String = "output"

    @Option(name: .long, help: "Figure formats, comma-separated: png,svg,pdf. (default: png,svg,pdf)",
            transform: parsed(FigureFormat.parseList))
    var formats: [FigureFormat] = [.png, .svg, .pdf]

    @Flag(name: .long, help: "Write one index.html that carries every figure and data file inline.")
    var selfContained = false

    @OptionGroup var figureStyle: FigureStyleOptions

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Inputs in flight at once (load, compute, figures); default: the number of cores. Peak memory grows with it, not with the number of inputs.")
    var jobs: Int?

    @Flag(name: .long, help: "When an input fails, publish the others with it listed as failed (the run still exits 2).")
    var keepGoing = false

    func request() throws -> ReportRequest {
        var request = ReportRequest(output: URL(fileURLWithPath: output), commandLine: CommandLineText.current)
        request.formats = formats
        request.selfContained = selfContained
        request.figureStyle = try figureStyle.style()
        request.templates = site.templatesURL
        request.failOn = site.failOn
        request.junit = site.junitURL
        request.markdownSummary = site.markdownDestination
        request.quiet = site.quiet
        if let jobs {
            guard jobs >= 1 else { throw ReportError.usage("--jobs \(jobs): needs at least 1") }
            request.jobs = jobs
        }
        request.keepGoing = keepGoing
        request.sourceDate = SourceDate.epoch
        return request
    }
}

enum CommandLineText {
    /// The exact command line, shell-quoted where needed, for the report's footer.
    static var current: String {
        CommandLine.arguments.enumerated().map { index, arg in
            let shown = index == 0 ? (arg as NSString).lastPathComponent : arg
            let safe = shown.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_./=,:+@".unicodeScalars.contains($0) }
            return safe && !shown.isEmpty ? shown : "'" + shown.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }
}

func runReport(_ request: ReportRequest) async throws {
    try finishWithStatus(try await ReportRunner.run(request))
}

/// Exit 2 when inputs failed under `--keep-going` (the report is published), else 1 when a `--fail-on`
/// condition holds.
func finishWithStatus(_ outcome: ReportRunner.Outcome) throws {
    if !outcome.failedInputs.isEmpty {
        for f in outcome.failedInputs { FileHandle.standardError.write(Data("error: \(f)\n".utf8)) }
        throw ExitCode(2)
    }
    if outcome.failed { throw ExitCode(1) }
}
