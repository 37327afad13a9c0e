import ArgumentParser
import Plotting
import Reporting

/// `--figure-width`, `--font-size`, `--dpi` and `--no-titles`, shared by every command that draws figures, read
/// straight into Plotting's types: a bad value exits 2 with Plotting's message, naming the option and the value.
struct FigureStyleOptions: ParsableArguments {
    @Option(name: .long, help: "Figure width: column (3.5in), page (7in), or a length such as 3.5in, 8.9cm, 89mm, 252pt. Heights follow each figure's aspect; the layout adapts. Default: as built.",
            transform: parsed { try FigureWidth(parsing: $0) })
    var figureWidth: FigureWidth?

    @Option(name: .long, help: "Base text size in points, 5 to 24 (default 8, a paper's size).",
            transform: parsed { try checkedNumber($0, "a size in points, 5 to 24") { try FigureStyle(fontSize: $0) } })
    var fontSize: Double?

    @Option(name: .long, help: "PNG resolution in dots per inch, 50 to 1200 (default 144; 300 with column or page).",
            transform: parsed { try checkedNumber($0, "dots per inch, 50 to 1200") { try FigureStyle(dpi: $0) } })
    var dpi: Double?

    @Flag(inversion: .prefixedNo,
          help: "Draw figures with their titles (default), or leave them out (--no-titles) for a paper whose captions carry them; the page still shows each title in its caption.")
    var titles: Bool?

    /// The style asked for; fields not given stay unset. Each value was checked on its own when parsed; this
    /// checks them together.
    func style() throws -> FigureStyle {
        do { return try FigureStyle(width: figureWidth, fontSize: fontSize, dpi: dpi, titles: titles) } catch {
            throw ReportError.usage(error.description)
        }
    }
}

/// A number, checked by the style it would make (`FigureStyle` says what is out of range).
private func checkedNumber(_ text: String, _ what: String, _ check: (Double) throws -> FigureStyle) throws -> Double {
    let v = try ArgumentProblem.number(text, what)
    _ = try check(v)
    return v
}
