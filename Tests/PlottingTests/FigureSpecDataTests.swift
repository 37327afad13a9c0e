import XCTest
import Foundation
@testable import Plotting

/// A figure spec that refers to its data table (`FigureData`) instead of repeating the numbers: what is written
/// as a reference, that it reads back to the same doubles and the same drawing, and what is refused.
final class FigureSpecDataTests: XCTestCase {
    /// A long table of a 5 × 4 heat map (one row per cell, x outermost, as the DINAMO maps write theirs) and a
    /// score per run, and the figure drawn from it.
    private func heatMapAndTrend() throws -> (Figure, FigureData) {
        let nx = 5, ny = 4
        var value: [Double] = [], ix: [Double] = [], iy: [Double] = []
        for i in 0..<nx {
            for j in 0..<ny { ix.append(Double(i)); iy.append(Double(j)); value.append(sin(Double(i * ny + j)) / 3) }
        }
        var table = FigureData()
        try table.add(column: "x", values: ix)
        try table.add(column: "y", values: iy)
        try table.add(column: "value", values: value)
        // values[j][i] = value at table row i·ny + j
        let rows = (0..<ny).map { j in (0..<nx).map { i in value[i * ny + j] } }
        var fig = Figure(width: 300, height: 300)
        fig.rows(heightRatios: [1, 1])
        fig.panels[0].add(.heatmap(rows, xEdges: (0...nx).map(Double.init), yEdges: (0...ny).map(Double.init)))
        // A scatter of every other cell's value: a subset of the column, in order.
        let picked = stride(from: 0, to: nx * ny, by: 2)
        fig.panels[1].add(.scatter(x: picked.map { Double($0) }, y: picked.map { value[$0] }, label: "cells"))
        fig.panels[1].add(.line(x: ix, y: value, label: "all", dashed: true))
        return (fig, table)
    }

