extension ConfigSchema {
    /// A mapping with known members.
    static func object(_ description: String, _ properties: KeyValuePairs<String, ConfigSchema>) -> ConfigSchema {
        ConfigSchema(kind: .object(properties.map { Property(name: $0.key, schema: $0.value) }), description: description, isNullable: true)
    }

    /// A mapping with free keys.
    static func dictionary(_ description: String, of values: ConfigSchema) -> ConfigSchema {
        ConfigSchema(kind: .dictionary(values), description: description, defaultValue: .object([]), isNullable: true)
    }

    /// A string, optionally one of `choices`.
    static func string(_ description: String, default value: String? = "", choices: [String]? = nil, secret: Bool = false) -> ConfigSchema {
        ConfigSchema(kind: .string(choices: choices), description: description, defaultValue: value.map(OrderedJSON.string), isSecret: secret)
    }

    /// A whole number within bounds.
    static func integer(_ description: String, default value: Int?, minimum: Int? = 0, maximum: Int? = nil, nullable: Bool = false) -> ConfigSchema {
        ConfigSchema(
            kind: .integer(minimum: minimum, maximum: maximum), description: description,
            defaultValue: value.map(OrderedJSON.int) ?? (nullable ? .null : nil), isNullable: nullable)
    }

    /// A number within bounds.
    static func number(_ description: String, default value: Double, minimum: Double? = 0, maximum: Double? = nil) -> ConfigSchema {
        ConfigSchema(kind: .number(minimum: minimum, maximum: maximum), description: description, defaultValue: .double(value))
    }

    /// `true` or `false`.
    static func boolean(_ description: String, default value: Bool) -> ConfigSchema {
        ConfigSchema(kind: .boolean, description: description, defaultValue: .bool(value))
    }

    /// A list of strings.
    static func strings(_ description: String) -> ConfigSchema {
        ConfigSchema(kind: .array(ConfigSchema(kind: .string(choices: nil), description: "")), description: description, defaultValue: .array([]))
    }

    /// A list of `item`s.
    static func list(_ description: String, of item: ConfigSchema) -> ConfigSchema {
        ConfigSchema(kind: .array(item), description: description, defaultValue: .array([]))
    }

    /// Any of several shapes.
    static func anyOf(_ description: String, default value: OrderedJSON?, _ options: [ConfigSchema]) -> ConfigSchema {
        ConfigSchema(kind: .anyOf(options), description: description, defaultValue: value)
    }
}
