import Foundation

/// Runs a command as a child process and reports its own wall time and peak memory (`wait4`'s rusage of that
/// child alone, so measurements of several commands in one bench do not mix).
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
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
        return ChildRun(seconds: seconds, peakMB: Double(usage.ru_maxrss) / 1024, status: exit)
    }
}
