// Benchmarks of the dinamo part; filled in by the issue that builds it.
func dinamoBenchmarks(_ harness: inout BenchHarness) {
    print("dinamo: no benchmarks yet")
}
