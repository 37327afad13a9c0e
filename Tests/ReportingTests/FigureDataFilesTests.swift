import Foundation
import Plotting
import XCTest
import Core
import Dinamo
@testable import Reporting

/// The files behind a figure: its CSV read back as the numbers its spec refers to, the CSV number form, the
/// `.npy` arrays of `FigureArtifact.fullData`, and what `FigureWriter` writes and the page links.
final class FigureDataFilesTests: XCTestCase {
    // MARK: The CSV read back

    /// Doubles of every kind a table holds: tiny, huge, negative zero, integers, thirds.
    private var awkwardNumbers: [Double] {
        var g = SystemRandomNumberGenerator()
        return [0, -0.0, 1, -1, 0.1, 1.0 / 3, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 1e-5, 1e22,
                123456789.125, 0.00024968730444297724]
            + (0..<200).map { _ in Double(bitPattern: UInt64.random(in: 0...0x7FEF_FFFF_FFFF_FFFF, using: &g)) }
            + (0..<200).map { _ in Double.random(in: -1...1, using: &g) * 1e-3 }
    }

    func testNumberCellsReadBackAsTheSameDoublesInTheirShortestForm() throws {
        for x in awkwardNumbers {
            let cell = ReportFormat.csv(x)
            XCTAssertEqual(Double(cell)?.bitPattern, x.bitPattern, cell)
            XCTAssertEqual(cell, x.description, "Swift's description: the fewest digits that read back as \(x)")
        }
        XCTAssertEqual(ReportFormat.csv(.nan), "")
        XCTAssertEqual(ReportFormat.csv(-.infinity), "")
    }

