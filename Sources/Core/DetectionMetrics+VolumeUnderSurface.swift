/// The range-based volume under the ROC and precision–recall surfaces (VUS-ROC, VUS-PR) of a score against
/// anomaly labels, as TSB-AD (Liu & Paparrizos, NeurIPS 2024) computes them in its version "opt".
public struct VolumeUnderSurface: Sendable, Hashable, Codable {
    /// VUS-PR: the range-based average precision averaged over buffer widths 0…`window`.
    public var pr: Double
    /// VUS-ROC: the range-based ROC AUC averaged over buffer widths 0…`window`.
    public var roc: Double
    /// The largest buffer width ℓ (TSB-AD's `slidingWindow`).
    public var window: Int

    public init(pr: Double, roc: Double, window: Int) {
        self.pr = pr
        self.roc = roc
        self.window = window
    }
}

extension DetectionMetrics {
    /// TSB-AD's VUS-PR and VUS-ROC (version "opt", `thresholds` thresholds, default 250).
    ///
    /// Thresholds: the scores sorted descending, s₍₀₎ ≥ s₍₁₎ ≥ …, taken at positions ⌊k(n−1)/(K−1)⌋,
    /// k = 0…K−1 (NumPy's `linspace(0, n−1, K).astype(int)`); a point is flagged at threshold θ when score ≥ θ.
    ///
    /// For each buffer width w = 0…ℓ (h = ⌊w/2⌋) every labelled segment [s, e] gets soft labels on both sides,
    /// √(1 − d/w) at distance d = 1…h (summed where buffers meet, then capped at 1). Buffered segments closer
    /// than their buffers are merged into "ranges". At a threshold, with F the flagged points and R the sum of
    /// the soft labels of the flagged buffer points (labelled points count 1):
    ///
    ///   TP = |F ∩ anomalies| + R,  P' = P + R/2,  recall = min(TP/P', 1),
    ///   TPR = recall · (ranges holding a flagged point)/(ranges),  FPR = (|F| − TP)/(n − P'),
    ///   precision = TP/|F|.
    ///
    /// The ROC area is the trapezoid over (0,0), the K points, (1,1); the PR area is Σ ΔTPR · precision.
    /// Both are averaged over the ℓ + 1 widths. Costs O(n log n + ℓ·(P + S·ℓ + K)) for P labelled points in S
    /// segments: the flagged sets are nested, so every sum over a flagged set is a prefix sum over the
    /// threshold index at which each point is first flagged.
    ///
    /// `nil` without both classes, for a negative window, fewer than two thresholds or a non-finite score.
    public static func volumeUnderSurface(scores: [Double], labels: [Bool], window: Int,
                                          thresholds: Int = 250) -> VolumeUnderSurface? {
        precondition(scores.count == labels.count, "scores and labels differ in length")
        let n = scores.count
        let positives = labels.lazy.filter { $0 }.count
        guard positives > 0, positives < n, window >= 0, thresholds >= 2,
              scores.allSatisfy({ $0.isFinite }) else { return nil }
        let K = thresholds
        let firstFlagged = firstFlaggedThreshold(scores: scores, thresholds: K)

        // Flag counts and labelled hits per threshold (independent of the buffer width).
        var flaggedCount = [Double](repeating: 0, count: K)
        var anomalyHits = [Double](repeating: 0, count: K)
        for i in 0..<n {
            flaggedCount[firstFlagged[i]] += 1
            if labels[i] { anomalyHits[firstFlagged[i]] += 1 }
        }
        for k in 1..<K {
            flaggedCount[k] += flaggedCount[k - 1]
            anomalyHits[k] += anomalyHits[k - 1]
        }

        let segs = segments(labels).map { (start: $0.lowerBound, end: $0.upperBound - 1) }
        let P = Double(positives)
        var soft = [Double](repeating: 0, count: n)
        var touched: [Int] = []
        var rampSum = [Double](repeating: 0, count: K)
        var rangeHits = [Double](repeating: 0, count: K)
        var tpr = [Double](repeating: 0, count: K)
        var fpr = [Double](repeating: 0, count: K)
        var precision = [Double](repeating: 0, count: K)
        var rocSum = 0.0, prSum = 0.0

        for w in 0...window {
            let h = w / 2
            // Soft labels of the buffers, accumulated in TSB-AD's order and capped at 1.
            for i in touched { soft[i] = 0 }
            touched.removeAll(keepingCapacity: true)
            if h > 0 {
                for seg in segs {
                    for x in (seg.end + 1)..<min(seg.end + h + 1, n) {
                        if soft[x] == 0 { touched.append(x) }
                        soft[x] += (1 - Double(x - seg.end) / Double(w)).squareRoot()
                    }
                    for x in max(seg.start - h, 0)..<seg.start {
                        if soft[x] == 0 { touched.append(x) }
                        soft[x] += (1 - Double(seg.start - x) / Double(w)).squareRoot()
                    }
                }
            }
            for k in 0..<K { rampSum[k] = 0; rangeHits[k] = 0 }
            for x in touched where !labels[x] { rampSum[firstFlagged[x]] += min(soft[x], 1) }

            // Ranges: buffered segments merged where their buffers meet; a range counts once it holds a flag.
            let ranges = mergedRanges(segs, halfWidth: h, count: n)
            for r in ranges {
                var earliest = K - 1
                for x in r.start...r.end where firstFlagged[x] < earliest { earliest = firstFlagged[x] }
                rangeHits[earliest] += 1
            }
            for k in 1..<K {
                rampSum[k] += rampSum[k - 1]
                rangeHits[k] += rangeHits[k - 1]
            }

            let rangeCount = Double(ranges.count)
            for k in 0..<K {
                let tp = anomalyHits[k] + rampSum[k]
                let labelled = P + rampSum[k]
                let pPrime = (P + labelled) / 2
                let recall = min(tp / pPrime, 1)
                tpr[k] = recall * (rangeHits[k] / rangeCount)
                fpr[k] = (flaggedCount[k] - tp) / (Double(n) - pPrime)
                precision[k] = tp / flaggedCount[k]
            }
            var roc = 0.0, pr = 0.0
            var prevX = 0.0, prevY = 0.0
            for k in 0..<K {
                roc += (fpr[k] - prevX) * (tpr[k] + prevY) / 2
                pr += (tpr[k] - prevY) * precision[k]
                prevX = fpr[k]; prevY = tpr[k]
            }
            roc += (1 - prevX) * (1 + prevY) / 2
            rocSum += roc
            prSum += pr
        }
        let widths = Double(window + 1)
        return VolumeUnderSurface(pr: prSum / widths, roc: rocSum / widths, window: window)
    }

