import Foundation

/// Ground truth from a JSON file of anomaly windows (docs/inputs.md, `--labels FILE`).
///
/// Two forms are accepted:
/// - `[[start, end], ...]`: inclusive windows of timestamps or 0-based point indices;
/// - the Numenta Anomaly Benchmark form `{"<folder>/<file>": [[start, end], ...], ...}`, where the
///   entry whose last path component equals the series file's name is used.
///
/// Timestamps are compared as times: the window ends (`Timestamp.parse`) with the series' dates, those of its
/// time column (`SeriesTimes`, docs/inputs.md#time-columns), so `2014-02-19 10:50:00.000000` matches
/// `2014-02-19T10:50:00Z`.
/// A window covers every point whose time lies within `[start, end]`. A window reaching past either end
/// of the series is clipped to it, and one wholly outside is dropped: both with a warning naming the window
/// (NAB's windows are centred on the anomaly, so one near an end of a series often overhangs it). When every
/// window of the file lies wholly outside, the labels cannot belong to the series: that is an error naming the
/// file (an empty list is not: it says the series has no anomaly). A reversed window, or a mix of an index and
/// a timestamp, is an error.
public enum AnomalyWindows {
    /// The windows of a series and what was clipped or dropped to get them.
    public struct Resolved: Sendable, Equatable {
        /// Inclusive, 0-based index windows, in the file's order.
        public var windows: [ClosedRange<Int>]
        /// One sentence per clipped or dropped window, naming the file and the window.
        public var warnings: [String]

        /// Per-point labels (true inside any window) for a series of `count` points.
        public func labels(count: Int) -> [Bool] {
            var out = [Bool](repeating: false, count: count)
            for w in windows { for k in w where k < count { out[k] = true } }
            return out
        }
    }

    /// The index windows (inclusive, 0-based) that the labels file gives for a series.
    public static func read(path: String, seriesFile: String, series: SeriesInput,
                            limits: InputLimits = .default) throws(InputError) -> [ClosedRange<Int>] {
        try resolve(path: path, seriesFile: seriesFile, series: series, limits: limits).windows
    }

    /// The windows with the warnings of those clipped to the series or dropped as wholly outside it.
    public static func resolve(path: String, seriesFile: String, series: SeriesInput,
                               limits: InputLimits = .default) throws(InputError) -> Resolved {
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
        var out = Resolved(windows: [], warnings: [])
        let file = (path as NSString).lastPathComponent
        let all = try list.array()
        var outside: [String] = []
        for w in all {
            let ends = try w.array()
            guard ends.count == 2 else { throw w.fail("expected a window [start, end], found \(ends.count) items") }
            switch try resolve(start: ends[0], end: ends[1], window: w, series: series) {
            case .inside(let r):
                out.windows.append(r)
            case .clipped(let r, let text):
                out.windows.append(r)
                out.warnings.append("\(file), \(w.path): window \(text) reaches past the series; clipped to points \(r.lowerBound)…\(r.upperBound)")
            case .outside(let text):
                outside.append(text)
                out.warnings.append("\(file), \(w.path): window \(text) lies wholly outside the series; ignored")
            }
        }
        if !all.isEmpty, outside.count == all.count {
            let which = all.count == 1 ? "its one window \(outside[0]) lies" : "all \(all.count) of its windows lie"
            throw InputError(file: path, message: "\(which) wholly outside the series \(seriesFile): these labels cannot be of this series (check the file, or the entry's key)")
        }
        return out
    }

    /// Per-point labels (true inside any window) for a series.
    public static func labels(path: String, seriesFile: String, series: SeriesInput,
                              limits: InputLimits = .default) throws(InputError) -> [Bool] {
        try resolve(path: path, seriesFile: seriesFile, series: series, limits: limits).labels(count: series.values.count)
    }

    private enum End { case index(Int), time(Double, String) }

    private enum Placement { case inside(ClosedRange<Int>), clipped(ClosedRange<Int>, String), outside(String) }

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
                                series: SeriesInput) throws(InputError) -> Placement {
        let count = series.values.count
        switch (try parseEnd(s), try parseEnd(e)) {
        case (.index(let a), .index(let b)):
            guard a <= b else { throw window.fail("reversed window: start \(a) is after end \(b)") }
            let text = "[\(a), \(b)]"
            guard b >= 0, a < count else { return .outside(text + " (indices 0…\(count - 1))") }
            let r = max(a, 0)...min(b, count - 1)
            return r == a...b ? .inside(r) : .clipped(r, text + " (indices 0…\(count - 1))")
        case (.time(let a, let ta), .time(let b, let tb)):
            guard a <= b else { throw window.fail("reversed window: start \(ta) is after end \(tb)") }
            guard let dates = series.dates, let first = dates.first, let last = dates.last else {
                throw window.fail("timestamp windows need a series whose timestamp column parses as times")
            }
            let firstText = series.timestamps?.first ?? "\(first)", lastText = series.timestamps?.last ?? "\(last)"
            let text = "[\(ta), \(tb)] (series \(firstText) … \(lastText))"
            guard b >= first, a <= last else { return .outside(text) }
            guard let lo = dates.firstIndex(where: { $0 >= a }), let hi = dates.lastIndex(where: { $0 <= b }), lo <= hi else {
                throw window.fail("window [\(ta), \(tb)] contains no point of the series")
            }
            return a >= first && b <= last ? .inside(lo...hi) : .clipped(lo...hi, text)
        default:
            throw window.fail("window mixes an index and a timestamp")
        }
    }
}
