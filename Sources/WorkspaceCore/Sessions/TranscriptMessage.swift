import Foundation
import GRDB

/// One message of a transcript, with its tool calls parsed and linked to their results.
public struct TranscriptMessage: Sendable, Encodable, Equatable {
    /// Message id (insertion order across the whole database).
    public var id: Int64
    /// The segment (session row) it belongs to.
    public var sessionID: String
    /// `user`, `assistant`, `tool`, `system` or `unknown`.
    public var role: String
    /// Plain-text content (its first MiB: see ``contentBytes``).
    public var content: String?
    /// The stored content's full size in bytes, set only when ``content`` holds just its first MiB (the export
    /// has all of it).
    public var contentBytes: Int?
    /// Structured (multimodal) content parts, when the agent stored them instead of text.
    public var contentParts: OrderedJSON?
    /// Hidden reasoning, shown apart from the answer.
    public var reasoning: String?
    /// Tool calls an assistant message made.
    public var toolCalls: [ToolCall]
    /// On tool results: the call being answered.
    public var toolCallID: String?
    /// On tool results: the tool's name.
    public var toolName: String?
    /// On tool results: the assistant message that made the call.
    public var callMessageID: Int64?
    /// Why generation stopped (`stop`, `tool_calls`, `length`, …).
    public var finishReason: String?
    /// When it was written.
    public var timestamp: Date
    /// Part of the live transcript.
    public var active: Bool
    /// Summarized away by context compaction (still searchable).
    public var compacted: Bool
    /// Seen in a group chat but not addressed to the agent.
    public var observed: Bool

    /// Reads a row selected with ``select(_:)``, by position.
    init(row: Row) {
        id = row[0]
        sessionID = row[1]
        role = row[2] ?? "unknown"
        let total: Int = row[14] ?? 0
        var bytes = row[3] as Data?
        if let read = bytes, read.count < total {
            bytes = read.droppingPartialUTF8Tail()
            contentBytes = total
        }
        let stored = bytes.map { String(decoding: $0, as: UTF8.self) }
        switch stored.map(MessageContent.decode) {
        case .text(let text)?: content = text
        case .parts(let parts)?: contentParts = parts
        case nil: break
        }
        let reasoning: String? = row[4]
        let reasoningContent: String? = row[5]
        self.reasoning = [reasoning, reasoningContent].compactMap { $0 }.first { !$0.isEmpty }
        toolCalls = ToolCall.parseList(row[6])
        toolCallID = row[7]
        toolName = row[8]
        finishReason = row[9]
        timestamp = Date(timeIntervalSince1970: row[10] ?? 0)
        active = (row[11] as Int?) ?? 1 != 0
        compacted = (row[12] as Int?) ?? 0 != 0
        observed = (row[13] as Int?) ?? 0 != 0
    }

    /// The most content one message carries in an answer.
    static let contentLimit = 1 << 20

    /// The select list for ``init(row:)`` from the messages row aliased `m`.
    static func select(_ schema: StateSchema, contentLimit: Int? = TranscriptMessage.contentLimit) -> String {
        func column(_ name: String, _ fallback: String = "NULL") -> String {
            "\(schema.column(name, in: "messages", alias: "m", fallback: fallback)) AS \(name)"
        }
        // Read as bytes: the agent's structured-content sentinel starts with NUL, where C strings would stop.
        // The order is the one init(row:) reads by position.
        return [
            "m.id AS id", "m.session_id AS session_id", column("role", "'unknown'"),
            contentLimit.map { "substr(CAST(m.content AS BLOB), 1, \($0)) AS content" } ?? "CAST(m.content AS BLOB) AS content", column("reasoning"),
            column("reasoning_content"), column("tool_calls"), column("tool_call_id"), column("tool_name"),
            column("finish_reason"), column("timestamp", "0"), column("active", "1"), column("compacted", "0"),
            column("observed", "0"), "length(CAST(m.content AS BLOB)) AS content_bytes",
        ].joined(separator: ", ")
    }
}
