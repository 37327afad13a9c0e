import Core
/// Parsing of the timestamps found in series files and label windows (docs/inputs.md#time-columns), and their
/// ISO-8601 form for the data files.
public enum Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z for an ISO-8601 or NAB timestamp, or nil.
    ///
    /// Accepted: `YYYY-MM-DD`, then optionally `T` or a space and `HH:MM`, `:SS`, a fraction of any
    /// length (`.000000` in NAB files), and a zone `Z` or `±HH:MM` / `±HHMM`. A time without a zone
    /// is taken as UTC, so that a series file and a NAB label file compare consistently.
    public static func parse(_ text: String) -> Double? {
        let s = Array(text.trimmingSpaces().utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= s.count else { return nil }
            var v = 0
            for k in i..<i + n {
                guard s[k] >= 0x30, s[k] <= 0x39 else { return nil }
                v = v * 10 + Int(s[k] - 0x30)
            }
            i += n
            return v
        }
        func accept(_ c: Character) -> Bool {
            if i < s.count, s[i] == c.asciiValue! { i += 1; return true }
            return false
        }
        guard let year = digits(4), accept("-"), let month = digits(2), accept("-"), let day = digits(2),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        if i == s.count { return seconds }
        guard accept("T") || accept(" ") || accept("t") else { return nil }
        guard let hour = digits(2), accept(":"), let minute = digits(2), hour < 24, minute < 60 else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        if accept(":") {
            guard let sec = digits(2), sec <= 60 else { return nil }
            seconds += Double(sec)
            if accept(".") || accept(",") {
                var scale = 0.1, fraction = 0.0, count = 0
                while i < s.count, s[i] >= 0x30, s[i] <= 0x39 {
                    fraction += Double(s[i] - 0x30) * scale
                    scale /= 10; i += 1; count += 1
                }
                guard count > 0 else { return nil }
                seconds += fraction
            }
        }
        if i == s.count || accept("Z") || accept("z") { return i == s.count ? seconds : nil }
        let sign: Double
        if accept("+") { sign = 1 } else if accept("-") { sign = -1 } else { return nil }
        guard let zh = digits(2) else { return nil }
        _ = accept(":")
        let zm = digits(2) ?? 0
        guard i == s.count, zh < 24, zm < 60 else { return nil }
        return seconds - sign * Double(zh * 3600 + zm * 60)
    }

    /// Seconds since 1970 UTC for a plain number of epoch seconds or epoch milliseconds, or nil.
    ///
    /// Digits with an optional fraction (no sign, no exponent). The magnitude tells the unit: n ≥ 10¹¹ is
    /// milliseconds, 10⁸ ≤ n < 10¹¹ seconds. Both ranges begin at the same instant, 1973-03-03 09:46:40 UTC, and
    /// seconds reach to the year 5138, so no date is read in both units. Smaller numbers (a counter, seconds since
    /// the start of a measurement) and numbers of 10¹⁴ and more (microseconds, nanoseconds; milliseconds past 5138)
    /// are not read as times (docs/inputs.md#time-columns).
    public static func epoch(_ text: String) -> Double? {
        let t = text.trimmingSpaces()
        var digits = 0, dots = 0
        for c in t.utf8 {
            if c >= 0x30 && c <= 0x39 { digits += 1 } else if c == 0x2E { dots += 1 } else { return nil }
        }
        guard digits > 0, dots <= 1, t.first != ".", t.last != ".", let n = Double(t) else { return nil }
        if n >= 1e11 && n < 1e14 { return n / 1000 }
        if n >= 1e8 && n < 1e11 { return n }
        return nil
    }

    /// A time cell of a series: ISO-8601 (`parse`) or epoch seconds or milliseconds (`epoch`).
    public static func seriesTime(_ text: String) -> Double? {
        parse(text) ?? epoch(text)
    }

    /// ISO-8601 in UTC, `YYYY-MM-DDTHH:MM:SSZ`, with milliseconds (`.123`) when the time has a fraction of a
    /// second: the `timestamp` column of the data files (docs/output.md). Empty for a time that is not finite or
    /// lies beyond ±10¹⁴ s (no parsed time does).
    public static func iso8601(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) < 1e14 else { return "" }
        let millis = Int64((seconds * 1000).rounded())
        let days = Int(millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000)
        let inDay = Int(millis - Int64(days) * 86_400_000)
        let (y, m, d) = civilFromDays(days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let second = inDay / 1000 % 60, minute = inDay / 60_000 % 60, hour = inDay / 3_600_000
        var text = "\(String(repeating: "0", count: max(0, 4 - String(y).count)))\(y)-\(two(m))-\(two(d))T\(two(hour)):\(two(minute)):\(two(second))"
        let ms = inDay % 1000
        if ms != 0 { text += "." + String(String(ms + 1000).dropFirst()) }
        return text + "Z"
    }

    /// The civil date (proleptic Gregorian) of a day count since 1970-01-01 (`CivilDate`).
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let d = CivilDate(daysSinceEpoch: days)
        return (d.year, d.month, d.day)
    }

    private static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (`CivilDate`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        CivilDate(year: year, month: month, day: day).daysSinceEpoch
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var sub = Substring(self)
        while let f = sub.first, f == " " || f == "\t" { sub.removeFirst() }
        while let l = sub.last, l == " " || l == "\t" { sub.removeLast() }
        return String(sub)
    }
}
