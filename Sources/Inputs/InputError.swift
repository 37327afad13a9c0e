import Foundation

/// Where in a user's file something went wrong.
public enum InputLocation: Sendable, Equatable {
    /// A 1-based line number as an editor shows it (the header is line 1).
    case line(Int)
    /// A JSON key path such as `dinamo[2].alpha` or `runs[3][7]`.
    case keyPath(String)
}

/// The one error every input reader throws: the file, where in it, and what is wrong.
///
/// `description` reads like `runs.csv, line 17: expected 100 bin counts, found 99`, so the
/// command line can print it as it is and exit with code 2.
public struct InputError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file as the user named it (path as given).
    public var file: String
    /// The line or key path, when the problem has one.
    public var location: InputLocation?
    /// What is wrong, in words a user can act on.
    public var message: String

    public init(file: String, location: InputLocation? = nil, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    public init(file: String, line: Int, _ message: String) {
        self.init(file: file, location: .line(line), message: message)
    }

    public init(file: String, keyPath: String, _ message: String) {
        self.init(file: file, location: keyPath.isEmpty ? nil : .keyPath(keyPath), message: message)
    }

    /// The 1-based line number, when the location is a line.
    public var line: Int? {
        if case .line(let n) = location { return n }
        return nil
    }

    /// The key path, when the location is one.
    public var keyPath: String? {
        if case .keyPath(let p) = location { return p }
        return nil
    }

    /// The file as printed: its last path component (`runs.csv`), or a glob whole (`runs/*.root` names
    /// run files by pattern; its last component alone would not say where they were looked for).
    var shownFile: String {
        let name = (file as NSString).lastPathComponent
        return name.contains(where: { "*?[".contains($0) }) ? file : name
    }

    public var description: String {
        let name = shownFile
        switch location {
        case .none: return "\(name): \(message)"
        case .line(let n): return "\(name), line \(n): \(message)"
        case .keyPath(let p): return "\(name), \(p): \(message)"
        }
    }
}

/// Size limits that protect the tool from files it should not try to load.
public struct InputLimits: Sendable, Equatable {
    /// Largest file accepted, in bytes (default 2 GiB).
    public var maxFileBytes: Int
    /// Longest single line of a CSV file, in bytes (default 16 MiB). JSON has no line limit: exports are
    /// often minified onto one line; `maxJSONBytes` bounds it instead.
    public var maxLineBytes: Int
    /// Largest JSON file accepted, in bytes (default 256 MiB). JSON is parsed whole into a tree several times
    /// its size, so it gets a lower limit than streamed CSV (a 5000-run × 100-bin histogram file is about 4 MB).
    public var maxJSONBytes: Int
    /// Deepest JSON nesting accepted (default 64).
    public var maxJSONDepth: Int

    public init(maxFileBytes: Int = 2 << 30, maxLineBytes: Int = 16 << 20, maxJSONBytes: Int = 256 << 20,
                maxJSONDepth: Int = 64) {
        self.maxFileBytes = maxFileBytes
        self.maxLineBytes = maxLineBytes
        self.maxJSONBytes = maxJSONBytes
        self.maxJSONDepth = maxJSONDepth
    }

    public static let `default` = InputLimits()
}

/// The display name of an input: the user's `--name` when given, else the file name without directory.
public func displayName(for path: String, name: String?) -> String {
    if let name, !name.trimmingCharacters(in: .whitespaces).isEmpty { return name }
    return (path as NSString).lastPathComponent
}

/// Checks the file exists, is a regular file, and is within `maxBytes`, without reading it.
func checkedFileSize(_ path: String, maxBytes: Int, kind: String = "") throws(InputError) -> Int {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
        throw InputError(file: path, message: "file not found")
    }
    if isDir.boolValue { throw InputError(file: path, message: "is a directory, expected a file") }
    let attrs = try? FileManager.default.attributesOfItem(atPath: path)
    let size = (attrs?[.size] as? NSNumber)?.intValue ?? 0
    if size > maxBytes {
        throw InputError(file: path, message: "file is \(size) bytes, larger than the limit of \(maxBytes) bytes\(kind)")
    }
    if size == 0 { throw InputError(file: path, message: "file is empty") }
    return size
}
