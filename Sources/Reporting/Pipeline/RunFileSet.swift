import Foundation
import Inputs
import ROOTFile
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Results written by concurrent workers, one slot each.
private final class ResultSlots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [T]
    init(_ values: [T]) { self.values = values }
    func set(_ k: Int, _ value: T) { lock.lock(); values[k] = value; lock.unlock() }
}

/// One monitored histogram gathered from every run file, in run order: what a planned input takes.
struct RunHistogramSeries: Sendable {
    /// Flattened in-range contents per run (x index outermost for a TH2), `runs × bins`.
    var counts: [Double]
    var runs: Int
    var bins: Int
    var xEdges: [Double]
    /// Empty for a TH1.
    var yEdges: [Double]
    var runIDs: [String]
    var labels: [Int?]?
}

/// The run files of one `dinamo` entry, shared by every input planned from it, so the files are read once
/// for all of its histograms rather than once per histogram.
///
/// On the first `take`, each file is opened once and every histogram this process needs (`want`) is read
/// from it; each input then takes its own arrays, which are released from here as they are taken. A fault in
/// any run file fails every input of the entry with the same message naming the file: a run is never skipped.
final class RunFileSet: @unchecked Sendable {
    let source: RunFilesSource
    /// The run files, sorted by name (run order is decided when they are read).
    let files: [String]
    /// The config entry, for error messages.
    let origin: String?
    private let lock = NSLock()
    private var wanted: [String] = []
    private var checked: Result<Void, ReportError>?
    private var loaded: Result<[String: RunHistogramSeries], ReportError>?
    private let progress: Progress?

    init(source: RunFilesSource, origin: String?, progress: Progress?) throws {
        self.source = source
        self.origin = origin
        self.progress = progress
        files = try Self.resolveFiles(source.input, origin: origin)
    }

    /// Asks for a member histogram pattern (one per planned input this process computes).
    func want(_ member: String) {
        lock.lock(); defer { lock.unlock() }
        if !wanted.contains(member) { wanted.append(member) }
    }

    // MARK: planning

    /// The input's run files: the file itself, the `*.root` files of a directory, or the matches of a glob.
    static func resolveFiles(_ input: String, origin: String?) throws -> [String] {
        var isDirectory: ObjCBool = false
        let fm = FileManager.default
        if fm.fileExists(atPath: input, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { return [input] }
            let names = (try? fm.contentsOfDirectory(atPath: input)) ?? []
            let files = names.filter { $0.lowercased().hasSuffix(".root") }.sorted()
                .map { (input as NSString).appendingPathComponent($0) }
            guard !files.isEmpty else { throw fail("the directory \(input) holds no .root files", origin: origin) }
            return files
        }
        guard input.contains(where: { "*?[".contains($0) }) else {
            throw fail("\(input): no such file or directory", origin: origin)
        }
        var g = glob_t()
        defer { globfree(&g) }
        var files: [String] = []
        if glob(input, 0, nil, &g) == 0 {
            for i in 0..<Int(g.gl_pathc) {
                guard let p = g.gl_pathv[i] else { continue }
                let path = String(cString: p)
                var dir: ObjCBool = false
                if fm.fileExists(atPath: path, isDirectory: &dir), !dir.boolValue { files.append(path) }
            }
        }
        guard !files.isEmpty else { throw fail("no file matches the glob '\(input)'", origin: origin) }
        return files.sorted()
    }

