/// The time column of a series and what its cells say (docs/inputs.md#time-columns).
///
/// The column is the one named by `--time-column` (config `time_column`), or else the first header field named
/// `timestamp`, `time`, `date` or `datetime` (in that order, any case) that is not the value column. Each cell is
/// read by `Timestamp.seriesTime`: ISO-8601 with a space or `T`, with or without a fraction and a zone (UTC when
/// none), or a plain number of epoch seconds or milliseconds, told apart by magnitude (`Timestamp.epoch`).
///
/// - Every cell a time: the series has dates, in file order, whatever their order. A time that steps back (a
///   clock set back, a daylight-saving fall-back written in local time) or repeats the one before keeps the dates
///   on the axis, with a note naming its line: the points are never reordered, as the forecaster reads them in
///   file order.
/// - A cell that is not a time (empty, or text): no dates, and the figures count points instead; a warning names
///   the line.
public struct SeriesTimes: Sendable, Equatable {
    /// The names a time column is found by, in the order they are tried.
    public static let columnNames = ["timestamp", "time", "date", "datetime"]

    /// The column read.
    public var column: String
    /// Seconds since 1970 UTC per point, in file order, when every cell is a time.
    public var dates: [Double]?
    /// Steps back and repeated times (the dates are kept), for the input's page.
    public var notes: [String]
    /// The cell that is not a time (the dates are dropped), for standard error and the page.
    public var warnings: [String]

    /// The index of the time column in `header`: `asked` exactly when given (nil when absent, for the caller to
    /// name), else the first of `columnNames` in any case, skipping the value column.
    public static func columnIndex(header: [String], asked: String?, valueColumn: String) -> Int? {
        if let asked { return header.firstIndex(of: asked) }
        for name in columnNames {
            if let k = header.firstIndex(where: { $0.lowercased() == name && $0 != valueColumn }) { return k }
        }
        return nil
    }

    /// Reads the cells of `column`; `lines` are their 1-based file lines (for the notes).
    public static func read(_ cells: [String], column: String, lines: [Int]) -> SeriesTimes {
        var out = SeriesTimes(column: column, dates: nil, notes: [], warnings: [])
        var dates: [Double] = []
        dates.reserveCapacity(cells.count)
        for (k, cell) in cells.enumerated() {
            guard let d = Timestamp.seriesTime(cell) else {
                let bad = cells[k...].count(where: { Timestamp.seriesTime($0) == nil })
                let what = cell.trimmingSpaces().isEmpty ? "the time is missing" : "\"\(cell.prefix(40))\" is not a time"
                let more = bad > 1 ? " (and \(bad - 1) more line\(bad == 2 ? "" : "s") from there)" : ""
                out.warnings.append("column \"\(column)\", line \(line(lines, k)): \(what)\(more); the figures count points (t) instead of dates. Times are ISO-8601 (2014-02-19 10:50:00, 2014-02-19T10:50:00Z), epoch seconds or epoch milliseconds")
                return out
            }
            dates.append(d)
        }
        out.dates = dates
        var back: [Int] = [], repeated: [Int] = []
        for k in dates.indices.dropFirst() {
            if dates[k] < dates[k - 1] { back.append(k) } else if dates[k] == dates[k - 1] { repeated.append(k) }
        }
        if let k = back.first {
            let more = back.count > 1 ? " (and at \(back.count - 1) more line\(back.count == 2 ? "" : "s"))" : ""
            out.notes.append("Column \"\(column)\": the time steps back at line \(line(lines, k)) (\(cells[k].trimmingSpaces()) after \(cells[k - 1].trimmingSpaces()))\(more). The points stay in file order, and the time axis places each at its time.")
        }
        if let k = repeated.first {
            let more = repeated.count > 1 ? " (and \(repeated.count - 1) more line\(repeated.count == 2 ? "" : "s"))" : ""
            out.notes.append("Column \"\(column)\": line \(line(lines, k)) repeats the time of the line before (\(cells[k].trimmingSpaces()))\(more). The points stay in file order.")
        }
        return out
    }

    private static func line(_ lines: [Int], _ k: Int) -> String {
        k < lines.count ? String(lines[k]) : "?"
    }
}
