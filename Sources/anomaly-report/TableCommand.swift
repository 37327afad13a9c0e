import ArgumentParser
import Foundation
import Reporting

extension TableFormat: ExpressibleByArgument {}

/// `anomaly-report table DIR …`: a finished report's results as tables (LaTeX, Markdown or CSV), read from its
/// `summary.json` alone (docs/output.md#results-as-a-table).
struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Write a finished report's results as tables: LaTeX (booktabs), Markdown or CSV, from its summary.json.",
        discussion: """
        MC-EM: a table per metric, series × approaches, the best approach of each row in bold. DINAMO-S: \
        histograms × (α, T, balanced accuracy, ROC AUC, runs flagged). Numbers to 3 decimals. Example: \
        anomaly-report table output --format latex --metric vus_pr,roc_auc --output results.tex
        """
    )

    @Argument(help: "The report directory (the --output of run, dinamo, mcem or merge).")
    var report: String

    @Option(name: .long, help: "latex, markdown or csv (default: the one --output's extension names, .tex .md .csv; else latex).")
    var format: TableFormat?

    @Option(name: .long, help: "Quantities to tabulate, comma-separated, e.g. vus_pr,roc_auc,alpha (default: each method's main ones).",
            transform: { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } })
    var metric: [String]?

    @Option(name: .long, help: "The file to write (default: standard output).")
    var output: String?

    func run() throws {
        let url = output.map { URL(fileURLWithPath: $0) }
        let chosen = format ?? url.flatMap { TableFormat(fileExtension: $0.pathExtension) } ?? .latex
        let text = try ResultTables.render(.init(report: URL(fileURLWithPath: report), format: chosen, quantities: metric))
        guard let url else { print(text, terminator: ""); return }
        do { try Data(text.utf8).write(to: url, options: .atomic) } catch {
            throw ReportError.output("cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}
