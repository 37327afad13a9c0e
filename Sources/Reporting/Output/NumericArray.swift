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

    /// The values as the file gives them back: rounded to float for `float32`.
    public var storedValues: [Double] {
        precision == .float64 ? values : values.map { Double(Float($0)) }
    }

    /// The path of the array's file in the report, beside the figure's CSV.
    public func path(figure stem: String) -> String { Self.path(figure: stem, name: name) }
    static func path(figure stem: String, name: String) -> String { "data/\(stem)-\(name).npy" }

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

    /// Reads a `.npy` file of little-endian doubles or floats in row-major order (what `npy` writes, and what
    /// `numpy.save` writes for such an array), named `name`. Throws `NPYError` saying what it is not.
    public init(npy data: Data, name: String) throws(NPYError) {
        let bytes = [UInt8](data)
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
            throw NPYError("not a .npy file (no \\x93NUMPY magic)")
        }
        let (major, start): (UInt8, Int) = (bytes[6], bytes[6] == 1 ? 10 : 12)
        guard major == 1 || major == 2, bytes.count >= start else { throw NPYError("format version \(bytes[6]).\(bytes[7]) is not read") }
        let length = major == 1 ? Int(bytes[8]) | Int(bytes[9]) << 8
            : Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        guard start + length <= bytes.count else { throw NPYError("the header runs past the end of the file") }
        let header = String(decoding: bytes[start..<start + length], as: UTF8.self)
        func value(_ key: String) -> String? {
            guard let k = header.range(of: "'\(key)':") else { return nil }
            let rest = header[k.upperBound...].drop { $0 == " " }
            if rest.first == "(" { return rest.firstIndex(of: ")").map { String(rest[rest.index(after: rest.startIndex)..<$0]) } }
            return String(rest.prefix { $0 != "," && $0 != "}" }).trimmingCharacters(in: CharacterSet(charactersIn: " '"))
        }
        guard let descr = value("descr"), let precision = Precision(rawValue: descr) else {
            throw NPYError("its values are \(value("descr") ?? "not described"); only '<f8' and '<f4' are read")
        }
        guard value("fortran_order") == "False" else { throw NPYError("it is in Fortran (column-major) order") }
        guard let dims = value("shape") else { throw NPYError("its header has no shape") }
        let shape = dims.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.compactMap { Int($0) }
        let count = shape.reduce(1, *)
        guard shape.allSatisfy({ $0 >= 0 }), bytes.count - start - length == count * precision.bytes else {
            throw NPYError("shape (\(dims)) needs \(count * precision.bytes) bytes of values; the file has \(bytes.count - start - length)")
        }
        let payload = bytes[(start + length)...]
        var values: [Double] = []
        values.reserveCapacity(count)
        payload.withUnsafeBytes { raw in
            for i in 0..<count {
                if precision == .float64 {
                    values.append(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))))
                } else {
                    values.append(Double(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))))
                }
            }
        }
        guard !name.isEmpty && name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw NPYError("'\(name)' is not an array name (letters, digits, - and _)")
        }
        self.init(name: name, shape: shape, values: values, precision: precision)
    }
}

/// Why a `.npy` file could not be read.
public struct NPYError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
