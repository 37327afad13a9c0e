/// A one- or two-dimensional histogram read from (or to be written to) a ROOT file, in our own terms.
///
/// `contents` holds the in-range bins only, flattened with the x index outermost (bin (i, j) of an
/// nx × ny histogram at `i * ny + j`, as uproot's `values()`); the under- and overflow cells are kept
/// apart in `flow` and are never part of the monitored contents.
public struct ROOTHistogram: Equatable, Sendable {
    /// The storage type of a TH1/TH2 class: C (i8), S (i16), I (i32), F (f32), D (f64).
    public enum Kind: Equatable, Sendable {
        case th1(Character)
        case th2(Character)

        public init?(className: String) {
            guard className.count == 4, let last = className.last, "CSIFD".contains(last) else { return nil }
            if className.hasPrefix("TH1") { self = .th1(last) } else if className.hasPrefix("TH2") { self = .th2(last) } else { return nil }
        }
        public var dimension: Int { if case .th2 = self { return 2 }; return 1 }
        public var className: String {
            switch self { case .th1(let c): return "TH1\(c)"; case .th2(let c): return "TH2\(c)" }
        }
    }

    /// The object path inside the file, `/`-separated (`DQMData/Run 1/Muons/pt`).
    public var path: String
    public var title: String
    public var kind: Kind
    /// Bin edges along x (nx + 1 values, increasing).
    public var xEdges: [Double]
    /// Bin edges along y for a TH2 (ny + 1 values); empty for a TH1.
    public var yEdges: [Double]
    /// In-range bin contents, x index outermost.
    public var contents: [Double]
    /// The out-of-range cells in ROOT's global-bin order (a TH1: underflow, overflow).
    public var flow: [Double]
    /// ROOT's `fEntries`.
    public var entries: Double

    /// The key name, the last path component.
    public var name: String { path.split(separator: "/").last.map(String.init) ?? path }
    public var className: String { kind.className }
    public var dimension: Int { kind.dimension }
    public var xBins: Int { xEdges.count - 1 }
    public var yBins: Int { dimension == 2 ? yEdges.count - 1 : 1 }
    /// The shape as uproot gives it: [nx] or [nx, ny].
    public var shape: [Int] { dimension == 2 ? [xBins, yBins] : [xBins] }

    public init(path: String, title: String = "", kind: Kind, xEdges: [Double], yEdges: [Double] = [],
                contents: [Double], flow: [Double]? = nil, entries: Double? = nil) {
        self.path = path
        self.title = title
        self.kind = kind
        self.xEdges = xEdges
        self.yEdges = yEdges
        self.contents = contents
        let cells = kind.dimension == 2 ? (xEdges.count + 1) * (yEdges.count + 1) : xEdges.count + 1
        self.flow = flow ?? [Double](repeating: 0, count: max(0, cells - contents.count))
        self.entries = entries ?? contents.reduce(0, +)
    }

    /// Whether `other` has the same class dimension and the same edges on every axis (what run files
    /// of one monitored histogram must share).
    public func hasSameBinning(as other: ROOTHistogram) -> Bool {
        dimension == other.dimension && xEdges == other.xEdges && yEdges == other.yEdges
    }

    /// The global ROOT bin of in-range cell (i, j) (0-based): ROOT counts x fastest, flow cells included.
    func globalBin(_ i: Int, _ j: Int) -> Int { dimension == 2 ? (i + 1) + (xBins + 2) * (j + 1) : i + 1 }

    /// Every cell in ROOT's order (what a TArray holds): in-range contents and flow interleaved.
    func rootCells() -> [Double] {
        let nx = xBins, ny = yBins
        let total = dimension == 2 ? (nx + 2) * (ny + 2) : nx + 2
        var cells = [Double](repeating: 0, count: total)
        var isRange = [Bool](repeating: false, count: total)
        for i in 0..<nx { for j in 0..<ny { let g = globalBin(i, j); cells[g] = contents[i * ny + j]; isRange[g] = true } }
        var f = 0
        for g in 0..<total where !isRange[g] { cells[g] = f < flow.count ? flow[f] : 0; f += 1 }
        return cells
    }

    /// Builds the value from an interpreted TH1/TH2 object; any inconsistency is a `ParseFailure`.
    static func make(path: String, kind: Kind, from o: StreamedObject) throws -> ROOTHistogram {
        func axis(_ name: String) throws -> [Double] {
            guard let a = o.object(name), let n = a.number("fNbins"), let lo = a.number("fXmin"), let hi = a.number("fXmax") else {
                throw ParseFailure("the histogram has no readable \(name)")
            }
            let bins = Int(n)
            guard bins >= 1, bins <= 100_000_000 else { throw ParseFailure("\(name) has \(bins) bins") }
            if let edges = a.numbers("fXbins"), edges.count == bins + 1 {
                guard zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }) else { throw ParseFailure("\(name) has variable edges that do not increase") }
                return edges
            }
            guard lo.isFinite, hi.isFinite, lo < hi else { throw ParseFailure("\(name) has range [\(lo), \(hi)]") }
            // numpy.linspace's rule (as uproot): lo + i·(hi − lo)/n, the last edge exactly hi.
            let step = (hi - lo) / Double(bins)
            var edges = (0...bins).map { lo + Double($0) * step }
            edges[bins] = hi
            return edges
        }
        let x = try axis("fXaxis")
        let y = kind.dimension == 2 ? try axis("fYaxis") : []
        guard let cells = o.numbers("fArray") else { throw ParseFailure("the histogram has no bin array") }
        let nx = x.count - 1, ny = kind.dimension == 2 ? y.count - 1 : 1
        let expected = kind.dimension == 2 ? (nx + 2) * (ny + 2) : nx + 2
        guard cells.count == expected else {
            throw ParseFailure("the bin array has \(cells.count) cells, the axes need \(expected)")
        }
        var h = ROOTHistogram(path: path, title: o.text("fTitle") ?? "", kind: kind, xEdges: x, yEdges: y, contents: [], flow: [],
                              entries: o.number("fEntries") ?? 0)
        var contents = [Double](repeating: 0, count: nx * ny)
        var isRange = [Bool](repeating: false, count: expected)
        for i in 0..<nx { for j in 0..<ny { let g = h.globalBin(i, j); contents[i * ny + j] = cells[g]; isRange[g] = true } }
        h.contents = contents
        h.flow = (0..<expected).filter { !isRange[$0] }.map { cells[$0] }
        return h
    }
}
