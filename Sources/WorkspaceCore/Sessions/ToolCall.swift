/// One tool call of an assistant message, parsed from the stored OpenAI-shaped (or short-form) JSON.
public struct ToolCall: Sendable, Encodable, Equatable {
    /// The call id that the tool result answers (`tool_call_id`).
    public var id: String?
    /// Tool name.
    public var name: String
    /// Arguments as structured JSON; a string when the stored arguments were not valid JSON.
    public var arguments: OrderedJSON
    /// The message holding this call's result, when it exists.
    public var resultMessageID: Int64?

    /// Parses a stored `tool_calls` column; `[]` for anything that is not a list of calls.
    static func parseList(_ text: String?) -> [ToolCall] {
        guard let text, let value = try? OrderedJSON(parsing: text), case .array(let items) = value else { return [] }
        return items.compactMap(ToolCall.init(item:))
    }

    private init?(item: OrderedJSON) {
        guard case .object(let members) = item else { return nil }
        let fields = Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let function: [String: OrderedJSON]
        if case .object(let inner)? = fields["function"] {
            function = Dictionary(inner.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        } else {
            function = fields
        }
        guard case .string(let name)? = function["name"] else { return nil }
        self.name = name
        switch fields["id"] ?? fields["call_id"] {
        case .string(let id)?: self.id = id
        default: self.id = nil
        }
        switch function["arguments"] {
        case .string(let raw)?: arguments = (try? OrderedJSON(parsing: raw)) ?? .string(raw)
        case let structured?: arguments = structured
        case nil: arguments = .object([])
        }
    }
}
