/// Tables as Markdown (GitHub's pipe tables): each under a bold line saying what it shows, numbers
/// right-aligned, the best cells of a row in bold. Characters that Markdown would read as markup are escaped.
enum MarkdownTable {
    static func render(_ tables: [ResultTable]) -> String {
        var blocks: [String] = []
        for table in tables {
            var out = "**\(escaped(table.title))**\n\n"
            out += "| " + ([escaped(table.rowHeading)] + table.columns.map { escaped($0.heading) }).joined(separator: " | ") + " |\n"
            out += "|---|" + String(repeating: "---:|", count: table.columns.count) + "\n"
            for (r, row) in table.rows.enumerated() {
                let cells = table.printedCells(ofRow: r, missing: TableFormat.markdown.missing) { "**\($0)**" }
                out += "| " + ([escaped(row.label)] + cells).joined(separator: " | ") + " |\n"
            }
            blocks.append(out)
        }
        return blocks.joined(separator: "\n")
    }

    /// `text` with a backslash before each character Markdown reads as markup in a table cell.
    static func escaped(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\|*_`[]<>".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
