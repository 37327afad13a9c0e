/// The sizes of DINAMO-ML's transformer (ArseniiGav/DINAMO `TransformerEncoderDML`, with the published
/// configuration as defaults): histograms of `bins` bins, a context of `context` runs per sequence, model width
/// `model` split over `heads` attention heads, `layers` encoder layers with a feed-forward width `feedForward`,
/// and dropout probability `dropout` inside each encoder layer (training only).
public struct TransformerShape: Sendable, Equatable, Codable {
    public var bins: Int
    public var model: Int
    public var heads: Int
    public var layers: Int
    public var feedForward: Int
    public var context: Int
    public var dropout: Float

    /// The published configuration: d = 100, 10 heads, 3 layers, feed-forward 100, M = 20, dropout 0.15.
    public init(bins: Int = 100, model: Int = 100, heads: Int = 10, layers: Int = 3, feedForward: Int = 100,
                context: Int = 20, dropout: Float = 0.15) {
        precondition(bins > 0 && model > 0 && heads > 0 && model % heads == 0 && layers >= 1 && feedForward > 0
                     && context > 0 && dropout >= 0 && dropout < 1, "invalid transformer shape")
        self.bins = bins
        self.model = model
        self.heads = heads
        self.layers = layers
        self.feedForward = feedForward
        self.context = context
        self.dropout = dropout
    }

    /// Width of one attention head, d / heads.
    public var headWidth: Int { model / heads }
}
