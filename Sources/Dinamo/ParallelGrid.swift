import Dispatch

/// Evaluation of independent grid points on the cores. Each point's value depends only on its index, and
/// results are stored by index, so the output is bit-identical to the serial loop whatever the scheduling.
enum ParallelGrid {
    /// `[body(0), body(1), …, body(count − 1)]`, computed concurrently when `parallel` (Dispatch
    /// `concurrentPerform`), serially otherwise. The first error thrown (by index) is rethrown.
    static func map<T: Sendable>(count: Int, parallel: Bool, _ body: @Sendable (Int) throws -> T) throws -> [T] {
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

    /// Distinct indices of one buffer, each written by exactly one iteration: no two threads touch the same slot.
    private struct Slots<T>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Result<T, Error>?>
    }
}
