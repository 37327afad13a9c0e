import Core

/// The Jaccard distance between the reference band and the spread of the good runs, in z-score-aligned
/// coordinates, as the DINAMO paper computes it (`jaccard_distance_evaluation` and `z_score_transform` of the
/// DINAMO repository), for one regime (a set of good runs).
///
/// Each good run i has a true Gaussian (μ_i, σ_i). Its bin centres c_b map to z_b = (c_b − μ_i)/σ_i, and a
/// normalised histogram h (bin width Δ) becomes the density of z, f_b = h_b / (z_1 − z_0) · Δ = h_b · σ_i.
/// f is interpolated linearly at z = c_1 … c_B (the bin centres read as z values; ends held), which aligns all
/// runs on one standard shape whatever their μ and σ. Then, per aligned bin:
/// - the good runs' band: median_i f(x_i) ± standard deviation_i f(x_i) (population, ddof 0);
/// - the reference band: median_i f(μ before run i) ± mean_i f(σ_μ before run i);
/// and the distance is `BandOverlap.jaccardDistance` of the two bands (0 = identical, 1 = disjoint).
public struct ReferenceBandJaccard: Sendable, Equatable {
    /// The good runs' band centre and half-width per aligned bin.
    public var runCentre: [Double]
    public var runHalfWidth: [Double]
    /// The reference band centre and half-width per aligned bin.
    public var referenceCentre: [Double]
    public var referenceHalfWidth: [Double]
    public var distance: Double

    /// The good runs' band of one regime, centre (median) and half-width (standard deviation) per aligned bin.
    /// It does not depend on α: a scan over α computes it once per regime.
    public struct RunBand: Sendable, Equatable {
        public var centre: [Double]
        public var halfWidth: [Double]
    }

    /// Where each aligned bin of each good run reads that run's histogram: the interpolation points
    /// (`BandOverlap.InterpolationPoint`) of the bin centres among the run's z values, which depend only on the
    /// bin centres and the runs' true (μ, σ), not on α, so a scan over α computes them once per regime.
    /// Entry i · B + b is aligned bin b of `runs[i]`; evaluated with `BandOverlap`'s own arithmetic, so the same
    /// bits as interpolating each run afresh.
    public struct Alignment: Sendable {
        let runs: [Int]
        let bins: Int
        /// Per run: f_b = h_b · scale, scale = Δ/(z_1 − z_0).
        let scale: [Double]
        let points: [BandOverlap.InterpolationPoint]

        public init?(binCentres: [Double], runs: [Int], mu: [Double], sigma: [Double]) {
            let B = binCentres.count, n = runs.count
            guard n > 0, B >= 2 else { return nil }
            let width = binCentres[1] - binCentres[0]
            var scale = [Double](repeating: 0, count: n)
            var points = [BandOverlap.InterpolationPoint](repeating: .init(segment: -1, offset: 0, span: 0), count: n * B)
            var z = [Double](repeating: 0, count: B)
            binCentres.withUnsafeBufferPointer { centres in
                points.withUnsafeMutableBufferPointer { all in
                    for (i, r) in runs.enumerated() {
                        for b in 0..<B { z[b] = (centres[b] - mu[r]) / sigma[r] }
                        scale[i] = width / (z[1] - z[0])
                        z.withUnsafeBufferPointer { zs in
                            BandOverlap.interpolationPoints(xs: zs, at: centres,
                                                            into: UnsafeMutableBufferPointer(rebasing: all[(i * B)..<((i + 1) * B)]))
                        }
                    }
                }
            }
            self.runs = runs
            self.bins = B
            self.scale = scale
            self.points = points
        }

        /// Calls `body(i, b, f)` with the aligned value f of every run i (ascending) and bin b of `source` (flat
        /// [allRuns × B]), run by run, so that each run's histogram row is read once and in order.
        @inline(__always)
        func forEachAligned(_ source: [Double], _ body: (Int, Int, Double) -> Void) {
            let n = runs.count, B = bins
            source.withUnsafeBufferPointer { source in
            runs.withUnsafeBufferPointer { runs in scale.withUnsafeBufferPointer { scale in
            points.withUnsafeBufferPointer { points in
                for i in 0..<n {
                    let row = source.baseAddress! + runs[i] * B, s = scale[i]
                    for b in 0..<B {
                        body(i, b, points[i * B + b].value(count: B) { row[$0] * s })
                    }
                }
            } } } }
        }

