import Core
import Foundation
import ROOTFile

extension RunFileSet {
    /// One pass over the run files for `members` (histogram path patterns): each file — as `members()` and
    /// `check()` left it open, else opened now — gives one histogram per member, files read in parallel. Then
    /// run numbers decide the order, the labels are matched to the runs, and each member's histograms must share
    /// one binning and hold finite, non-negative counts. Errors are deterministic: the first failing file in
    /// name order, then the first member at fault.
    func readAll(_ members: [String]) throws(InputError) -> [String: HistogramInput] {
        let files = try self.files()
        let patterns = try members.map(source.pattern)
        var opened = takeOpenedFiles()
        if opened.count != files.count { opened = [ROOTFile?](repeating: nil, count: files.count) }
        let opener = self.opener
        var perFile = opened.withUnsafeMutableBufferPointer { buffer in
            let handles = Slots(buffer: buffer)
            // Every file is read; the first failure in name order is reported below, so the message does not
            // depend on thread timing.
            return ParallelMap.map(count: files.count, parallel: true) { k in
                Result { () throws(InputError) -> [ROOTHistogram] in
                    // Taken from its slot, so the file is unmapped when its read ends, not after the last file's.
                    if let file = handles.take(k) { return try Self.read(members, patterns, from: file) }
                    return try Self.read(members, patterns, from: try Self.open(files[k], with: opener))
                }
            }
        }
        var found = [[ROOTHistogram]](repeating: [], count: members.count)
        var objectPaths: [String] = []
        for result in perFile {
            let hs = try result.get()
            for m in members.indices { found[m].append(hs[m]) }
            objectPaths.append(hs.first?.path ?? "")
        }
        perFile = []
        let runs = try self.runs(files, objectPaths: objectPaths)
        // Only a single file can lack a number (`runs`), so the order is numeric.
        let order = files.indices.sorted { (runs[$0].number ?? 0) < (runs[$1].number ?? 0) }
        let labels = try self.labels(for: order.map { runs[$0] })
        let runIDs = order.map { runs[$0].id }
        var out: [String: HistogramInput] = [:]
        for (m, member) in members.enumerated() {
            let hs = found[m]
            found[m] = []   // release as we go
            out[member] = try Self.input(member, hs, order: order, files: files, labels: labels, runIDs: runIDs)
        }
        progress?("read \(files.count) run file\(files.count == 1 ? "" : "s") once for \(members.count) histogram\(members.count == 1 ? "" : "s") of \(source.histogram)")
        return out
    }

    /// The member histograms of one run file, each pattern matching exactly one.
    private static func read(_ members: [String], _ patterns: [ROOTPathPattern], from file: ROOTFile) throws(InputError) -> [ROOTHistogram] {
        var out: [ROOTHistogram] = []
        for (member, pattern) in zip(members, patterns) {
            let hs = try InputError.reading(file.path) { try file.histograms(matching: pattern) }
            guard hs.count == 1 else {
                let shown = hs.prefix(5).map(\.path).joined(separator: ", ")
                throw InputError(file: file.path, message: "\(member) matches \(hs.count) histograms (\(shown)); each run file must hold exactly one")
            }
            out.append(hs[0])
        }
        return out
    }

    /// One member's histograms (in file order) as an input in run order: a TH2 flattened, x index outermost,
    /// with its grid; `runs × bins` counts.
    private static func input(_ member: String, _ hs: [ROOTHistogram], order: [Int], files: [String], labels: [Int?]?,
                              runIDs: [String]) throws(InputError) -> HistogramInput {
        let reference = hs[0]
        var counts: [Double] = []
        counts.reserveCapacity(reference.contents.count * hs.count)
        for k in order {
            let h = hs[k]
            guard h.hasSameBinning(as: reference) else {
                throw InputError(file: files[k], message: "\(member): the binning differs between run files: \(files[0]) has \(binning(reference)), \(files[k]) has \(binning(h))")
            }
            if let b = h.contents.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
                throw InputError(file: files[k], message: "\(h.path): bin \(b) holds \(h.contents[b]); DINAMO-S monitors event counts, which must be finite and non-negative")
            }
            counts += h.contents
        }
        let bins = reference.contents.count
        let is2D = reference.dimension == 2
        return HistogramInput(name: RunFilesSource.displayName(of: member), counts: counts, runs: hs.count, bins: bins,
                              binEdges: is2D ? nil : reference.xEdges, labels: labels, runIDs: runIDs,
                              columnNames: (0..<bins).map(String.init),
                              grid: is2D ? HistogramGrid(xEdges: reference.xEdges, yEdges: reference.yEdges) : nil)
    }

    /// `TH1D 8 bins [0, 1]`, or `TH2D x 4 bins [-1, 1] × y 4 bins [-1, 1]`.
    private static func binning(_ h: ROOTHistogram) -> String {
        func axis(_ e: [Double]) -> String { "\(e.count - 1) bins [\(plain(e.first!)), \(plain(e.last!))]" }
        return h.dimension == 2 ? "\(h.className) x \(axis(h.xEdges)) × y \(axis(h.yEdges))" : "\(h.className) \(axis(h.xEdges))"
    }

    /// A number as the report prints edges (`NumberText.plain`).
    private static func plain(_ x: Double) -> String { NumberText.plain(x) }
}

/// `[body(0), …, body(count − 1)]`, computed concurrently on all cores (Dispatch `concurrentPerform`), each
/// result stored by index so the output does not depend on scheduling. The one place to switch to `Core`'s
/// `ParallelMap` once it lands (Inputs would then depend on Core).
/// Distinct indices of one buffer, each touched by exactly one iteration: no two threads share a slot.
private struct Slots<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>

    /// Slot `k`'s value, leaving the slot empty.
    func take(_ k: Int) -> T? {
        defer { buffer[k] = nil }
        return buffer[k]
    }
}
