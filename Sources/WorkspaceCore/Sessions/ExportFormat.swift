/// The formats a conversation can be exported in.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// One JSON object: `{"conversation": …, "messages": […]}`.
    case json
    /// JSON Lines: the conversation detail on the first line, then one message per line.
    case jsonl
    /// A readable Markdown transcript.
    case markdown

    /// The file extension of a download.
    public var fileExtension: String {
        switch self {
        case .json: "json"
        case .jsonl: "jsonl"
        case .markdown: "md"
        }
    }
}