    /// For each point, the index k of the first threshold θₖ (descending, positions ⌊k(n−1)/(K−1)⌋ of the
    /// descending scores) with score ≥ θₖ; every point is flagged at the last, the smallest score.
    static func firstFlaggedThreshold(scores: [Double], thresholds K: Int) -> [Int] {
        let n = scores.count
        let descending = scores.sorted(by: >)
        let step = Double(n - 1) / Double(K - 1)
        var theta = [Double](repeating: 0, count: K)
        for k in 0..<K {
            let position = k == K - 1 ? n - 1 : Int(Double(k) * step)
            theta[k] = descending[position]
        }
        // θ is non-increasing: binary search for the first θₖ ≤ score.
        return scores.map { s in
            var lo = 0, hi = K - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if theta[mid] <= s { hi = mid } else { lo = mid + 1 }
            }
            return lo
        }
    }

    /// Segments [start, end] widened by `halfWidth` on each side (clipped to the series) and merged where
    /// the widened segments meet: TSB-AD's `new_sequence`.
    static func mergedRanges(_ segs: [(start: Int, end: Int)], halfWidth h: Int,
                             count n: Int) -> [(start: Int, end: Int)] {
        guard let first = segs.first, let last = segs.last else { return [] }
        var out: [(start: Int, end: Int)] = []
        var a = max(first.start - h, 0)
        for i in 0..<(segs.count - 1) where segs[i].end + h < segs[i + 1].start - h {
            out.append((a, segs[i].end + h))
            a = segs[i + 1].start - h
        }
        out.append((a, min(last.end + h, n - 1)))
        return out
    }
}
