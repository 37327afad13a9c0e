import Numerics

/// The robust affine map z = (x − centre)/spread under which every approach trains.
///
/// Real series come in any unit and offset (CPU percent, bytes, kelvin); the forecaster's initialisation,
/// its learning rate and the `1e-4` floor of its scale assume values of order one, as on the notebook's toy
/// series. The centre is the **median** and the spread the **interquartile range / 1.349** (the IQR of a
/// normal distribution is 1.349σ, so on Gaussian data spread ≈ σ). Both ignore the anomalies they are meant
/// to find: a mean and standard deviation would be dragged by a few huge spikes (NAB's network series have
/// spikes of 100σ) and squash the normal pattern to nothing. The IQR rather than the MAD because series
/// with a flat majority (a daily pattern idle two thirds of the time) have MAD 0 while the IQR still sees
/// the active part; when the IQR is 0 the MAD·1.4826 is used, then the standard deviation, then 1.
///
/// Forecast means map back by x = centre + spread·z, scales by spread·s, and a log density by
/// log p(x) = log p(z) − log spread. The uniform anomaly density of the mixture lives on the standardised
/// range, 1/(max z − min z).
public struct Standardisation: Sendable, Equatable, Codable {
    public var centre: Double
    public var spread: Double

    public init(centre: Double, spread: Double) {
        self.centre = centre
        self.spread = spread
    }

    /// The identity map.
    public static let identity = Standardisation(centre: 0, spread: 1)

    /// Median and IQR/1.349 of the finite values (fallbacks as above); the identity for no finite value.
    public init(fitting values: [Double]) {
        let finite = values.filter(\.isFinite).sorted()
        guard let median = Statistics.quantile(sorted: finite, 0.5) else { self = .identity; return }
        var spread = (Statistics.quantile(sorted: finite, 0.75)! - Statistics.quantile(sorted: finite, 0.25)!) / 1.349
        if !(spread > 0) {
            let deviations = finite.map { abs($0 - median) }.sorted()
            spread = 1.4826 * (Statistics.quantile(sorted: deviations, 0.5) ?? 0)
        }
        if !(spread > 0) { spread = (Statistics.variance(finite) ?? 0).squareRoot() }
        if !(spread > 0) || !spread.isFinite { spread = 1 }
        self.init(centre: median, spread: spread)
    }

    public func standardise(_ x: [Double]) -> [Double] { x.map { ($0 - centre) / spread } }
    public func restore(_ z: [Double]) -> [Double] { z.map { centre + spread * $0 } }
}
