import Foundation

/// One histogram input of a source, known before anything is read.
public struct HistogramMember: Sendable, Hashable {
    /// What identifies the member in its source: the file's path, or the histogram path pattern read from every
    /// run file (`DQMData/Run */Muons/pt`).
    public var key: String
    /// The name its input goes by before it is read: the name given or the file name (a JSON file's own `name`
    /// may refine it when loaded); for run files the histogram path after its run directory (`Muons/pt`).
    public var displayName: String

    public init(key: String, displayName: String) {
        self.key = key
        self.displayName = displayName
    }

    /// The member of run files that reads `pattern` from every file.
    public static func runFiles(_ pattern: String) -> HistogramMember {
        HistogramMember(key: pattern, displayName: RunFilesSource.displayName(of: pattern))
    }
}

/// Where the histograms of one monitored entry come from, and the three steps every source takes:
/// `members()` plans the inputs it gives (before anything is read, so positions and shards are fixed),
/// `check()` looks at the head of every file up front (a bad 57th input fails in a second, not after an hour),
/// and `load(_:)` reads one member in full when its turn comes. Every fault is an `InputError` naming the file
/// and the line, key or object.
public enum HistogramSource: Sendable {
    /// A CSV or JSON histogram file (docs/inputs.md; the format by extension, else sniffed), with the display name to
    /// use (nil: the JSON `name`, else the file name). One member.
    case file(path: String, name: String?)
    /// Per-run ROOT files: one member per monitored histogram path, all read in one pass. Every input planned
    /// from one entry shares the set.
    case runFiles(RunFileSet)

    /// The inputs this source gives. A file is one member (nothing is read); run files list theirs
    /// (`RunFileSet.members()`).
    public func members() throws(InputError) -> [HistogramMember] {
        switch self {
        case .file(let path, let name):
            return [HistogramMember(key: path, displayName: displayName(for: path, name: name))]
        case .runFiles(let set):
            return try set.members()
        }
    }

    /// Asks for a member in the source's one read; a file is read whole anyway.
    public func want(_ member: HistogramMember) {
        if case .runFiles(let set) = self { set.want(member) }
    }

    /// The up-front check: a file's head (`InputHead.checkHistograms`: a CSV header with bin columns and a first
    /// run as wide, or a JSON object); run files' headers, histogram path, run numbers and labels
    /// (`RunFileSet.check()`).
    public func check() throws(InputError) {
        switch self {
        case .file(let path, _): try InputHead.checkHistograms(path: path)
        case .runFiles(let set): try set.check()
        }
    }

    /// One member, read in full and checked.
    public func load(_ member: HistogramMember) throws(InputError) -> HistogramInput {
        switch self {
        case .file(let path, let name): return try HistogramInput.read(path: path, name: name)
        case .runFiles(let set): return try set.load(member)
        }
    }
}
