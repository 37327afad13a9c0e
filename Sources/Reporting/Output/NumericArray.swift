import Foundation

/// A large array of numbers kept whole in one compact binary file beside a figure, in NumPy's `.npy` format:
/// "the full numbers" when the figure and its CSV show fewer (a TH2's reference evolution over every run and
/// bin, say, while the map and its CSV show it at the resolution it is drawn).
///
/// The file is `data/<figure id>-<name>.npy` (`FigureArtifact.fullData`); `numpy.load` reads it, as does any
/// reader of the format (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html): the magic
/// `\x93NUMPY`, version 1.0, a little-endian 16-bit header length, an ASCII header
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (1000, 400), }` padded with spaces to a multiple of 64
/// bytes and ended by a newline, then the values in row-major (C) order, little-endian. NaN, ±∞ and −0 are kept.
///
/// ```swift
/// let mu = NumericArray(name: "mu", shape: [runs, bins], values: referenceMu,
///                       label: "reference μ before every run (runs × bins, .npy)")
/// artifact.fullData = [mu]          // written as data/<id>-mu.npy, linked from the page
/// ```
/// ```python
/// mu = numpy.load("data/h-reference-evolution-mu.npy")    # shape (runs, bins), float64
/// ```
public struct NumericArray: Sendable, Equatable {
    /// How each value is stored.
    public enum Precision: String, Sendable {
        /// IEEE double, 8 bytes (`<f8`): every double exactly.
        case float64 = "<f8"
        /// IEEE single, 4 bytes (`<f4`): half the size; exact for what was a float to begin with (a TH2F's
        /// counts), rounded to about 7 significant digits otherwise.
        case float32 = "<f4"

        var bytes: Int { self == .float64 ? 8 : 4 }
    }

    /// The file-name part after the figure id (`data/<id>-<name>.npy`): letters, digits, `-` and `_`.
    public var name: String
    /// The size of each axis, outermost first; their product is `values.count`.
    public var shape: [Int]
    /// The values in row-major order: the last axis varies fastest.
    public var values: [Double]
    public var precision: Precision
    /// What the page's link says, e.g. "full numbers (.npy)".
    public var label: String

    public init(name: String, shape: [Int], values: [Double], precision: Precision = .float64,
                label: String = "full numbers (.npy)") {
        precondition(!name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") },
                     "a NumericArray's name is letters, digits, - and _: \(name)")
        precondition(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == values.count,
                     "shape \(shape) does not hold \(values.count) values")
        self.name = name
        self.shape = shape
        self.values = values
        self.precision = precision
        self.label = label
    }

    /// The path of the array's file in the report, beside the figure's CSV.
    public func path(figure stem: String) -> String { "data/\(stem)-\(name).npy" }

    /// The `.npy` header dictionary, as NumPy writes it (a 1-tuple keeps its comma: `(5,)`).
    var headerText: String {
        let dims = shape.count == 1 ? "\(shape[0])," : shape.map(String.init).joined(separator: ", ")
        return "{'descr': '\(precision.rawValue)', 'fortran_order': False, 'shape': (\(dims)), }"
    }

    /// The whole `.npy` file.
    public var npy: Data {
        var header = Array(headerText.utf8)
        // magic (6) + version (2) + length (2) + header + newline, padded to a multiple of 64.
        let unpadded = 10 + header.count + 1
        header += [UInt8](repeating: 0x20, count: (64 - unpadded % 64) % 64) + [0x0A]
        var out = Data(capacity: 10 + header.count + values.count * precision.bytes)
        out.append(contentsOf: [0x93] + Array("NUMPY".utf8) + [1, 0])
        out.append(contentsOf: [UInt8(header.count & 0xFF), UInt8(header.count >> 8)])
        out.append(contentsOf: header)
        switch precision {
        case .float64:
            values.withUnsafeBufferPointer { buffer in
                let littleEndian = buffer.map { $0.bitPattern.littleEndian }
                littleEndian.withUnsafeBytes { out.append(contentsOf: $0) }
            }
        case .float32:
            let littleEndian = values.map { Float($0).bitPattern.littleEndian }
            littleEndian.withUnsafeBytes { out.append(contentsOf: $0) }
        }
        return out
    }
}