    /// The object paths the pattern matches in `file`, in the file's key order, found from the key lists
    /// alone (no histogram is decompressed).
    static func matchingPaths(_ pattern: ROOTPathPattern, in file: ROOTFile) throws -> [(path: String, className: String)] {
        var out: [(String, String)] = []
        func walk(_ k: Int, _ prefix: [String]) throws {
            let component = pattern.components[k]
            let here = prefix.joined(separator: "/")
            let entries = try file.entries(in: here)
            let matched = entries.filter { component.matches($0.name) }
            if matched.isEmpty && !component.isWildcard {
                // The reader's own message lists what the directory holds.
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

    /// The member patterns of an entry: for `histograms`, one per histogram the pattern matches in the first run
    /// file (in file order); for `histogram`, the path itself.
    func members() throws -> [String] {
        let pattern = try Self.pattern(source.histogram, origin: origin)
        guard source.eachMatch else { return [pattern.text] }
        let first = try open(files[0])
        let paths = try Self.rethrow(origin) { try Self.matchingPaths(pattern, in: first) }
        var seen = Set<String>()
        return paths.map { RunFilesSource.memberPattern(matched: $0.path, pattern: pattern) }.filter { seen.insert($0).inserted }
    }

    // MARK: preflight

    /// Up-front checks, once per entry: every run file exists and opens as ROOT (its header and top directory);
    /// the first holds the histogram(s); the labels file is readable; run numbers taken from file names are
    /// unambiguous and distinct.
    func preflight() throws {
        lock.lock(); defer { lock.unlock() }
        if let checked { return try checked.get() }
        do {
            var first: ROOTFile?
            for file in files {
                let f = try open(file)
                if first == nil { first = f }
            }
            let pattern = try Self.pattern(source.histogram, origin: origin)
            let matches = try Self.rethrow(origin) { try Self.matchingPaths(pattern, in: first!) }
            if !source.eachMatch && matches.count > 1 {
                throw Self.fail("\(files[0]): the path \(pattern.text) matches \(matches.count) histograms (\(matches.prefix(5).map(\.path).joined(separator: ", "))…); name one, or monitor each with \"histograms\" in a config", origin: origin)
            }
            if source.runPattern != nil || RunNumber.fromObjectPath(matches[0].path) == nil {
                _ = try runNumbers(objectPaths: files.map { _ in matches[0].path })
            }
            if let labels = source.labels { _ = try readLabels(labels) }
            checked = .success(())
        } catch let e as ReportError {
            checked = .failure(e)
            throw e
        }
    }

    // MARK: loading

    /// The arrays of one member, reading every run file (once) on first demand; released from the set.
    func take(_ member: String) throws -> RunHistogramSeries {
        lock.lock(); defer { lock.unlock() }
        if loaded == nil {
            do { loaded = .success(try readAll()) } catch let e as ReportError { loaded = .failure(e) }
        }
        switch loaded! {
        case .failure(let e): throw e
        case .success(var all):
            guard let series = all.removeValue(forKey: member) else {
                throw ReportError.internal("run files: \(member) was not planned for this process")
            }
            loaded = .success(all)
            return series
        }
    }

    private func readAll() throws -> [String: RunHistogramSeries] {
        let members = wanted
        let patterns = try members.map { try Self.pattern($0, origin: origin) }
        // Per file (read in parallel, each opened once): one histogram per member. The first failing file in
        // name order is reported, so the message does not depend on thread timing.
        var perFile: [Result<[ROOTHistogram], Error>] = {
            let slots = ResultSlots([Result<[ROOTHistogram], Error>](repeating: .success([]), count: files.count))
            DispatchQueue.concurrentPerform(iterations: files.count) { k in
                slots.set(k, Result { try self.readMembers(members, patterns, from: files[k]) })
            }
            return slots.values
        }()
        var found = [[ROOTHistogram]](repeating: [], count: members.count)
        var objectPaths: [String] = []
        for result in perFile {
            let hs = try result.get()
            for m in members.indices { found[m].append(hs[m]) }
            objectPaths.append(hs.first?.path ?? "")
        }
        perFile = []
        let runs = try runNumbers(objectPaths: objectPaths)
        let order = files.indices.sorted { runs[$0] < runs[$1] }
        let labelMap = try source.labels.map(readLabels)
        let labels: [Int?]? = labelMap.map { map in order.map { map[runs[$0]] ?? nil } }
        if let labelMap, !labelMap.isEmpty, !runs.contains(where: { labelMap[$0] != nil }) {
            throw Self.fail("\(source.labels!.path): none of its \(labelMap.count) runs is among the \(files.count) run files (runs \(runs.min()!)–\(runs.max()!))", origin: origin)
        }
        var out: [String: RunHistogramSeries] = [:]
        for (m, member) in members.enumerated() {
            let hs = found[m]
            found[m] = []   // release as we go
            let reference = hs[0]
            var counts: [Double] = []
            counts.reserveCapacity(reference.contents.count * hs.count)
            for k in order {
                let h = hs[k]
                guard h.hasSameBinning(as: reference) else {
                    throw Self.fail("\(member): the binning differs between run files: \(files[0]) has \(Self.binning(reference)), \(files[k]) has \(Self.binning(h))", origin: origin)
                }
                if let b = h.contents.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
                    throw Self.fail("\(files[k]): \(h.path): bin \(b) holds \(h.contents[b]); DINAMO-S monitors event counts, which must be finite and non-negative", origin: origin)
                }
                counts += h.contents
            }
            out[member] = RunHistogramSeries(counts: counts, runs: hs.count, bins: reference.contents.count,
                                             xEdges: reference.xEdges, yEdges: reference.yEdges,
                                             runIDs: order.map { String(runs[$0]) }, labels: labels)
        }
        progress?.step("read \(files.count) run file\(files.count == 1 ? "" : "s") once for \(members.count) histogram\(members.count == 1 ? "" : "s") of \(source.histogram)")
        return out
    }

    /// The member histograms of one run file, opened once.
    private func readMembers(_ members: [String], _ patterns: [ROOTPathPattern], from file: String) throws -> [ROOTHistogram] {
        let f = try open(file)
        return try zip(members, patterns).map { member, pattern in
            let hs = try Self.rethrow(origin) { try f.histograms(matching: pattern) }
            guard hs.count == 1 else {
                throw Self.fail("\(file): \(member) matches \(hs.count) histograms (\(hs.prefix(5).map(\.path).joined(separator: ", "))); each run file must hold exactly one", origin: origin)
            }
            return hs[0]
        }
    }

    /// Each file's run number (its `Run N` directory, else its name), checked to be distinct.
    private func runNumbers(objectPaths: [String]) throws -> [Int] {
        var byRun: [Int: String] = [:]
        var runs: [Int] = []
        for (file, path) in zip(files, objectPaths) {
            let run = try Self.rethrow(origin) { try RunNumber.resolve(file: file, objectPath: path, pattern: source.runPattern) }
            if let other = byRun[run] {
                throw Self.fail("run \(run) appears twice: in \(other) and in \(file)" + (source.runPattern == nil ? "; give --run-pattern REGEX if the run number is elsewhere in the name" : ""), origin: origin)
            }
            byRun[run] = file
            runs.append(run)
        }
        return runs
    }

    /// A labels CSV `run,label` (a header line is optional): run number → 0, 1 or nil (empty).
    private func readLabels(_ url: URL) throws -> [Int: Int?] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw Self.fail("\(url.path): the labels file cannot be read (\((error as NSError).localizedDescription))", origin: origin, key: "labels")
        }
        var map: [Int: Int?] = [:]
        for (k, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if k == 0, fields.first?.lowercased() == "run" { continue }
            guard fields.count == 2, let run = Int(fields[0]) else {
                throw Self.fail("\(url.path):\(k + 1): expected 'run,label' with an integer run, found \"\(line.prefix(60))\"", origin: origin, key: "labels")
            }
            let label: Int?
            switch fields[1] {
            case "": label = nil
            case "0": label = 0
            case "1": label = 1
            default: throw Self.fail("\(url.path):\(k + 1): label must be 0, 1 or empty, found \"\(fields[1])\"", origin: origin, key: "labels")
            }
            if map[run] != nil { throw Self.fail("\(url.path):\(k + 1): run \(run) is labelled twice", origin: origin, key: "labels") }
            map[run] = label
        }
        return map
    }

