/// View models for `templates/index.mustache`: plain values, already formatted.
/// Templates only print; every decision (order, wording, number format) is made here or before.
/// Mustache escapes every `{{value}}` for HTML; only `css` and `inlineSVG` are emitted raw (`{{{…}}}`),
/// and both are produced by this tool, never taken from input.
public struct ReportPage: Sendable {
    public struct InputRow: Sendable {
        public var name: String
        public var anchor: String
        public var method: String
        public var size: String
        public var flagged: String
        public var keyMetric: String
        public var statusClass: String
        /// Sort key: higher is worse.
        public var severity: Double
    }

    public struct NameValue: Sendable {
        public var name: String
        public var value: String
    }

    public struct FigureView: Sendable {
        public var id: String
        public var title: String
        /// The caption as plain text (markup removed).
        public var caption: String
        /// The caption as HTML: escaped, with `<sub>`/`<sup>` for the figure-text markup (print it unescaped).
        public var captionHTML: String
        public var alt: String
        public var png: String?
        public var svg: String?
        public var pdf: String?
        public var csv: String?
        public var csvName: String?
        public var width: Int
        public var height: Int
        /// A full-width figure spans both columns of the page's figure grid.
        public var wide: Bool
        public var inlineSVG: String?
    }

    public struct DataLink: Sendable {
        public var href: String
        public var fileName: String
        public var label: String
    }

    public struct DinamoMetricRow: Sendable {
        public var name: String
        public var historical: String
        public var continual: String
    }

    public struct DinamoSection: Sendable {
        public var anchor: String
        public var name: String
        public var runs: Int
        public var bins: Int
        public var alpha: String
        public var threshold: String
        public var flaggedCount: Int
        public var emptyCount: Int
        public var seconds: String
        public var notes: [String]
        public var hasMetrics: Bool
        public var metrics: [DinamoMetricRow]
        public var hasFlagged: Bool
        public var flaggedList: String
        public var figures: [FigureView]
        public var dataFiles: [DataLink]
    }

    public struct McemMetricRow: Sendable {
        public var name: String
        public var values: [String]
    }

    public struct McemSection: Sendable {
        public var anchor: String
        public var name: String
        public var length: Int
        public var labelsText: String
        public var seconds: String
        public var notes: [String]
        public var approachNames: [String]
        public var metrics: [McemMetricRow]
        public var figures: [FigureView]
        public var dataFiles: [DataLink]
    }

    public var tool: String
    public var version: String
    public var title: String
    public var verdict: String
    public var verdictDetail: String
    public var verdictClass: String
    public var quick: Bool
    public var inputCount: Int
    public var runsFlagged: Int
    public var runsTotal: Int
    public var pointsFlagged: Int
    public var pointsTotal: Int
    public var totalSeconds: String
    public var inputs: [InputRow]
    public var hasDinamo: Bool
    public var dinamo: [DinamoSection]
    public var hasMcem: Bool
    public var mcem: [McemSection]
    public var commandLine: String
    public var seed: String
    public var settings: [NameValue]
    public var timings: [NameValue]
    public var generated: String?
    public var summaryHref: String
    public var css: String
}
