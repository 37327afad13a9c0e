import Foundation
import Plotting

/// Everything one report needs: what to monitor and how to publish it.
public struct ReportRequest: Sendable {
    /// The inputs to monitor, each with its method and settings (from the command line or a config file).
    public var inputs: [any MethodJob] = []
    public var output: URL
    public var seed: UInt64 = 0
    public var formats: [FigureFormat] = [.png, .svg, .pdf]
    public var selfContained = false
    /// The width, font size and PNG resolution of every figure written (`--figure-width`, `--font-size`,
    /// `--dpi`, or the config's `figure_width`, `font_size`, `dpi`); the standard style keeps figures as built.
    public var figureStyle = FigureStyle.standard
    public var quick = false
    public var templates: URL?
    public var failOn: [FailCondition] = []
    public var junit: URL?
    /// Where the verdict goes as Markdown (`--markdown-summary FILE`, or appended to `GITHUB_STEP_SUMMARY`).
    public var markdownSummary: MarkdownSummary.Destination?
    public var title = "Anomaly report"
    public var commandLine: String
    public var quiet = false
    /// Inputs in flight at once (load → compute → figures); nil: the number of cores.
    public var jobs: Int?
    /// A fault in one input is reported and the others are published (the run still exits 2).
    public var keepGoing = false
    /// Compute only this shard's inputs and write a partial result directory (`merge` assembles them).
    public var shard: Shard?
    /// `SOURCE_DATE_EPOCH`, read once by the command line: when set, output is byte-reproducible — timings
    /// are left out everywhere and every date written is this one.
    public var sourceDate: Int?
    /// The config file the inputs came from, when any (recorded so `merge` can check the parts belong together).
    public var configFile: URL?

    public init(output: URL, commandLine: String) {
        self.output = output
        self.commandLine = commandLine
    }
}
