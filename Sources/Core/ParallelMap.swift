import Dispatch

/// Evaluation of independent items on the cores. Each item's value depends only on its index and is stored in
/// its own preallocated slot, so the output is the same as the serial loop's, bit for bit, whatever the
/// scheduling; no lock is taken.
public enum ParallelMap {
    /// `[body(0), body(1), …, body(count − 1)]`, computed concurrently when `parallel` (Dispatch
    /// `concurrentPerform`), serially otherwise. The error of the lowest index that threw is rethrown (in
    /// parallel, after every item ran), so which error is reported does not depend on thread timing.
    public static func map<T: Sendable>(count: Int, parallel: Bool, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        guard parallel, count > 1 else { return try (0..<count).map(body) }
        var results = [Result<T, Error>?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { out in
            let slots = Slots(buffer: out)
            DispatchQueue.concurrentPerform(iterations: count) { i in
                slots.buffer[i] = Result { try body(i) }
            }
        }
        return try results.map { try $0!.get() }
    }

    /// `[body(0), …, body(count − 1)]` for a body that cannot throw (one that returns its failure as a value).
    public static func map<T: Sendable>(count: Int, parallel: Bool, _ body: @Sendable (Int) -> T) -> [T] {
        let results = try? map(count: count, parallel: parallel) { i throws -> T in body(i) }
        return results!
    }

    /// Distinct indices of one buffer, each written by exactly one iteration: no two threads touch the same slot.
    private struct Slots<T>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Result<T, Error>?>
    }
}
