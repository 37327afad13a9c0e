import XCTest
import Foundation
@testable import Plotting

private func ramp(_ n: Int) -> [Double] { (0..<n).map(Double.init) }

private func twoPanel() -> Figure {
    var fig = Figure(width: 6.5 * 72, height: 4 * 72, title: "Series and posterior")
    fig.rows(heightRatios: [3, 1], sharedX: true)
    let x = ramp(1000)
    let y = x.map { sin($0 / 40) }
    fig.panels[0].add(.span(from: 200, to: 260, label: "true anomaly"))
    fig.panels[0].add(.band(x: x, lower: y.map { $0 - 0.3 }, upper: y.map { $0 + 0.3 }, label: "±2 scale"))
    fig.panels[0].add(.line(x: x, y: y, label: "mean"))
    fig.panels[0].yLabel = "value"
    fig.panels[1].add(.line(x: x, y: y.map { abs($0) }))
    fig.panels[1].xLabel = "t"
    return fig
}

final class TickTests: XCTestCase {
    // MARK: Ticks for awkward ranges
    func testTicksOverUnitRangeHaveNoFloatNoise() {
        let t = TickGenerator.linear(AxisRange(lower: 0, upper: 1, scale: .linear), maxCount: 11, minorTicks: false)
        XCTAssertTrue(t.labels.contains("0.3"))
        XCTAssertFalse(t.labels.contains { $0.count > 4 })
    }
    func testNegativeTicksUseTrueMinusSign() {
        let t = TickGenerator.linear(AxisRange(lower: -3, upper: 3, scale: .linear), maxCount: 7, minorTicks: false)
        XCTAssertEqual(t.labels.first, "\u{2212}3")
        XCTAssertTrue(t.labels.contains("0"))
    }
    func testTinySpanUsesAnOffsetOrFactor() {
        let t = TickGenerator.linear(AxisRange(lower: 1, upper: 1 + 1e-12, scale: .linear), maxCount: 6, minorTicks: false)
        XCTAssertGreaterThanOrEqual(t.major.count, 2)
        XCTAssertFalse(t.annotation.isEmpty)
        XCTAssertTrue(t.labels.allSatisfy { $0.count <= 5 }, "\(t.labels)")
    }
    func testHugeRangeUsesScientificFactor() {
        let t = TickGenerator.linear(AxisRange(lower: 0, upper: 1e12, scale: .linear), maxCount: 6, minorTicks: false)
        XCTAssertEqual(t.annotation, "×10¹²")
        XCTAssertTrue(t.labels.allSatisfy { $0.count <= 4 }, "\(t.labels)")
    }
    func testFastFixedFormattingWritesWhatPrintfWrites() {
        // Tick values k·m·10^e scaled as the labels are, awkward decimals, signed zeros, and values off the grid
        // (those take printf's own path): every one must read exactly as String(format: "%.*f").
        var values: [(Double, Int)] = [(0, 0), (-0.0, 1), (-0.01, 1), (0.05, 1), (0.15, 1), (2.5, 0), (-2.5, 0),
                                       (1e15, 0), (123456.789, 2), (.pi, 15), (1e-7, 3), (-1e300, 2)]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<4000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let k = Int64(truncatingIfNeeded: state >> 40) % 20_000 - 10_000
            let m = [1.0, 2, 5][Int(state >> 20) % 3], e = Int(state >> 8) % 13 - 8
            let decimals = max(0, -e)
            values.append((Double(k) * m * pow(10, Double(e)), decimals))
            values.append((Double(k) * m * pow(10, Double(e)) / 7, decimals + Int(state >> 4) % 3))
        }
        for (v, d) in values {
            XCTAssertEqual(NumberFormat.fixed(v, decimals: d), String(format: "%.*f", d, v), "\(v) with \(d) decimals")
        }
    }
    func testSingleValueGetsPaddedRange() {
        let r = AxisRange.auto([5, 5, .nan], scale: .linear)
        XCTAssertLessThan(r.lower, 5); XCTAssertGreaterThan(r.upper, 5)
        XCTAssertEqual(AxisRange.auto([], scale: .linear), AxisRange(lower: 0, upper: 1, scale: .linear))
    }
    func testFinestStepThatFitsIsChosen() {
        // span/(n−1) = 13/6 would give step 5 and only the ticks 0, 5 and 10; step 2 gives seven ticks, within seven.
        let t = TickGenerator.linear(AxisRange(lower: -3, upper: 10, scale: .linear), maxCount: 7, minorTicks: false)
        XCTAssertEqual(t.major, [-2, 0, 2, 4, 6, 8, 10])
        XCTAssertLessThanOrEqual(t.major.count, 7)
        // When ticks sit at both ends, the finer step would exceed the count and is not taken.
        let u = TickGenerator.linear(AxisRange(lower: 0, upper: 10, scale: .linear), maxCount: 3, minorTicks: false)
        XCTAssertEqual(u.major, [0, 5, 10])
    }
    func testLogTicksLandOnDecades() {
        let t = TickGenerator.log(AxisRange(lower: 1e-3, upper: 1e4, scale: .log), maxCount: 8, minorTicks: true)
        XCTAssertEqual(t.labels.first, "10⁻³")
        XCTAssertTrue(t.major.contains(1))
        XCTAssertFalse(t.minor.isEmpty)
    }
    func testAShortLogAxisLabelsAtLeastTwoDecades() {
        // 0.05…20 with few ticks allowed: every second decade would label 10⁰ alone.
        for count in 2...4 {
            let t = TickGenerator.log(AxisRange(lower: 0.05, upper: 20, scale: .log), maxCount: count, minorTicks: true)
            XCTAssertGreaterThanOrEqual(t.labels.count, 2, "maxCount \(count): \(t.labels)")
            XCTAssertTrue(t.major.allSatisfy { $0 >= 0.05 && $0 <= 20 })
        }
        let t = TickGenerator.log(AxisRange(lower: 0.05, upper: 20, scale: .log), maxCount: 2, minorTicks: true)
        XCTAssertEqual(t.labels, ["10⁻¹", "10¹"])
    }
    func testAutoRangeIgnoresNonFinite() {
        let r = AxisRange.auto([1, .infinity, 2, -.infinity, .nan], scale: .linear)
        XCTAssertTrue(r.lower.isFinite && r.upper.isFinite && r.upper < 3)
    }
}

