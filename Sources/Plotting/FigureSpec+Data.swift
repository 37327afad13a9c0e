import Foundation

/// The numbers written beside a figure, column by column, exactly as their files read back (an empty CSV cell
/// is NaN): what a figure spec may point into instead of repeating them. The columns of the figure's CSV
/// (`data/<id>.csv`), and any whole arrays kept beside it (`data/<id>-<name>.npy`, named `<name>.npy` here).
///
/// A report writes each figure's numbers twice over if its spec keeps them too: the CSV beside the figure
/// already holds most of what the marks draw. Given the columns, `FigureSpec.encoded(data:)` writes a mark's
/// array as a *column reference* when a column holds it exactly (the same doubles, bit for bit; NaN for NaN),
/// and `FigureSpec(decoding:data:)` reads the numbers back from the columns:
///
/// ```swift
/// var table = FigureData()
/// try table.add(column: "score", values: [0.5, 1.25, .nan, 2])
/// let json = try FigureSpec(figure: fig).encoded(data: table)        // "y":{"csv":[["score",0,1,4]]}
/// let again = try FigureSpec(decoding: json, data: table).figure      // the same doubles, the same drawing
/// ```
///
/// Only what a file gives back exactly is referred to: a value the CSV cannot hold (±∞, written as an empty
/// cell that reads back as NaN) keeps the whole array inline.
public struct FigureData: Sendable, Equatable {
    /// Column names, in the order they were added (the CSV's, then the arrays').
    public private(set) var names: [String] = []
    /// The columns' values, in `names` order; each column has its own length.
    public private(set) var columns: [[Double]] = []

    public init() {}

    /// Adds a column. Throws when a column of that name is already there: a reference names its column.
    public mutating func add(column name: String, values: [Double]) throws(FigureSpecError) {
        guard !names.contains(name) else { throw .data("two columns are named \(name)") }
        names.append(name)
        columns.append(values)
    }

    /// The values of the column of that name, or nil.
    public func column(named name: String) -> [Double]? {
        names.firstIndex(of: name).map { columns[$0] }
    }
}

/// One stretch of an array read from a data column: `count` values at rows `start`, `start + step`, …
/// A spec writes it as `[column, start, step, count]`.
struct ColumnRun: Sendable, Hashable {
    var column: String
    var start: Int
    var step: Int
    var count: Int

    /// The row of the run's last value.
    var last: Int { start + (count - 1) * step }
}

/// A part of a referenced array: a run of a column, or a value no column holds, written as itself (a number,
/// or `"nan"`, `"inf"`, `"-inf"`) — the last edge of a heat map, say, one past the table's last bin. An array
/// is its segments' values in order.
enum ColumnSegment: Sendable, Hashable {
    case run(ColumnRun)
    case value(Double)

    var count: Int {
        switch self { case .run(let r): r.count; case .value: 1 }
    }
}

/// Finds, for each array a spec is about to write, runs of the data columns that hold exactly that array.
///
/// An array is matched greedily, stretch by stretch: at each position the longest run of rows in arithmetic
/// progression holding the next values is taken. Candidates are tried in a fixed order — first the layouts a
/// figure's arrays usually have in its table (the next heat-map row, one table row below where the previous
/// run or array started, in a table of one row per cell; or the next block right after the previous array);
/// then the first few rows where the value occurs, each with step 1, the step `stride` suggests, and the steps
/// to the first few rows holding the next value — so the same figure always gives the same references. Every
/// candidate is checked value by value, so a reference always reads back the array it replaces. A value no
/// column holds is written as itself. The segments are used only when they take fewer bytes than the numbers.
///
/// One matcher serves one spec (it remembers the previous array); it is not shared between threads.
final class FigureDataMatcher: @unchecked Sendable {
    let data: FigureData
    /// Per column, where each value occurs, built when a value is first looked up in it.
    private var indexes: [ColumnIndex?]
    /// The columns any reference used, for the spec's header.
    private(set) var usedColumns: Set<String> = []
    /// The first and last runs of the array matched before, to guess where the next one starts.
    private var previous: (first: ColumnRun, last: ColumnRun)?

