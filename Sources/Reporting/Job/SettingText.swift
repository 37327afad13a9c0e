import Dinamo
import Inputs
import MonteCarloEM

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
