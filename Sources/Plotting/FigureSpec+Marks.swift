import Foundation

// MARK: - Mark

/// A mark is coded as `{"kind": {"<case>": {fields}}, "label": …, "color": …}` (the shape Swift's synthesised
/// coding gave version 1 of the spec, so version 1 specs still read), with each array of numbers written either
/// inline (`[0.5, 1.25, "nan"]`) or, when the figure's data table holds it exactly, as a column reference
/// (`{"csv": [["score", 0, 1, 1000]]}`, see `FigureData`). A heat map's values are coded row by row.
extension Mark {
    private enum Keys: String, CodingKey { case kind, label, color }
    private enum KindKeys: String, CodingKey { case line, scatter, band, stepBand, stairs, bars, span, hRule, vRule, text, heatmap }
    private enum FieldKeys: String, CodingKey {
        case x, y, width, dashed, radius, lower, upper, edges, values, errors, heights, from, to
        case _0, xEdges, yEdges, colorMap, range, colorbarLabel
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let kinds = try c.nestedContainer(keyedBy: KindKeys.self, forKey: .kind)
        guard kinds.allKeys.count == 1, let name = kinds.allKeys.first else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c,
                debugDescription: "expected one mark kind (line, scatter, band, stepBand, stairs, bars, span, hRule, vRule, text, heatmap)")
        }
        let f = try kinds.nestedContainer(keyedBy: FieldKeys.self, forKey: name)
        func numbers(_ key: FieldKeys) throws -> [Double] { try f.decode(NumberArray.self, forKey: key).values }
        let kind: Kind
        switch name {
        case .line:
            kind = .line(x: try numbers(.x), y: try numbers(.y), width: try f.decodeIfPresent(Double.self, forKey: .width),
                         dashed: try f.decode(Bool.self, forKey: .dashed))
        case .scatter:
            kind = .scatter(x: try numbers(.x), y: try numbers(.y), radius: try f.decodeIfPresent(Double.self, forKey: .radius))
        case .band:
            kind = .band(x: try numbers(.x), lower: try numbers(.lower), upper: try numbers(.upper))
        case .stepBand:
            kind = .stepBand(edges: try numbers(.edges), lower: try numbers(.lower), upper: try numbers(.upper))
        case .stairs:
            kind = .stairs(edges: try numbers(.edges), values: try numbers(.values),
                           errors: try f.decodeIfPresent(NumberArray.self, forKey: .errors)?.values,
                           width: try f.decodeIfPresent(Double.self, forKey: .width))
        case .bars:
            kind = .bars(x: try numbers(.x), heights: try numbers(.heights), width: try f.decodeIfPresent(Double.self, forKey: .width))
        case .span:
            kind = .span(from: try f.decode(Double.self, forKey: .from), to: try f.decode(Double.self, forKey: .to))
        case .hRule:
            kind = .hRule(y: try f.decode(Double.self, forKey: .y), dashed: try f.decode(Bool.self, forKey: .dashed))
        case .vRule:
            kind = .vRule(x: try f.decode(Double.self, forKey: .x), dashed: try f.decode(Bool.self, forKey: .dashed))
        case .text:
            kind = .text(try f.decode(String.self, forKey: ._0), x: try f.decode(Double.self, forKey: .x),
                         y: try f.decode(Double.self, forKey: .y))
        case .heatmap:
            kind = .heatmap(values: try f.decode(HeatMapValues.self, forKey: .values).rows,
                            xEdges: try numbers(.xEdges), yEdges: try numbers(.yEdges),
                            colorMap: try f.decode(ColorMap.self, forKey: .colorMap),
                            range: try f.decode(ColorRange.self, forKey: .range),
                            colorbarLabel: try f.decode(String.self, forKey: .colorbarLabel))
        }
        self.init(kind: kind, label: try c.decodeIfPresent(String.self, forKey: .label),
                  color: try c.decodeIfPresent(Color.self, forKey: .color))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encodeIfPresent(label, forKey: .label)
        try c.encodeIfPresent(color, forKey: .color)
        var kinds = c.nestedContainer(keyedBy: KindKeys.self, forKey: .kind)
        let matcher = encoder.userInfo[FigureSpec.matcherKey] as? FigureDataMatcher
        func fields(_ key: KindKeys) -> KeyedEncodingContainer<FieldKeys> {
            kinds.nestedContainer(keyedBy: FieldKeys.self, forKey: key)
        }
        switch kind {
        case .line(let x, let y, let width, let dashed):
            var f = fields(.line)
            try f.encode(numbers: x, forKey: .x, matcher)
            try f.encode(numbers: y, forKey: .y, matcher)
            try f.encodeIfPresent(width, forKey: .width)
            try f.encode(dashed, forKey: .dashed)
        case .scatter(let x, let y, let radius):
            var f = fields(.scatter)
            try f.encode(numbers: x, forKey: .x, matcher)
            try f.encode(numbers: y, forKey: .y, matcher)
            try f.encodeIfPresent(radius, forKey: .radius)
        case .band(let x, let lower, let upper):
            var f = fields(.band)
            try f.encode(numbers: x, forKey: .x, matcher)
            try f.encode(numbers: lower, forKey: .lower, matcher)
            try f.encode(numbers: upper, forKey: .upper, matcher)
        case .stepBand(let edges, let lower, let upper):
            var f = fields(.stepBand)
            try f.encode(numbers: edges, forKey: .edges, matcher)
            try f.encode(numbers: lower, forKey: .lower, matcher)
            try f.encode(numbers: upper, forKey: .upper, matcher)
        case .stairs(let edges, let values, let errors, let width):
            var f = fields(.stairs)
            try f.encode(numbers: edges, forKey: .edges, matcher)
            try f.encode(numbers: values, forKey: .values, matcher)
            if let errors { try f.encode(numbers: errors, forKey: .errors, matcher) }
            try f.encodeIfPresent(width, forKey: .width)
        case .bars(let x, let heights, let width):
            var f = fields(.bars)
            try f.encode(numbers: x, forKey: .x, matcher)
            try f.encode(numbers: heights, forKey: .heights, matcher)
            try f.encodeIfPresent(width, forKey: .width)
        case .span(let from, let to):
            var f = fields(.span)
            try f.encode(from, forKey: .from)
            try f.encode(to, forKey: .to)
        case .hRule(let y, let dashed):
            var f = fields(.hRule)
            try f.encode(y, forKey: .y)
            try f.encode(dashed, forKey: .dashed)
        case .vRule(let x, let dashed):
            var f = fields(.vRule)
            try f.encode(x, forKey: .x)
            try f.encode(dashed, forKey: .dashed)
        case .text(let text, let x, let y):
            var f = fields(.text)
            try f.encode(text, forKey: ._0)
            try f.encode(x, forKey: .x)
            try f.encode(y, forKey: .y)
        case .heatmap(let values, let xEdges, let yEdges, let colorMap, let range, let colorbarLabel):
            var f = fields(.heatmap)
            if let matcher, let columns = values.first?.count, values.allSatisfy({ $0.count == columns }),
               let segments = matcher.segments(for: values.flatMap { $0 }, stride: values.count) {
                // The whole map as one reference, row after row: a map of one column (one run, say) has rows too
                // short to refer to one by one.
                try f.encode(ColumnReference(segments: segments, columns: columns), forKey: .values)
            } else {
                var rows = f.nestedUnkeyedContainer(forKey: .values)
                for row in values {
                    if let segments = matcher?.segments(for: row, stride: values.count) { try rows.encode(ColumnReference(segments: segments)) } else { try rows.encode(row) }
                }
            }
            try f.encode(numbers: xEdges, forKey: .xEdges, matcher)
            try f.encode(numbers: yEdges, forKey: .yEdges, matcher)
            try f.encode(colorMap, forKey: .colorMap)
            try f.encode(range, forKey: .range)
            try f.encode(colorbarLabel, forKey: .colorbarLabel)
        }
    }
}

