import Foundation

// MARK: - Panel

/// A panel is coded as its settings (its time axis included) and its marks in drawing order; decoding adds the
/// marks back one by one. Settings at their defaults are left out, so a spec of a figure without them is as it
/// was before they existed.
extension Panel: Codable {
    private enum CodingKeys: String, CodingKey {
        case title, xLabel, yLabel, xScale, yScale, xRange, yRange, xIsTime, legend, xCategories, yCategories, xIntegers,
             marks
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        xLabel = try c.decodeIfPresent(String.self, forKey: .xLabel) ?? ""
        yLabel = try c.decodeIfPresent(String.self, forKey: .yLabel) ?? ""
        xScale = try c.decodeIfPresent(Scale.self, forKey: .xScale) ?? .linear
        yScale = try c.decodeIfPresent(Scale.self, forKey: .yScale) ?? .linear
        xRange = try Panel.decodeRange(c, .xRange)
        yRange = try Panel.decodeRange(c, .yRange)
        xIsTime = try c.decodeIfPresent(Bool.self, forKey: .xIsTime) ?? false
        legend = try c.decodeIfPresent(LegendPlacement.self, forKey: .legend) ?? .auto
        xCategories = try c.decodeIfPresent([String].self, forKey: .xCategories)
        yCategories = try c.decodeIfPresent([String].self, forKey: .yCategories)
        xIntegers = try c.decodeIfPresent(Bool.self, forKey: .xIntegers) ?? false
        for mark in try c.decodeIfPresent([Mark].self, forKey: .marks) ?? [] { add(mark) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if !title.isEmpty { try c.encode(title, forKey: .title) }
        if !xLabel.isEmpty { try c.encode(xLabel, forKey: .xLabel) }
        if !yLabel.isEmpty { try c.encode(yLabel, forKey: .yLabel) }
        if xScale != .linear { try c.encode(xScale, forKey: .xScale) }
        if yScale != .linear { try c.encode(yScale, forKey: .yScale) }
        if let xRange { try c.encode([xRange.lowerBound, xRange.upperBound], forKey: .xRange) }
        if let yRange { try c.encode([yRange.lowerBound, yRange.upperBound], forKey: .yRange) }
        // A time axis is kept (written only when set, so other figures' specs keep their bytes): redrawn at another
        // width, its ticks are chosen again as dates (docs/figures.md).
        if xIsTime { try c.encode(true, forKey: .xIsTime) }
        if legend != .auto { try c.encode(legend, forKey: .legend) }
        try c.encodeIfPresent(xCategories, forKey: .xCategories)
        try c.encodeIfPresent(yCategories, forKey: .yCategories)
        if xIntegers { try c.encode(true, forKey: .xIntegers) }
        try c.encode(marks, forKey: .marks)
    }

    /// A range is coded as `[lower, upper]`; a reversed or non-finite pair is refused (a `ClosedRange` cannot hold it).
    private static func decodeRange(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> ClosedRange<Double>? {
        guard let pair = try c.decodeIfPresent([Double].self, forKey: key) else { return nil }
        guard pair.count == 2, pair[0].isFinite, pair[1].isFinite, pair[0] <= pair[1] else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c,
                debugDescription: "expected [lower, upper] with finite lower ≤ upper, found \(pair)")
        }
        return pair[0]...pair[1]
    }
}

// MARK: - Figure

