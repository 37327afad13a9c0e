import Foundation
import Inputs

// `make bench`: every budget of docs/performance.md, measured in one release run. Medians of repeated runs;
// compare ratios within one run, the machine is shared.
// Usage: Bench [plotting|dinamo|dinamo-ml|mcem|report|scale|shards|root|dqm ...]  (also: mcem-notebook, mcem-toy, mcem-long, …)  (no argument: all)

let selected = Set(CommandLine.arguments.dropFirst())
func wants(_ group: String) -> Bool { selected.isEmpty || selected.contains(group) }
// `Bench real <NAB dir> [list]` (make bench-real): the real-series table only.
if CommandLine.arguments.dropFirst().first == "real" {
    await realSeriesBenchmarks(arguments: Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}

var harness = BenchHarness()
print("anomaly-report benchmarks (release build, medians)")
if wants("plotting") { plottingBenchmarks(&harness) }
if wants("dinamo") { dinamoBenchmarks(&harness) }
if wants("mcem") { mcemBenchmarks(&harness) }
if selected.contains("mcem-notebook") { mcemNotebookBenchmarks(&harness) }
if selected.contains("mcem-toy") { mcemToyQualityWithDefaults(&harness) }
if wants("mcem") || wants("mcem-long") { mcemLongSeriesBenchmarks(&harness) }
if wants("report") { reportBenchmarks(&harness) }
if wants("scale") { scaleBenchmarks(&harness) }
if wants("shards") { shardBenchmarks(&harness) }
if selected.contains("dinamo-profile") { dinamoProfileOnce() }
if selected.contains("dinamo-analysis") { dinamoAnalysisOnly(&harness) }
if wants("dinamo-ml") || selected.contains("dinamo-ml-step") { dinamoMLStepBenchmarks(&harness) }
if wants("dinamo-ml") { dinamoMLDatasetBenchmarks(&harness) }
if wants("root") { rootBenchmarks(&harness) }
if wants("dqm") { dqmBenchmarks(&harness) }
let over = harness.rows.filter { r in r.budget.map { r.median > $0 } ?? false }
print(over.isEmpty ? "all within budget" : "\(over.count) over budget: " + over.map(\.name).joined(separator: ", "))
