import Numerics

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

    /// - Parameters:
    ///   - binCentres: the B bin centres (equally spaced).
    ///   - runs: the good runs of the regime.
    ///   - x, referenceMu, referenceSigma: flat [allRuns × B]: normalised histograms, and the reference and its
    ///     band *before* each run.
    ///   - mu, sigma: the true Gaussian of each run (all runs).
    /// - Returns: nil without runs or with fewer than two bins.
    public static func evaluate(binCentres: [Double], runs: [Int], x: [Double], referenceMu: [Double],
                                referenceSigma: [Double], mu: [Double], sigma: [Double]) -> ReferenceBandJaccard? {
        guard let band = runBand(binCentres: binCentres, runs: runs, x: x, mu: mu, sigma: sigma) else { return nil }
        return evaluate(binCentres: binCentres, runs: runs, runBand: band, referenceMu: referenceMu,
                        referenceSigma: referenceSigma, mu: mu, sigma: sigma)
    }

    /// The good runs' band: per aligned bin the median and the population standard deviation of f(x_i).
    public static func runBand(binCentres: [Double], runs: [Int], x: [Double], mu: [Double], sigma: [Double]) -> RunBand? {
        let B = binCentres.count, n = runs.count
        guard n > 0, B >= 2 else { return nil }
        var aligned = align([x], binCentres: binCentres, runs: runs, mu: mu, sigma: sigma)
        var centre = [Double](repeating: 0, count: B), half = centre
        aligned[0].withUnsafeMutableBufferPointer { all in
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

    /// The distance of the reference band (median of f(μ) ± mean of f(σ_μ) over the runs) from a given run band.
    public static func evaluate(binCentres: [Double], runs: [Int], runBand: RunBand, referenceMu: [Double],
                                referenceSigma: [Double], mu: [Double], sigma: [Double]) -> ReferenceBandJaccard? {
        let B = binCentres.count, n = runs.count
        guard n > 0, B >= 2, runBand.centre.count == B else { return nil }
        var aligned = align([referenceMu, referenceSigma], binCentres: binCentres, runs: runs, mu: mu, sigma: sigma)
        var refCentre = [Double](repeating: 0, count: B), refHalf = refCentre
        for b in 0..<B {
            let column = (b * n)..<((b + 1) * n)
            aligned[0].withUnsafeMutableBufferPointer { all in
                refCentre[b] = Selection.median(UnsafeMutableBufferPointer(rebasing: all[column]))!
            }
            var s = 0.0
            aligned[1].withUnsafeBufferPointer { all in for i in column { s += all[i] } }
            refHalf[b] = s / Double(n)
        }
        let runCentre = runBand.centre, runHalf = runBand.halfWidth
        let d = BandOverlap.jaccardDistance(
            lowerA: zip(runCentre, runHalf).map { $0 - $1 }, upperA: zip(runCentre, runHalf).map { $0 + $1 },
            lowerB: zip(refCentre, refHalf).map { $0 - $1 }, upperB: zip(refCentre, refHalf).map { $0 + $1 })
        return ReferenceBandJaccard(runCentre: runCentre, runHalfWidth: runHalf, referenceCentre: refCentre,
                                    referenceHalfWidth: refHalf, distance: d)
    }

    /// Each source (flat [allRuns × B]) z-aligned for `runs`: result[k][b * n + i] = f of source k, run runs[i], at
    /// aligned bin b — bin-major, so that each bin's column over the runs is contiguous for the medians.
    static func align(_ sources: [[Double]], binCentres: [Double], runs: [Int], mu: [Double], sigma: [Double]) -> [[Double]] {
        let B = binCentres.count, n = runs.count
        let width = binCentres[1] - binCentres[0]
        var aligned = [[Double]](repeating: [Double](repeating: 0, count: n * B), count: sources.count)
        var z = [Double](repeating: 0, count: B)
        var f = z, row = z
        binCentres.withUnsafeBufferPointer { centres in
            for (i, r) in runs.enumerated() {
                for b in 0..<B { z[b] = (centres[b] - mu[r]) / sigma[r] }
                let scale = width / (z[1] - z[0])
                for (k, source) in sources.enumerated() {
                    for b in 0..<B { f[b] = source[r * B + b] * scale }
                    z.withUnsafeBufferPointer { zs in f.withUnsafeBufferPointer { fs in
                        row.withUnsafeMutableBufferPointer { out in
                            BandOverlap.interpolate(xs: zs, ys: fs, at: centres, into: out)
                        } } }
                    aligned[k].withUnsafeMutableBufferPointer { out in
                        for b in 0..<B { out[b * n + i] = row[b] }
                    }
                }
            }
        }
        return aligned
    }
}
