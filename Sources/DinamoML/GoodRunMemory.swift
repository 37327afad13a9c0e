/// The good runs a DINAMO-ML monitor has learned from (histograms normalised to unity, with their run index as
/// time), and the published context of a run built from them (`_build_context_tensor`):
///
/// the last M good runs *before* time t, oldest first, each with its time relative to t (negative); when fewer
/// than M exist, the missing ones are padding at the front with x = 0.01 in every bin and t = −100 (and with none
/// at all, the whole context is padding).
///
/// Only the last K + M good runs can enter a context again (a training step uses the contexts of the last K), so
/// older ones are dropped.
struct GoodRunMemory {
    let bins: Int
    let context: Int
    let capacity: Int
    private(set) var runs: [(x: [Float], time: Int)] = []

    init(bins: Int, context: Int, trainingRuns: Int) {
        self.bins = bins
        self.context = context
        capacity = trainingRuns + context
    }

    /// Padding's value in every bin and its relative time.
    static let paddingValue: Float = 0.01
    static let paddingTime: Float = -100

    mutating func append(_ x: [Float], time: Int) {
        precondition(x.count == bins)
        runs.append((x, time))
        if runs.count > 2 * capacity { runs.removeFirst(runs.count - capacity) }
    }

    var count: Int { runs.count }

    /// Writes the context of a run at `time` into `x` (context × bins) and `t` (context): returns how many of the
    /// tokens are real runs (the rest, at the front, are padding).
    @discardableResult
    func writeContext(before time: Int, x: UnsafeMutablePointer<Float>, t: UnsafeMutablePointer<Float>) -> Int {
        // The most recent good runs before `time`, newest first.
        var chosen: [Int] = []
        var i = runs.count - 1
        while i >= 0 && chosen.count < context {
            if runs[i].time < time { chosen.append(i) }
            i -= 1
        }
        let padding = context - chosen.count
        for j in 0..<padding {
            (x + j * bins).update(repeating: GoodRunMemory.paddingValue, count: bins)
            t[j] = GoodRunMemory.paddingTime
        }
        for (k, index) in chosen.reversed().enumerated() {
            let j = padding + k
            runs[index].x.withUnsafeBufferPointer { (x + j * bins).update(from: $0.baseAddress!, count: bins) }
            t[j] = Float(runs[index].time - time)
        }
        return chosen.count
    }
}
