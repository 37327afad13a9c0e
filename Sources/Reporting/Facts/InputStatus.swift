/// An input's verdict on the overview: nothing flagged, something flagged, or the input could not be processed
/// (`--keep-going`). The raw values are the CSS classes the overview colours rows by.
public enum InputStatus: String, Sendable, Codable, Equatable {
    case ok
    case alert
    case failed
}

/// What a method flags: runs of a monitored histogram, or points of a series. Consumers count and word the
/// flagged units by it ("3 of 120 runs in 2 monitored histograms"), never by asking which method ran.
public enum FlaggedUnit: String, Sendable, Codable, Equatable, CaseIterable {
    case run
    case point

    /// The plural noun: "runs", "points".
    public var plural: String { rawValue + "s" }

    /// What holds these units, for counts on the overview: "monitored histogram(s)", "series".
    public func holders(_ count: Int) -> String {
        switch self {
        case .run: return count == 1 ? "monitored histogram" : "monitored histograms"
        case .point: return "series"
        }
    }
}
