/// View models for the templates (`index.mustache`, `input.mustache`, `section.mustache`, `figure.mustache`):
/// plain values, already formatted.
/// Templates only print; every decision (order, wording, number format) is made here or before.
/// Mustache escapes every `{{value}}` for HTML; only `css` and `inlineSVG` are emitted raw (`{{{…}}}`),
/// and both are produced by this tool, never taken from input.
public enum ReportPage {
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

    /// A piece of text, a link when `href` is given.
    public struct Link: Sendable {
        public var text: String
        public var href: String?
        /// Printed after it: "," between the items of a list.
        public var after: String = ""
    }

    public struct DataLink: Sendable {
        public var href: String
        public var fileName: String
        public var label: String
    }

    /// A table of metrics: `header` names the columns (the first heads the row names), each row a metric.
    public struct MetricTable: Sendable {
        public var header: [String]
        public var rows: [MetricRow]
    }

    public struct MetricRow: Sendable {
        public var name: String
        public var values: [String]
    }

    /// One input's section (`section.mustache`), whatever the method: a facts line, the method's how-to (its
    /// template `howto-<method id>.mustache`, rendered by `TemplateSet`), notes, metric tables, the flagged
    /// units, the figures and the data links.
    public struct MethodSection: Sendable {
        public var anchor: String
        public var name: String
        /// The method's name as the heading shows it ("DINAMO-S reference-histogram monitoring").
        public var methodTitle: String
        /// The method's id, which names its how-to template.
        public var method: String
        /// The facts line: "120 runs × 20 bins · α = 0.5 · …".
        public var facts: String
        /// The how-to, rendered HTML (printed raw); nil when the method has no how-to template.
        public var howto: String?
        public var notes: [String]
        public var tables: [MetricTable]
        /// Said where the tables would be when there are none ("No labels: …").
        public var tablesNote: String?
        /// "Flagged runs", and the list of them (each linking to its run page, when it has one); empty when
        /// nothing is flagged or the method lists none.
        public var flaggedLabel: String
        public var flaggedList: [Link]
        public var hasFlagged: Bool
        /// "… and 12 more (see the scores CSV)", or nil.
        public var flaggedMore: String?
        public var figures: [FigureView]
        public var dataFiles: [DataLink]
        /// When the input is one of several compared side by side (`InputComparison`): what the links are, and
        /// the other members' pages (or the side-by-side page); empty otherwise.
        public var comparisonText: String? = nil
        public var comparisonLinks: [Link] = []
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

    /// One comparison group of the overview (`ComparisonSummary`): the input, its members, and per line the
    /// runs flagged by all members or by some only.
    public struct ComparisonView: Sendable {
        public var subject: String
        /// The side-by-side page.
        public var href: String
        /// "DINAMO-S · DINAMO-ML".
        public var members: String
        /// What the lines count ("runs").
        public var unit: String
        public var rows: [ComparisonRow]
    }

    public struct ComparisonRow: Sendable {
        /// "flagged by both", "by DINAMO-ML only".
        public var label: String
        public var count: Int
        public var runs: [ReportPage.Link]
        /// "… and 12 more", or nil.
        public var more: String?
        /// "alert" when the line holds runs, else "ok".
        public var statusClass: String
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
    /// "runs flagged", or "(run, histogram) pairs flagged" when several inputs' runs are added up.
    public var runsFlaggedLabel: String = "runs flagged"
    /// How many different runs any input flagged, when several inputs score runs (nil otherwise).
    public var distinctRunsFlagged: Int? = nil
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
    /// The system × run map(s) (`SystemMap`), leading the page when the inputs name systems.
    public var systemMaps: [SummaryMapView] = []
    public var hasSystemMaps: Bool = false
    /// Inputs monitored by several variants side by side: which variant flagged what (`ComparisonSummary`).
    public var comparisons: [ComparisonView] = []
    public var hasComparisons: Bool = false
    /// The runs flagged anywhere, the first `OverviewBuilder.badRunsShown`, and how many more the run index lists.
    public var badRuns: [RunRow] = []
    public var hasBadRuns: Bool = false
    public var badRunsTotal: Int = 0
    /// "12 more not shown here", or nil.
    public var badRunsMore: String? = nil
    public var runIndexHref: String? = nil
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
    public var section: ReportPage.MethodSection
    public var generated: String?
    public var css: String
}

/// A run's page (`run.mustache`, at `runs/<run>.html`): the inputs that flagged the run, grouped by system and
/// worst first, each with the run against the reference it was scored against (AutoDQM's view of a run).
public struct RunPageView: Sendable {
    public struct Flag: Sendable {
        public var input: String
        /// The input's page, relative to this page.
        public var href: String
        public var score: String
        public var threshold: String
        public var excess: String
        /// The run's figure for this input, relative to this page; nil when none was drawn.
        public var figure: String?
        public var alt: String
    }

    public struct System: Sendable {
        public var name: String
        public var flags: [Flag]
    }

    public var tool: String
    public var version: String
    public var reportTitle: String
    public var run: String
    /// "Flagged by 3 histograms in 2 systems: Muons, Tracking."
    public var headline: String
    public var systems: [System]
    public var backHref: String
    public var indexHref: String
    public var generated: String?
    public var css: String
}

/// One flagged run in a list (the overview's bad runs, the run index `runs/index.html`).
public struct RunRow: Sendable {
    public var run: String
    public var href: String?
    public var systems: String
    public var count: Int
    /// The inputs that flagged it, worst first, the first few named.
    public var worst: String
}

/// The run index (`runs.mustache`, at `runs/index.html`): every flagged run.
public struct RunIndexView: Sendable {
    public var tool: String
    public var version: String
    public var reportTitle: String
    public var runs: [RunRow]
    public var backHref: String
    public var generated: String?
    public var css: String
}
