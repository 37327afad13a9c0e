import Plotting
import ArgumentParser
import Foundation
import Reporting

/// `anomaly-report figure DIR --id ID …`: one figure of a finished report at another size or format.
struct FigureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figure",
        abstract: "Draw one figure of a finished report again at another width, font size, resolution or format, without recomputing the methods.",
        discussion: """
        The figure id is shown on the report next to the figure's download links and given as `id` in \
        summary.json. Options not given keep the report's own style. Example: \
        anomaly-report figure output --id dinamo-toy-score-trend --figure-width column --output fig3.pdf
        """
    )

    @Argument(help: "The report directory (the --output of run, dinamo or mcem).")
    var report: String

    @Option(name: .long, help: "The figure's id (its file stem under figures/).")
    var id: String

    @OptionGroup var figureStyle: FigureStyleOptions

    @Option(name: .long, help: "Formats to write, comma-separated: png,svg,pdf (default: the one --output's extension names).",
            transform: parsed(FigureFormat.parseList))
    var formats: [FigureFormat]?

    @Option(name: .long, help: "The file to write; with several formats, each gets its own extension.")
    var output: String

    func run() throws {
        var request = FigureRerender.Request(
            report: URL(fileURLWithPath: report), id: id, style: try figureStyle.style(),
            formats: formats, output: URL(fileURLWithPath: output))
        request.pdfDate = SourceDate.epoch
        for url in try FigureRerender.run(request) { print(url.path) }
    }
}
