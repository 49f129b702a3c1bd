extension ConfigSchema {
    /// This schema as a JSON Schema (draft 2020-12) document; `x-secret` marks values shown masked.
    public var jsonSchema: OrderedJSON {
        guard case .object(var members) = node else { return node }
        members.insert(.init("$schema", .string("https://json-schema.org/draft/2020-12/schema")), at: 0)
        return .object(members)
    }

    private var node: OrderedJSON {
        var members: [OrderedJSON.Member] = []
        func type(_ name: String) {
            members.append(.init("type", isNullable ? .array([.string(name), .string("null")]) : .string(name)))
        }
        switch kind {
        case .object(let properties):
            type("object")
            members.append(.init("properties", .object(properties.map { .init($0.name, $0.schema.node) })))
            members.append(.init("additionalProperties", .bool(true)))
        case .dictionary(let values):
            type("object")
            members.append(.init("additionalProperties", values.node))
        case .array(let items):
            type("array")
            members.append(.init("items", items.node))
        case .string(let choices):
            type("string")
            if let choices { members.append(.init("enum", .array(choices.map(OrderedJSON.string)))) }
        case .integer(let minimum, let maximum):
            type("integer")
            if let minimum { members.append(.init("minimum", .int(minimum))) }
            if let maximum { members.append(.init("maximum", .int(maximum))) }
        case .number(let minimum, let maximum):
            type("number")
            if let minimum { members.append(.init("minimum", .double(minimum))) }
            if let maximum { members.append(.init("maximum", .double(maximum))) }
        case .boolean:
            type("boolean")
        case .anyOf(let options):
            members.append(.init("anyOf", .array(options.map(\.node))))
        }
        if !description.isEmpty { members.append(.init("description", .string(description))) }
        if let defaultValue { members.append(.init("default", defaultValue)) }
        if isSecret { members.append(.init("x-secret", .bool(true))) }
        return .object(members)
    }
}
