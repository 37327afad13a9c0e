import Foundation
import Plotting
import TestSupport
import XCTest
@testable import Reporting

/// `anomaly-report figure` and the figure options of the report commands and configs, through the built tool
/// on a small input (200 runs × 20 bins).
final class FigureRerenderTests: ToolTestCase {
    // MARK: helpers

    private func smallHistograms() throws -> String {
        let h = root.appendingPathComponent("runs.csv").path
        XCTAssertEqual(try tool(["generate", "dinamo", "--seed", "5", "--runs", "200", "--bins", "20", "--output", h, "--quiet"]).status, 0)
        return h
    }

    /// The figure ids of a report's `summary.json` (every `id` of a `figures` entry).
    private func summaryIDs(_ report: URL) throws -> [String] {
        let text = try String(contentsOf: report.appendingPathComponent("summary.json"), encoding: .utf8)
        let regex = try NSRegularExpression(pattern: #""id"\s*:\s*"([^"]+)""#)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// The width and height of a PDF's first `/MediaBox`, in points.
    private func mediaBox(_ url: URL) throws -> (Double, Double)? {
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        guard let r = text.range(of: #"/MediaBox \[\s*[-0-9.]+\s+[-0-9.]+\s+([0-9.]+)\s+([0-9.]+)\s*\]"#, options: .regularExpression)
        else { return nil }
        let numbers = text[r].dropFirst("/MediaBox [".count).dropLast().split(separator: " ").compactMap { Double($0) }
        return numbers.count == 4 ? (numbers[2], numbers[3]) : nil
    }

    /// A PNG's pixel width and its pHYs pixels per metre (nil without the chunk).
    private func pngSize(_ url: URL) throws -> (width: Int, pixelsPerMetre: Int?) {
        let bytes = [UInt8](try Data(contentsOf: url))
        func u32(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        let width = u32(16)
        var i = 8
        while i + 8 <= bytes.count {
            let length = u32(i)
            if String(decoding: bytes[i + 4..<i + 8], as: UTF8.self) == "pHYs" { return (width, u32(i + 8)) }
            i += 12 + length
        }
        return (width, nil)
    }

    // MARK: Re-rendering a finished report

    func testAFigureOfADefaultReportIsRedrawnAtColumnWidthAsPDFAndPNGWithoutRecomputing() throws {
        let h = try smallHistograms()
        let report = root.appendingPathComponent("out")
        XCTAssertEqual(try tool(["dinamo", "--input", h, "--formats", "png", "--output", report.path, "--quiet"]).status, 0)
        let ids = try summaryIDs(report)
        XCTAssertFalse(ids.isEmpty)
        for id in ids {
            XCTAssertTrue(FileManager.default.fileExists(atPath: report.appendingPathComponent("figures/\(id).figure.json").path), id)
        }
        let id = try XCTUnwrap(ids.first { $0.hasSuffix("score-trend") }, "\(ids)")
        // The report was drawn as built: 144 dpi.
        XCTAssertEqual(try pngSize(report.appendingPathComponent("figures/\(id).png")).pixelsPerMetre, 5669)

        // At the report's own style, the same bytes: the spec holds everything the figure shows.
        let same = root.appendingPathComponent("same.png")
        XCTAssertEqual(try tool(["figure", report.path, "--id", id, "--output", same.path]).status, 0)
        XCTAssertEqual(try Data(contentsOf: same), try Data(contentsOf: report.appendingPathComponent("figures/\(id).png")))

        let pdf = root.appendingPathComponent("fig3.pdf")
        let r = try tool(["figure", report.path, "--id", id, "--figure-width", "column", "--formats", "pdf,png",
                          "--output", pdf.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let box = try XCTUnwrap(try mediaBox(pdf))
        XCTAssertEqual(box.0, 3.5 * 72, accuracy: 0.01, "the PDF page is 3.5 in wide")
        XCTAssertGreaterThan(box.1, 72)
        let png = try pngSize(root.appendingPathComponent("fig3.png"))
        XCTAssertEqual(png.width, 1050, "3.5 in × 300 dpi")
        XCTAssertEqual(png.pixelsPerMetre, Int((300 / 0.0254).rounded()))

        // An explicit width and resolution, and the format named by the extension alone.
        let svg = root.appendingPathComponent("wide.svg")
        XCTAssertEqual(try tool(["figure", report.path, "--id", id, "--figure-width", "7in", "--output", svg.path]).status, 0)
        XCTAssertTrue(try String(contentsOf: svg, encoding: .utf8).contains("width=\"504"), "7 in is 504 pt")
        let dpi = root.appendingPathComponent("print.png")
        XCTAssertEqual(try tool(["figure", report.path, "--id", id, "--figure-width", "3in", "--dpi", "600", "--output", dpi.path]).status, 0)
        XCTAssertEqual(try pngSize(dpi).width, 1800)
    }

    func testEveryFigureWhoseArraysComeFromItsCSVIsRedrawnByteForByte() throws {
        let h = try smallHistograms()
        let report = root.appendingPathComponent("out")
        XCTAssertEqual(try tool(["dinamo", "--input", h, "--formats", "png", "--output", report.path, "--quiet"]).status, 0)
        for id in try summaryIDs(report) {
            let spec = try Data(contentsOf: report.appendingPathComponent("figures/\(id).figure.json"))
            // The score trend draws from the input's scores table, written once: its spec names it.
            let table = try FigureSpec.Header(decoding: spec).table
            if id.hasSuffix("score-trend") {
                XCTAssertEqual(table, "runs-scores.csv")
                XCTAssertFalse(FileManager.default.fileExists(atPath: report.appendingPathComponent("data/\(id).csv").path))
            }
            let csv = try Data(contentsOf: report.appendingPathComponent("data/\(table ?? id + ".csv")"))
            if id.hasSuffix("reference-evolution") || id.hasSuffix("pull-map") || id.hasSuffix("score-trend") {
                XCTAssertTrue(String(decoding: spec, as: UTF8.self).contains(#"{"csv":[["#), "\(id) refers to its CSV")
                // The maps keep their values in .npy files beside the CSV (which lists the runs of each column).
                let npy = (try FileManager.default.contentsOfDirectory(atPath: report.appendingPathComponent("data").path))
                    .filter { $0.hasPrefix(id + "-") && $0.hasSuffix(".npy") }
                    .map { (try? Data(contentsOf: report.appendingPathComponent("data/\($0)")).count) ?? 0 }.reduce(0, +)
                XCTAssertLessThan(spec.count, (csv.count + npy) / 2, "\(id): the spec does not repeat its data")
            }
            let again = root.appendingPathComponent("\(id).png")
            let r = try tool(["figure", report.path, "--id", id, "--output", again.path])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(try Data(contentsOf: again), try Data(contentsOf: report.appendingPathComponent("figures/\(id).png")), id)
        }
        // The numbers are read from the CSV: a CSV cut short or gone is an input error naming it.
        let id = "runs-pull-map", csv = report.appendingPathComponent("data/\(id).csv")
        let text = try String(contentsOf: csv, encoding: .utf8)
        try text.split(separator: "\n").dropLast(3).joined(separator: "\n").appending("\n").write(to: csv, atomically: true, encoding: .utf8)
        let cut = try tool(["figure", report.path, "--id", id, "--output", "x.png"])
        XCTAssertEqual(cut.status, 2)
        XCTAssertTrue(cut.stderr.contains("the figure was drawn from"), cut.stderr)
        try FileManager.default.removeItem(at: csv)
        let gone = try tool(["figure", report.path, "--id", id, "--output", "x.png"])
        XCTAssertEqual(gone.status, 2)
        XCTAssertTrue(gone.stderr.contains("data/\(id).csv"), gone.stderr)
    }

    func testAnUnknownIDOrADirectoryThatIsNotAReportExitsTwoSayingWhy() throws {
        let h = try smallHistograms()
        let report = root.appendingPathComponent("out")
        XCTAssertEqual(try tool(["dinamo", "--input", h, "--formats", "svg", "--output", report.path, "--quiet"]).status, 0)
        let unknown = try tool(["figure", report.path, "--id", "no-such-figure", "--output", "x.pdf"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no figure 'no-such-figure'"), unknown.stderr)
        let ids = try summaryIDs(report).sorted()
        XCTAssertTrue(unknown.stderr.contains(ids.prefix(3).joined(separator: ", ")), unknown.stderr)
        let count = ids.count
        if count > FigureRerender.listedIDs {
            XCTAssertTrue(unknown.stderr.contains("…and \(count - FigureRerender.listedIDs) more"), unknown.stderr)
        }
        let notReport = try tool(["figure", root.path, "--id", "x", "--output", "x.pdf"])
        XCTAssertEqual(notReport.status, 2)
        XCTAssertTrue(notReport.stderr.contains("is not a report directory"), notReport.stderr)
        let noFormat = try tool(["figure", report.path, "--id", "runs-score-trend", "--output", "fig"])
        XCTAssertEqual(noFormat.status, 2)
        XCTAssertTrue(noFormat.stderr.contains("--output fig"), noFormat.stderr)
        let clash = try tool(["figure", report.path, "--id", "runs-score-trend", "--formats", "png", "--output", "fig.pdf"])
        XCTAssertEqual(clash.status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("x.pdf").path))
    }

    func testBadFigureOptionsExitTwoNamingTheOption() throws {
        let cases: [([String], String)] = [
            (["--figure-width", "3.5"], "'3.5' is invalid for '--figure-width <figure-width>': figure width '3.5' has no unit"),
            (["--figure-width", "40in"], "--figure-width"),
            (["--font-size", "40"], "'40' is invalid for '--font-size <font-size>': font size 40 pt"),
            (["--font-size", "big"], "'big' is invalid for '--font-size <font-size>': expected a number"),
            (["--dpi", "10"], "'10' is invalid for '--dpi <dpi>': PNG resolution 10 dpi"),
        ]
        for (options, expected) in cases {
            let r = try tool(["dinamo", "--input", "missing.csv", "--output", "out", "--quiet"] + options)
            XCTAssertEqual(r.status, 2, "\(options)")
            XCTAssertTrue(r.stderr.contains(expected), "\(options): \(r.stderr)")
            let f = try tool(["figure", "out", "--id", "x", "--output", "x.pdf"] + options)
            XCTAssertEqual(f.status, 2, "\(options)")
            XCTAssertTrue(f.stderr.contains(expected), "figure \(options): \(f.stderr)")
        }
    }

    // MARK: The config's keys

    func testTheConfigKeysDrawTheSameFiguresAsTheFlags() throws {
        let h = try smallHistograms()
        let config = root.appendingPathComponent("paper.yaml")
        try "figure_width: 8.9cm\nfont_size: 9\ndpi: 200\ndinamo:\n  - {input: runs.csv}\n".write(to: config, atomically: true, encoding: .utf8)
        let byConfig = root.appendingPathComponent("by-config"), byFlags = root.appendingPathComponent("by-flags")
        let a = try tool(["run", "--config", config.path, "--formats", "png", "--output", byConfig.path, "--quiet"])
        XCTAssertEqual(a.status, 0, a.stderr)
        let b = try tool(["dinamo", "--input", h, "--figure-width", "8.9cm", "--font-size", "9", "--dpi", "200",
                          "--formats", "png", "--output", byFlags.path, "--quiet"])
        XCTAssertEqual(b.status, 0, b.stderr)
        let trend = "figures/runs-score-trend.png"
        let fromConfig = try Data(contentsOf: byConfig.appendingPathComponent(trend))
        XCTAssertEqual(fromConfig, try Data(contentsOf: byFlags.appendingPathComponent(trend)))
        XCTAssertEqual(try pngSize(byConfig.appendingPathComponent(trend)).width, Int((8.9 / 2.54 * 200).rounded()))
    }

    func testConfigErrorsNameTheKey() throws {
        let dir = FixtureDirectory()
        func message(_ yaml: String) -> String {
            do { _ = try ConfigFile.read(path: dir.write("c.yaml", yaml)); return "" } catch { return error.description }
        }
        XCTAssertTrue(message("figure_width: 3.5\n").contains("figure_width"), message("figure_width: 3.5\n"))
        XCTAssertTrue(message("figure_width: \"3.5\"\n").contains("has no unit"), message("figure_width: \"3.5\"\n"))
        XCTAssertTrue(message("font_size: 40\n").contains("font_size"), message("font_size: 40\n"))
        XCTAssertTrue(message("font_size: 40\n").contains("outside 5 to 24 pt"))
        XCTAssertTrue(message("dpi: 5000\n").contains("dpi"), message("dpi: 5000\n"))
        XCTAssertTrue(message("dpi: 5000\n").contains("outside 50 to 1200 dpi"))
        XCTAssertTrue(message("figure-width: column\n").contains("figure-width"), message("figure-width: column\n"))
        let c = try ConfigFile.read(path: dir.write("ok.yaml", "figure_width: page\nfont_size: 9\n"))
        XCTAssertEqual(c.figureStyle, try FigureStyle(width: .page, fontSize: 9))
    }

    // MARK: Titles left to the captions

    func testNoTitlesDrawsFiguresWithoutTitlesTheCaptionsKeepThemAndFigureCanPutThemBack() throws {
        let h = try smallHistograms()
        let report = root.appendingPathComponent("bare")
        let r = try tool(["dinamo", "--input", h, "--figure-width", "column", "--no-titles", "--formats", "pdf",
                          "--output", report.path, "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let id = "runs-score-trend"
        let spec = try FigureRerender.loadSpec(report: report, id: id)
        XCTAssertEqual(spec.style.titles, false)
        XCTAssertFalse(spec.figure.title.isEmpty, "the spec keeps the figure as built, title included")
        XCTAssertEqual(spec.styledFigure.title, "")
        // The page still names the figure in its caption.
        let page = try String(contentsOf: report.appendingPathComponent("inputs/runs.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<figcaption><strong>Score trend.</strong>"), "caption")
        // The figure is shorter than with its title, at the same width.
        let titled = root.appendingPathComponent("titled")
        XCTAssertEqual(try tool(["dinamo", "--input", h, "--figure-width", "column", "--formats", "pdf",
                                 "--output", titled.path, "--quiet"]).status, 0)
        let bare = try XCTUnwrap(try mediaBox(report.appendingPathComponent("figures/\(id).pdf")))
        let full = try XCTUnwrap(try mediaBox(titled.appendingPathComponent("figures/\(id).pdf")))
        XCTAssertEqual(bare.0, full.0)
        XCTAssertLessThan(bare.1, full.1 - 8)
        // `figure` keeps the report's choice, and --titles puts the title back: the titled report's own PDF.
        let again = root.appendingPathComponent("again.pdf"), back = root.appendingPathComponent("back.pdf")
        XCTAssertEqual(try tool(["figure", report.path, "--id", id, "--output", again.path]).status, 0)
        XCTAssertEqual(try Data(contentsOf: again), try Data(contentsOf: report.appendingPathComponent("figures/\(id).pdf")))
        XCTAssertEqual(try tool(["figure", report.path, "--id", id, "--titles", "--output", back.path]).status, 0)
        XCTAssertEqual(try mediaBox(back)?.1, full.1)
    }

    func testTheConfigKeyTitlesIsABoolean() throws {
        let dir = FixtureDirectory()
        let c = try ConfigFile.read(path: dir.write("ok.yaml", "titles: false\n"))
        XCTAssertEqual(c.figureStyle, try FigureStyle(titles: false))
        do { _ = try ConfigFile.read(path: dir.write("bad.yaml", "titles: \"no\"\n")); XCTFail("accepted") } catch {
            XCTAssertTrue(error.description.contains("titles"), error.description)
            XCTAssertTrue(error.description.contains("expected true or false"), error.description)
        }
    }

    func testTheCommandLineWinsOverTheConfigFieldByField() throws {
        let dir = FixtureDirectory()
        let path = dir.write("c.yaml", "figure_width: page\ndpi: 200\n")
        var request = ReportRequest(output: URL(fileURLWithPath: "/tmp/x"), commandLine: "test")
        request.figureStyle = try FigureStyle(width: .column)
        try ConfigFile.apply(URL(fileURLWithPath: path), to: &request)
        XCTAssertEqual(request.figureStyle, try FigureStyle(width: .column, dpi: 200))
    }
}