    // MARK: errors

    private func open(_ file: String) throws -> ROOTFile {
        try Self.rethrow(origin) { try ROOTFile(path: file) }
    }

    private static func pattern(_ text: String, origin: String?) throws -> ROOTPathPattern {
        do { return try ROOTPathPattern(text) } catch {
            throw fail("--histogram '\(text)': the path names no object", origin: origin, key: "histogram")
        }
    }

    private static func binning(_ h: ROOTHistogram) -> String {
        func axis(_ e: [Double]) -> String { "\(e.count - 1) bins [\(ReportFormat.plain(e.first!)), \(ReportFormat.plain(e.last!))]" }
        return h.dimension == 2 ? "\(h.className) x \(axis(h.xEdges)) × y \(axis(h.yEdges))" : "\(h.className) \(axis(h.xEdges))"
    }

    /// A reader or run-number error as an input fault (exit 2), naming the config entry when there is one.
    static func rethrow<T>(_ origin: String?, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ROOTFileError {
            throw fail(e.description, origin: origin)
        } catch let e as InputError {
            throw fail(e.description, origin: origin)
        }
    }

    static func fail(_ message: String, origin: String?, key: String = "input") -> ReportError {
        .input(origin.map { "\(message) (named by \($0).\(key))" } ?? message)
    }
}
