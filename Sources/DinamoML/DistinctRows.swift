/// The distinct rows of a matrix and, for each row, which distinct row it is — so that a layer applied row by row
/// runs once per distinct row.
///
/// The embeddings of a training step see K·M = 200 context tokens, but the K contexts are windows over the same
/// few dozen good runs (and the padding token repeats), and the relative times repeat too: the x-embedding runs on
/// about 30 distinct histograms, the t-embedding on about 30 distinct times, and their gradients are summed per
/// distinct row before going back through them. Rows are equal when their bits are equal. An open-addressing table
/// sized once (no allocation per step or per row).
final class DistinctRows {
    let capacity: Int
    /// For each row of the last `build`, the index of its distinct row.
    let map: UnsafeMutablePointer<Int>
    private let table: UnsafeMutablePointer<Int>
    private let tableMask: Int

    init(capacity: Int) {
        self.capacity = capacity
        map = .allocate(capacity: capacity)
        var size = 1
        while size < 2 * capacity { size <<= 1 }
        table = .allocate(capacity: size)
        tableMask = size - 1
    }

    deinit {
        map.deallocate()
        table.deallocate()
    }

    /// Copies the distinct rows of `source` (`rows` × `width`) into `unique` in order of first appearance, fills
    /// `map`, and returns how many there are.
    func build(rows: Int, width: Int, source: UnsafePointer<Float>, unique: UnsafeMutablePointer<Float>) -> Int {
        precondition(rows <= capacity)
        table.update(repeating: -1, count: tableMask + 1)
        var count = 0
        for r in 0..<rows {
            let row = source + r * width
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            UnsafeRawPointer(row).withMemoryRebound(to: UInt32.self, capacity: width) { words in
                for i in 0..<width { hash = (hash ^ UInt64(words[i])) &* 0x0000_0100_0000_01B3 }
            }
            var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & tableMask
            while true {
                let found = table[slot]
                if found < 0 {
                    (unique + count * width).update(from: row, count: width)
                    table[slot] = count
                    map[r] = count
                    count += 1
                    break
                }
                if sameBits(unique + found * width, row, count: width) {
                    map[r] = found
                    break
                }
                slot = (slot + 1) & tableMask
            }
        }
        return count
    }
}
