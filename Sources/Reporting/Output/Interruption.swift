import Foundation
import Inputs

/// Cleans up after SIGINT/SIGTERM: the staging directories of reports being written are removed and the
/// process exits with 128 + the signal number, leaving any previous report untouched. (SIGKILL cannot be
/// caught; its leftovers are hidden, and the next run removes them — see `OutputDirectory`.)
public enum Interruption {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    private static let lock = NSLock()
    nonisolated(unsafe) private static var staging: Set<String> = []

    /// Installs the handlers once, at the start of a command.
    public static func install() {
        lock.lock()
        defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                lock.lock()
                let paths = staging
                lock.unlock()
                for path in paths { try? FileManager.default.removeItem(atPath: path) }
                FileHandle.standardError.write(Data("interrupted: no report was written\n".utf8))
                exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }

    static func register(_ path: String) {
        lock.lock()
        staging.insert(path)
        lock.unlock()
    }

    static func unregister(_ path: String) {
        lock.lock()
        staging.remove(path)
        lock.unlock()
    }
}
