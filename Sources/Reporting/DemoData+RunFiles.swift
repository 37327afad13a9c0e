import Foundation
import Core
import ROOTFile

/// The DQM-shaped demo as per-run ROOT files (`generate dinamo --format root --output DIR`), so a user sees
/// the layout the run-files input reads.
///
/// Each run `N` is a file with CMS's own naming, `DQM_V0001_R000N__ZeroBias__Run2026A-PromptReco-v1__DQMIO.root`
/// (zlib), holding `DQMData/Run N/<System>/<name>` for five systems; one histogram in four is a TH2 (an
/// occupancy-like map), the rest TH1s of assorted shapes. Every histogram is a multinomial draw of a
/// run-dependent number of events from a shape that drifts slowly over the runs. About one run in sixteen is bad:
/// one system misbehaves as a detector problem would, distorting *every* histogram of that system at once
/// (1D: the peak shifts and widens; 2D: a sector goes dead). Run numbers start at 300001 with a gap now and
/// then. `DIR/labels.csv` (`run,label`) is the golden-run list; `DIR/truth.csv` (`run,label,system`) also names
/// the system that broke.
extension DemoData {
    static let demoSystems = ["Muons", "Tracking", "Calo", "Pixel", "Trigger"]
    static let demoNames1D = ["pt", "eta", "phi", "chi2", "nhits", "dxy", "dz", "energy", "time", "multiplicity"]
    static let demoNames2D = ["occupancy", "eta_phi", "x_y", "layer_module"]

    public static func writeRunFiles(seed: UInt64, runs: Int, histograms: Int, bins: Int?, to directory: URL) throws {
        guard runs >= 1, histograms >= 1, histograms <= 1000 else {
            throw ReportError.usage("generate dinamo --format root: needs at least 1 run and 1 to 1000 histograms per run")
        }
        let bins1D = bins ?? 40
        let side = max(4, min(bins1D / 2, 32))
        guard bins1D >= 2, bins1D <= 100_000 else { throw ReportError.usage("generate dinamo --format root: --bins must lie in 2…100000") }
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw ReportError.output("cannot create \(directory.path): \(OutputDirectory.reason(error))")
        }
        // The histogram catalogue: system, name, dimension and a shape parameter per histogram.
        var used = Set<String>()
        let catalogue: [(system: Int, name: String, is2D: Bool, shape: Double)] = (0..<histograms).map { k in
            let system = k % demoSystems.count
            let is2D = k % 4 == 3
            let names = is2D ? demoNames2D : demoNames1D
            var name = names[(k / demoSystems.count) % names.count]
            if used.contains("\(system)/\(name)") { name += "_\(k)" }
            used.insert("\(system)/\(name)")
            return (system, name, is2D, Double(k % 7) / 7)
        }
        var rng = SeededGenerator(seed: seed)
        var labels = CSVTable(header: ["run", "label"])
        var truth = CSVTable(header: ["run", "label", "system"])
        var run = 300_000
        for r in 0..<runs {
            // Run numbers as a machine gives them: consecutive, with a gap now and then (runs not taken for physics).
            run += rng.uniform() < 0.05 ? 2 + rng.int(below: 20) : 1
            let bad = r >= 10 && rng.uniform() < 1.0 / 16
            let badSystem = rng.int(below: demoSystems.count)
            let drift = 0.25 * sin(2 * Double.pi * Double(r) / Double(max(runs, 2)))
            var writer = ROOTFileWriter()
            for (k, h) in catalogue.enumerated() {
                // Maps hold more entries than 1D distributions (as occupancy maps do): four times as many.
                let events = (2000 + rng.int(below: 3000)) * (h.is2D ? 4 : 1)
                let broken = bad && h.system == badSystem
                let path = "DQMData/Run \(run)/\(demoSystems[h.system])/\(h.name)"
                let p = h.is2D ? mapShape(side: side, shape: h.shape, drift: drift, dead: broken ? k % 4 : nil)
                               : lineShape(bins: bins1D, shape: h.shape, drift: drift, broken: broken)
                let counts = rng.multinomial(events, probabilities: p).map(Double.init)
                let edges1 = (0...bins1D).map { Double($0) * 10 / Double(bins1D) }
                let edges2 = (0...side).map { -1 + 2 * Double($0) / Double(side) }
                try writer.add(h.is2D
                    ? ROOTHistogram(path: path, title: "\(demoSystems[h.system]) \(h.name)", kind: .th2("D"),
                                    xEdges: edges2, yEdges: edges2, contents: counts)
                    : ROOTHistogram(path: path, title: "\(demoSystems[h.system]) \(h.name)", kind: .th1("D"),
                                    xEdges: edges1, contents: counts))
            }
            let name = String(format: "DQM_V0001_R%09d__ZeroBias__Run2026A-PromptReco-v1__DQMIO.root", run)
            do { try writer.write(to: directory.appendingPathComponent(name).path) } catch {
                throw ReportError.output("cannot write \(directory.appendingPathComponent(name).path): \(error)")
            }
            labels.append([.integer(run), .integer(bad ? 1 : 0)])
            truth.append([.integer(run), .integer(bad ? 1 : 0), .text(bad ? demoSystems[badSystem] : "")])
        }
        for (name, table) in [("labels.csv", labels), ("truth.csv", truth)] {
            do { try Data(table.text.utf8).write(to: directory.appendingPathComponent(name)) } catch {
                throw ReportError.output("cannot write \(directory.appendingPathComponent(name).path): \(OutputDirectory.reason(error))")
            }
        }
    }

    /// A 1D shape on [0, 10]: a Gaussian peak over a falling background; a broken run's peak shifts by 1.5 widths
    /// and widens by half.
    private static func lineShape(bins: Int, shape: Double, drift: Double, broken: Bool) -> [Double] {
        var centre = 2.5 + 5 * shape + drift
        var width = 0.6 + 0.8 * shape
        if broken { centre += 1.5 * width; width *= 1.5 }
        return (0..<bins).map { b in
            let x = (Double(b) + 0.5) * 10 / Double(bins)
            let z = (x - centre) / width
            return exp(-0.5 * z * z) + 0.15 * exp(-x / 4) + 1e-3
        }
    }

    /// A 2D map on [−1, 1]²: a broad blob plus a flat floor; a broken run loses one quadrant (a dead sector).
    private static func mapShape(side: Int, shape: Double, drift: Double, dead: Int?) -> [Double] {
        var p = [Double](repeating: 0, count: side * side)
        let cx = 0.3 * (shape - 0.5) + 0.2 * drift, spread = 0.5 + 0.4 * shape
        for i in 0..<side {
            for j in 0..<side {
                let x = -1 + (Double(i) + 0.5) * 2 / Double(side), y = -1 + (Double(j) + 0.5) * 2 / Double(side)
                let quadrant = (x < 0 ? 0 : 1) + (y < 0 ? 0 : 2)
                let value = exp(-((x - cx) * (x - cx) + y * y) / (2 * spread * spread)) + 0.2
                p[i * side + j] = dead == quadrant ? 1e-6 : value
            }
        }
        return p
    }
}
