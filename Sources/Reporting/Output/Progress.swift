import Foundation
import Inputs

/// Progress on standard error (SPEC §1): one line per step, or a line rewritten in place when stderr is a
/// terminal; nothing at all with `--quiet`. Results never go here, only to files.
public final class Progress: @unchecked Sendable {
    private let quiet: Bool
    private let interactive: Bool
    private let lock = NSLock()
    private let start = DispatchTime.now().uptimeNanoseconds

    public init(quiet: Bool) {
        self.quiet = quiet
        interactive = isatty(STDERR_FILENO) == 1
    }

    /// A finished step, on its own line, with the elapsed time.
    public func step(_ message: String) {
        guard !quiet else { return }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        emit(String(format: "[%6.2fs] ", elapsed) + message + "\n", clearLine: interactive)
    }

    /// A transient status (a terminal shows it in place; a log gets nothing, to stay readable).
    public func status(_ message: String) {
        guard !quiet, interactive else { return }
        emit("\r\u{1B}[2K" + message, clearLine: false)
    }

    /// A warning is printed even with `--quiet`.
    public func warning(_ message: String) {
        emit("warning: " + message + "\n", clearLine: interactive)
    }

    private func emit(_ text: String, clearLine: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let out = (clearLine ? "\r\u{1B}[2K" : "") + text
        FileHandle.standardError.write(Data(out.utf8))
    }
}
