/// A JSON node with its key path, whose accessors throw `InputError`s naming that path.
public struct JSONReader {
    public let file: String
    public let node: JSONNode
    /// The key path, e.g. `dinamo[2].alpha`; empty for the root.
    public let path: String

    public init(file: String, node: JSONNode, path: String) throws(InputError) {
        self.file = file
        self.node = node
        self.path = path
    }

    public func fail(_ message: String) -> InputError {
        path.isEmpty ? InputError(file: file, line: node.line, message) : InputError(file: file, keyPath: path, message)
    }

    public var isNull: Bool { if case .null = node.value { return true } else { return false } }

    public func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The object's members; throws unless this is an object.
    public func members() throws(InputError) -> [(key: String, value: JSONNode)] {
        guard case .object(let m) = node.value else { throw fail("expected an object, found \(node.typeName)") }
        return m
    }

    /// Refuses keys other than `allowed`, naming the key path (typos should not pass silently).
    public func allowOnly(_ allowed: Set<String>) throws(InputError) {
        for m in try members() where !allowed.contains(m.key) {
            throw InputError(file: file, keyPath: child(m.key),
                             "unknown key (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    /// The member `key`, or nil when absent.
    public func optional(_ key: String) throws(InputError) -> JSONReader? {
        guard let m = try members().first(where: { $0.key == key }) else { return nil }
        return try JSONReader(file: file, node: m.value, path: child(key))
    }

    public func array() throws(InputError) -> [JSONReader] {
        guard case .array(let items) = node.value else { throw fail("expected an array, found \(node.typeName)") }
        var out: [JSONReader] = []
        out.reserveCapacity(items.count)
        for (k, n) in items.enumerated() { out.append(try JSONReader(file: file, node: n, path: "\(path)[\(k)]")) }
        return out
    }

    public func number() throws(InputError) -> Double {
        guard case .number(let v) = node.value else { throw fail("expected a number, found \(node.typeName)") }
        return v
    }

    public func integer() throws(InputError) -> Int {
        guard case .number(let v) = node.value, v == v.rounded(), abs(v) < 9e15 else {
            throw fail("expected an integer, found \(describe())")
        }
        return Int(v)
    }

    public func string() throws(InputError) -> String {
        guard case .string(let s) = node.value else { throw fail("expected a string, found \(node.typeName)") }
        return s
    }

    public func describe() -> String {
        switch node.value {
        case .number(let v): return "\(v)"
        case .string(let s): return "\"\(s.prefix(40))\""
        default: return node.typeName
        }
    }
}
