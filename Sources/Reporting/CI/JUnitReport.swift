/// A JUnit XML report (docs/output.md): one `<testcase>` per monitored input, failed when a `--fail-on`
/// condition holds for it (with no condition given, when anything was flagged), so CI systems show the
/// monitored inputs natively.
public struct JUnitReport: Sendable {
    public struct Case: Sendable {
        public var name: String
        public var className: String
        public var seconds: Double?
        public var failures: [String]
        public var output: String
    }

    public var suiteName: String
    public var cases: [Case]

    public func xml() -> String {
        let failures = cases.filter { !$0.failures.isEmpty }.count
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        s += "<testsuites name=\"\(Self.escape(suiteName))\" tests=\"\(cases.count)\" failures=\"\(failures)\">\n"
        s += "  <testsuite name=\"\(Self.escape(suiteName))\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        for c in cases {
            let time = c.seconds.map { " time=\"\(ReportFormat.plain($0))\"" } ?? ""
            s += "    <testcase classname=\"\(Self.escape(c.className))\" name=\"\(Self.escape(c.name))\"\(time)>\n"
            if !c.failures.isEmpty {
                let message = c.failures.joined(separator: "; ")
                s += "      <failure message=\"\(Self.escape(message))\" type=\"anomaly\">\(Self.escape(message))</failure>\n"
            }
            if !c.output.isEmpty {
                s += "      <system-out>\(Self.escape(c.output))</system-out>\n"
            }
            s += "    </testcase>\n"
        }
        s += "  </testsuite>\n</testsuites>\n"
        return s
    }

    static func escape(_ text: String) -> String { XMLEscaping.escape(text) }
}
