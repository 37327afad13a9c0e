import XCTest
@testable import Dinamo
import Core

/// The buffer kernels (SIMD lanes of four bins plus a scalar tail) against a plain transcription of
/// the method (docs/methods/dinamo.md), on data with empty bins, an empty run and all label kinds.
final class DinamoKernelCrossCheckTests: XCTestCase {
    /// The method (docs/methods/dinamo.md) written out directly, one bin at a time, no buffers.
    private func naive(_ counts: [[Double]], labels: [Int?], alpha: Double, k: Double, threshold: Double)
        -> (chi2: [Double], pulls: [[Double]], mu: [Double], sigma: [Double]) {
        let bins = counts[0].count, eps = 1e-9
        let mu0 = 1 / Double(bins), n0 = k * Double(bins), v0 = mu0 / n0 - mu0 * mu0 / n0, w0 = 1 / (v0 + eps)
        var mu = [Double](repeating: mu0, count: bins), sg = [Double](repeating: v0.squareRoot(), count: bins)
        var W = [Double](repeating: (1 - alpha) * w0, count: bins)
        var sMu = W.map { $0 * mu0 }, sSig = W.map { $0 * v0 }
        var chi2s: [Double] = [], pulls: [[Double]] = []
        for (r, c) in counts.enumerated() {
            let I = c.reduce(0, +)
            let x = c.map { I > 0 ? $0 / I : 0 }
            let sx = c.indices.map { b -> Double in
                if I == 0 { return 0 }
                return c[b] == 0 ? 1 / I : (x[b] / I - x[b] * x[b] / I).squareRoot()
            }
            var chi2 = 0.0, p: [Double] = []
            for b in 0..<bins {
                let s2 = sx[b] * sx[b] + sg[b] * sg[b]
                chi2 += (x[b] - mu[b]) * (x[b] - mu[b]) / s2
                p.append((x[b] - mu[b]) / s2.squareRoot())
            }
            chi2s.append(chi2)
            pulls.append(p)
            let score = _log(chi2 / Double(bins))
            let good = labels[r].map { $0 == 0 } ?? (score <= threshold)
            if good && I > 0 {
                for b in 0..<bins {
                    let w = 1 / (sx[b] * sx[b] + eps)
                    W[b] = alpha * W[b] + (1 - alpha) * w
                    sSig[b] = alpha * sSig[b] + (1 - alpha) * w * (x[b] - mu[b]) * (x[b] - mu[b])
                    sg[b] = (sSig[b] / W[b]).squareRoot()
                    sMu[b] = alpha * sMu[b] + (1 - alpha) * w * x[b]
                    mu[b] = sMu[b] / W[b]
                }
            }
        }
        return (chi2s, pulls, mu, sg)
    }

    func testKernelsMatchTheFormulasOnElevenBins() throws {
        var g = SeededGenerator(seed: 21)
        let bins = 11, runs = 60
        var rows: [[Double]] = []
        var labels: [Int?] = []
        for r in 0..<runs {
            var row = (0..<bins).map { b in Double(g.binomial(400, 0.02 + 0.01 * Double(b))) }
            if r % 7 == 3 { row[g.int(below: bins)] = 0; row[g.int(below: bins)] = 0 }
            if r == 17 { row = [Double](repeating: 0, count: bins) }
            rows.append(row)
            labels.append(r % 5 == 0 ? nil : (r % 9 == 4 ? 1 : 0))
        }
        let h = try HistogramSet(name: "x", counts: rows.flatMap { $0 }, runs: runs, bins: bins, labels: labels)
        for alpha in [0.05, 0.5, 0.95] {
            let t = try DinamoMonitor.run(h, alpha: alpha, initCounts: 30, threshold: 1.5, labels: labels)
            let ref = naive(rows, labels: labels, alpha: alpha, k: 30, threshold: 1.5)
            for r in 0..<runs {
                XCTAssertEqual(t.chi2[r], ref.chi2[r], accuracy: 1e-9 * max(1, ref.chi2[r]), "run \(r), α \(alpha)")
                for b in 0..<bins { XCTAssertEqual(t.pulls[r * bins + b], ref.pulls[r][b], accuracy: 1e-9) }
            }
            for b in 0..<bins {
                XCTAssertEqual(t.finalMu[b], ref.mu[b], accuracy: 1e-12)
                XCTAssertEqual(t.finalSigma[b], ref.sigma[b], accuracy: 1e-12)
            }
            XCTAssertTrue(t.empty[17])
            XCTAssertFalse(t.updated[17])
        }
    }
}