    /// Arrays shorter than this are always written inline: a reference takes about as many bytes.
    static let minimumLength = 4
    /// How many rows holding a value are tried as a run's start, and as its second value.
    static let candidates = 6

    init(_ data: FigureData) {
        self.data = data
        indexes = Array(repeating: nil, count: data.columns.count)
    }

    /// Whether two doubles are the same as far as a reference is concerned: the same bits, or both NaN.
    @inline(__always) static func same(_ a: Double, _ b: Double) -> Bool {
        a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
    }

    /// The segments that hold `array` exactly — runs of columns, and the values no column holds — when writing
    /// them is shorter than writing the numbers; else nil. `stride` is a step the array's values likely lie
    /// apart in the table, tried early: a heat-map row's values are as many table rows apart as the map has
    /// rows when the table has one row per cell, x outermost.
    func segments(for array: [Double], stride: Int? = nil) -> [ColumnSegment]? {
        guard array.count >= Self.minimumLength, !data.columns.isEmpty else { return nil }
        var found: [ColumnSegment] = []
        var lastRun: Run?
        var k = 0, literals = 0
        while k < array.count {
            if let run = longestRun(array, from: k, after: lastRun, stride: stride) {
                found.append(.run(ColumnRun(column: data.names[run.column], start: run.start,
                                            step: run.count == 1 ? 1 : run.step, count: run.count)))
                lastRun = run
                k += run.count
            } else {
                // A value no column holds: written as itself, when such values are few (an array of them is
                // better written inline).
                literals += 1
                if literals > 1 + array.count / 32 { return nil }
                found.append(.value(array[k]))
                k += 1
            }
            // A reference of many one-value segments is longer than the numbers: give up early.
            if found.count > array.count / 3 + 1 { return nil }
        }
        let runs = found.compactMap { if case .run(let r) = $0 { r } else { nil } }
        guard let first = runs.first, let last = runs.last, Self.shorter(found, than: array) else { return nil }
        previous = (first, last)
        for r in runs { usedColumns.insert(r.column) }
        return found
    }

    private typealias Run = (column: Int, start: Int, step: Int, count: Int)

    /// The longest run holding `array[k...]` from its start, tried in the fixed candidate order.
    private func longestRun(_ array: [Double], from k: Int, after last: Run?, stride: Int?) -> Run? {
        let remaining = array.count - k
        var best: Run?
        /// Tries a run at `start` with `step`; true when it holds everything left (nothing can beat it).
        func consider(_ c: Int, _ start: Int, _ step: Int) -> Bool {
            let col = data.columns[c]
            guard step > 0, start >= 0, start < col.count else { return false }
            var n = 0, row = start
            while n < remaining, row < col.count, Self.same(col[row], array[k + n]) { n += 1; row += step }
            if n > (best?.count ?? 0) { best = (c, start, step, n) }
            return n == remaining
        }
        if let last {
            // The next row of a heat map written as one array, in a table of one row per cell, x outermost.
            if consider(last.column, last.start + 1, last.step) { return best }
        } else if let previous, let c = data.names.firstIndex(of: previous.first.column) {
            // The next row of a heat map stored one cell per table row (x outermost), or the next block.
            if consider(c, previous.first.start + 1, previous.first.step) { return best }
            if let l = data.names.firstIndex(of: previous.last.column),
               consider(l, previous.last.last + 1, 1) { return best }
        }
        let value = array[k], next = k + 1 < array.count ? array[k + 1] : nil
        let after = last.map { $0.start + ($0.count - 1) * $0.step + 1 } ?? 0
        for c in data.columns.indices {
            let index = index(c)
            var starts = index.rows(of: value, from: after, limit: Self.candidates)
            if after > 0 {
                for r in index.rows(of: value, from: 0, limit: Self.candidates) where !starts.contains(r) { starts.append(r) }
            }
            for start in starts {
                var steps = [1]
                if let stride, stride > 1 { steps.append(stride) }
                if let last, !steps.contains(last.step) { steps.append(last.step) }
                if let next {
                    for r in index.rows(of: next, from: start + 1, limit: Self.candidates) where !steps.contains(r - start) {
                        steps.append(r - start)
                    }
                }
                for step in steps where consider(c, start, step) { return best }
            }
        }
        return best
    }

