import Foundation

/// A figure saved beside its rendered files so it can be drawn again at another size or in another format
/// without recomputing what it shows: a small versioned JSON document holding the figure as built (before
/// `styled(_:)`), its data included, and the style it was written at. Non-finite numbers (gaps in lines, empty heat-map cells) are written as
/// the strings `"nan"`, `"inf"` and `"-inf"`, since JSON has no such numbers.
///
/// ```swift
/// let data = try FigureSpec(figure: fig).encoded()
/// let again = try FigureSpec(decoding: data).figure      // draws the same bytes as `fig`
/// ```
public struct FigureSpec: Sendable, Codable {
    /// The format of this document; a reader refuses other versions rather than guessing.
    public static let currentVersion = 1
    public var version: Int
    /// The figure as built, before any style.
    public var figure: Figure
    /// The style its files were rendered at (`figure.styled(style)`, PNG at `style.png`).
    public var style: FigureStyle

    public init(figure: Figure, style: FigureStyle = .standard) {
        version = FigureSpec.currentVersion
        self.figure = figure
        self.style = style
    }

    /// The figure as its files show it.
    public var styledFigure: Figure { style == .standard ? figure : figure.styled(style) }

    /// Compact JSON (no indentation, keys sorted, so the same figure always gives the same bytes).
    public func encoded() throws(FigureSpecError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { return try encoder.encode(self) } catch { throw FigureSpecError.unreadable(String(describing: error)) }
    }

    /// Reads a spec written by `encoded()`; throws `FigureSpecError` saying what is wrong.
    public init(decoding data: Data) throws(FigureSpecError) {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        struct Header: Decodable { var version: Int }
        let header: Header
        do { header = try decoder.decode(Header.self, from: data) } catch {
            throw FigureSpecError.unreadable(FigureSpecError.explain(error))
        }
        guard header.version == FigureSpec.currentVersion else {
            throw FigureSpecError.unsupportedVersion(header.version)
        }
        do { self = try decoder.decode(FigureSpec.self, from: data) } catch {
            throw FigureSpecError.unreadable(FigureSpecError.explain(error))
        }
    }
}

/// Why a figure spec could not be written or read.
public enum FigureSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(String)
    case unsupportedVersion(Int)

    public var description: String {
        switch self {
        case .unreadable(let why): "not a figure spec: \(why)"
        case .unsupportedVersion(let v):
            "figure spec version \(v) is not supported (this version reads version \(FigureSpec.currentVersion))"
        }
    }

    /// A decoding error as one line: what was expected, at which key path.
    static func explain(_ error: any Error) -> String {
        guard let e = error as? DecodingError else { return String(describing: error) }
        func path(_ p: [any CodingKey]) -> String {
            p.isEmpty ? "the top level" : p.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        }
        switch e {
        case .dataCorrupted(let ctx): return "\(ctx.debugDescription) at \(path(ctx.codingPath))"
        case .keyNotFound(let key, let ctx): return "missing key \"\(key.stringValue)\" at \(path(ctx.codingPath))"
        case .typeMismatch(let type, let ctx): return "expected \(type) at \(path(ctx.codingPath))"
        case .valueNotFound(let type, let ctx): return "expected \(type) at \(path(ctx.codingPath)), found null"
        @unknown default: return String(describing: e)
        }
    }
}