    private func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    func testArraysTheTableHoldsAreWrittenAsReferencesAndReadBackExactly() throws {
        let (fig, table) = try heatMapAndTrend()
        let json = try FigureSpec(figure: fig).encoded(data: table)
        let s = text(json)
        // The map is one reference, row after row; each row one run down the long table: every ny-th table row
        // from row j.
        XCTAssertTrue(s.contains(#""values":{"columns":5,"csv":[["value",0,4,5],["value",1,4,5],["value",2,4,5],["value",3,4,5]]}"#), s)
        XCTAssertTrue(s.contains(#""y":{"csv":[["value",0,2,10]]}"#), "the scatter's subset is one strided run: \(s)")
        XCTAssertTrue(s.contains(#""data":{"value":20,"x":20}"#), "each column used, with its length: \(s)")
        XCTAssertEqual(try FigureSpec.Header(decoding: json).dataColumns, ["value", "x"])
        let again = try FigureSpec(decoding: json, data: table)
        XCTAssertEqual(again.figure, fig)
        XCTAssertEqual(try again.encoded(data: table), json, "re-encoding gives the same bytes")
        XCTAssertEqual(try FigureSpec(figure: fig).encoded(data: table), json, "the same figure, the same bytes")
        for format in [RenderTarget.png(scale: 2), .svg(idPrefix: "x-"), .pdf] {
            XCTAssertEqual(try again.figure.render(format), try fig.render(format), "\(format)")
        }
        // Without the table the spec is as before: every number inline, and as long.
        let inline = try FigureSpec(figure: fig).encoded()
        XCTAssertFalse(text(inline).contains("csv"))
        XCTAssertLessThan(json.count, inline.count)
    }

    func testATableInWideFormAndAnArraySpanningTwoColumnsAreReferredTo() throws {
        // Wide form: one column per heat-map row. Stairs edges: the lower edges, then the last upper edge.
        var table = FigureData()
        let lower = (0..<6).map { 0.1 + Double($0) * 0.7 }, upper = (1...6).map { 0.1 + Double($0) * 0.7 }
        let a = (0..<6).map { 1 / Double($0 + 3) }, b = (0..<6).map { -Double($0) * 1e-7 }
        try table.add(column: "lower_edge", values: lower)
        try table.add(column: "upper_edge", values: upper)
        try table.add(column: "a", values: a)
        try table.add(column: "b", values: b)
        var fig = Figure(width: 300, height: 200)
        fig.panels[0].add(.stairs(edges: lower + [upper[5]], values: a, errors: b))
        fig.panels[0].add(.heatmap([a, b], xEdges: lower + [upper[5]], yEdges: [0, 1, 2]))
        let json = try FigureSpec(figure: fig).encoded(data: table)
        let s = text(json)
        XCTAssertTrue(s.contains(#""edges":{"csv":[["lower_edge",0,1,6],["upper_edge",5,1,1]]}"#), s)
        XCTAssertTrue(s.contains(#""values":{"columns":6,"csv":[["a",0,1,6],["b",0,1,6]]}"#), s)
        XCTAssertEqual(try FigureSpec(decoding: json, data: table).figure, fig)
    }

    func testAHeatMapOfOneColumnIsOneReference() throws {
        // One run of a large TH2, say: each heat-map row is a single cell.
        let cells = (0..<1000).map { cos(Double($0)) }
        var table = FigureData()
        try table.add(column: "mu", values: cells)
        var fig = Figure(width: 200, height: 200)
        fig.panels[0].add(.heatmap(cells.map { [$0] }, xEdges: [-0.5, 0.5], yEdges: (0...1000).map(Double.init)))
        let json = try FigureSpec(figure: fig).encoded(data: table)
        XCTAssertTrue(String(decoding: json, as: UTF8.self).contains(#""values":{"columns":1,"csv":[["mu",0,1,1000]]}"#))
        XCTAssertLessThan(json.count, 6000, "the edges stay inline, the cells do not")
        // With the bins in the table, the edges are its bins and one value past them.
        try table.add(column: "bin", values: (0..<1000).map(Double.init))
        let withBins = try FigureSpec(figure: fig).encoded(data: table)
        XCTAssertTrue(String(decoding: withBins, as: UTF8.self).contains(#""yEdges":{"csv":[["bin",0,1,1000],1000]}"#))
        XCTAssertLessThan(withBins.count, 600)
        XCTAssertEqual(try FigureSpec(decoding: withBins, data: table).figure, fig)
        XCTAssertEqual(try FigureSpec(decoding: json, data: table).figure, fig)
        // A map some of whose rows the table cannot give back keeps the others' references, row by row.
        var partly = Figure(width: 200, height: 200)
        partly.panels[0].add(.heatmap([Array(cells[0..<4]), [1, .infinity, 3, 4]], xEdges: [0, 1, 2, 3, 4], yEdges: [0, 1, 2]))
        let mixed = try FigureSpec(figure: partly).encoded(data: table)
        XCTAssertTrue(String(decoding: mixed, as: UTF8.self).contains(#""values":[{"csv":[["mu",0,1,4]]},[1,"inf",3,4]]"#))
        XCTAssertEqual(try FigureSpec(decoding: mixed, data: table).figure, partly)
    }

    func testNaNMatchesAnEmptyCellButInfinityStaysInline() throws {
        var table = FigureData()
        try table.add(column: "v", values: [1.5, .nan, 2.5, -0.0, 3.5])
        var fig = Figure(width: 200, height: 100)
        fig.panels[0].add(.line(x: [0, 1, 2, 3, 4], y: [1.5, .nan, 2.5, -0.0, 3.5]))
        fig.panels[0].add(.line(x: [0, 1, 2, 3, 4], y: [1.5, .infinity, 2.5, -0.0, 3.5]))
        fig.panels[0].add(.line(x: [0, 1, 2, 3, 4], y: [1.5, .nan, 2.5, 0.0, 3.5]))
        let json = try FigureSpec(figure: fig).encoded(data: table)
        let s = text(json)
        XCTAssertTrue(s.contains(#""y":{"csv":[["v",0,1,5]]}"#), s)
        XCTAssertTrue(s.contains(#""y":[1.5,"inf",2.5,-0,3.5]"#), "a CSV cannot hold ∞ (it reads back as NaN): \(s)")
        // In a long array, the one value no column holds is written as itself among the references.
        var long = FigureData()
        let scores = (0..<200).map { sin(Double($0)) }
        try long.add(column: "score", values: scores)
        var trend = Figure(width: 200, height: 100)
        var withGap = scores
        withGap[57] = -.infinity
        trend.panels[0].add(.scatter(x: (0..<200).map(Double.init), y: withGap))
        let t = try FigureSpec(figure: trend).encoded(data: long)
        XCTAssertTrue(text(t).contains(#""y":{"csv":[["score",0,1,57],"-inf",["score",58,1,142]]}"#), text(t))
        XCTAssertEqual(try FigureSpec(decoding: t, data: long).figure, trend)
        XCTAssertTrue(s.contains(#""y":[1.5,"nan",2.5,0,3.5]"#), "−0 and +0 are different doubles: \(s)")
        let marks = try FigureSpec(decoding: json, data: table).figure.panels[0].marks
        guard case .line(_, let y, _, _) = marks[0].kind else { return XCTFail("expected a line") }
        XCTAssertEqual([y[0], y[2], y[4]], [1.5, 2.5, 3.5])
        XCTAssertTrue(y[1].isNaN)
        XCTAssertEqual(y[3].bitPattern, (-0.0).bitPattern)
    }

    func testShortArraysAndOneValueRunsStayInline() throws {
        var table = FigureData()
        let v = (0..<40).map { Double($0) * 0.37 }
        try table.add(column: "v", values: v)
        var fig = Figure(width: 200, height: 100)
        fig.panels[0].add(.line(x: [0, 1, 2], y: Array(v[0..<3])))                 // too short to be worth it
        let scattered = [3, 17, 5, 29, 11, 0, 38, 21, 8, 33].map { v[$0] }         // ten one-value runs
        fig.panels[0].add(.line(x: (0..<10).map(Double.init), y: scattered))
        let s = text(try FigureSpec(figure: fig).encoded(data: table))
        XCTAssertFalse(s.contains(#""y":{"csv""#), s)
    }

    func testAStepBandRefersToItsColumnsAndASharedTableIsNamed() throws {
        // A band held flat across each bin: lower edges then the last upper edge, and the bounds, from the table.
        var table = FigureData()
        let edges = (0...6).map { Double($0) / 3 + 0.1 }
        let lo = (0..<6).map { 0.1 * Double($0) + 1 / 3 }, hi = lo.map { $0 + 0.25 }
        try table.add(column: "edge", values: edges)
        try table.add(column: "lo", values: lo)
        try table.add(column: "hi", values: hi)
        var fig = Figure(width: 300, height: 200)
        fig.panels[0].add(.stepBand(edges: edges, lower: lo, upper: hi, label: "μ ± σ"))
        fig.panels[0].add(.stairs(edges: edges, values: lo, width: 0.8))
        var spec = FigureSpec(figure: fig)
        spec.table = "shared-scores.csv"
        let json = try spec.encoded(data: table)
        let s = text(json)
        XCTAssertTrue(s.contains(#""stepBand":{"edges":{"csv":[["edge",0,1,7]]},"lower":{"csv":[["lo",0,1,6]]},"upper":{"csv":[["hi",0,1,6]]}}"#), s)
        XCTAssertTrue(s.contains(#""table":"shared-scores.csv""#), s)
        XCTAssertTrue(s.contains(#""width":0.8"#), "the stairs keep their line width: \(s)")
        let header = try FigureSpec.Header(decoding: json)
        XCTAssertEqual(header.table, "shared-scores.csv")
        let again = try FigureSpec(decoding: json, data: table)
        XCTAssertEqual(again.figure, fig)
        XCTAssertEqual(again.table, "shared-scores.csv")
        XCTAssertEqual(try again.figure.render(.png(scale: 1)), try fig.render(.png(scale: 1)))
        // A table named by a path is refused: a spec cannot send its reader out of the data folder.
        for bad in ["../summary.json", "a/b.csv", "..", ""] {
            let edited = Data(s.replacingOccurrences(of: #""table":"shared-scores.csv""#, with: "\"table\":\"\(bad)\"").utf8)
            XCTAssertThrowsError(try FigureSpec.Header(decoding: edited), bad)
        }
    }

    // MARK: What is refused

    func testASpecThatRefersToItsTableNeedsThatTable() throws {
        let (fig, table) = try heatMapAndTrend()
        let json = try FigureSpec(figure: fig).encoded(data: table)
        func message(_ data: FigureData?) -> String {
            do { _ = try FigureSpec(decoding: json, data: data); return "" } catch { return error.description }
        }
        XCTAssertTrue(message(nil).contains("data columns value, x, which were not given"), message(nil))
        var shorter = FigureData()
        try shorter.add(column: "value", values: Array(table.column(named: "value")!.prefix(19)))
        try shorter.add(column: "x", values: Array(table.column(named: "x")!.prefix(19)))
        XCTAssertTrue(message(shorter).contains("column value has 19 values where the figure was drawn from 20"), message(shorter))
        var other = FigureData()
        try other.add(column: "value", values: table.column(named: "value")!)
        XCTAssertTrue(message(other).contains("there is no data column x"), message(other))
        // A reference past the table's end, in a spec edited by hand.
        let edited = Data(text(json).replacingOccurrences(of: #"["value",3,4,5]"#, with: #"["value",3,4,6]"#).utf8)
        XCTAssertThrowsError(try FigureSpec(decoding: edited, data: table)) { error in
            XCTAssertTrue("\(error)".contains("row 23 of column value is past its 20 values"), "\(error)")
        }
    }

    func testColumnsHaveUniqueNamesAndTheirOwnLengths() throws {
        var table = FigureData()
        try table.add(column: "a", values: [1, 2])
        XCTAssertThrowsError(try table.add(column: "a", values: [3, 4]))
        try table.add(column: "b.npy", values: (0..<12).map { Double($0) / 7 })
        var fig = Figure(width: 200, height: 100)
        fig.panels[0].add(.line(x: [0, 1, 2, 3, 4, 5], y: (6..<12).map { Double($0) / 7 }))
        let json = try FigureSpec(figure: fig).encoded(data: table)
        XCTAssertTrue(String(decoding: json, as: UTF8.self).contains(#""data":{"b.npy":12}"#))
        XCTAssertEqual(try FigureSpec(decoding: json, data: table).figure, fig)
    }

    func testAVersionOneSpecStillReads() throws {
        var fig = Figure(width: 200, height: 100)
        fig.panels[0].add(.line(x: [0, 1, 2, 3], y: [1, 2, 3, 4], label: "v1", width: 2))
        fig.panels[0].add(.text("note", x: 1, y: 2))
        fig.panels[0].add(.hRule(y: 1.5))
        // A document exactly as version 1 wrote it (Swift's synthesised coding of the marks).
        let v1 = #"{"figure":{"columns":1,"height":100,"panels":[{"marks":[{"kind":{"line":{"dashed":false,"width":2,"x":[0,1,2,3],"y":[1,2,3,4]}},"label":"v1"},{"kind":{"text":{"_0":"note","x":1,"y":2}}},{"kind":{"hRule":{"dashed":true,"y":1.5}}}]}],"rows":1,"width":200},"style":{},"version":1}"#
        let spec = try FigureSpec(decoding: Data(v1.utf8))
        XCTAssertEqual(spec.figure, fig)
        XCTAssertEqual(text(try spec.encoded()), v1.replacingOccurrences(of: #""version":1"#, with: #""version":2"#),
                       "version 2 writes a figure without references as version 1 did")
    }

    // MARK: Numbers

    func testNumbersAreWrittenInTheirShortestRoundTripForm() throws {
        let values: [Double] = [0.1, 1.0 / 3, 0.3686274509803922, 5e-324, 1e-5, 2.5e-7, 1.7976931348623157e308,
                                123456789.125, -0.0, 1e22, 0.00024968730444297724]
        var fig = Figure(width: 200, height: 100)
        fig.panels[0].add(.line(x: values.indices.map(Double.init), y: values))
        let s = text(try FigureSpec(figure: fig).encoded())
        let list = try XCTUnwrap(s.range(of: #""y":\[[^\]]*\]"#, options: .regularExpression)).map { String(s[$0]) }!
        let written = list.dropFirst(5).dropLast().split(separator: ",").map(String.init)
        XCTAssertEqual(written.count, values.count)
        for (w, x) in zip(written, values) {
            XCTAssertEqual(Double(w)?.bitPattern, x.bitPattern, w)
            // Swift's description has the fewest digits that read back as x; what the spec writes is no longer.
            XCTAssertLessThanOrEqual(w.count, x.description.count, "\(w) for \(x)")
        }
    }
}
