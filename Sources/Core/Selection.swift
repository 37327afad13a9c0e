/// Order statistics without sorting: Hoare's selection (quickselect) in place, O(n) on average.
///
/// The medians of the Jaccard bands (a column of good runs per bin, regime and α of the metrics-vs-α scan) took a
/// large share of the scan while each column was sorted; selecting the middle element instead removed it
/// (measured: docs/performance.md). The value returned is the same as after a sort (selection only moves values;
/// nothing is computed), so the medians are bit-identical.
public enum Selection {
    /// Rearranges `a` so that `a[k]` holds the value a sort would put there, everything before it ≤ it and
    /// everything after it ≥ it; returns `a[k]`. Values must not be NaN. Pivot: the median of first, middle
    /// and last, so sorted and reversed inputs stay linear.
    @discardableResult
    public static func select(_ a: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
        precondition(k >= 0 && k < a.count, "select: index \(k) outside 0..<\(a.count)")
        var lo = 0, hi = a.count - 1
        while hi > lo {
            if hi - lo < 16 {   // short ranges: insertion sort
                for i in (lo + 1)...hi {
                    let v = a[i]
                    var j = i
                    while j > lo && a[j - 1] > v { a[j] = a[j - 1]; j -= 1 }
                    a[j] = v
                }
                break
            }
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[mid] { a.swapAt(hi, mid) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            // Now a[lo...j] ≤ pivot ≤ a[i...hi], and lo...j, j+1..<i, i...hi partition the range.
            if k <= j { hi = j } else if k >= i { lo = i } else { break }
        }
        return a[k]
    }

    /// The median of `a` (mean of the two middle values for an even count, as numpy's `median`), rearranging
    /// `a` in place; nil when empty.
    public static func median(_ a: UnsafeMutableBufferPointer<Double>) -> Double? {
        let n = a.count
        guard n > 0 else { return nil }
        let upper = select(a, n / 2)
        guard n % 2 == 0 else { return upper }
        var lower = a[0]   // the largest of the lower half, which `select` left before n/2
        for i in 1..<(n / 2) where a[i] > lower { lower = a[i] }
        return (lower + upper) / 2
    }
}
