#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The single-precision elementary functions of the C library that the passes use (Core's wrappers are Double),
// and its memcmp.

/// Whether `count` floats at `a` and at `b` have the same bits.
@inline(__always) func sameBits(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Bool {
    memcmp(a, b, count * MemoryLayout<Float>.stride) == 0
}

@inline(__always) func logFloat(_ x: Float) -> Float { logf(x) }
@inline(__always) func log1pFloat(_ x: Float) -> Float { log1pf(x) }

/// Softplus as PyTorch computes it (β = 1, threshold 20): x for x > 20, else log1p(eˣ).
@inline(__always) func softplusFloat(_ x: Float) -> Float { x > 20 ? x : log1pf(expf(x)) }

/// Its derivative, the logistic function: 1 for x > 20 (the linear branch), else 1/(1 + e⁻ˣ).
@inline(__always) func softplusSlope(_ x: Float) -> Float { x > 20 ? 1 : 1 / (1 + expf(-x)) }
