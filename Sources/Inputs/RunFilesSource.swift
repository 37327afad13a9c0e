import Foundation
import ROOTFile
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Histograms read from per-run ROOT files, as a DQM system writes them (one file per run): what the user
/// asked for, before anything is opened. `RunFileSet` opens and reads them.
///
/// `input` is a ROOT file, a directory (its `*.root` files) or a glob (`runs/*.root`); `histogram` is an object
/// path in each file where `*` matches within one component (`DQMData/Run */Muons/Run summary/pt`). With
/// `eachMatch` (a config's `"histograms"`) every histogram the pattern matches in the first run file becomes its
/// own monitored input; otherwise the path must name exactly one histogram per file.
///
/// Run ids: the `Run N` directory of the matched path when it has one, else the file name (`RunNumber`), or
/// `runPattern` (a regular expression whose first group is the run number) when given; a single file given alone
/// is one run even without a run number (named by its stem). Runs are ordered numerically. `labels` is a CSV
/// `run,label` (`RunLabels`: label 0 good, 1 bad, empty unknown).
public struct RunFilesSource: Sendable, Equatable {
    public var input: String
    public var histogram: String
    public var eachMatch: Bool
    public var runPattern: String?
    public var labels: URL?

    public init(input: String, histogram: String, eachMatch: Bool = false, runPattern: String? = nil, labels: URL? = nil) {
        self.input = input
        self.histogram = histogram
        self.eachMatch = eachMatch
        self.runPattern = runPattern
        self.labels = labels
    }

    /// The display name of a monitored histogram path: the components after its run directory (`Run N` or
    /// `Run *`) when it has one — `DQMData/Run */Muons/pt` is `Muons/pt` — else the whole path.
    public static func displayName(of path: String) -> String {
        let parts = path.split(separator: "/").map(String.init)
        if let k = parts.lastIndex(where: isRunDirectory), k + 1 < parts.count {
            return parts[(k + 1)...].joined(separator: "/")
        }
        return parts.joined(separator: "/")
    }

    /// `Run 123` or the pattern `Run *`.
    static func isRunDirectory(_ component: String) -> Bool {
        guard component.hasPrefix("Run ") else { return false }
        let rest = component.dropFirst(4)
        return rest == "*" || (!rest.isEmpty && rest.allSatisfy(\.isNumber))
    }

    /// The pattern one matched object stands for in every run file: a `Run N` component matched by a
    /// wildcard becomes `Run *` again; every other component is the matched name (so `Muons/*` matched as
    /// `Muons/pt` monitors `Muons/pt` in each file).
    static func memberPattern(matched path: String, pattern: ROOTPathPattern) -> String {
        let parts = path.split(separator: "/").map(String.init)
        return zip(pattern.components, parts).map { component, name in
            component.isWildcard && isRunDirectory(name) ? "Run *" : name
        }.joined(separator: "/")
    }

    /// `text` (the source's `histogram`, or a member pattern) as a path pattern.
    func pattern(_ text: String) throws(InputError) -> ROOTPathPattern {
        do { return try ROOTPathPattern(text) } catch {
            throw InputError(file: input, message: "the histogram path '\(text)' names no object")
        }
    }

    /// Whether `input` names one file, not a directory or a glob: that file, given alone, is one run even when
    /// no run number can be found (`RunNumber.resolveAlone`). A directory or a glob that happens to hold one file
    /// follows the rules of a set of run files.
    var namesOneFile: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// The run files `input` names, sorted by path: the file itself, the `*.root` files of a directory (not its
    /// subdirectories), or the regular files a glob matches. Only names are listed; nothing is opened.
    func resolveFiles() throws(InputError) -> [String] {
        var isDirectory: ObjCBool = false
        let fm = FileManager.default
        if fm.fileExists(atPath: input, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { return [input] }
            let names = (try? fm.contentsOfDirectory(atPath: input)) ?? []
            let files = names.filter { $0.lowercased().hasSuffix(".root") }.sorted()
                .map { (input as NSString).appendingPathComponent($0) }
            guard !files.isEmpty else { throw InputError(file: input, message: "the directory holds no .root files") }
            return files
        }
        guard input.contains(where: { "*?[".contains($0) }) else {
            throw InputError(file: input, message: "no such file or directory")
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
        guard !files.isEmpty else { throw InputError(file: input, message: "no file matches the glob") }
        return files.sorted()
    }
}
