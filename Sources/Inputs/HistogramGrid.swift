/// The x and y bin edges of a two-dimensional histogram monitored flattened: bin (i, j) is flat bin
/// `i · ny + j` (x index outermost, as ROOT's TH2 contents are read).
public struct HistogramGrid: Sendable, Equatable {
    public var xEdges: [Double]
    public var yEdges: [Double]
    public var nx: Int { xEdges.count - 1 }
    public var ny: Int { yEdges.count - 1 }

    public init(xEdges: [Double], yEdges: [Double]) {
        self.xEdges = xEdges
        self.yEdges = yEdges
    }

    /// A flat vector as rows over y (`rows[j][i]`), the layout a heat map draws.
    public func rows(_ flat: [Double]) -> [[Double]] {
        (0..<ny).map { j in (0..<nx).map { i in flat[i * ny + j] } }
    }
}
