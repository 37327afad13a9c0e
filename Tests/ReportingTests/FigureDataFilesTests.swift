import Foundation
import Plotting
import XCTest
@testable import Reporting

/// The files behind a figure: its CSV read back as the numbers its spec refers to, and the CSV number form.
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
        XCTAssertEqual(data.rowCount, numbers.count)
        let read = try CSVTable.numericColumns(Data(table.text.utf8), named: data.names)
        XCTAssertEqual(read.rowCount, data.rowCount)
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
        XCTAssertEqual(crlf.rowCount, 2)
        var one = CSVTable(header: ["x"])
        one.append([.number(1)]); one.append([.missing]); one.append([.number(3)])
        let read = try CSVTable.numericColumns(Data(one.text.utf8), named: ["x"])
        XCTAssertEqual(read.rowCount, 3, "an empty line is a missing cell, not nothing")
        XCTAssertTrue(read.column(named: "x")![1].isNaN)
        func message(_ text: String, _ names: [String]) -> String {
            do { _ = try CSVTable.numericColumns(Data(text.utf8), named: names); return "" } catch { return error.description }
        }
        XCTAssertEqual(message("a,b\n1,2\n", ["c"]), "line 1: no column c in the header")
        XCTAssertEqual(message("a,b\n1,2\n3,x\n", ["b"]), "line 3: column b: 'x' is not a number")
        XCTAssertEqual(message("a,b\n1,2\n3\n", ["b"]), "line 3: the row has 1 fields; column b is field 2")
        XCTAssertEqual(message("", ["b"]), "line 1: the file is empty")
    }
}
