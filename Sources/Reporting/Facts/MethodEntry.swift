import Foundation

/// A method's own entry in `summary.json` (its settings, flags and metrics in its own shape), as a value.
public protocol SummaryEntry: Codable, Sendable {}

/// One input's `summary.json` entry, carried in its record without the consumers knowing its type: the
/// summary writes it under its method's key, the shard manifest stores it with the method's id, and `merge`
/// decodes it back through the method registry (`MethodRegistry.entryType(for:)`).
public struct MethodEntry: Sendable, Codable, Equatable {
    public var method: MethodID
    public var value: any SummaryEntry

    public init(method: MethodID, value: any SummaryEntry) {
        self.method = method
        self.value = value
    }

    private enum CodingKeys: String, CodingKey { case method, entry }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        method = try c.decode(MethodID.self, forKey: .method)
        guard let type = MethodRegistry.entryType(for: method) else {
            throw DecodingError.dataCorruptedError(forKey: .method, in: c, debugDescription: "unknown method '\(method.rawValue)'")
        }
        value = try type.init(from: c.superDecoder(forKey: .entry))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(method, forKey: .method)
        try value.encode(to: c.superEncoder(forKey: .entry))
    }

    /// Entries are equal when they encode to the same JSON.
    public static func == (a: MethodEntry, b: MethodEntry) -> Bool {
        guard a.method == b.method else { return false }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(Wrapped(a.value))) == (try? encoder.encode(Wrapped(b.value)))
    }

    /// Encodes the entry as itself (no wrapper object), for a summary's method list.
    struct Wrapped: Encodable {
        var value: any SummaryEntry
        init(_ value: any SummaryEntry) { self.value = value }
        func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
    }
}