final class LayoutTests: XCTestCase {
    // MARK: Recording backend layout
    func testLeftMarginGrowsWithALongTickLabel() {
        var short = Figure(); short.panels[0].add(.line(x: [0, 1], y: [0, 1]))
        var long = Figure(); long.panels[0].add(.line(x: [0, 1], y: [0, 12345]))
        let a = short.layout(using: RecordingRenderer()).panels[0].frame
        let b = long.layout(using: RecordingRenderer()).panels[0].frame
        XCTAssertGreaterThan(b.minX, a.minX)
    }
    func testSharedRowsAlignAndHideUpperTickLabels() {
        let l = twoPanel().layout(using: RecordingRenderer())
        XCTAssertEqual(l.panels[0].frame.minX, l.panels[1].frame.minX)
        XCTAssertFalse(l.panels[0].showXTickLabels)
        XCTAssertGreaterThan(l.panels[0].frame.height, 2.5 * l.panels[1].frame.height)
    }
    func testBarsAndHistogramsStandOnTheBottomAxis() {
        var bars = Figure(); bars.panels[0].add(.bars(x: [1, 2, 3], heights: [0.9, 0.4, 0.7]))
        var hist = Figure(); hist.panels[0].add(.stairs(edges: [0, 1, 2, 3], values: [0, 5, 2]))
        var line = Figure(); line.panels[0].add(.line(x: [1, 2, 3], y: [0, 0.4, 0.7]))
        var far = Figure(); far.panels[0].add(.stairs(edges: [0, 1, 2], values: [50, 100]))
        var negative = Figure(); negative.panels[0].add(.bars(x: [1, 2], heights: [-1, -3]))
        func y(_ f: Figure) -> AxisRange { f.layout(using: RecordingRenderer()).panels[0].y }
        XCTAssertEqual(y(bars).lower, 0)
        XCTAssertEqual(y(hist).lower, 0)
        XCTAssertLessThan(y(line).lower, 0)          // lines keep their padding below
        XCTAssertGreaterThan(y(far).lower, 40)       // zero is not pulled in when the data is far from it
        XCTAssertEqual(y(negative).upper, 0)
        XCTAssertLessThan(y(negative).lower, -3)
    }
    func testEmptyPanelDrawsALabelledAxis() {
        var fig = Figure(); fig.panels[0].xLabel = "x"
        let r = RecordingRenderer(); fig.draw(on: r)
        XCTAssertTrue(r.texts.contains("x"))
        XCTAssertTrue(r.texts.contains("0.5") || r.texts.contains("0.4"))
    }
    func testLegendAvoidsTheCornerWithData() {
        var fig = Figure()
        fig.panels[0].add(.line(x: ramp(100), y: ramp(100), label: "rising"))   // fills lower-left → upper-right
        let r = RecordingRenderer(); fig.draw(on: r)
        let frame = fig.layout(using: RecordingRenderer()).panels[0].frame
        let legendText = r.calls.compactMap { c -> Point? in if case .text("rising", let p, _, _, _) = c { return p } else { return nil } }
        XCTAssertEqual(legendText.count, 1)
        XCTAssertLessThan(legendText[0].x, frame.midX)    // upper-left
        XCTAssertLessThan(legendText[0].y, frame.midY)
    }
    func testLegendGetsHeadroomWhenEveryCornerHidesData() {
        // Tall bars fill every corner: the top of the y range rises until the legend clears them.
        var fig = Figure(width: 300, height: 200)
        fig.panels[0].add(.bars(x: [1, 2, 3, 4], heights: [0.93, 0.84, 0.95, 0.96], label: "ROC AUC"))
        fig.panels[0].yRange = 0...1
        let r = RecordingRenderer()
        let pl = fig.layout(using: r).panels[0]
        XCTAssertEqual(pl.y.lower, 0, "the requested bottom stays")
        XCTAssertGreaterThan(pl.y.upper, 1.1)
        XCTAssertEqual(fig.legendBox(fig.panels[0], pl, on: r)?.hidden, 0)
    }
    func testFixedLegendCornerKeepsTheRequestedRange() {
        var fig = Figure(width: 300, height: 200)
        fig.panels[0].add(.bars(x: [1, 2, 3, 4], heights: [0.91, 0.84, 0.95, 0.72], label: "ROC AUC"))
        fig.panels[0].yRange = 0...1
        fig.panels[0].legend = .upperRight
        XCTAssertEqual(fig.layout(using: RecordingRenderer()).panels[0].y.upper, 1)
    }
    func testNonFiniteValuesBreakTheLine() {
        var fig = Figure()
        fig.panels[0].add(.line(x: [0, 1, 2, 3, 4], y: [0, 1, .nan, 1, .infinity]))
        let r = RecordingRenderer(); fig.draw(on: r)
        for c in r.calls { if case .stroke(let p, _, _, _) = c { for e in p.elements {
            if case .line(let q) = e { XCTAssertTrue(q.x.isFinite && q.y.isFinite) } } } }
    }
    func testDecimationKeepsExtremes() {
        let x = (0..<1_000_00).map { Double($0) / 1000 }
        let y = x.map { sin($0 * 50) }
        let segs = Decimation.segments(x: x, y: y, map: { Point(x: $0 * 4, y: $1 * 100) })
        let n = segs.map(\.count).reduce(0, +)
        XCTAssertLessThan(n, 4 * 4 * 100 * 2 + 10)
        XCTAssertEqual(segs.flatMap { $0 }.map(\.y).max()!, 100, accuracy: 0.5)
    }
}

