/// Decoding of `messages.content`: plain text, or the agent's structured-content sentinel (NUL + `json:` + a JSON
/// list of content parts).
enum MessageContent {
    static let sentinel = "\u{0}json:"

    /// Text or parts.
    enum Decoded {
        case text(String)
        case parts(OrderedJSON)
    }

    static func decode(_ content: String) -> Decoded {
        guard content.hasPrefix(sentinel), let parts = try? OrderedJSON(parsing: String(content.dropFirst(sentinel.count))) else {
            return .text(content)
        }
        return .parts(parts)
    }

    /// The readable text of `content`: itself, or the `text` fields of its parts joined by newlines.
    static func plainText(_ content: String) -> String? {
        switch decode(content) {
        case .text(let text):
            return text.isEmpty ? nil : text
        case .parts(let parts):
            guard case .array(let items) = parts else { return nil }
            let texts = items.compactMap { item -> String? in
                guard case .object(let members) = item else { return nil }
                for member in members where member.key == "text" {
                    if case .string(let text) = member.value { return text }
                }
                return nil
            }
            return texts.isEmpty ? nil : texts.joined(separator: "\n")
        }
    }
}
