import Foundation
import Yams

/// A parsed `config.yaml`: the text, its node tree (with positions, for surgical edits) and its value as JSON.
///
/// Parsing follows YAML 1.1 scalar rules as PyYAML does (`off` is `false`, `0x10` is 16). Anchors and aliases are
/// allowed, but the expanded document is capped at ``maximumNodes`` so an alias bomb is refused instead of
/// exhausting memory.
public struct YAMLDocument {
    /// How many values the expanded document may hold.
    public static let maximumNodes = 200_000
    /// How deep mappings and lists may nest.
    public static let maximumDepth = 64

    /// The text as read.
    public let text: String
    /// The root node; `nil` for an empty document (only comments or nothing).
    public let root: Node?
    /// The document's value; an empty document is an empty object.
    public let value: OrderedJSON

    /// Parses `text`, or throws ``ConfigProblem/syntax(line:column:message:)`` or ``ConfigProblem/tooComplex(_:)``.
    public init(text: String) throws {
        self.text = text
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.problem(from: error)
        }
        var budget = Self.maximumNodes
        value = try root.map { try Self.value(of: $0, depth: 0, budget: &budget) } ?? .object([])
    }

    private static func problem(from error: YamlError) -> ConfigProblem {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let message = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return .syntax(line: mark.line, column: mark.column, message: message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .syntax(
                line: context.mark.line, column: context.mark.column,
                message: "duplicate key \(duplicates.joined(separator: ", ")) in a mapping")
        case .reader(let problem, _, _, _):
            return .syntax(line: 1, column: 1, message: problem)
        default:
            return .syntax(line: 1, column: 1, message: String(describing: error))
        }
    }

    /// The JSON value of `node`, spending one unit of `budget` per value (aliases count every time they are used).
    static func value(of node: Node, depth: Int, budget: inout Int) throws -> OrderedJSON {
        budget -= 1
        guard budget >= 0 else { throw ConfigProblem.tooComplex("the document expands to more than \(maximumNodes) values (alias expansion?)") }
        guard depth <= maximumDepth else { throw ConfigProblem.tooComplex("values nest deeper than \(maximumDepth) levels") }
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar)
        case .sequence(let sequence):
            return .array(try sequence.map { try value(of: $0, depth: depth + 1, budget: &budget) })
        case .mapping(let mapping):
            var members: [OrderedJSON.Member] = []
            for (key, item) in mapping {
                let name = try keyText(key, depth: depth, budget: &budget)
                let itemValue = try value(of: item, depth: depth + 1, budget: &budget)
                if let index = members.firstIndex(where: { $0.key == name }) {
                    members[index].value = itemValue
                } else {
                    members.append(.init(name, itemValue))
                }
            }
            return .object(members)
        case .alias:
            throw ConfigProblem.tooComplex("unresolved alias")
        }
    }

    private static func keyText(_ key: Node, depth: Int, budget: inout Int) throws -> String {
        switch try value(of: key, depth: depth + 1, budget: &budget) {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): flag ? "True" : "False"
        case .null: "None"
        default: throw ConfigProblem.tooComplex("a mapping key is itself a list or mapping")
        }
    }

    private static func scalarValue(_ scalar: Node.Scalar) -> OrderedJSON {
        let node = Node.scalar(scalar)
        switch Resolver.default.resolveTag(of: node) {
        case .null: return .null
        case .bool: return node.bool.map(OrderedJSON.bool) ?? .string(scalar.string)
        case .int:
            if let number = node.int { return .int(number) }
            return node.float.map(OrderedJSON.double) ?? .string(scalar.string)
        case .float:
            guard let number = node.float, number.isFinite else { return .string(scalar.string) }
            return .double(number)
        default: return .string(scalar.string)
        }
    }
}
