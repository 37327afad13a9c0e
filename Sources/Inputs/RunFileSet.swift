import Foundation
import ROOTFile

/// The run files of one `RunFilesSource`, shared by every member histogram planned from it, so that each file
/// is opened once and read once for all of them.
///
/// Its life has three steps, each at most once:
/// 1. `members()` lists the histograms a `histograms` pattern matches in the first run file (from its key lists
///    alone; nothing is decompressed) — planning fixes every input before anything is read;
/// 2. `check()` opens every run file (header and top directory), checks that the first holds the histogram,
///    that run numbers taken from file names are unambiguous and that the labels file reads;
/// 3. the first `load(_:)` reads every run file once, in parallel, for every member asked for with `want(_:)`
///    (a shard computes only some); each later `load` takes its member's arrays, released from here as taken.
///
/// What the first two steps opened is kept for the third: the mapped file with its parsed header, top directory
/// and key lists (`ROOTFile` maps a file and holds no descriptor, so what stays resident is the few pages those
/// touched, not the file's size). The read releases each file as soon as it is read. A fault in any run file
/// fails every member with the same error, naming the first failing file in name order: a run is never skipped.
public final class RunFileSet: @unchecked Sendable {
    public let source: RunFilesSource
    /// Told once the files are read ("read 30 run files once for 8 histograms of …"); nil: silent.
    let progress: (@Sendable (String) -> Void)?
    /// Opens one run file: `ROOTFile(path:)`, or a test's counting stand-in.
    let opener: @Sendable (String) throws -> ROOTFile

    private let lock = NSLock()
    private var resolved: Result<[String], InputError>?
    /// The files opened so far, by index into `files()`; nil where not opened yet or released after the read.
    private var opened: [ROOTFile?] = []
    /// The outcome of `check()`, with the labels it read.
    private var checked: Result<RunLabels?, InputError>?
    private var wanted: [String] = []
    private var read: Result<[String: HistogramInput], InputError>?

    public convenience init(_ source: RunFilesSource, progress: (@Sendable (String) -> Void)? = nil) {
        self.init(source, progress: progress, opener: { try ROOTFile(path: $0) })
    }

    init(_ source: RunFilesSource, progress: (@Sendable (String) -> Void)?,
         opener: @escaping @Sendable (String) throws -> ROOTFile) {
        self.source = source
        self.progress = progress
        self.opener = opener
    }

    // MARK: planning

    /// The member histograms: for `histograms` (`eachMatch`), one per histogram the pattern matches in the first
    /// run file, in the file's key order (a `Run N` directory matched by `*` stays `Run *`); otherwise the path
    /// itself. Names the run files (an input naming none fails here) and, with `eachMatch`, opens the first.
    public func members() throws(InputError) -> [HistogramMember] {
        lock.lock(); defer { lock.unlock() }
        _ = try files()
        let pattern = try source.pattern(source.histogram)
        guard source.eachMatch else { return [.runFiles(pattern.text)] }
        let paths = try Self.matchingPaths(pattern, in: try file(0))
        var seen = Set<String>()
        return paths.map { RunFilesSource.memberPattern(matched: $0.path, pattern: pattern) }
            .filter { seen.insert($0).inserted }
            .map(HistogramMember.runFiles)
    }

    /// Asks for a member in the one read (one call per member this process loads).
    public func want(_ member: HistogramMember) {
        lock.lock(); defer { lock.unlock() }
        if !wanted.contains(member.key) { wanted.append(member.key) }
    }

    // MARK: checking

    /// Up-front checks, done once (a repeated call repeats the outcome): every run file opens as ROOT; the
    /// first holds the histogram (exactly one unless `eachMatch`); run numbers taken from file names are
    /// unambiguous and distinct; the labels file reads. A fault deep in a later file is found by the read.
    public func check() throws(InputError) {
        lock.lock(); defer { lock.unlock() }
        if let checked { _ = try checked.get(); return }
        do throws(InputError) {
            let files = try self.files()
            for k in files.indices { _ = try file(k) }
            let pattern = try source.pattern(source.histogram)
            let matches = try Self.matchingPaths(pattern, in: try file(0))
            if !source.eachMatch && matches.count > 1 {
                let shown = matches.prefix(5).map(\.path).joined(separator: ", ")
                throw InputError(file: files[0], message: "the path \(pattern.text) matches \(matches.count) histograms (\(shown)…); name one, or monitor each with \"histograms\" in a config")
            }
            if source.runPattern != nil || RunNumber.fromObjectPath(matches[0].path) == nil {
                _ = try runs(files, objectPaths: files.map { _ in matches[0].path })
            }
            var labels: RunLabels?
            if let url = source.labels { labels = try RunLabels.read(path: url.path) }
            checked = .success(labels)
        } catch {
            checked = .failure(error)
            throw error
        }
    }

    // MARK: loading

