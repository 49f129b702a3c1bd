import Foundation

extension OrderedJSON {
    /// The value of `key` in an object (the last one when a key repeats, as Python's `json` keeps); `nil` otherwise.
    public subscript(key: String) -> OrderedJSON? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// The text of a string value.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number of an integer value.
    public var intValue: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// The number of a numeric value (an integer read as a double too).
    public var doubleValue: Double? {
        switch self {
        case .double(let value): value
        case .int(let value): Double(value)
        default: nil
        }
    }

    /// The truth of a boolean value.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The strings of a list value; a bare string counts as a one-item list (as the agent reads `skills.disabled`,
    /// `skills.external_dirs`, `plugins.enabled`…); anything else is empty.
    public var stringList: [String] {
        switch self {
        case .string(let text): [text]
        case .array(let items): items.compactMap(\.stringValue)
        default: []
        }
    }

    /// The items of a list value; anything else is empty.
    public var arrayValue: [OrderedJSON] {
        if case .array(let items) = self { return items }
        return []
    }

    /// An object with `key` set to `value`: replaced in place when present, appended otherwise.
    public func setting(_ key: String, to value: OrderedJSON) -> OrderedJSON {
        guard case .object(var members) = self else { return self }
        if let index = members.lastIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append(Member(key, value))
        }
        return .object(members)
    }
}
