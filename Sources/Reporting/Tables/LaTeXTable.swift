/// Tables as LaTeX, one `tabular` per table with booktabs rules (`\usepackage{booktabs}`), for `\input` inside
/// the author's own `table` environment: each is preceded by a comment saying what it shows. Text from the
/// report (input names, headings) is escaped; the best cells of a row are `\textbf`.
enum LaTeXTable {
    static func render(_ tables: [ResultTable]) -> String {
        var out = "% anomaly-report table: needs \\usepackage{booktabs}\n"
        for table in tables {
            out += "\n% \(escapedComment(table.title))\n"
            out += "\\begin{tabular}{l" + String(repeating: "r", count: table.columns.count) + "}\n\\toprule\n"
            out += ([escaped(table.rowHeading)] + table.columns.map { $0.latexHeading ?? escaped($0.heading) })
                .joined(separator: " & ") + " \\\\\n\\midrule\n"
            for (r, row) in table.rows.enumerated() {
                let cells = table.printedCells(ofRow: r, missing: TableFormat.latex.missing) { "\\textbf{\($0)}" }
                out += ([escaped(row.label)] + cells).joined(separator: " & ") + " \\\\\n"
            }
            out += "\\bottomrule\n\\end{tabular}\n"
        }
        return out
    }

    /// `text` with TeX's special characters written so they print as themselves: `\ { } $ & # % _` and the
    /// accents `~ ^`, which would otherwise start commands, groups, maths, cells or comments.
    static func escaped(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\textbackslash{}"
            case "{", "}", "$", "&", "#", "%", "_": out += "\\" + String(c)
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            default: out.append(c)
            }
        }
        return out
    }

    /// A comment's text kept on one line.
    private static func escapedComment(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ")
    }
}
