/// One table of a report's results, as `anomaly-report table` writes it (docs/output.md#results-as-a-table):
/// inputs down the side, a method's columns across, numbers as they stand in `summary.json`. Which cells are
/// best is decided here, on the numbers as printed, so every format marks the same cells.
public struct ResultTable: Sendable, Equatable {
    /// Which way a quantity improves.
    public enum Better: Sendable, Equatable {
        case higher, lower
    }

    /// A column: its heading as plain text and, where plain text would not typeset well, as TeX.
    public struct Column: Sendable, Equatable {
        public var heading: String
        /// The heading as TeX source (`$\alpha$`), written as it is; nil: `heading`, escaped.
        public var latexHeading: String?

        public init(_ heading: String, latex: String? = nil) {
            self.heading = heading
            latexHeading = latex
        }
    }

    /// A cell's value: a measured number (printed to `decimals` places) or a count.
    public enum Value: Sendable, Equatable {
        case number(Double)
        case count(Int)
    }

    public struct Row: Sendable, Equatable {
        /// The input's name.
        public var label: String
        /// One per column; nil where `summary.json` has no value (no labels, an undefined metric).
        public var cells: [Value?]

        public init(label: String, cells: [Value?]) {
            self.label = label
            self.cells = cells
        }
    }

    /// A short identifier of the table: the method and the metric (`mcem-vus_pr`), its CSV's `table` column.
    public var id: String
    /// What the table shows, one sentence, for the caption.
    public var title: String
    /// The heading of the row labels' column.
    public var rowHeading: String
    public var columns: [Column]
    public var rows: [Row]
    /// When the columns hold the same quantity (one metric across approaches), which way it improves: the best
    /// cells of each row are then marked. Nil when the columns hold different quantities (α, T, BA, …).
    public var bestInRow: Better?

    /// Decimal places of every number.
    public static let decimals = 3

    public init(id: String, title: String, rowHeading: String, columns: [Column], rows: [Row], bestInRow: Better?) {
        self.id = id
        self.title = title
        self.rowHeading = rowHeading
        self.columns = columns
        self.rows = rows
        self.bestInRow = bestInRow
    }

    /// A value as printed: a number to `decimals` places (never "-0.000"), a count as a whole number.
    public static func text(_ value: Value) -> String {
        switch value {
        case .count(let n): return String(n)
        case .number(let x):
            let scale = 1000.0   // 10^decimals
            let rounded = (x * scale).rounded() / scale
            return String(format: "%.\(decimals)f", rounded == 0 ? 0 : rounded)
        }
    }

    /// The cells of `row` as a format prints them: `missing` where there is no value, the best ones through
    /// `bold`.
    func printedCells(ofRow row: Int, missing: String, bold: (String) -> String) -> [String] {
        let best = best(inRow: row)
        return rows[row].cells.enumerated().map { k, cell in
            guard let cell else { return missing }
            return best.contains(k) ? bold(Self.text(cell)) : Self.text(cell)
        }
    }

    /// The columns of `row` to mark as best: those whose printed value is the row's best, when the table
    /// compares its columns and the row has at least two values (a lone value is best of nothing). Ties, as
    /// printed, are all marked.
    public func best(inRow row: Int) -> Set<Int> {
        guard let better = bestInRow, rows.indices.contains(row) else { return [] }
        var printed: [(Int, Double)] = []
        for (k, cell) in rows[row].cells.enumerated() {
            if let cell, let v = Double(Self.text(cell)) { printed.append((k, v)) }
        }
        guard printed.count >= 2 else { return [] }
        let values = printed.map(\.1)
        let top = better == .higher ? values.max()! : values.min()!
        return Set(printed.filter { $0.1 == top }.map(\.0))
    }
}
