import Foundation
import Inputs

/// Writes a report into a hidden staging directory beside the destination and renames it into place
/// only when everything has been written, so a failed or killed run never leaves a half-written report
/// and never damages the previous one.
///
/// Replacing an existing report: the old directory is renamed aside, the new one renamed in, the old one
/// removed. Two runs racing for the same destination each do this as a whole, so the destination always
/// holds one complete report. Hidden files in the old directory (such as `.gitkeep`) are carried over.
/// A destination that exists but does not look like a report (non-empty, no `summary.json`) is refused
/// rather than replaced, so a mistyped `--output ~` loses nothing.
public final class OutputDirectory: @unchecked Sendable {
    public let destination: URL
    public let staging: URL
    private var committed = false
    private let fileManager = FileManager.default

    /// Creates the staging directory. Throws `ReportError.output` when the location is not writable.
    public init(destination: URL) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        let name = self.destination.lastPathComponent
        let token = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        staging = parent.appendingPathComponent(".\(name).partial-\(token)", isDirectory: true)
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: self.destination.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ReportError.output("output location \(self.destination.path) exists and is not a directory")
            }
            try OutputDirectory.checkReplaceable(self.destination)
        }
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            OutputDirectory.removeStaleLeftovers(in: parent, name: name)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            Interruption.register(staging.path)
        } catch {
            throw ReportError.output("cannot write the report to \(self.destination.path): \(OutputDirectory.reason(error))")
        }
    }

    deinit {
        if !committed { try? fileManager.removeItem(at: staging) }
        Interruption.unregister(staging.path)
    }

    /// Removes `.NAME.partial-PID-…` and `.NAME.old-PID-…` directories left by a process that no longer
    /// exists (a run killed with SIGKILL, a power cut). Those of live processes are left alone.
    static func removeStaleLeftovers(in parent: URL, name: String) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for entry in entries {
            for marker in [".\(name).partial-", ".\(name).old-"] where entry.hasPrefix(marker) {
                let rest = entry.dropFirst(marker.count)
                guard let pid = Int32(rest.prefix { $0 != "-" }), pid > 0 else { continue }
                if kill(pid, 0) != 0 && errno == ESRCH {
                    try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
                }
            }
        }
    }

    /// Writes `data` at `relativePath` inside the staging directory (sub-directories are created).
    public func write(_ data: Data, to relativePath: String) throws {
        precondition(!relativePath.hasPrefix("/") && !relativePath.split(separator: "/").contains(".."),
                     "report file paths are built from sanitised names")
        let url = staging.appendingPathComponent(relativePath)
        do {
            try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw ReportError.output("cannot write \(destination.appendingPathComponent(relativePath).path): \(OutputDirectory.reason(error))")
        }
    }

    public func write(_ text: String, to relativePath: String) throws {
        try write(Data(text.utf8), to: relativePath)
    }

    /// Moves the finished report into place.
    public func commit() throws {
        let parent = destination.deletingLastPathComponent()
        let old = parent.appendingPathComponent(".\(destination.lastPathComponent).old-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            if fileManager.fileExists(atPath: destination.path) {
                try OutputDirectory.checkReplaceable(destination)
                for hidden in (try? fileManager.contentsOfDirectory(atPath: destination.path)) ?? [] where hidden.hasPrefix(".") {
                    let target = staging.appendingPathComponent(hidden)
                    if !fileManager.fileExists(atPath: target.path) {
                        try? fileManager.copyItem(at: destination.appendingPathComponent(hidden), to: target)
                    }
                }
                try fileManager.moveItem(at: destination, to: old)
            }
            try fileManager.moveItem(at: staging, to: destination)
            committed = true
            try? fileManager.removeItem(at: old)
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError.output("cannot move the report into \(destination.path): \(OutputDirectory.reason(error))")
        }
    }

    /// A directory may be replaced when it is empty but for hidden files, or holds a previous report or part.
    static func checkReplaceable(_ directory: URL) throws {
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { !$0.hasPrefix(".") }
        if entries.isEmpty || entries.contains("summary.json") || entries.contains(PartManifest.fileName) { return }
        throw ReportError.output(
            "output directory \(directory.path) is not empty and holds no previous report (no summary.json); "
            + "refusing to replace it — choose another --output")
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let message = strerror(Int32(underlying.code)) {
            return String(cString: message)
        }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileWriteNoPermissionError: return "permission denied"
            case NSFileWriteOutOfSpaceError: return "no space left on device"
            case NSFileWriteVolumeReadOnlyError: return "read-only file system"
            default: break
            }
        }
        return ns.localizedDescription
    }
}

extension OutputDirectory {
    /// Writes `head`, then the bytes of each file in `files`, then `tail`, to `relativePath`, streaming the
    /// files so that none is held in memory longer than its own copy. Returns the size written.
    func writeConcatenation(head: String, files: [URL], tail: String, to relativePath: String) throws -> Int {
        let url = staging.appendingPathComponent(relativePath)
        let target = destination.appendingPathComponent(relativePath).path
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let out = FileHandle(forWritingAtPath: url.path) else {
            throw ReportError.output("cannot write \(target)")
        }
        defer { try? out.close() }
        var size = 0
        do {
            let headData = Data(head.utf8)
            try out.write(contentsOf: headData)
            size += headData.count
            for file in files {
                let data = try Data(contentsOf: file)
                try out.write(contentsOf: data)
                size += data.count
            }
            let tailData = Data(tail.utf8)
            try out.write(contentsOf: tailData)
            size += tailData.count
        } catch {
            throw ReportError.output("cannot write \(target): \(OutputDirectory.reason(error))")
        }
        return size
    }

    /// Where a self-contained report keeps an input's section until the overview gathers them.
    static func sectionPath(_ stem: String) -> String { ".sections/\(stem).html" }
}