/// A figure is coded as its size, title, theme, panel grid and panels: everything `render(_:)` and
/// `styled(_:)` read, so a decoded figure draws the same bytes as the one encoded. Decoding checks what
/// drawing relies on (a positive finite size, a panel per grid cell but the last row's empty ones, positive row ratios, a non-empty
/// palette and positive text sizes) and throws `DecodingError` naming what is wrong, never building a
/// figure that would fail later.
extension Figure: Codable {
    private enum CodingKeys: String, CodingKey {
        case width, height, title, theme, rows, columns, heightRatios, sharedX, sharedY, panels
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let width = try c.decode(Double.self, forKey: .width)
        let height = try c.decode(Double.self, forKey: .height)
        guard width > 0, height > 0, width.isFinite, height.isFinite else {
            throw DecodingError.dataCorruptedError(forKey: .width, in: c,
                debugDescription: "the figure size \(width) × \(height) pt is not positive and finite")
        }
        let theme = try c.decodeIfPresent(Theme.self, forKey: .theme) ?? .standard
        if let problem = Figure.problem(with: theme) {
            throw DecodingError.dataCorruptedError(forKey: .theme, in: c, debugDescription: problem)
        }
        self.init(width: width, height: height, title: try c.decodeIfPresent(String.self, forKey: .title) ?? "",
                  theme: theme)
        let rows = try c.decodeIfPresent(Int.self, forKey: .rows) ?? 1
        let columns = try c.decodeIfPresent(Int.self, forKey: .columns) ?? 1
        let sharedX = try c.decodeIfPresent(Bool.self, forKey: .sharedX) ?? false
        let sharedY = try c.decodeIfPresent(Bool.self, forKey: .sharedY) ?? false
        let ratios = try c.decodeIfPresent([Double].self, forKey: .heightRatios) ?? Array(repeating: 1, count: max(rows, 0))
        guard (1...64).contains(rows), (1...64).contains(columns) else {
            throw DecodingError.dataCorruptedError(forKey: .rows, in: c,
                debugDescription: "a grid of \(rows) × \(columns) panels (expected 1 to 64 of each)")
        }
        guard ratios.count == rows, ratios.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw DecodingError.dataCorruptedError(forKey: .heightRatios, in: c,
                debugDescription: "expected \(rows) positive height ratios, found \(ratios)")
        }
        if columns == 1 {
            self.rows(heightRatios: ratios, sharedX: sharedX)
        } else {
            guard ratios.allSatisfy({ $0 == 1 }) else {
                throw DecodingError.dataCorruptedError(forKey: .heightRatios, in: c,
                    debugDescription: "a grid of \(columns) columns has equal rows; found ratios \(ratios)")
            }
            grid(rows: rows, columns: columns, sharedX: sharedX, sharedY: sharedY)
        }
        let panels = try c.decode([Panel].self, forKey: .panels)
        // The last row may be incomplete (its empty cells stay blank), never empty.
        let fewest = (rows - 1) * columns + 1
        guard (fewest...(rows * columns)).contains(panels.count) else {
            let needed = fewest == rows * columns ? "\(fewest)" : "\(fewest) to \(rows * columns)"
            throw DecodingError.dataCorruptedError(forKey: .panels, in: c,
                debugDescription: "a grid of \(rows) × \(columns) needs \(needed) panels, found \(panels.count)")
        }
        self.panels = panels
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(width, forKey: .width)
        try c.encode(height, forKey: .height)
        if !title.isEmpty { try c.encode(title, forKey: .title) }
        if theme != .standard { try c.encode(theme, forKey: .theme) }
        try c.encode(rowCount, forKey: .rows)
        try c.encode(columnCount, forKey: .columns)
        if heightRatios.contains(where: { $0 != 1 }) { try c.encode(heightRatios, forKey: .heightRatios) }
        if sharedX { try c.encode(sharedX, forKey: .sharedX) }
        if sharedY { try c.encode(sharedY, forKey: .sharedY) }
        try c.encode(panels, forKey: .panels)
    }

    /// What in a theme would make drawing fail or draw nothing readable, or nil.
    static func problem(with theme: Theme) -> String? {
        if theme.palette.isEmpty { return "the theme's palette is empty" }
        let sizes = [theme.titleSize, theme.panelTitleSize, theme.labelSize, theme.tickLabelSize, theme.legendSize,
                     theme.annotationSize]
        if !sizes.allSatisfy({ $0 > 0 && $0.isFinite }) { return "the theme's text sizes must be positive, found \(sizes)" }
        return nil
    }
}
