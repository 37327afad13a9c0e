extension SIMD where Scalar == Double {
    /// self ← self + a·w: one fused multiply-add (a single rounding) when built with `-DFUSED_MULTIPLY_ADD`,
    /// which the Makefile's release flags add beside `-target-cpu haswell` on a CPU with AVX2 and FMA; else a
    /// multiply, then an add. Every multiply-accumulate of the forward pass, the backward pass and the weight
    /// gradients goes through here. A fused FMA has the latency of the multiply alone (5 cycles on Haswell, against
    /// 5 + 3), and these loops are chains of dependent accumulations (measured: docs/performance.md). Without the
    /// flag it must stay unfused: a build for a CPU without FMA turns each fused lane into a call to libm's `fma`.
    /// The same for every width: `SIMD16` (one point's layer) and `SIMD4` (a quarter layer in the block kernels).
    @inline(__always)
    mutating func accumulate(_ a: Double, _ w: Self) {
        #if FUSED_MULTIPLY_ADD
        self = addingProduct(a, w)
        #else
        self += a * w
        #endif
    }
}
