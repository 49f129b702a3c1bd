import GRDB

/// Activity and spend over a set of sessions: the main agent loop from the session counters, auxiliary tasks from
/// `session_model_usage`, kept apart so neither is hidden.
public struct UsageFigures: Sendable, Codable, Equatable {
    /// `sessions` rows (segments, branches and delegated runs each count).
    public var sessions: Int
    /// Top-level conversations started.
    public var conversations: Int
    /// Live messages (sum of `message_count`).
    public var messages: Int
    /// Main-loop API calls.
    public var apiCalls: Int
    /// Tool calls.
    public var toolCalls: Int
    /// Main-loop tokens.
    public var tokens: TokenCounts
    /// Main-loop cost.
    public var cost: CostFigures
    /// Sessions whose cost the provider reported (the rest are the agent's estimates).
    public var sessionsWithActualCost: Int
    /// Auxiliary tasks (compression, titles, vision, …).
    public var auxiliary: AuxiliaryFigures

    /// Nothing.
    public static let zero = UsageFigures(
        sessions: 0, conversations: 0, messages: 0, apiCalls: 0, toolCalls: 0, tokens: .zero, cost: .zero,
        sessionsWithActualCost: 0, auxiliary: .zero)

    public static func + (lhs: UsageFigures, rhs: UsageFigures) -> UsageFigures {
        UsageFigures(
            sessions: lhs.sessions + rhs.sessions, conversations: lhs.conversations + rhs.conversations,
            messages: lhs.messages + rhs.messages, apiCalls: lhs.apiCalls + rhs.apiCalls, toolCalls: lhs.toolCalls + rhs.toolCalls,
            tokens: lhs.tokens + rhs.tokens, cost: lhs.cost + rhs.cost,
            sessionsWithActualCost: lhs.sessionsWithActualCost + rhs.sessionsWithActualCost, auxiliary: lhs.auxiliary + rhs.auxiliary)
    }

    /// Reads the main-loop columns of an aggregate row (see ``AnalyticsSQL/mainAggregates(_:)``).
    init(mainRow row: Row) {
        sessions = row["sessions"] ?? 0
        conversations = row["conversations"] ?? 0
        messages = row["messages"] ?? 0
        apiCalls = row["api_calls"] ?? 0
        toolCalls = row["tool_calls"] ?? 0
        tokens = TokenCounts(
            input: row["input_tokens"] ?? 0, output: row["output_tokens"] ?? 0, cacheRead: row["cache_read_tokens"] ?? 0,
            cacheWrite: row["cache_write_tokens"] ?? 0, reasoning: row["reasoning_tokens"] ?? 0)
        let withActual: Int = row["with_actual"] ?? 0
        cost = CostFigures(estimatedUSD: row["estimated_cost"] ?? 0, actualUSD: withActual > 0 ? row["actual_cost"] ?? 0 : nil, status: nil)
        sessionsWithActualCost = withActual
        auxiliary = .zero
    }

    init(
        sessions: Int, conversations: Int, messages: Int, apiCalls: Int, toolCalls: Int, tokens: TokenCounts, cost: CostFigures,
        sessionsWithActualCost: Int, auxiliary: AuxiliaryFigures
    ) {
        self.sessions = sessions
        self.conversations = conversations
        self.messages = messages
        self.apiCalls = apiCalls
        self.toolCalls = toolCalls
        self.tokens = tokens
        self.cost = cost
        self.sessionsWithActualCost = sessionsWithActualCost
        self.auxiliary = auxiliary
    }
}

/// Auxiliary LLM calls (`session_model_usage.task != ''`).
public struct AuxiliaryFigures: Sendable, Codable, Equatable {
    /// API calls.
    public var apiCalls: Int
    /// Tokens.
    public var tokens: TokenCounts
    /// Cost.
    public var cost: CostFigures

    /// Nothing.
    public static let zero = AuxiliaryFigures(apiCalls: 0, tokens: .zero, cost: .zero)

    static func + (lhs: AuxiliaryFigures, rhs: AuxiliaryFigures) -> AuxiliaryFigures {
        AuxiliaryFigures(apiCalls: lhs.apiCalls + rhs.apiCalls, tokens: lhs.tokens + rhs.tokens, cost: lhs.cost + rhs.cost)
    }

    /// Reads an aggregate row (see ``AnalyticsSQL/usageAggregates(_:)``).
    init(row: Row) {
        apiCalls = row["api_calls"] ?? 0
        tokens = TokenCounts(
            input: row["input_tokens"] ?? 0, output: row["output_tokens"] ?? 0, cacheRead: row["cache_read_tokens"] ?? 0,
            cacheWrite: row["cache_write_tokens"] ?? 0, reasoning: row["reasoning_tokens"] ?? 0)
        let withActual: Int = row["with_actual"] ?? 0
        cost = CostFigures(estimatedUSD: row["estimated_cost"] ?? 0, actualUSD: withActual > 0 ? row["actual_cost"] ?? 0 : nil, status: nil)
    }

    init(apiCalls: Int, tokens: TokenCounts, cost: CostFigures) {
        self.apiCalls = apiCalls
        self.tokens = tokens
        self.cost = cost
    }
}
