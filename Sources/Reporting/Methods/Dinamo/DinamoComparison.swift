import Core
import Dinamo
import Inputs

/// The side-by-side page of a `--variant both` input: DINAMO-S and DINAMO-ML on the same histograms, published
/// on the DINAMO-ML member's page ahead of DINAMO-ML's own section. It adds a comparison table (thresholds,
/// flags, and with labels the confusion counts), a note saying which variant flagged which runs, and the
/// comparison figures (`DinamoComparisonFigures`); the facts of the page's record stay DINAMO-ML's, as its
/// `summary.json` entry does. The DINAMO-S numbers are those of the DINAMO-S member (same analysis, same seed).
struct DinamoComparison {
    var s: DinamoResult
    var ml: DinamoResult
    var histograms: HistogramSet
    var grid: HistogramGrid?
    var stem: String

    /// The runs each variant reports as flagged (warm-up runs never are), by index.
    var flaggedS: Set<Int> { Set(s.flaggedRuns.filter { !s.trace.warmUp[$0] }) }
    var flaggedML: Set<Int> { Set(ml.flaggedRuns.filter { !ml.trace.warmUp[$0] }) }

    /// DINAMO-ML's publication with the comparison put first.
    func publish(beside published: PublishedInput) -> PublishedInput {
        var p = published
        let figures = DinamoComparisonFigures(comparison: self)
        p.figures = figures.all() + p.figures
        p.section.methodTitle = "\(DinamoVariant.s.title) and \(DinamoVariant.ml.title) side by side"
        var notes = [flagNote()]
        if !figures.hasLabels {
            notes.append("No labels: the confusion matrices of the two variants need the truth of each run, so they are not drawn.")
        }
        notes.append("Below the comparison: DINAMO-ML's own facts, notes, metrics and figures (the facts line above is DINAMO-ML's).")
        p.section.notes = notes + p.section.notes
        // DINAMO-ML's own tables follow the comparison's: their first column says whose they are.
        for k in p.section.tables.indices where !p.section.tables[k].header.isEmpty {
            p.section.tables[k].header[0] = "\(DinamoVariant.ml.title) \(p.section.tables[k].header[0])"
        }
        p.section.tables.insert(table(), at: 0)
        p.section.flaggedLabel = "Flagged by \(DinamoVariant.ml.title)"
        return p
    }

    /// "DINAMO-S flagged 18 runs, DINAMO-ML 5: 4 by both; by DINAMO-S only: 12, 34, …; by DINAMO-ML only: 77."
    func flagNote() -> String {
        let both = flaggedS.intersection(flaggedML).sorted(), sOnly = flaggedS.subtracting(flaggedML).sorted()
        let mlOnly = flaggedML.subtracting(flaggedS).sorted()
        func list(_ runs: [Int]) -> String {
            guard !runs.isEmpty else { return "none" }
            let shown = runs.prefix(20).map(runID).joined(separator: ", ")
            return shown + (runs.count > 20 ? " and \(runs.count - 20) more" : "")
        }
        return "\(DinamoVariant.s.title) flagged \(flaggedS.count) of \(s.runs) runs, \(DinamoVariant.ml.title) \(flaggedML.count). "
            + "By both: \(list(both)). By \(DinamoVariant.s.title) only: \(list(sOnly)). By \(DinamoVariant.ml.title) only: \(list(mlOnly))."
    }

    func runID(_ r: Int) -> String {
        if let ids = s.runIDs, r < ids.count { return ids[r] }
        return String(r)
    }

    /// The labelled regime the confusion counts come from: the continual runs when there are labelled ones,
    /// else the historical runs; nil without labels. The same for both variants (they share the runs).
    var regime: (name: String, s: ClassificationSummary, ml: ClassificationSummary)? {
        if let a = s.metrics.continual, let b = ml.metrics.continual { return ("continual", a, b) }
        if let a = s.metrics.historical, let b = ml.metrics.historical { return ("historical", a, b) }
        return nil
    }

    /// One column per variant: T, the flags, and with labels the metrics of the labelled regime.
    func table() -> SectionContent.Table {
        func row(_ name: String, _ a: SectionContent.Cell, _ b: SectionContent.Cell) -> SectionContent.Row {
            .init(name: name, cells: [a, b])
        }
        var rows = [
            row("threshold T on ln(χ²/ν)", .text(ReportFormat.short(s.threshold)), .text(ReportFormat.short(ml.threshold))),
            row("runs flagged", .count(flaggedS.count), .count(flaggedML.count)),
            row("of them flagged by this variant only", .count(flaggedS.subtracting(flaggedML).count),
                .count(flaggedML.subtracting(flaggedS).count)),
        ]
        if let (name, a, b) = regime {
            func metric(_ label: String, _ f: (ClassificationSummary) -> Double?) -> SectionContent.Row {
                row("\(label) (\(name))", .metric(f(a)), .metric(f(b)))
            }
            func count(_ label: String, _ f: (ConfusionMatrix) -> Int) -> SectionContent.Row {
                row("\(label) (\(name))", .count(f(a.confusion)), .count(f(b.confusion)))
            }
            rows += [metric("balanced accuracy", \.balancedAccuracy), metric("sensitivity", \.sensitivity),
                     metric("specificity", \.specificity),
                     count("bad runs flagged (TP)", \.truePositives), count("bad runs missed (FN)", \.falseNegatives),
                     count("good runs flagged (FP)", \.falsePositives), count("good runs passed (TN)", \.trueNegatives)]
        }
        return .init(header: ["side by side", DinamoVariant.s.title, DinamoVariant.ml.title], rows: rows)
    }
}
