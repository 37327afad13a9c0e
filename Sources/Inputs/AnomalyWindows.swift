import Foundation

/// Ground truth from a JSON file of anomaly windows (SPEC §2, `--labels FILE`).
///
/// Two forms are accepted:
/// - `[[start, end], ...]`: inclusive windows of timestamps or 0-based point indices;
/// - the Numenta Anomaly Benchmark form `{"<folder>/<file>": [[start, end], ...], ...}`, where the
///   entry whose last path component equals the series file's name is used.
///
/// Timestamps are compared as times: both the window ends and the series' `timestamp` column are
/// parsed (`Timestamp.parse`), so `2014-02-19 10:50:00.000000` matches `2014-02-19T10:50:00Z`.
/// A window covers every point whose time lies within `[start, end]`. Both ends must lie within
/// the series (between its first and last point); a reversed window is an error.
public enum AnomalyWindows {
    /// The index windows (inclusive, 0-based) that the labels file gives for a series.
    public static func read(path: String, seriesFile: String, series: SeriesInput,
                            limits: InputLimits = .default) throws(InputError) -> [ClosedRange<Int>] {
        let root = try JSONReader(file: path, node: try JSONParser.parseFile(path, limits: limits), path: "")
        let list: JSONReader
        switch root.node.value {
        case .array:
            list = root
        case .object(let members):
            let wanted = (seriesFile as NSString).lastPathComponent
            guard let entry = members.first(where: { ($0.key as NSString).lastPathComponent == wanted }) else {
                let keys = members.prefix(20).map { "\"\($0.key)\"" }.joined(separator: ", ")
                let more = members.count > 20 ? ", … (\(members.count) in all)" : ""
                throw InputError(file: path, message: "no entry for \"\(wanted)\"; keys available: \(keys.isEmpty ? "none" : keys)\(more)")
            }
            list = try JSONReader(file: path, node: entry.value, path: entry.key)
        default:
            throw root.fail("expected an array of [start, end] windows or an object of them keyed by file, found \(root.node.typeName)")
        }
        var windows: [ClosedRange<Int>] = []
        for w in try list.array() {
            let ends = try w.array()
            guard ends.count == 2 else { throw w.fail("expected a window [start, end], found \(ends.count) items") }
            windows.append(try resolve(start: ends[0], end: ends[1], window: w, series: series))
        }
        return windows
    }

    /// Per-point labels (true inside any window) for a series.
    public static func labels(path: String, seriesFile: String, series: SeriesInput,
                              limits: InputLimits = .default) throws(InputError) -> [Bool] {
        var out = [Bool](repeating: false, count: series.values.count)
        for w in try read(path: path, seriesFile: seriesFile, series: series, limits: limits) {
            for k in w { out[k] = true }
        }
        return out
    }

    private enum End { case index(Int), time(Double, String) }

    private static func parseEnd(_ n: JSONReader) throws(InputError) -> End {
        switch n.node.value {
        case .number:
            return .index(try n.integer())
        case .string(let s):
            let t = s.trimmingSpaces()
            if !t.isEmpty, t.allSatisfy(\.isASCII), t.allSatisfy(\.isNumber), let k = Int(t) { return .index(k) }
            guard let d = Timestamp.parse(t) else {
                throw n.fail("\"\(s.prefix(40))\" is neither an index nor a timestamp (ISO-8601 or 2014-02-19 10:50:00.000000)")
            }
            return .time(d, s)
        default:
            throw n.fail("expected an index or a timestamp, found \(n.node.typeName)")
        }
    }

    private static func resolve(start s: JSONReader, end e: JSONReader, window: JSONReader,
                                series: SeriesInput) throws(InputError) -> ClosedRange<Int> {
        let count = series.values.count
        switch (try parseEnd(s), try parseEnd(e)) {
        case (.index(let a), .index(let b)):
            guard a <= b else { throw window.fail("reversed window: start \(a) is after end \(b)") }
            guard a >= 0, b < count else {
                throw window.fail("window [\(a), \(b)] is outside the series (indices 0…\(count - 1))")
            }
            return a...b
        case (.time(let a, let ta), .time(let b, let tb)):
            guard a <= b else { throw window.fail("reversed window: start \(ta) is after end \(tb)") }
            guard let dates = series.dates, let first = dates.first, let last = dates.last else {
                throw window.fail("timestamp windows need a series whose timestamp column parses as times")
            }
            guard a >= first, b <= last else {
                let firstText = series.timestamps?.first ?? "\(first)", lastText = series.timestamps?.last ?? "\(last)"
                throw window.fail("window [\(ta), \(tb)] is outside the series (\(firstText) … \(lastText))")
            }
            guard let lo = dates.firstIndex(where: { $0 >= a }), let hi = dates.lastIndex(where: { $0 <= b }), lo <= hi else {
                throw window.fail("window [\(ta), \(tb)] contains no point of the series")
            }
            return lo...hi
        default:
            throw window.fail("window mixes an index and a timestamp")
        }
    }
}
