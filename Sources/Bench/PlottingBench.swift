// Benchmarks of the plotting part; filled in by the issue that builds it.
func plottingBenchmarks(_ harness: inout BenchHarness) {
    print("plotting: no benchmarks yet")
}