final class OutputTests: XCTestCase {
    // MARK: Pixel probes
    private func pixel(_ img: (width: Int, height: Int, stride: Int, data: [UInt8]), _ x: Int, _ y: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        let o = y * img.stride + x * 4   // ARGB32 little-endian: B G R A
        return (img.data[o + 2], img.data[o + 1], img.data[o])
    }
    func testRedLineIsRedAtItsDataPoint() {
        var fig = Figure(width: 300, height: 200)
        fig.panels[0].add(.line(x: [0, 10], y: [5, 5], color: Color(red: 1, green: 0, blue: 0), width: 3))
        var frame = Rect(x: 0, y: 0, width: 0, height: 0)
        let img = CairoOutput.pixels(width: 300, height: 200, scale: 2, fontFamily: "DejaVu Sans") { r in
            frame = fig.layout(using: r).panels[0].frame
            fig.draw(on: r)
        }
        let p = pixel(img, Int(frame.midX * 2), Int(frame.midY * 2))
        XCTAssertGreaterThan(p.r, 200); XCTAssertLessThan(p.g, 60); XCTAssertLessThan(p.b, 60)
    }
    func testBandFillsBetweenItsBounds() {
        var fig = Figure(width: 300, height: 200)
        fig.panels[0].yRange = 0...10
        fig.panels[0].add(.band(x: [0, 10], lower: [4, 4], upper: [6, 6], color: Color(red: 0, green: 0, blue: 1)))
        var pl: PanelLayout?
        let img = CairoOutput.pixels(width: 300, height: 200, scale: 2, fontFamily: "DejaVu Sans") { r in
            pl = fig.layout(using: r).panels[0]; fig.draw(on: r)
        }
        let inside = pixel(img, Int(pl!.px(5) * 2), Int(pl!.py(5) * 2))
        let outside = pixel(img, Int(pl!.px(5) * 2), Int(pl!.py(8) * 2))
        XCTAssertGreaterThan(inside.b, 200); XCTAssertLessThan(inside.r, 240)
        XCTAssertEqual(outside.r, 255); XCTAssertEqual(outside.b, 255)
    }

