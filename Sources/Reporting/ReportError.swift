/// Errors that end a command, each with its exit code (docs/output.md).
///
/// - `usage` and `input`: exit 2 — the user can fix them (bad flag value, bad file, unwritable output);
/// - `internal`: exit 3 — a failure of the tool itself.
/// Input readers throw `InputError`, which the command line maps to exit 2 as well.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    case usage(String)
    case input(String)
    case output(String)
    case `internal`(String)

    public var description: String {
        switch self {
        case .usage(let m), .input(let m), .output(let m), .internal(let m): return m
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .usage, .input, .output: return 2
        case .internal: return 3
        }
    }
}