    /// The arrays of `member`, as a histogram input named by its display name: the first call reads every run file
    /// (once, in parallel) for every wanted member and releases the files; each call then takes its own member's
    /// arrays. A member not wanted before the read, or taken already, is read again on a pass of its own.
    public func load(_ member: HistogramMember) throws(InputError) -> HistogramInput {
        lock.lock(); defer { lock.unlock() }
        if read == nil {
            if !wanted.contains(member.key) { wanted.append(member.key) }
            do throws(InputError) { read = .success(try readAll(wanted)) } catch { read = .failure(error) }
        }
        var all = try read!.get()
        let input = all.removeValue(forKey: member.key)
        read = .success(all)
        if let input { return input }
        return try readAll([member.key])[member.key]!
    }

    // MARK: files (called with the lock held)

    /// The run files, sorted by path (resolved once; run order is decided when they are read).
    func files() throws(InputError) -> [String] {
        if resolved == nil {
            do throws(InputError) { resolved = .success(try source.resolveFiles()) } catch { resolved = .failure(error) }
        }
        return try resolved!.get()
    }

    /// Run file `k`, opened on first need and kept until the read.
    private func file(_ k: Int) throws(InputError) -> ROOTFile {
        let files = try self.files()
        if opened.count != files.count { opened = [ROOTFile?](repeating: nil, count: files.count) }
        if let f = opened[k] { return f }
        let f = try Self.open(files[k], with: opener)
        opened[k] = f
        return f
    }

    /// Hands the files opened so far (nil where not) to the read, which releases each as soon as it is read.
    func takeOpenedFiles() -> [ROOTFile?] {
        defer { opened = [] }
        return opened
    }

    /// The labels, as `check()` read them, else read now; nil without a labels file.
    func labels() throws(InputError) -> RunLabels? {
        if case .success(let labels)? = checked { return labels }
        guard let url = source.labels else { return nil }
        return try RunLabels.read(path: url.path)
    }

    /// The labels of `runs` (in run order); nil without a labels file. Labels name runs by number, so a run
    /// without one (a single file given alone whose name holds none) cannot be labelled: an error naming both.
    func labels(for runs: [RunNumber.Run]) throws(InputError) -> [Int?]? {
        guard let labels = try labels() else { return nil }
        if let run = runs.first(where: { $0.number == nil }) {
            throw InputError(file: labels.file, message: "labels name runs by number, and \(source.input) has no run number (neither a 'Run N' directory nor a number in its name; it is run '\(run.id)'): rename it to hold its run number, or give --run-pattern")
        }
        return try labels.labels(for: runs.map { $0.number! })
    }

    static func open(_ path: String, with opener: @Sendable (String) throws -> ROOTFile) throws(InputError) -> ROOTFile {
        try InputError.reading(path) { try opener(path) }
    }

    /// The object paths `pattern` matches in `file`, in the file's key order, found from the key lists alone
    /// (no histogram is decompressed). A literal component that names nothing fails with the reader's message
    /// listing what the directory holds.
    static func matchingPaths(_ pattern: ROOTPathPattern, in file: ROOTFile) throws(InputError) -> [(path: String, className: String)] {
        try InputError.reading(file.path) {
            var out: [(String, String)] = []
            func walk(_ k: Int, _ prefix: [String]) throws {
                let component = pattern.components[k]
                let entries = try file.entries(in: prefix.joined(separator: "/"))
                let matched = entries.filter { component.matches($0.name) }
                if matched.isEmpty && !component.isWildcard {
                    _ = try file.histogram(at: (prefix + [component.text]).joined(separator: "/"))
                }
                for e in matched {
                    let path = (prefix + [e.name]).joined(separator: "/")
                    if k == pattern.components.count - 1 {
                        if e.isHistogram {
                            out.append((path, e.className))
                        } else if !component.isWildcard {
                            throw ROOTFileError(.notAHistogram, file: file.path, "\(path) is a \(e.className), not a TH1 or TH2 histogram")
                        }
                    } else if e.isDirectory {
                        try walk(k + 1, prefix + [e.name])
                    } else if !component.isWildcard {
                        throw ROOTFileError(.pathMissing, file: file.path, object: path, "is a \(e.className), not a directory")
                    }
                }
            }
            try walk(0, [])
            guard !out.isEmpty else {
                throw ROOTFileError(.pathMissing, file: file.path, object: pattern.text, "matches no TH1 or TH2 histogram")
            }
            return out
        }
    }

    /// Each file's run (its `Run N` directory, else its name), checked to be distinct. A single file given alone
    /// (`namesOneFile`, no run pattern) is one run even when neither gives a number (`RunNumber.resolveAlone`).
    func runs(_ files: [String], objectPaths: [String]) throws(InputError) -> [RunNumber.Run] {
        if files.count == 1, source.runPattern == nil, source.namesOneFile {
            return [RunNumber.resolveAlone(file: files[0], objectPath: objectPaths[0])]
        }
        var byRun: [Int: String] = [:]
        var runs: [RunNumber.Run] = []
        for (file, path) in zip(files, objectPaths) {
            let run = try RunNumber.resolve(file: file, objectPath: path, pattern: source.runPattern)
            if let other = byRun[run] {
                let hint = source.runPattern == nil ? "; give --run-pattern REGEX if the run number is elsewhere in the name" : ""
                throw InputError(file: file, message: "run \(run) appears twice: in \(other) and in \(file)\(hint)")
            }
            byRun[run] = file
            runs.append(RunNumber.Run(number: run))
        }
        return runs
    }
}
