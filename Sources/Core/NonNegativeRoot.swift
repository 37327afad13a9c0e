// A square root the compiler can vectorise.

/// √x for x ≥ 0 (and NaN), with the bits of `x.squareRoot()`. The C library's square root, which `squareRoot()`
/// becomes on Linux, sets errno for x < 0, so a loop over it keeps one scalar call per element; the clamp shows the
/// compiler that x is never negative, and the loop gets the vector square root. For values that cannot be negative
/// (an optimiser's second moment): Adam in MonteCarloEM, AdamW in DinamoML (docs/performance.md, 2026-12-07 night).
@inlinable @inline(__always)
public func nonNegativeRoot(_ x: Double) -> Double { (x < 0 ? 0 : x).squareRoot() }

/// The Float form of `nonNegativeRoot(_:)`.
@inlinable @inline(__always)
public func nonNegativeRoot(_ x: Float) -> Float { (x < 0 ? 0 : x).squareRoot() }
