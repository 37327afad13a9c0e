// Benchmarks of the report part; filled in by the issue that builds it.
func reportBenchmarks(_ harness: inout BenchHarness) {
    print("report: no benchmarks yet")
}
