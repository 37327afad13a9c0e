import ArgumentParser
import Plotting
import Reporting

/// `--figure-width`, `--font-size` and `--dpi`, shared by every command that draws figures, read straight into
/// Plotting's types: a bad value exits 2 with Plotting's message, naming the option and the value.
struct FigureStyleOptions: ParsableArguments {
    @Option(name: .long, help: "Figure width: column (3.5in), page (7in), or a length such as 3.5in, 8.9cm, 89mm, 252pt. Heights follow each figure's aspect; the layout adapts. Default: as built.",
            transform: { text in
                do { return try FigureWidth(parsing: text) } catch { throw ArgumentProblem(String(describing: error)) }
            })
    var figureWidth: FigureWidth?

    @Option(name: .long, help: "Base text size in points, 5 to 24 (default 8, a paper's size).",
            transform: { text in
                let v = try ArgumentProblem.number(text, "a size in points, 5 to 24")
                do { _ = try FigureStyle(fontSize: v) } catch { throw ArgumentProblem(String(describing: error)) }
                return v
            })
    var fontSize: Double?

    @Option(name: .long, help: "PNG resolution in dots per inch, 50 to 1200 (default 144; 300 with column or page).",
            transform: { text in
                let v = try ArgumentProblem.number(text, "dots per inch, 50 to 1200")
                do { _ = try FigureStyle(dpi: v) } catch { throw ArgumentProblem(String(describing: error)) }
                return v
            })
    var dpi: Double?

    /// The style asked for; fields not given stay unset. Each value was checked on its own when parsed; this
    /// checks them together.
    func style() throws -> FigureStyle {
        do { return try FigureStyle(width: figureWidth, fontSize: fontSize, dpi: dpi) } catch {
            throw ReportError.usage(error.description)
        }
    }
}
