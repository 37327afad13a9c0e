import ArgumentParser
import Dinamo
import Inputs
import MonteCarloEM
import Reporting

// The job spec's domain types read straight from the command line (the same text forms as the config file,
// `SettingText`), so an option never travels as a string past argument parsing. A value that does not parse is
// refused by ArgumentParser naming the option and the value (exit 2).

extension AlphaSetting: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = try? SettingText.alpha(argument) else { return nil }
        self = value
    }
}

extension ThresholdSetting: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = try? SettingText.threshold(argument) else { return nil }
        self = value
    }
}

extension MissingPolicy: ExpressibleByArgument {}
extension DinamoVariant: ExpressibleByArgument {}

extension Shard: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = try? Shard(parsing: argument) else { return nil }
        self = value
    }
}

/// `--approach baseline|topk|mixture|hmm|all`, or a comma list.
struct ApproachSelection: ExpressibleByArgument {
    var approaches: [Approach]

    init?(argument: String) {
        guard let list = try? SettingText.approaches(argument) else { return nil }
        approaches = list
    }

    static var allValueStrings: [String] { Approach.allCases.map(\.rawValue) + ["all"] }

    /// The text form the help shows as the default (`all`, or the comma list), not the type's dump.
    var defaultValueDescription: String {
        approaches == Approach.allCases ? "all" : approaches.map(\.rawValue).joined(separator: ",")
    }
}

/// Why an option's value was refused, in our words; ArgumentParser prints it after naming the option and the
/// value (exit 2).
struct ArgumentProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }

    /// A finite number, or a problem saying what was expected.
    static func number(_ text: String, _ what: String) throws -> Double {
        guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            throw ArgumentProblem("expected a number, \(what)")
        }
        return v
    }
}

/// What `generate` writes.
enum GenerateKind: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Per-run histograms (the DINAMO-S demo data).
    case dinamo
    /// A time series (the MC-EM demo data).
    case series
}

/// The file format of `generate dinamo`: one CSV, or per-run ROOT files in DQM layout.
enum GeneratedFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case csv, root
}

/// Reads an option's value with the domain's own parser (`FigureFormat.parseList`, `FailCondition(parsing:)`,
/// a seed), so its message reaches the user after ArgumentParser names the option and the value.
func parsed<T>(_ parse: @escaping (String) throws -> T) -> (String) throws -> T {
    { text in
        do { return try parse(text) } catch { throw ArgumentProblem(String(describing: error)) }
    }
}

/// A seed: a non-negative whole number.
func seedValue(_ text: String) throws -> UInt64 {
    guard let v = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
        throw ArgumentProblem("expected a non-negative whole number")
    }
    return v
}
