import Foundation

/// Progress on standard error: one line per finished input with inputs done of total, the ones
/// still running and an estimate of the time left; nothing at all with `--quiet` (warnings excepted).
/// Results never go here, only to files.
public final class Progress: @unchecked Sendable {
    private let quiet: Bool
    private let lock = NSLock()
    private let start = DispatchTime.now().uptimeNanoseconds
    private var total = 0
    private var done = 0
    private var running: [Int: String] = [:]

    public init(quiet: Bool) {
        self.quiet = quiet
    }

    private var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    /// A step of its own, with the elapsed time.
    public func step(_ message: String) {
        guard !quiet else { return }
        emit(String(format: "[%6.2fs] ", elapsed) + message + "\n")
    }

    /// A warning is printed even with `--quiet`.
    public func warning(_ message: String) {
        emit("warning: " + message + "\n")
    }

    /// The number of inputs the run will process.
    func begin(total: Int) {
        lock.lock(); self.total = total; lock.unlock()
    }

    func started(_ key: Int, name: String) {
        lock.lock(); running[key] = name; lock.unlock()
    }

    /// An input finished: `[  12.30s] 5/60 jets-pt: 3 of 200 runs flagged · running: a, b · about 40 s left`.
    func finished(_ key: Int, _ message: String) {
        lock.lock()
        running[key] = nil
        done += 1
        let (d, n) = (done, total)
        let others = running.sorted { $0.key < $1.key }.map(\.value)
        lock.unlock()
        guard !quiet else { return }
        var line = String(format: "[%6.2fs] ", elapsed) + "\(d)/\(n) " + message
        if !others.isEmpty {
            line += " · running: " + others.prefix(4).joined(separator: ", ") + (others.count > 4 ? ", …" : "")
        }
        if d < n, d > 0 {
            let left = elapsed / Double(d) * Double(n - d)
            line += " · about " + Self.duration(left) + " left"
        }
        emit(line + "\n")
    }

    static func duration(_ s: Double) -> String {
        if s < 60 { return "\(Int(s.rounded(.up))) s" }
        if s < 3600 { return "\(Int((s / 60).rounded())) min" }
        return String(format: "%.1f h", s / 3600)
    }

    private func emit(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
