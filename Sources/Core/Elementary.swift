#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Thin wrappers over the C library's elementary functions, so that the rest of `Core`
// names one spelling and imports no platform module. These few functions are all the project needs.

@inlinable public func _log(_ x: Double) -> Double { log(x) }
@inlinable public func _exp(_ x: Double) -> Double { exp(x) }
@inlinable public func _log1p(_ x: Double) -> Double { log1p(x) }
@inlinable public func _expm1(_ x: Double) -> Double { expm1(x) }
@inlinable public func _pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@inlinable public func _erfc(_ x: Double) -> Double { erfc(x) }
