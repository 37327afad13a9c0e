import Dinamo
import Inputs
import MonteCarloEM

extension DinamoJobSpec {
    /// Checks the settings, before any input is read (exit 2 naming the option; a config names its entry).
    public func validate() throws {
        if case .value(let a)? = alpha, !(a > 0 && a < 1) {
            throw ReportError.usage("--alpha \(ReportFormat.plain(a)): α is the weight of the past and must lie strictly between 0 and 1")
        }
        if case .value(let t) = threshold, !t.isFinite {
            throw ReportError.usage("--threshold: expected a finite number or 'auto'")
        }
        if let historical, historical < 1 {
            throw ReportError.usage("--historical \(historical): needs at least one historical run")
        }
        guard initCounts.isFinite, initCounts > 0 else {
            throw ReportError.usage("--init-counts \(ReportFormat.plain(initCounts)): the pseudo-count must be a positive number")
        }
        guard debias >= 0 else {
            throw ReportError.usage("--debias \(debias): the number of resamples cannot be negative")
        }
    }
}

extension SeriesJobSpec {
    /// Checks the settings, before any input is read (exit 2 naming the option).
    public func validate() throws {
        if let epochs, epochs < 1 {
            throw ReportError.usage("--epochs \(epochs): needs at least one epoch")
        }
        if let samples, samples < 1 {
            throw ReportError.usage("--samples \(samples): needs at least one Monte Carlo sample")
        }
        if let context, !(1...4096).contains(context) {
            throw ReportError.usage("--context \(context): the forecaster's context must be 1…4096 points")
        }
        if let vusWindow, vusWindow < 1 {
            throw ReportError.usage("--vus-window \(vusWindow): the VUS window needs at least one point")
        }
        guard !column.isEmpty else { throw ReportError.usage("--column: the column name is empty") }
        guard !approaches.isEmpty else { throw ReportError.usage("--approach: name at least one approach") }
    }
}

/// Text forms of the settings, shared by the command line and the config file.
public enum SettingText {
    /// `auto` or a number.
    public static func alpha(_ text: String) throws -> AlphaSetting {
        if text.trimmingCharacters(in: .whitespaces).lowercased() == "auto" { return .auto }
        guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            throw ReportError.usage("--alpha \(text): expected a number or 'auto'")
        }
        return .value(v)
    }

    public static func threshold(_ text: String) throws -> ThresholdSetting {
        if text.trimmingCharacters(in: .whitespaces).lowercased() == "auto" { return .auto }
        guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            throw ReportError.usage("--threshold \(text): expected a number or 'auto'")
        }
        return .value(v)
    }

    /// `baseline|topk|mixture|hmm|all`, or a comma list; always in the canonical order.
    public static func approaches(_ text: String) throws -> [Approach] {
        var out: Set<Approach> = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            if part == "all" { return Approach.allCases }
            guard let a = Approach(rawValue: part) else {
                throw ReportError.usage("--approach \(text): unknown approach '\(part)'; choose from baseline, topk, mixture, hmm, all")
            }
            out.insert(a)
        }
        guard !out.isEmpty else { throw ReportError.usage("--approach: name at least one approach") }
        return Approach.allCases.filter(out.contains)
    }

    public static func missing(_ text: String) throws -> MissingPolicy {
        guard let policy = MissingPolicy(rawValue: text) else {
            throw ReportError.usage("--missing \(text): choose error, drop or interpolate")
        }
        return policy
    }
}

extension AlphaSetting: CustomStringConvertible {
    public var description: String {
        switch self {
        case .auto: return "auto"
        case .value(let v): return ReportFormat.plain(v)
        }
    }
}

extension ThresholdSetting: CustomStringConvertible {
    public var description: String {
        switch self {
        case .auto: return "auto"
        case .value(let v): return ReportFormat.plain(v)
        }
    }
}