    func testAWrittenTableReadsBackAsItsNumbers() throws {
        let numbers = awkwardNumbers
        var table = CSVTable(header: ["run", "label", "value", "note", "value2", "value2", "=x"])
        for (i, x) in numbers.enumerated() {
            table.append([.integer(i), i % 3 == 0 ? .missing : .integer(i % 2), .number(i % 17 == 0 ? .infinity : x),
                          .text(i % 5 == 0 ? "a, \"quoted\"\nnote" : "n"), .number(x), .number(x), .number(x)])
        }
        let data = table.figureData
        XCTAssertEqual(data.names, ["run", "label", "value"],
                       "text columns, shared names and names the CSV quotes cannot be referred to")
        let read = try CSVTable.numericColumns(Data(table.text.utf8), named: data.names)
        for name in data.names {
            let a = try XCTUnwrap(data.column(named: name)), b = try XCTUnwrap(read.column(named: name))
            XCTAssertEqual(a.count, b.count)
            for (x, y) in zip(a, b) { XCTAssertTrue(x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN), "\(name): \(x) \(y)") }
        }
        XCTAssertTrue(try XCTUnwrap(data.column(named: "value"))[0].isNaN, "∞ is written empty and reads back as NaN")
    }

    func testReadingBackCopesWithCRLFAndOneColumnTablesAndSaysWhatIsWrong() throws {
        let crlf = try CSVTable.numericColumns(Data("a,b\r\n1,2\r\n,4\r\n".utf8), named: ["b", "a"])
        XCTAssertEqual(crlf.column(named: "b"), [2, 4])
        var one = CSVTable(header: ["x"])
        one.append([.number(1)]); one.append([.missing]); one.append([.number(3)])
        let read = try CSVTable.numericColumns(Data(one.text.utf8), named: ["x"])
        XCTAssertEqual(read.column(named: "x")?.count, 3, "an empty line is a missing cell, not nothing")
        XCTAssertTrue(read.column(named: "x")![1].isNaN)
        func message(_ text: String, _ names: [String]) -> String {
            do { _ = try CSVTable.numericColumns(Data(text.utf8), named: names); return "" } catch { return error.description }
        }
        XCTAssertEqual(message("a,b\n1,2\n", ["c"]), "line 1: no column c in the header")
        XCTAssertEqual(message("a,b\n1,2\n3,x\n", ["b"]), "line 3: column b: 'x' is not a number")
        XCTAssertEqual(message("a,b\n1,2\n3\n", ["b"]), "line 3: the row has 1 fields; column b is field 2")
        XCTAssertEqual(message("", ["b"]), "line 1: the file is empty")
    }

    // MARK: .npy

    /// Parses a `.npy` file by the format's description, independently of `NumericArray`.
    private func parseNPY(_ data: Data) throws -> (header: String, payload: [UInt8]) {
        let bytes = [UInt8](data)
        XCTAssertEqual(Array(bytes[0..<6]), [0x93] + Array("NUMPY".utf8), "magic")
        XCTAssertEqual(Array(bytes[6..<8]), [1, 0], "version 1.0")
        let length = Int(bytes[8]) | Int(bytes[9]) << 8
        XCTAssertEqual((10 + length) % 64, 0, "the data starts on a 64-byte boundary")
        let header = String(decoding: bytes[10..<10 + length], as: UTF8.self)
        XCTAssertTrue(header.hasSuffix("\n"), "the header ends with a newline")
        return (header.trimmingCharacters(in: .whitespacesAndNewlines), Array(bytes[(10 + length)...]))
    }

    func testANPYFileHoldsTheValuesExactly() throws {
        let values: [Double] = [0, -0.0, .nan, .infinity, -.infinity, 5e-324, 1.0 / 3, 1e300, -2.5, 42, 0.1, 7]
        let array = NumericArray(name: "mu", shape: [3, 4], values: values)
        let (header, payload) = try parseNPY(array.npy)
        XCTAssertEqual(header, "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }")
        XCTAssertEqual(payload.count, 8 * values.count)
        for (i, x) in values.enumerated() {
            let bits = payload[8 * i..<8 * i + 8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            XCTAssertEqual(bits, x.bitPattern, "value \(i) (\(x)), little-endian")
        }
        XCTAssertEqual(array.path(figure: "h-reference-evolution"), "data/h-reference-evolution-mu.npy")
        let again = try NumericArray(npy: array.npy, name: "mu")
        XCTAssertEqual(again.shape, [3, 4])
        XCTAssertEqual(again.values.map(\.bitPattern), values.map(\.bitPattern))
    }

    func testANPYFileAsNumPyWritesItReadsAndOtherKindsAreRefusedSayingWhy() throws {
        // numpy.save(f, numpy.array([1.5, -2.0])) with NumPy 1.26: the header padded to 128 bytes in all.
        func npy(_ header: String, _ payload: [UInt8]) -> Data {
            var h = Array(header.utf8)
            h += [UInt8](repeating: 0x20, count: (64 - (10 + h.count + 1) % 64) % 64) + [0x0A]
            return Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(h.count & 0xFF), UInt8(h.count >> 8)] + h + payload)
        }
        let payload = [1.5, -2.0].flatMap { x in (0..<8).map { UInt8(truncatingIfNeeded: x.bitPattern >> (8 * $0)) } }
        let read = try NumericArray(npy: npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", payload), name: "v")
        XCTAssertEqual(read.values, [1.5, -2.0])
        XCTAssertEqual(read.shape, [2])
        func message(_ data: Data) -> String {
            do { _ = try NumericArray(npy: data, name: "v"); return "" } catch { return error.description }
        }
        XCTAssertTrue(message(Data("x,y\n".utf8)).contains("not a .npy file"))
        XCTAssertTrue(message(npy("{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }", payload)).contains("only '<f8' and '<f4'"))
        XCTAssertTrue(message(npy("{'descr': '<f8', 'fortran_order': True, 'shape': (2,), }", payload)).contains("Fortran"))
        XCTAssertTrue(message(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", payload)).contains("needs 24 bytes"))
    }

    func testAOneDimensionalSinglePrecisionArray() throws {
        let values: [Double] = [1, 2.5, 3e9, -0.125, 16_777_217]
        let (header, payload) = try parseNPY(NumericArray(name: "counts", shape: [5], values: values, precision: .float32).npy)
        XCTAssertEqual(header, "{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }", "a 1-tuple keeps its comma")
        XCTAssertEqual(payload.count, 4 * values.count)
        for (i, x) in values.enumerated() {
            let bits = payload[4 * i..<4 * i + 4].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            XCTAssertEqual(bits, Float(x).bitPattern, "value \(i)")
        }
        let empty = try parseNPY(NumericArray(name: "none", shape: [0, 3], values: []).npy)
        XCTAssertTrue(empty.header.contains("'shape': (0, 3)"))
        XCTAssertTrue(empty.payload.isEmpty)
    }

    // MARK: Written and linked

    func testTheWriterWritesASpecThatRefersToItsCSVAndItsFullNumbersAndThePageLinksThem() async throws {
        let destination = FileManager.default.temporaryDirectory.appendingPathComponent("figure-data-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: destination) }
        let out = try OutputDirectory(destination: destination)
        var table = CSVTable(header: ["run", "score"])
        let scores = (0..<300).map { (r: Int) -> Double in
            let t = Double(r)
            return sin(t / 7) * 2.25 + 1 / (t + 3)
        }
        for (r, s) in scores.enumerated() { table.append([.integer(r), .number(s)]) }
        // The full numbers: every run's score and its double; the figure draws the scores (from the CSV) and
        // the doubles (only in the .npy).
        let doubled = scores.map { $0 * 2 }
        let full = NumericArray(name: "mu", shape: [2, 300], values: scores + doubled, label: "full μ (.npy)")
        var fig = Figure(width: 400, height: 200)
        fig.panels[0].add(.line(x: (0..<300).map(Double.init), y: scores))
        fig.panels[0].add(.line(x: (0..<300).map(Double.init), y: doubled, dashed: true))
        let artifact = FigureArtifact(stem: "h-trend", title: "Trend", caption: "c", alt: "a", figure: fig, data: table,
                                      fullData: [full])
        let written = try await FigureWriter(output: out, formats: [.png], selfContained: false).write([artifact])
        let report = out.staging
        let spec = try String(contentsOf: report.appendingPathComponent("figures/h-trend.figure.json"), encoding: .utf8)
        XCTAssertTrue(spec.contains(#""y":{"csv":[["score",0,1,300]]}"#), spec)
        XCTAssertTrue(spec.contains(#""y":{"csv":[["mu.npy",300,1,300]]}"#), spec)
        XCTAssertTrue(spec.contains(#""data":{"mu.npy":600,"run":300,"score":300}"#), spec)
        XCTAssertLessThan(spec.utf8.count, 700, "the spec repeats neither the CSV nor the array: \(spec.utf8.count) bytes")
        XCTAssertEqual(try Data(contentsOf: report.appendingPathComponent("data/h-trend-mu.npy")), full.npy)
        XCTAssertEqual(written[0].fullData, ["data/h-trend-mu.npy"])

        // Redrawn from the spec, the CSV and the .npy: the same bytes.
        try out.write("{}", to: "summary.json")
        let again = destination.deletingLastPathComponent().appendingPathComponent("again-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: again) }
        _ = try FigureRerender.run(.init(report: report, id: "h-trend", output: again))
        XCTAssertEqual(try Data(contentsOf: again), try Data(contentsOf: report.appendingPathComponent("figures/h-trend.png")))

        let links = InputPageBuilder.dataLinks(written[0], selfContained: false, prefix: "../")
        XCTAssertEqual(links.map(\.href), ["../data/h-trend.csv", "../data/h-trend-mu.npy"])
        XCTAssertEqual(links.map(\.label), ["Trend — data (CSV)", "Trend — full μ (.npy)"])
        let inline = InputPageBuilder.dataLinks(written[0], selfContained: true, prefix: "")
        XCTAssertEqual(inline[1].href, "data:application/octet-stream;base64," + full.npy.base64EncodedString())

        // A damaged array is an input error naming its file.
        try Data("x".utf8).write(to: report.appendingPathComponent("data/h-trend-mu.npy"))
        XCTAssertThrowsError(try FigureRerender.run(.init(report: report, id: "h-trend", output: again))) { error in
            XCTAssertTrue("\(error)".contains("h-trend-mu.npy: not a .npy file"), "\(error)")
        }
    }

    // MARK: Tables kept short without losing a number

    func testTheThresholdScanKeepsTheRowsWhereAValueChangesAndEveryGridPointFollowsFromThem() throws {
        var g = SeededGenerator(seed: 11)
        let scores = (0..<240).map { i in Double(g.int(below: 1000)) / 200 - 2 + (i % 9 == 0 ? 2.5 : 0) }
        let bad = (0..<240).map { $0 % 9 == 0 }
        let scan = try XCTUnwrap(ThresholdScan.compute(scores: scores, bad: bad, seed: 3))
        let rows = DinamoFigures.changeRows(scan)
        XCTAssertEqual(rows.first, 0)
        XCTAssertEqual(rows.last, scan.thresholds.count - 1)
        XCTAssertLessThan(rows.count, scan.thresholds.count / 2, "a step function changes at few grid points")
        // Each grid point's values are those of the last kept row at or below it.
        let bands = [scan.sensitivity, scan.specificity, scan.balancedAccuracy]
        var k = 0
        for i in scan.thresholds.indices {
            while k + 1 < rows.count && rows[k + 1] <= i { k += 1 }
            for band in bands {
                XCTAssertEqual(band.median[i], band.median[rows[k]], "grid point \(i)")
                XCTAssertEqual(band.lower[i], band.lower[rows[k]], "grid point \(i)")
                XCTAssertEqual(band.upper[i], band.upper[rows[k]], "grid point \(i)")
            }
        }
    }
}
