import Foundation
import Yams

/// Writes JSON values as YAML text the way a person would: plain scalars where they read back as the same value,
/// quotes only where needed, block layout with the surrounding file's indentation, flow layout inside flow collections.
struct YAMLRenderer: Sendable {
    /// How a string scalar should be quoted when a choice exists (kept from the value it replaces).
    enum Quoting: Sendable {
        case plainIfSafe
        case single
        case double
    }

    /// Spaces per nesting level for new block content.
    var indentStep = 2

    /// `value` on one line, usable after `key: ` or as a flow item.
    func inline(_ value: OrderedJSON, quoting: Quoting = .plainIfSafe, inFlow: Bool = false) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return Self.format(number)
        case .string(let text): return scalar(text, quoting: quoting, inFlow: inFlow)
        case .array(let items): return "[" + items.map { inline($0, inFlow: true) }.joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { key($0.key, inFlow: true) + ": " + inline($0.value, inFlow: true) }.joined(separator: ", ") + "}"
        }
    }

    /// Whether `value` is written on the key's own line (scalars and empty collections).
    static func isInline(_ value: OrderedJSON) -> Bool {
        switch value {
        case .array(let items): items.isEmpty
        case .object(let members): members.isEmpty
        default: true
        }
    }

    /// Block lines for a non-empty collection, each already indented by `indent` spaces.
    func block(_ value: OrderedJSON, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .object(let members):
            return members.flatMap { member -> [String] in
                let head = pad + key(member.key) + ":"
                if Self.isInline(member.value) { return [head + " " + inline(member.value)] }
                return [head] + block(member.value, indent: indent + indentStep)
            }
        case .array(let items):
            return items.flatMap { item -> [String] in
                if Self.isInline(item) { return [pad + "- " + inline(item)] }
                let nested = block(item, indent: indent + 2)
                guard case .object = item, let first = nested.first else { return [pad + "-"] + nested }
                return [pad + "- " + first.dropFirst(indent + 2)] + nested.dropFirst()
            }
        default:
            return [pad + inline(value)]
        }
    }

    /// A mapping key, plain when it reads back as the same string.
    func key(_ text: String, inFlow: Bool = false) -> String {
        scalar(text, quoting: .plainIfSafe, inFlow: inFlow)
    }

    private func scalar(_ text: String, quoting: Quoting, inFlow: Bool) -> String {
        switch quoting {
        case .single where !text.contains(where: \.isNewline):
            return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .double:
            return Self.doubleQuoted(text)
        default:
            return Self.isPlainSafe(text, inFlow: inFlow) ? text : Self.doubleQuoted(text)
        }
    }

    /// Whether `text` written bare reads back as exactly this string under YAML 1.1 rules.
    static func isPlainSafe(_ text: String, inFlow: Bool) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if first == " " || last == " " || first == "\t" || last == "\t" { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) {
            let second = text.unicodeScalars.dropFirst().first
            guard "-?:".unicodeScalars.contains(first), let second, second != " ", !inFlow || !",[]{}".unicodeScalars.contains(second) else {
                return false
            }
        }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return false }
        if inFlow, text.unicodeScalars.contains(where: { ",[]{}".unicodeScalars.contains($0) }) { return false }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0xFEFF || ($0.value >= 0x80 && $0.value < 0xA0) })
        {
            return false
        }
        if text == "---" || text == "..." { return false }
        return Resolver.default.resolveTag(of: Node(text)) == .str
    }

    private static func doubleQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFEFF || (scalar.value >= 0x80 && scalar.value < 0xA0) {
                    result += String(format: "\\u%04X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static func format(_ number: Double) -> String {
        if number.isNaN { return ".nan" }
        if number.isInfinite { return number < 0 ? "-.inf" : ".inf" }
        let text = "\(number)"
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }
}
