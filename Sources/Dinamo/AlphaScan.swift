/// The α scan of SPEC §3.1 (for the α-scan figure): ROC AUC of the score on the labelled historical
/// runs for α = 0.01, 0.02, …, 0.99. The chosen α has the largest AUC (the smallest such α on ties).
public struct AlphaScan: Sendable, Equatable {
    public var alphas: [Double]
    /// nil where the AUC is undefined.
    public var rocAUC: [Double?]
    public var chosenIndex: Int
    public var chosen: Double { alphas[chosenIndex] }

    public static var grid: [Double] { (1...99).map { Double($0) / 100 } }
}
