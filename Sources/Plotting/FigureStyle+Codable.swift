/// A style is coded as `{"width": {"points": 252, "preset": "column"}, "fontSize": 9, "dpi": 300, "titles": false}`, unset
/// fields left out; the width keeps its exact points and its preset (which implies the paper's font size and
/// dpi). Decoding checks the values as the command line does.
extension FigureStyle: Codable {
    private enum CodingKeys: String, CodingKey { case width, fontSize, dpi, titles }
    private enum WidthKeys: String, CodingKey { case points, preset }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var width: FigureWidth?
        if c.contains(.width) {
            let w = try c.nestedContainer(keyedBy: WidthKeys.self, forKey: .width)
            if let name = try w.decodeIfPresent(String.self, forKey: .preset) {
                guard let preset = FigureWidth.Preset(rawValue: name) else {
                    throw DecodingError.dataCorruptedError(forKey: .preset, in: w,
                        debugDescription: "unknown width preset \"\(name)\" (expected column or page)")
                }
                width = FigureWidth(preset: preset)
            } else {
                let points = try w.decode(Double.self, forKey: .points)
                do { width = try FigureWidth(points: points) } catch {
                    throw DecodingError.dataCorruptedError(forKey: .points, in: w, debugDescription: error.description)
                }
            }
        }
        let fontSize = try c.decodeIfPresent(Double.self, forKey: .fontSize)
        let dpi = try c.decodeIfPresent(Double.self, forKey: .dpi)
        let titles = try c.decodeIfPresent(Bool.self, forKey: .titles)
        do { try self.init(width: width, fontSize: fontSize, dpi: dpi, titles: titles) } catch {
            throw DecodingError.dataCorruptedError(forKey: .fontSize, in: c, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let width {
            var w = c.nestedContainer(keyedBy: WidthKeys.self, forKey: .width)
            try w.encode(width.points, forKey: .points)
            try w.encodeIfPresent(width.preset?.rawValue, forKey: .preset)
        }
        try c.encodeIfPresent(fontSize, forKey: .fontSize)
        try c.encodeIfPresent(dpi, forKey: .dpi)
        try c.encodeIfPresent(titles, forKey: .titles)
    }
}
