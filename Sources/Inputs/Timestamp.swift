/// Parsing of the timestamps found in series files and label windows.
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

    private static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
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
