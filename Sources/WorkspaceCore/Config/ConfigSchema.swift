/// A JSON Schema subset that describes `config.yaml` sections: it validates values (messages keyed by dotted
/// path), supplies the defaults for the effective view, and renders itself as a JSON Schema document for the UI.
///
/// Unknown keys are always allowed: the agent grows keys faster than any schema, and a user's file must never be
/// refused for holding one.
public struct ConfigSchema: Sendable {
    /// The shape of a value.
    public indirect enum Kind: Sendable {
        case object([Property])
        /// A mapping with free keys whose values all follow one schema.
        case dictionary(ConfigSchema)
        case array(ConfigSchema)
        case string(choices: [String]?)
        case integer(minimum: Int?, maximum: Int?)
        case number(minimum: Double?, maximum: Double?)
        case boolean
        /// Any one of several shapes (e.g. `model` as a string or a mapping).
        case anyOf([ConfigSchema])
    }

    /// One named member of an object.
    public struct Property: Sendable {
        /// The key.
        public var name: String
        /// Its schema.
        public var schema: ConfigSchema
    }

    /// The shape.
    public var kind: Kind
    /// What the value is for.
    public var description: String
    /// The agent's default, when one is known.
    public var defaultValue: OrderedJSON?
    /// Whether the value is a secret (masked when shown).
    public var isSecret = false
    /// Whether `null` is accepted.
    public var isNullable = false

    /// The schema of the member at `path`, when the schema describes it.
    public func schema(at path: ArraySlice<String>) -> ConfigSchema? {
        guard let key = path.first else { return self }
        switch kind {
        case .object(let properties): return properties.first { $0.name == key }?.schema.schema(at: path.dropFirst())
        case .dictionary(let values): return values.schema(at: path.dropFirst())
        case .anyOf(let options): return options.lazy.compactMap { $0.schema(at: path) }.first
        default: return nil
        }
    }

    /// Everything wrong with `value`, keyed by dotted path (empty when it is valid).
    public func issues(in value: OrderedJSON, path: [String] = []) -> [String: String] {
        var found: [String: String] = [:]
        collectIssues(in: value, path: path, into: &found)
        return found
    }

    private func collectIssues(in value: OrderedJSON, path: [String], into found: inout [String: String]) {
        let here = path.isEmpty ? "(root)" : path.joined(separator: ".")
        if value == .null {
            if !isNullable { found[here] = "must be \(expectation), not null" }
            return
        }
        switch (kind, value) {
        case (.object(let properties), .object(let members)):
            for member in members {
                properties.first { $0.name == member.key }?.schema.collectIssues(in: member.value, path: path + [member.key], into: &found)
            }
        case (.dictionary(let values), .object(let members)):
            for member in members { values.collectIssues(in: member.value, path: path + [member.key], into: &found) }
        case (.array(let items), .array(let elements)):
            for (index, element) in elements.enumerated() { items.collectIssues(in: element, path: path + [String(index)], into: &found) }
        case (.string(let choices), .string(let text)):
            if let choices, !choices.contains(text) { found[here] = "must be one of \(choices.joined(separator: ", ")), not \"\(text)\"" }
        case (.integer(let minimum, let maximum), .int(let number)):
            checkRange(Double(number), minimum.map(Double.init), maximum.map(Double.init), here, &found)
        case (.number(let minimum, let maximum), .int(let number)):
            checkRange(Double(number), minimum, maximum, here, &found)
        case (.number(let minimum, let maximum), .double(let number)):
            checkRange(number, minimum, maximum, here, &found)
        case (.boolean, .bool):
            break
        case (.anyOf(let options), _):
            let attempts = options.map { $0.issues(in: value, path: path) }
            if !attempts.contains(where: \.isEmpty) { found.merge(attempts.min { $0.count < $1.count } ?? [:]) { first, _ in first } }
        default:
            found[here] = "must be \(expectation), not \(Self.describe(value))"
        }
    }

    private func checkRange(_ number: Double, _ minimum: Double?, _ maximum: Double?, _ here: String, _ found: inout [String: String]) {
        if let minimum, number < minimum { found[here] = "must be at least \(Self.trimmed(minimum))" }
        if let maximum, number > maximum { found[here] = "must be at most \(Self.trimmed(maximum))" }
    }

    private var expectation: String {
        switch kind {
        case .object, .dictionary: "a mapping"
        case .array: "a list"
        case .string(let choices): choices.map { "one of " + $0.joined(separator: ", ") } ?? "a string"
        case .integer: "a whole number"
        case .number: "a number"
        case .boolean: "true or false"
        case .anyOf(let options): options.map(\.expectation).joined(separator: " or ")
        }
    }

    private static func describe(_ value: OrderedJSON) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "a mapping"
        }
    }

    private static func trimmed(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(number)
    }

    /// The defaults this schema knows, as the agent would fill them in.
    public var defaults: OrderedJSON? {
        if case .object(let properties) = kind {
            let members = properties.compactMap { property in property.schema.defaults.map { OrderedJSON.Member(property.name, $0) } }
            return defaultValue ?? (members.isEmpty ? nil : .object(members))
        }
        return defaultValue
    }
}
