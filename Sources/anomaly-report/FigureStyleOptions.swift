import ArgumentParser
import Plotting
import Reporting

/// `--figure-width`, `--font-size` and `--dpi`, shared by every command that draws figures. Values are read
/// as text and checked by `Plotting`, so a bad value exits 2 with a message naming the option and what is wrong.
struct FigureStyleOptions: ParsableArguments {
    @Option(name: .long, help: "Figure width: column (3.5in), page (7in), or a length such as 3.5in, 8.9cm, 89mm, 252pt. Heights follow each figure's aspect; the layout adapts. Default: as built.")
    var figureWidth: String?

    @Option(name: .long, help: "Base text size in points, 5 to 24 (default 8, a paper's size).")
    var fontSize: String?

    @Option(name: .long, help: "PNG resolution in dots per inch, 50 to 1200 (default 144; 300 with column or page).")
    var dpi: String?

    /// The style asked for; fields not given stay unset.
    func style() throws -> FigureStyle {
        var width: FigureWidth?
        if let figureWidth {
            do { width = try FigureWidth(parsing: figureWidth) } catch {
                throw ReportError.usage("--figure-width: \(error.description)")
            }
        }
        let size = try number(fontSize, option: "--font-size", what: "a size in points, 5 to 24")
        let resolution = try number(dpi, option: "--dpi", what: "dots per inch, 50 to 1200")
        do { return try FigureStyle(width: width, fontSize: size, dpi: resolution) } catch {
            switch error {
            case .fontSize: throw ReportError.usage("--font-size: \(error.description)")
            case .dpi: throw ReportError.usage("--dpi: \(error.description)")
            }
        }
    }

    private func number(_ text: String?, option: String, what: String) throws -> Double? {
        guard let text else { return nil }
        guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            throw ReportError.usage("\(option) \(text): expected a number, \(what)")
        }
        return v
    }
}
