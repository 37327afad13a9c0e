/// Tables as one CSV in long form, a line per cell: `table` (the table's id, `mcem-vus_pr`), `input`, `column`
/// (its heading), `value` (as the other formats print it; empty when missing) and `best` (1 where the other
/// formats print the cell in bold, else 0).
enum CSVResultTable {
    static func render(_ tables: [ResultTable]) -> String {
        var table = CSVTable(header: ["table", "input", "column", "value", "best"])
        for t in tables {
            for (r, row) in t.rows.enumerated() {
                let best = t.best(inRow: r)
                for (k, cell) in row.cells.enumerated() {
                    table.append([.text(t.id), .text(row.label), .text(t.columns[k].heading),
                                  cell.map { .text(ResultTable.text($0)) } ?? .missing, .integer(best.contains(k) ? 1 : 0)])
                }
            }
        }
        return table.text
    }
}
