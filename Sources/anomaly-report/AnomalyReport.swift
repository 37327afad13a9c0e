import ArgumentParser
import Reporting

@main
struct AnomalyReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: ToolInfo.name,
        abstract: "Run anomaly-detection methods to completion and publish figures and a static HTML report.",
        version: ToolInfo.version
    )
}
