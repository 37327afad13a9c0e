/// A histogram path pattern: `/`-separated components, where `*` matches any run of characters within
/// one component (never a `/`), e.g. `DQMData/Run */Muons/Run summary/pt`.
public struct ROOTPathPattern: Equatable, Sendable, CustomStringConvertible {
    public struct Component: Equatable, Sendable {
        public let text: String
        /// The literal pieces between the stars.
        let pieces: [Substring]
        public var isWildcard: Bool { pieces.count > 1 }

        init(_ text: String) {
            self.text = text
            pieces = text.split(separator: "*", omittingEmptySubsequences: false)
        }

        /// Whether `name` matches: the first piece is a prefix, the last a suffix, the middle ones occur
        /// in order between them (greedy leftmost search is exact for `*`-only globs).
        public func matches(_ name: String) -> Bool {
            guard isWildcard else { return name == text }
            var rest = Substring(name)
            guard rest.hasPrefix(pieces[0]) else { return false }
            rest = rest.dropFirst(pieces[0].count)
            let last = pieces[pieces.count - 1]
            for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
                guard let r = rest.range(of: piece) else { return false }
                rest = rest[r.upperBound...]
            }
            return rest.count >= last.count && rest.hasSuffix(last)
        }
    }

    public let text: String
    public let components: [Component]

    /// Parses `text`; leading, trailing and doubled slashes are ignored. An empty pattern is an error.
    public init(_ text: String) throws {
        let parts = text.split(separator: "/").map(String.init)
        guard !parts.isEmpty else { throw ROOTFileError(.pathMissing, file: "histogram path '\(text)'", object: nil, "names no object (it has no component)") }
        self.text = parts.joined(separator: "/")
        components = parts.map(Component.init)
    }

    /// Whether a full object path matches, component by component.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        return parts.count == components.count && zip(components, parts).allSatisfy { $0.matches($1) }
    }

    public var description: String { text }
}
