import Foundation

/// The CPU clock of the calling thread, which times one approach or one analysis by its own cost: a synchronous
/// computation stays on one thread, so the difference of two readings around it excludes whatever else runs
/// on the other cores at the same time (the wall clock of a group of concurrent approaches would not).
public enum ThreadClock {
    /// CPU seconds consumed so far by the calling thread (`CLOCK_THREAD_CPUTIME_ID`).
    public static func seconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}
