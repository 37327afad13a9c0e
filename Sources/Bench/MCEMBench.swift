// Benchmarks of the mcem part; filled in by the issue that builds it.
func mcemBenchmarks(_ harness: inout BenchHarness) {
    print("mcem: no benchmarks yet")
}
