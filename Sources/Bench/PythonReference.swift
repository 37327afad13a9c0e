import Foundation

/// One run of a Python reference script of `Reference/` (the published code's formulas, PyTorch, numpy) on the
/// same data as ours: its output, standard output and error together, and whether it exited 0. A script reports
/// its numbers as `key=value` pairs on its last line.
struct PythonReference {
    var output: String
    var succeeded: Bool

    /// Runs `python3 Reference/<script> <arguments>`; nil when python3 cannot be started.
    static func run(_ script: String, _ arguments: [String]) -> PythonReference? {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Reference/\(script)").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", path] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        do { try p.run() } catch { return nil }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return PythonReference(output: text, succeeded: p.terminationStatus == 0)
    }

    /// The `key=value` numbers of the last line of the output.
    var fields: [String: Double] {
        var fields: [String: Double] = [:]
        for kv in (output.split(separator: "\n").last ?? "").split(separator: " ") {
            let parts = kv.split(separator: "=")
            if parts.count == 2, fields[String(parts[0])] == nil, let v = Double(parts[1]) { fields[String(parts[0])] = v }
        }
        return fields
    }

    /// The output for a "skipped" message, trimmed to its end.
    var tail: String { String(output.trimmingCharacters(in: .whitespacesAndNewlines).suffix(300)) }
}
