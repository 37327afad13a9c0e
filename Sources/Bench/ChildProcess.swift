import Foundation

/// Runs a command as a child process and reports its own wall time and peak memory: the high-water mark
/// (`VmHWM`) of its address space, read from /proc while it runs, so measurements of several commands in one
/// bench do not mix. (`wait4`'s `ru_maxrss` would also fold in the bench's own high-water mark, which the kernel
/// carries into a child at exec.)
struct ChildRun {
    var seconds: Double
    var peakMB: Double
    var status: Int32

    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) -> ChildRun {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pid: pid_t = 0
        let t0 = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else {
            return ChildRun(seconds: 0, peakMB: 0, status: -1)
        }
        var status: Int32 = 0
        var peakKB = 0.0
        while true {
            if let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
               let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kb = Double(line.split(separator: " ").dropFirst().first ?? "") {
                peakKB = max(peakKB, kb)
            }
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r < 0 && errno != EINTR) { break }
            usleep(2000)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
        return ChildRun(seconds: seconds, peakMB: peakKB / 1024, status: exit)
    }
}
