/// How `anomaly-report table` writes its tables: LaTeX for `\input` (booktabs), Markdown, or CSV. Every format
/// holds the same content: the same numbers to `ResultTable.decimals` places and the same best cells.
public enum TableFormat: String, Sendable, CaseIterable {
    case latex, markdown, csv

    /// The format a file name's extension names (`.tex`, `.md`, `.csv`), if any.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "tex": self = .latex
        case "md", "markdown": self = .markdown
        case "csv": self = .csv
        default: return nil
        }
    }

    /// The tables as one text in this format.
    public func render(_ tables: [ResultTable]) -> String {
        switch self {
        case .latex: LaTeXTable.render(tables)
        case .markdown: MarkdownTable.render(tables)
        case .csv: CSVResultTable.render(tables)
        }
    }

    /// The text of a missing value (no labels, an undefined metric) in this format.
    var missing: String {
        switch self {
        case .latex: "--"
        case .markdown: "—"
        case .csv: ""
        }
    }
}