        /// The aligned values of `source`, bin-major: result[b · n + i], each bin's column contiguous.
        func columns(_ source: [Double]) -> [Double] {
            let n = runs.count
            var out = [Double](repeating: 0, count: n * bins)
            out.withUnsafeMutableBufferPointer { o in
                let p = o.baseAddress!
                forEachAligned(source) { i, b, f in p[b * n + i] = f }
            }
            return out
        }

        /// Σ_i f(run i) per aligned bin, summed over the runs in ascending order.
        func columnSums(_ source: [Double]) -> [Double] {
            var sums = [Double](repeating: 0, count: bins)
            sums.withUnsafeMutableBufferPointer { s in
                let p = s.baseAddress!
                forEachAligned(source) { _, b, f in p[b] += f }
            }
            return sums
        }
    }

    /// - Parameters:
    ///   - binCentres: the B bin centres (equally spaced).
    ///   - runs: the good runs of the regime.
    ///   - x, referenceMu, referenceSigma: flat [allRuns × B]: normalised histograms, and the reference and its
    ///     band *before* each run.
    ///   - mu, sigma: the true Gaussian of each run (all runs).
    /// - Returns: nil without runs or with fewer than two bins.
    public static func evaluate(binCentres: [Double], runs: [Int], x: [Double], referenceMu: [Double],
                                referenceSigma: [Double], mu: [Double], sigma: [Double]) -> ReferenceBandJaccard? {
        guard let alignment = Alignment(binCentres: binCentres, runs: runs, mu: mu, sigma: sigma) else { return nil }
        return evaluate(alignment: alignment, runBand: runBand(alignment: alignment, x: x),
                        referenceMu: referenceMu, referenceSigma: referenceSigma)
    }

    /// The good runs' band: per aligned bin the median and the population standard deviation of f(x_i).
    public static func runBand(alignment a: Alignment, x: [Double]) -> RunBand {
        let B = a.bins, n = a.runs.count
        var centre = [Double](repeating: 0, count: B), half = centre
        var aligned = a.columns(x)
        aligned.withUnsafeMutableBufferPointer { all in
            for b in 0..<B {
                let c = UnsafeMutableBufferPointer(rebasing: all[(b * n)..<((b + 1) * n)])
                var sum = 0.0
                for i in 0..<n { sum += c[i] }
                let mean = sum / Double(n)
                var ss = 0.0
                for i in 0..<n { ss += (c[i] - mean) * (c[i] - mean) }
                half[b] = (ss / Double(n)).squareRoot()
                centre[b] = Selection.median(c)!
            }
        }
        return RunBand(centre: centre, halfWidth: half)
    }

    /// The distance of the reference band (median of f(μ) ± mean of f(σ_μ) over the runs) from the run band.
    public static func evaluate(alignment a: Alignment, runBand: RunBand, referenceMu: [Double],
                                referenceSigma: [Double]) -> ReferenceBandJaccard {
        let B = a.bins, n = a.runs.count
        var refCentre = [Double](repeating: 0, count: B)
        var aligned = a.columns(referenceMu)
        aligned.withUnsafeMutableBufferPointer { all in
            for b in 0..<B { refCentre[b] = Selection.median(UnsafeMutableBufferPointer(rebasing: all[(b * n)..<((b + 1) * n)]))! }
        }
        let refHalf = a.columnSums(referenceSigma).map { $0 / Double(n) }
        let runCentre = runBand.centre, runHalf = runBand.halfWidth
        let d = BandOverlap.jaccardDistance(
            lowerA: zip(runCentre, runHalf).map { $0 - $1 }, upperA: zip(runCentre, runHalf).map { $0 + $1 },
            lowerB: zip(refCentre, refHalf).map { $0 - $1 }, upperB: zip(refCentre, refHalf).map { $0 + $1 })
        return ReferenceBandJaccard(runCentre: runCentre, runHalfWidth: runHalf, referenceCentre: refCentre,
                                    referenceHalfWidth: refHalf, distance: d)
    }
}
