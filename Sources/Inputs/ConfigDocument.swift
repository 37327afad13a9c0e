import Foundation
import Yams

/// A config document (`run --config FILE`): JSON, or YAML when the file is named `.yaml`/`.yml`.
///
/// Both become the same `JSONNode` tree with the line each value starts on, so one decoder serves both
/// and its errors read the same (file, line, key path). YAML is parsed by Yams (libyaml); its scalars are
/// typed by the YAML 1.2 core schema as Yams resolves them (`auto` and `"auto"` are strings, `0.5` a
/// number, `~`/`null` null). Aliases are expanded, so a document that expands past `maxNodes` values (a
/// "billion laughs" file) is refused rather than allowed to exhaust memory; nesting is limited as for JSON.
public enum ConfigDocument {
    /// The largest number of values an expanded YAML document may hold.
    public static let maxNodes = 1_000_000

    public static func read(path: String, limits: InputLimits = .default) throws(InputError) -> JSONReader {
        let ext = (path as NSString).pathExtension.lowercased()
        let node: JSONNode
        if ext == "yaml" || ext == "yml" {
            node = try parseYAML(path: path, limits: limits)
        } else {
            node = try JSONParser.parseFile(path, limits: limits)
        }
        return try JSONReader(file: path, node: node, path: "")
    }

    static func parseYAML(path: String, limits: InputLimits) throws(InputError) -> JSONNode {
        let maxBytes = min(limits.maxFileBytes, limits.maxJSONBytes)
        _ = try checkedFileSize(path, maxBytes: maxBytes, kind: " for a config file")
        let bytes = try JSONParser.readAtMost(maxBytes, from: path, kind: " for a config file")
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputError(file: path, message: "text is not valid UTF-8")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw InputError(file: path, line: yamlLine(error) ?? 1, "not valid YAML: \(yamlProblem(error))")
        } catch {
            throw InputError(file: path, message: "not valid YAML: \(error)")
        }
        guard let root else { throw InputError(file: path, message: "file is empty") }
        var budget = maxNodes
        return try convert(root, path: path, depth: 0, maxDepth: limits.maxJSONDepth, budget: &budget)
    }

    private static func convert(_ node: Node, path: String, depth: Int, maxDepth: Int,
                                budget: inout Int) throws(InputError) -> JSONNode {
        let line = node.mark?.line ?? 1
        budget -= 1
        guard budget >= 0 else {
            throw InputError(file: path, line: line, "the document expands to more than \(maxNodes) values (aliases)")
        }
        guard depth < maxDepth else { throw InputError(file: path, line: line, "nested deeper than \(maxDepth) levels") }
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case Tag.Name.null: return JSONNode(value: .null, line: line)
            case Tag.Name.bool: return JSONNode(value: .bool(node.bool ?? false), line: line)
            case Tag.Name.int, Tag.Name.float:
                guard let v = node.float, v.isFinite else {
                    throw InputError(file: path, line: line, "\"\(scalar.string.prefix(40))\" is not a finite number")
                }
                return JSONNode(value: .number(v), line: line)
            default: return JSONNode(value: .string(scalar.string), line: line)
            }
        case .sequence(let seq):
            var items: [JSONNode] = []
            for item in seq { items.append(try convert(item, path: path, depth: depth + 1, maxDepth: maxDepth, budget: &budget)) }
            return JSONNode(value: .array(items), line: line)
        case .mapping(let map):
            var members: [(key: String, value: JSONNode)] = []
            for (k, v) in map {
                guard case .scalar(let key) = k else {
                    throw InputError(file: path, line: k.mark?.line ?? line, "a mapping key must be plain text")
                }
                if members.contains(where: { $0.key == key.string }) {
                    throw InputError(file: path, line: k.mark?.line ?? line, "duplicate key \"\(key.string)\"")
                }
                members.append((key.string, try convert(v, path: path, depth: depth + 1, maxDepth: maxDepth, budget: &budget)))
            }
            return JSONNode(value: .object(members), line: line)
        case .alias:
            throw InputError(file: path, line: line, "unresolved YAML alias")
        }
    }

    private static func yamlLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default: return nil
        }
    }

    private static func yamlProblem(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default: return "\(error)"
        }
    }
}