    func testAStepBandIsFlatAcrossEachBinAndEmptyWhereABoundIsNot() {
        var fig = Figure(width: 300, height: 200)
        fig.panels[0].yRange = 0...10
        // Bin 0…1 holds 2…4, bin 1…2 has no bounds, bin 2…3 holds 6…8.
        fig.panels[0].add(.stepBand(edges: [0, 1, 2, 3], lower: [2, .nan, 6], upper: [4, .nan, 8],
                                    color: Color(red: 0, green: 0, blue: 1)))
        var pl: PanelLayout?
        let img = CairoOutput.pixels(width: 300, height: 200, scale: 2, fontFamily: "DejaVu Sans") { r in
            pl = fig.layout(using: r).panels[0]; fig.draw(on: r)
        }
        func blue(_ x: Double, _ y: Double) -> Bool {
            let p = pixel(img, Int(pl!.px(x) * 2), Int(pl!.py(y) * 2))
            return p.b > 200 && p.r < 240
        }
        XCTAssertTrue(blue(0.2, 3)); XCTAssertTrue(blue(0.8, 3), "flat across the bin, not a ramp to the next")
        XCTAssertFalse(blue(0.8, 7), "bin 0 does not reach bin 2's bounds")
        XCTAssertFalse(blue(1.5, 3)); XCTAssertFalse(blue(1.5, 7))
        XCTAssertTrue(blue(2.2, 7)); XCTAssertTrue(blue(2.8, 7)); XCTAssertFalse(blue(2.5, 3))
        XCTAssertEqual(fig.panels[0].xPadding, 0, "binned marks hug the x axis")
        let outline = Figure.stepOutline(edges: [0, 1, 2], lower: [1, 3], upper: [2, 4])
        XCTAssertEqual(outline.x, [0, 1, 1, 2])
        XCTAssertEqual(outline.lower, [1, 1, 3, 3])
        XCTAssertEqual(outline.upper, [2, 2, 4, 4])
    }

