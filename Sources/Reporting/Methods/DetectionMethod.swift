import Foundation
import Inputs

/// A method's stable id: the key of its list in `summary.json` and in the shard manifest ("dinamo", "mcem").
public struct MethodID: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// Who a method is, as every consumer may know it without asking which method it is.
public struct MethodInfo: Sendable, Codable, Equatable {
    public var id: MethodID
    /// The short name tables and JUnit show ("DINAMO-S", "MC-EM").
    public var title: String
}

/// One input to monitor with one method and that method's settings, before anything is read: the same value
/// whether it came from the command line or from a config entry, so both share every default and the one
/// validation (`validate()`, whose `SettingError` names the setting; the caller words it as the flag or the
/// config key the user wrote).
public protocol MethodJob: Sendable {
    /// The method that runs this job (`MethodRegistry` finds it by this id).
    var method: MethodID { get }
    /// The display name the user gave, if any.
    var name: String? { get }
    /// Where the job was declared, e.g. `monitors.json, dinamo[2]`, so an error in its input can name the entry.
    var origin: String? { get set }
    /// Checks the settings before any input is read.
    func validate() throws(SettingError)
}

/// A detection method as the report runs it: the one seam between the pipeline and a method. A method reads
/// its settings (`decode` for a config entry; its command builds the same job), plans its inputs (one job may
/// monitor several: a ROOT pattern), checks their heads up front, and computes one input into a
/// `PublishedInput` — figures, data files, a page section and the typed facts of its record. Everything
/// above reads those; nothing above asks which method made them.
///
/// Adding a method: a folder under `Methods/` with a type conforming to this protocol, and its line in
/// `MethodRegistry.all` (docs/architecture.md).
protocol DetectionMethod {
    static var info: MethodInfo { get }
    /// The key of the method's list in a config file ("dinamo", "series").
    static var configKey: String { get }
    /// What the method flags.
    static var unit: FlaggedUnit { get }
    /// What the overview's count of flagged units means, when it needs saying.
    static var countingNote: String? { get }
    /// The type of the method's `summary.json` entry (so `merge` can read a record back).
    static var entryType: any SummaryEntry.Type { get }

    /// The job a config entry describes; errors (`InputError`) name the entry's key and line.
    static func decode(_ entry: JSONReader, origin: String, config: ConfigFile.Context) throws -> any MethodJob
    /// The inputs a job monitors, in report order (most jobs monitor one).
    static func plan(_ job: any MethodJob, progress: Progress) throws -> [PlannedMember]
    /// Called for each planned input this process will compute (before any is loaded).
    static func claim(_ input: PlannedInput)
    /// Up-front checks of an input's files (existence, head), before any input is computed.
    static func check(_ input: PlannedInput) throws
    /// Loads, computes and publishes one input.
    static func compute(_ input: PlannedInput, context: JobContext) async throws -> PublishedInput
}

extension DetectionMethod {
    static var countingNote: String? { nil }
    static func claim(_ input: PlannedInput) {}
}

/// One input a job plans: the job for that input alone, its name before it is read, and what the method
/// shares between the inputs of one job (the run files of a ROOT pattern, read once for all of them).
struct PlannedMember: Sendable {
    var job: any MethodJob
    var provisionalName: String
    var shared: (any Sendable)? = nil
    /// Set when the job plans this input to be compared side by side with others of its inputs.
    var comparison: ComparisonRole? = nil
}

/// What a method may know of the run it is part of.
struct JobContext: Sendable {
    var seed: UInt64
    var quick: Bool
    /// Timings are measured unless `SOURCE_DATE_EPOCH` asks for byte-reproducible output.
    var timed: Bool
    var progress: Progress
}

/// A setting's problem, found by a job's `validate()`: the setting as the config spells it (its key) and as the
/// command line does (its flag), and what is wrong. The caller names whichever the user wrote.
public struct SettingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The config key (`init_counts`) and the command-line flag (`--init-counts`) of the setting.
    public var key: String
    public var flag: String
    /// The value as the user gave it, and what is wrong with it.
    public var value: String
    public var message: String

    public init(key: String, flag: String, value: String, _ message: String) {
        self.key = key
        self.flag = flag
        self.value = value
        self.message = message
    }

    /// As the command line reports it: `--alpha 1.5: α is …`.
    public var description: String { value.isEmpty ? "\(flag): \(message)" : "\(flag) \(value): \(message)" }
}
