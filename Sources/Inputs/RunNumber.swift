import Foundation

/// Run numbers of DQM run files (docs/root-inputs.md, "Run numbers"). The `Run N` directory of a matched
/// object path wins; else the file name decides: CMS's `…_R000319176__…` gives 319176 (never the `V0001`
/// version nor `Run2018B` era), `run_123.root` / `run-123` / `Run123` give 123, a name with exactly one
/// number gives that number; anything else is ambiguous and an error suggesting `--run-pattern`. A user
/// pattern replaces the file-name rules: its first capture group must be the run number. The one exception
/// to "ambiguous is an error" is a single file given alone (`resolveAlone`): it is one run whatever its name.
///
/// These are DQM conventions, not ROOT's: the reader (`ROOTFile`) knows nothing of runs. Errors are
/// `InputError`s naming the run file.
public enum RunNumber {
    /// A run file's run: the number that orders it and matches it to labels, and the id every output shows.
    public struct Run: Sendable, Equatable {
        /// The run number; nil only for a single file given alone whose path and name hold none.
        public var number: Int?
        /// `String(number)`, or the file's stem when there is no number.
        public var id: String

        public init(number: Int) { self.number = number; id = String(number) }
        public init(unnumbered id: String) { number = nil; self.id = id }
    }

    /// The run from a `Run N` path component, e.g. `DQMData/Run 319176/Muons/pt` → 319176.
    public static func fromObjectPath(_ path: String) -> Int? {
        for part in path.split(separator: "/") where part.hasPrefix("Run ") {
            if let n = Int(part.dropFirst(4)), n >= 0 { return n }
        }
        return nil
    }

    /// The run from a file's name (directories and `.root` ignored), by `pattern` when given.
    public static func fromFileName(_ file: String, pattern: String? = nil) throws(InputError) -> Int {
        let base = (file as NSString).lastPathComponent
        let stem = stem(of: file)
        if let pattern {
            let regex: NSRegularExpression
            do { regex = try NSRegularExpression(pattern: pattern) } catch {
                throw InputError(file: file, message: "the run pattern '\(pattern)' is not a valid regular expression")
            }
            guard regex.numberOfCaptureGroups >= 1 else {
                throw InputError(file: file, message: "the run pattern '\(pattern)' has no capture group for the run number")
            }
            guard let m = regex.firstMatch(in: base, range: NSRange(base.startIndex..., in: base)),
                  let r = Range(m.range(at: 1), in: base), let n = Int(base[r]) else {
                throw InputError(file: file, message: "the run pattern '\(pattern)' does not capture a run number in '\(base)'")
            }
            return n
        }
        if let n = unique(#"(?:^|_)R(\d+)(?=_|$)"#, stem, caseInsensitive: false) { return n }
        if let n = unique(#"(?:^|[^A-Za-z])run[_ -]?(\d+)(?![0-9A-Za-z])"#, stem, caseInsensitive: true) { return n }
        if let n = unique(#"(\d+)"#, stem, caseInsensitive: false) { return n }
        throw InputError(file: file,
                         message: "the run number cannot be told from the name '\(base)'; give --run-pattern REGEX with the run number as its first group")
    }

    /// The run of an object read from `file`: its `Run N` directory, else the file name's run.
    public static func resolve(file: String, objectPath: String, pattern: String? = nil) throws(InputError) -> Int {
        if pattern == nil, let n = fromObjectPath(objectPath) { return n }
        return try fromFileName(file, pattern: pattern)
    }

    /// The run of a single run file given alone (not one of a directory's or a glob's files), without a run
    /// pattern. A file given alone is one run (docs/root-inputs.md): its number is found as for any run file
    /// (its `Run N` directory, else its name, `histos5.root` → 5); when neither gives one (`histos.root`, or
    /// `physics_2018_v2.root` with two numbers) it is still one run, named by its file stem (`histos`,
    /// `physics_2018_v2`) and numberless, so a labels file cannot name it.
    public static func resolveAlone(file: String, objectPath: String) -> Run {
        if let n = try? resolve(file: file, objectPath: objectPath) { return Run(number: n) }
        return Run(unnumbered: stem(of: file))
    }

    /// The file's name without its directories and its `.root` (the whole name when that leaves nothing).
    static func stem(of file: String) -> String {
        let base = (file as NSString).lastPathComponent
        let stem = base.hasSuffix(".root") ? String(base.dropLast(5)) : base
        return stem.isEmpty ? base : stem
    }

    /// The number when every match of `pattern` gives the same one.
    private static func unique(_ pattern: String, _ text: String, caseInsensitive: Bool) -> Int? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : []) else { return nil }
        let values = Set(regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m -> Int? in
            guard let r = Range(m.range(at: 1), in: text) else { return nil }
            return Int(text[r])
        })
        return values.count == 1 ? values.first : nil
    }
}
