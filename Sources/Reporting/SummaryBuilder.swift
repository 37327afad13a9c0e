/// Assembles `summary.json` from the published inputs.
enum SummaryBuilder {
    static func build(request: ReportRequest, published: [PublishedInput], figures: [String: WrittenFigure],
                      seconds: Double?, reproducible: Bool) -> Summary {
        var dinamo: [Summary.DinamoEntry] = []
        var mcem: [Summary.McemEntry] = []
        var figureEntries: [Summary.FigureEntry] = []
        for p in published {
            switch p.section {
            case .dinamo(_, var entry):
                if reproducible { entry.seconds = nil }
                dinamo.append(entry)
            case .mcem(_, var entry):
                if reproducible {
                    for key in entry.approaches.keys { entry.approaches[key]?.seconds = nil }
                }
                mcem.append(entry)
            }
            for a in p.figures {
                guard let f = figures[a.stem] else { continue }
                let file = f.files[.png] ?? f.files[.svg] ?? f.files[.pdf] ?? "figures/\(a.stem)"
                figureEntries.append(.init(file: file, title: a.title, alt: a.alt))
            }
        }
        return Summary(tool: .init(name: ToolInfo.name, version: ToolInfo.version), seed: request.seed, quick: request.quick,
                       dinamo: dinamo, mcem: mcem, figures: figureEntries, seconds: Summary.finite(seconds))
    }
}