    func testIrregularHeatMapCellsMeetWithoutABlendedSeam() {
        // Runs numbered with gaps: unequal columns. Each pixel inside the map shows exactly one cell's colour.
        var fig = Figure(width: 300, height: 200)
        let values: [[Double]] = [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0]]
        fig.panels[0].add(.heatmap(values, xEdges: [300000, 300001.5, 300004, 300004.7, 300009, 300010], yEdges: [0, 1, 2]))
        var pl: PanelLayout?
        let img = CairoOutput.pixels(width: 300, height: 200, scale: 2, fontFamily: "DejaVu Sans") { r in
            pl = fig.layout(using: r).panels[0]; fig.draw(on: r)
        }
        let colours = Set((0...4).map { v -> [UInt8] in
            let argb = ColorMap.viridis.color(at: Double(v) / 4).opaqueARGB
            return [UInt8((argb >> 16) & 0xFF), UInt8((argb >> 8) & 0xFF), UInt8(argb & 0xFF)]
        })
        let f = pl!.frame
        for y in [Int(pl!.py(0.5) * 2), Int(pl!.py(1.5) * 2)] {
            for x in Int(f.minX * 2) + 10 ..< Int(f.maxX * 2) - 10 {   // clear of the frame and its ticks
                let p = pixel(img, x, y)
                XCTAssertTrue(colours.contains([p.r, p.g, p.b]), "pixel \(x), \(y): \(p)")
            }
        }
        XCTAssertEqual(Figure.sampleCells([0, 1, 2, 3]), [0, 1, 2], "equal cells: one sample each")
        XCTAssertEqual(Figure.sampleCells([3, 2, 1, 0]), [2, 1, 0], "a flipped axis is read in page order")
        XCTAssertEqual(Figure.sampleCells([0, 0.5, 2]), [0, 0, 1, 1, 1, 1, 1, 1], "four samples a point")
        XCTAssertNil(Figure.sampleCells([0, 1, 1, 2]), "cells must have width")
        XCTAssertNil(Figure.sampleCells([0, .nan, 2]))
    }

    // MARK: SVG structure
    func testSVGIdsArePrefixedAndMarksAreGrouped() throws {
        let svg = String(decoding: try twoPanel().render(.svg(idPrefix: "fig3")), as: UTF8.self)
        XCTAssertTrue(svg.contains("id=\"fig3-glyph"))
        XCTAssertFalse(svg.contains("id=\"glyph"))
        XCTAssertFalse(svg.contains("href=\"#glyph"))
        XCTAssertFalse(svg.contains("url(#clip"))
        XCTAssertTrue(svg.contains("<g class=\"line panel0\""))
        XCTAssertTrue(svg.contains("<g class=\"band panel0\""))
        XCTAssertFalse(svg.contains("fill:rgb(100%,0%,100%)"))
        XCTAssertEqual(svg.components(separatedBy: "<g").count, svg.components(separatedBy: "</g>").count)
    }
    // MARK: Byte stability
    func testEveryFormatIsByteIdenticalAcrossRenders() throws {
        let fig = twoPanel()
        for f in [RenderTarget.png(scale: 2), .svg(idPrefix: "a"), .pdf] {
            XCTAssertTrue(try fig.render(f) == fig.render(f), "\(f)")
        }
        XCTAssertEqual(Array(try fig.render(.pdf).prefix(5)), Array("%PDF-".utf8))
    }

    // MARK: Errors and edge input
    func testUnwritablePathThrowsATypedError() {
        XCTAssertThrowsError(try Figure().write(to: URL(fileURLWithPath: "/nonexistent/dir/x.png"), format: .png)) {
            guard case PlotError.unwritable = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try Figure(width: 0, height: 10).render(.pdf))
    }
    func testMillionPointLineGivesASmallSVG() throws {
        var fig = Figure()
        let x = ramp(1_000_000)
        fig.panels[0].add(.line(x: x, y: x.map { sin($0 / 1000) + (Double(Int($0) % 7) - 3) * 0.01 }))
        XCTAssertLessThan(try fig.render(.svg(idPrefix: "big")).count, 2_000_000)
    }
}
