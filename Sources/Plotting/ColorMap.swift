/// A continuous colour map from 0...1 to colours.
public enum ColorMap: Sendable, Hashable, Codable {
    /// Perceptually uniform sequential map (matplotlib's viridis), for magnitudes.
    case viridis
    /// Blue–white–red diverging map (ColorBrewer RdBu, reversed: negative blue, positive red), for pulls.
    case diverging
    /// White to dark red (ColorBrewer Reds, matplotlib's `Reds`), for a share of alarms: nothing stays white.
    case reds

    /// The colour at `t`; values outside 0...1 are clipped to the end colours.
    public func color(at t: Double) -> Color {
        let stops: [Color]
        switch self {
        case .viridis: stops = ColorMap.viridisStops
        case .diverging: stops = ColorMap.rdBuStops
        case .reds: stops = ColorMap.redsStops
        }
        let u = t.isFinite ? min(1, max(0, t)) : 0
        let x = u * Double(stops.count - 1)
        let i = min(stops.count - 2, Int(x))
        return stops[i].mix(stops[i + 1], x - Double(i))
    }

    /// viridis sampled at 17 equally spaced points.
    static let viridisStops: [Color] = [
        0x440154, 0x481A6C, 0x472F7D, 0x414487, 0x39568C, 0x31688E, 0x2A788E, 0x23888E, 0x1F988B,
        0x22A884, 0x35B779, 0x54C568, 0x7AD151, 0xA5DB36, 0xD2E21B, 0xEDE51B, 0xFDE725,
    ].map { Color(hex: $0) }

    /// ColorBrewer Reds (9 classes), from near white to dark red.
    static let redsStops: [Color] = [
        0xFFF5F0, 0xFEE0D2, 0xFCBBA1, 0xFC9272, 0xFB6A4A, 0xEF3B2C, 0xCB181D, 0xA50F15, 0x67000D,
    ].map { Color(hex: $0) }

    /// ColorBrewer RdBu (11 classes), from blue (low) to red (high), with a near-white centre.
    static let rdBuStops: [Color] = [
        0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xF4A582, 0xD6604D,
        0xB2182B, 0x67001F,
    ].map { Color(hex: $0) }
}
