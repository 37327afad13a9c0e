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
