import Foundation
import GRDB

/// One `sessions` row: a whole conversation, or one segment of a compressed one.
public struct SessionRecord: Sendable, Codable, Equatable {
    /// The agent's session id (opaque text).
    public var id: String
    /// Where it came from (`cli`, `telegram`, `cron`, …).
    public var platform: String
    /// Title, when the agent generated or the user set one.
    public var title: String?
    /// Model id as configured when the session last ran.
    public var model: String?
    /// Start time.
    public var startedAt: Date
    /// End time; `nil` while open.
    public var endedAt: Date?
    /// Why it ended (`compression`, `cli_close`, `idle`, …).
    public var endReason: String?
    /// Live messages in the transcript.
    public var messageCount: Int
    /// Tool calls made.
    public var toolCallCount: Int
    /// LLM API calls of the main loop.
    public var apiCallCount: Int
    /// Main-loop tokens.
    public var tokens: TokenCounts
    /// Main-loop cost.
    public var cost: CostFigures
    /// Billing provider of the main loop.
    public var provider: String?
    /// Parent row, when any.
    public var parentID: String?
    /// Named profile that created it (`nil` for the default profile).
    public var profile: String?
    /// Hidden from default lists by the user.
    public var archived: Bool
    /// Working directory (CLI/TUI).
    public var cwd: String?
    /// Messaging user id (gateway platforms).
    public var userID: String?
    /// Messaging chat type (`dm`, `group`, …).
    public var chatType: String?
    /// Human chat or peer name (gateway platforms).
    public var displayName: String?

    /// Reads a row selected with ``SessionColumns/select(_:alias:)``.
    init(row: Row) {
        id = row["id"]
        platform = row["source"] ?? "unknown"
        title = row["title"]
        model = row["model"]
        startedAt = Date(timeIntervalSince1970: row["started_at"] ?? 0)
        endedAt = (row["ended_at"] as Double?).map(Date.init(timeIntervalSince1970:))
        endReason = row["end_reason"]
        messageCount = row["message_count"] ?? 0
        toolCallCount = row["tool_call_count"] ?? 0
        apiCallCount = row["api_call_count"] ?? 0
        tokens = TokenCounts(input: row["input_tokens"] ?? 0, output: row["output_tokens"] ?? 0, cacheRead: row["cache_read_tokens"] ?? 0,
                             cacheWrite: row["cache_write_tokens"] ?? 0, reasoning: row["reasoning_tokens"] ?? 0)
        cost = CostFigures(estimatedUSD: row["estimated_cost_usd"] ?? 0, actualUSD: row["actual_cost_usd"], status: row["cost_status"])
        provider = row["billing_provider"]
        parentID = row["parent_session_id"]
        profile = row["profile_name"]
        archived = (row["archived"] as Int?) ?? 0 != 0
        cwd = row["cwd"]
        userID = row["user_id"]
        chatType = row["chat_type"]
        displayName = row["display_name"]
    }
}
