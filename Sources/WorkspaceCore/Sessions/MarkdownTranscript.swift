import Foundation

/// Markdown rendering of a conversation for export.
enum MarkdownTranscript {
    static func header(_ detail: SessionDetail) -> String {
        let conversation = detail.conversation
        var lines = ["# \(conversation.title ?? conversation.preview ?? conversation.id)", ""]
        lines.append("- Session: `\(conversation.id)`")
        if conversation.segmentIDs.count > 1 {
            lines.append("- Segments (context compression): " + conversation.segmentIDs.map { "`\($0)`" }.joined(separator: " → "))
        }
        lines.append("- Platform: \(conversation.platform)")
        if let model = conversation.model { lines.append("- Model: \(model)") }
        lines.append("- Started: \(timestamp(conversation.startedAt))")
        if let ended = conversation.endedAt { lines.append("- Ended: \(timestamp(ended))" + (conversation.endReason.map { " (\($0))" } ?? "")) }
        lines.append("- Messages: \(conversation.messageCount), tool calls: \(conversation.toolCallCount)")
        lines.append(
            "- Tokens: \(conversation.tokens.total) (input \(conversation.tokens.input), output \(conversation.tokens.output), "
                + "cache read \(conversation.tokens.cacheRead), cache write \(conversation.tokens.cacheWrite))")
        let actual = conversation.cost.actualUSD.map { String(format: ", provider-reported $%.4f", $0) } ?? ""
        lines.append(String(format: "- Cost: estimated $%.4f", conversation.cost.estimatedUSD) + actual)
        if let parent = detail.parent { lines.append("- Parent: `\(parent.id)`") }
        lines.append("")
        return lines.joined(separator: "\n") + "\n"
    }

    static func message(_ message: TranscriptMessage) -> String {
        var text = "## \(message.role.capitalized)" + (message.toolName.map { " · \($0)" } ?? "") + " — \(timestamp(message.timestamp))\n\n"
        if let reasoning = message.reasoning {
            text += reasoning.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n") + "\n\n"
        }
        if message.role == "tool", let content = message.content {
            text += fenced(content, language: "")
        } else if let content = message.content, !content.isEmpty {
            text += content + "\n\n"
        } else if let parts = message.contentParts {
            text += fenced(parts.rendered(.indented), language: "json")
        }
        for call in message.toolCalls {
            text +=
                "Tool call `\(call.name)`" + (call.id.map { " (`\($0)`)" } ?? "") + ":\n\n"
                + fenced(call.arguments.rendered(.indented), language: "json")
        }
        return text
    }

    private static func fenced(_ body: String, language: String) -> String {
        var fence = "```"
        while body.contains(fence) { fence += "`" }
        return "\(fence)\(language)\n\(body)\n\(fence)\n\n"
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