extension KeyedEncodingContainer {
    /// An array of numbers: a column reference when the matcher finds the data table holds it, else inline.
    fileprivate mutating func encode(numbers: [Double], forKey key: Key, _ matcher: FigureDataMatcher?) throws {
        if let segments = matcher?.segments(for: numbers) { try encode(ColumnReference(segments: segments), forKey: key) } else { try encode(numbers, forKey: key) }
    }
}

// MARK: - Arrays and references

/// A column reference as written: `{"csv": [["mu", 3, 100, 250], …]}`, each run `[column, first row, step, count]`,
/// with any value no column holds written in its place as a number (`[["bin", 0, 1, 400], 400]`).
/// A whole heat map's reference also says how many columns each of its rows has (`"columns": 250`): its values
/// are then the rows one after the other.
struct ColumnReference: Codable {
    var segments: [ColumnSegment]
    var columns: Int?

    private enum Keys: String, CodingKey { case csv, columns }

    init(segments: [ColumnSegment], columns: Int? = nil) { self.segments = segments; self.columns = columns }

    /// One element of the list: a run `[column, first row, step, count]`, or a number.
    private struct Element: Decodable {
        var segment: ColumnSegment

        init(from decoder: any Decoder) throws {
            guard var run = try? decoder.unkeyedContainer() else {
                segment = .value(try decoder.singleValueContainer().decode(Double.self))
                return
            }
            let r = ColumnRun(column: try run.decode(String.self), start: try run.decode(Int.self), step: try run.decode(Int.self),
                              count: try run.decode(Int.self))
            guard r.start >= 0, r.step >= 0, r.count >= 1 else {
                throw DecodingError.dataCorruptedError(in: run,
                    debugDescription: "a run [column, first row, step, count] needs a row ≥ 0, a step ≥ 0 and a count ≥ 1")
            }
            segment = .run(r)
        }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        columns = try c.decodeIfPresent(Int.self, forKey: .columns)
        if let columns, columns < 1 {
            throw DecodingError.dataCorruptedError(forKey: .columns, in: c, debugDescription: "a heat map's rows need at least one column")
        }
        segments = try c.decode([Element].self, forKey: .csv).map(\.segment)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encodeIfPresent(columns, forKey: .columns)
        var list = c.nestedUnkeyedContainer(forKey: .csv)
        for segment in segments {
            switch segment {
            case .run(let r):
                var run = list.nestedUnkeyedContainer()
                try run.encode(r.column)
                try run.encode(r.start)
                try run.encode(r.step)
                try run.encode(r.count)
            case .value(let x):
                try list.encode(x)
            }
        }
    }

