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

    /// Reads a row selected with ``SessionColumns/select(_:alias:)`` whose columns start at `offset`.
    init(row: Row, at offset: Int = 0) {
        id = row[offset]
        platform = row[offset + 1] ?? "unknown"
        title = row[offset + 2]
        model = row[offset + 3]
        startedAt = Date(timeIntervalSince1970: row[offset + 4] ?? 0)
        endedAt = (row[offset + 5] as Double?).map(Date.init(timeIntervalSince1970:))
        endReason = row[offset + 6]
        messageCount = .counter(row[offset + 7])
        toolCallCount = .counter(row[offset + 8])
        apiCallCount = .counter(row[offset + 9])
        tokens = TokenCounts(
            input: .counter(row[offset + 10]), output: .counter(row[offset + 11]), cacheRead: .counter(row[offset + 12]),
            cacheWrite: .counter(row[offset + 13]), reasoning: .counter(row[offset + 14]))
        cost = CostFigures(estimatedUSD: row[offset + 15] ?? 0, actualUSD: row[offset + 16], status: row[offset + 17])
        provider = row[offset + 18]
        parentID = row[offset + 19]
        profile = row[offset + 20]
        archived = (row[offset + 21] as Int?) ?? 0 != 0
        cwd = row[offset + 22]
        userID = row[offset + 23]
        chatType = row[offset + 24]
        displayName = row[offset + 25]
    }
}