    private func index(_ c: Int) -> ColumnIndex {
        if let index = indexes[c] { return index }
        let index = ColumnIndex(data.columns[c])
        indexes[c] = index
        return index
    }

    /// About how many bytes a reference takes in the spec: `{"csv":[["name",start,step,count],…,value,…]}`.
    static func encodedLength(_ segments: [ColumnSegment]) -> Int {
        func digits(_ n: Int) -> Int { String(n).utf8.count }
        return 9 + segments.reduce(0) { total, segment in
            switch segment {
            case .run(let r): total + r.column.utf8.count + 8 + digits(r.start) + digits(r.step) + digits(r.count)
            case .value(let x): total + encodedLength(x)
            }
        }
    }

    /// Whether `segments` are shorter written than `array`'s numbers. Every number takes at least two bytes with
    /// its comma, so a reference shorter than that wins without formatting the numbers to count them.
    static func shorter(_ segments: [ColumnSegment], than array: [Double]) -> Bool {
        let length = encodedLength(segments)
        return length < 2 * array.count || length < encodedLength(array)
    }

    /// About how many bytes the numbers take written inline, as JSONEncoder writes them.
    static func encodedLength(_ array: [Double]) -> Int {
        2 + array.reduce(0) { $0 + encodedLength($1) }
    }

    /// About how many bytes one number takes with its comma.
    static func encodedLength(_ x: Double) -> Int {
        if !x.isFinite { return 6 }
        if x == x.rounded(), abs(x) < 1e15 { return 1 + String(Int(x)).utf8.count }
        return 1 + x.description.utf8.count
    }
}

/// Where each value occurs in a column: an open-addressing table from a value (its bits; every NaN as one
/// value) to the first row holding it, and for each row the next row holding the same value. Built in one
/// pass, O(rows), so looking a value up in a large table costs little more than reading it. The table keeps
/// rows only, comparing values through the column itself: 4 bytes a slot, 8 bytes a row in all.
private struct ColumnIndex {
    private let column: [Double]
    private let heads: [Int32]
    private let nextRow: [Int32]
    private let mask: Int

    /// How many rows of one value a lookup walks past at most looking for one at or after `from`.
    static let walk = 256

    init(_ column: [Double]) {
        var capacity = 16
        while capacity < column.count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        var heads = [Int32](repeating: -1, count: capacity)
        var nextRow = [Int32](repeating: -1, count: column.count)
        column.withUnsafeBufferPointer { column in
            heads.withUnsafeMutableBufferPointer { heads in
                nextRow.withUnsafeMutableBufferPointer { nextRow in
                    for row in column.indices.reversed() {
                        let key = Self.key(column[row])
                        var slot = Self.hash(key) & mask
                        while heads[slot] >= 0 && Self.key(column[Int(heads[slot])]) != key { slot = (slot + 1) & mask }
                        nextRow[row] = heads[slot]
                        heads[slot] = Int32(row)
                    }
                }
            }
        }
        self.column = column
        self.mask = mask
        self.heads = heads
        self.nextRow = nextRow
    }

    static func key(_ x: Double) -> UInt64 { x.isNaN ? Double.nan.bitPattern : x.bitPattern }
    static func hash(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) }

    /// Up to `limit` rows at or after `from` holding `value`, in row order.
    func rows(of value: Double, from: Int, limit: Int) -> [Int] {
        let key = Self.key(value)
        var slot = Self.hash(key) & mask
        while heads[slot] >= 0 && Self.key(column[Int(heads[slot])]) != key { slot = (slot + 1) & mask }
        var row = Int(heads[slot]), walked = 0
        var out: [Int] = []
        while row >= 0, out.count < limit, walked < Self.walk {
            if row >= from { out.append(row) } else { walked += 1 }
            row = Int(nextRow[row])
        }
        return out
    }
}