    /// The values the segments stand for, read from `data`; throws naming a missing column or a row past the end.
    func values(in data: FigureData?, codingPath: [any CodingKey]) throws -> [Double] {
        guard let data else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath,
                debugDescription: "the array refers to the figure's data columns, which were not given"))
        }
        var out: [Double] = []
        out.reserveCapacity(segments.reduce(0) { $0 + $1.count })
        for segment in segments {
            guard case .run(let r) = segment else {
                if case .value(let x) = segment { out.append(x) }
                continue
            }
            guard let column = data.column(named: r.column) else {
                throw DecodingError.dataCorrupted(.init(codingPath: codingPath,
                    debugDescription: "there is no data column \(r.column)"))
            }
            guard r.last < column.count else {
                throw DecodingError.dataCorrupted(.init(codingPath: codingPath,
                    debugDescription: "row \(r.last) of column \(r.column) is past its \(column.count) values"))
            }
            for i in 0..<r.count { out.append(column[r.start + i * r.step]) }
        }
        return out
    }
}

/// An array of numbers as read: inline, or through a column reference resolved in the decoder's `FigureData`.
private struct NumberArray: Decodable {
    var values: [Double]

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var values: [Double] = []
            if let n = list.count { values.reserveCapacity(n) }
            while !list.isAtEnd { values.append(try list.decode(Double.self)) }
            self.values = values
        } else {
            let reference = try ColumnReference(from: decoder)
            values = try reference.values(in: decoder.userInfo[FigureSpec.dataKey] as? FigureData, codingPath: decoder.codingPath)
        }
    }
}

/// A heat map's values as read: a list of rows (each inline or a reference), or one reference to the whole map
/// with its row length.
private struct HeatMapValues: Decodable {
    var rows: [[Double]]

    init(from decoder: any Decoder) throws {
        if (try? decoder.unkeyedContainer()) != nil {
            rows = try [NumberArray](from: decoder).map(\.values)
            return
        }
        let reference = try ColumnReference(from: decoder)
        guard let columns = reference.columns else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "a heat map's reference needs its row length (\"columns\")"))
        }
        let values = try reference.values(in: decoder.userInfo[FigureSpec.dataKey] as? FigureData, codingPath: decoder.codingPath)
        guard values.count % columns == 0 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "\(values.count) values do not make rows of \(columns)"))
        }
        rows = stride(from: 0, to: values.count, by: columns).map { Array(values[$0..<$0 + columns]) }
    }
}
