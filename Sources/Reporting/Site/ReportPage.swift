/// View models for the templates (`index.mustache`, `input.mustache`, `section.mustache`, `figure.mustache`):
/// plain values, already formatted.
/// Templates only print; every decision (order, wording, number format) is made here or before.
/// Mustache escapes every `{{value}}` for HTML; only `css` and `inlineSVG` are emitted raw (`{{{…}}}`),
/// and both are produced by this tool, never taken from input.
public enum ReportPage {
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
        /// The HTML element id.
        public var id: String
        /// The figure's id for `anomaly-report figure DIR --id ID` (its file stem).
        public var figureID: String
        public var title: String
        /// The caption as plain text (markup removed).
        public var caption: String
        /// The caption as HTML: escaped, with `<sub>`/`<sup>` for the figure-text markup (print it unescaped).
        public var captionHTML: String
        public var alt: String
        /// The image the page shows (PNG, or SVG when no PNG is written); nil when inlined.
        public var display: String?
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
}

/// The overview (`index.mustache`): the verdict, the summary map, the worst-first table linking to the input
/// pages, and the provenance.
public struct OverviewPage: Sendable {
    public struct Row: Sendable {
        public var name: String
        public var href: String
        public var method: String
        public var size: String
        public var flagged: String
        public var keyMetric: String
        public var statusClass: String
        /// An inline SVG made by this tool (`Sparkline`), printed raw.
        public var sparkline: String
    }

    public struct SummaryMapView: Sendable {
        public var figure: ReportPage.FigureView
        /// The `<map name>`.
        public var mapName: String
        public var areas: [MapArea]
    }

    /// One row of the summary map's image map: the strip of a histogram, linking to its page.
    public struct MapArea: Sendable {
        public var coords: String
        public var href: String
        public var title: String
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
    /// Whether the report has histogram inputs (runs) and series (points): counts of none are not shown.
    public var hasRuns: Bool
    public var hasPoints: Bool
    public var totalSeconds: String
    public var rows: [Row]
    public var hasFailed: Bool
    public var failed: [ReportPage.NameValue]
    /// The summary map(s): one figure per block of histograms, each with its image map.
    public var summaryMaps: [SummaryMapView]
    public var hasSummaryMaps: Bool
    public var commandLine: String
    public var seed: String
    public var settings: [ReportPage.NameValue]
    public var timings: [ReportPage.NameValue]
    public var generated: String?
    public var summaryHref: String
    public var css: String
    /// `--self-contained`: the input sections follow the table in this one page.
    public var selfContained: Bool
    public var sectionsMarker: String
}

/// A page of one input (`input.mustache`, at `inputs/<stem>.html`), or, in a self-contained report, its
/// section inside the overview (`section.mustache`).
public struct InputPageView: Sendable {
    public var tool: String
    public var version: String
    public var reportTitle: String
    public var name: String
    /// The overview, relative to this page.
    public var backHref: String
    public var quick: Bool
    public var dinamo: ReportPage.DinamoSection?
    public var mcem: ReportPage.McemSection?
    public var generated: String?
    public var css: String
}
