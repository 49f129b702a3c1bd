import Foundation
import GRDB

/// Usage of one model on one billing route for one task, as `session_model_usage` records it.
public struct ModelUsageRow: Sendable, Codable, Equatable {
    /// Model id.
    public var model: String
    /// Billing provider (empty when unknown).
    public var provider: String
    /// Auxiliary task (`compression`, `title_generation`, `vision`, …); `nil` for the main agent loop.
    public var task: String?
    /// Whether this is an auxiliary task rather than the main loop.
    public var isAuxiliary: Bool
    /// Where the figures come from: `model_usage` rows, or `session_counters` for usage the agent only recorded
    /// on the session (older writers).
    public var source: String
    /// API calls.
    public var apiCallCount: Int
    /// Tokens.
    public var tokens: TokenCounts
    /// Cost.
    public var cost: CostFigures
    /// First call.
    public var firstSeenAt: Date?
    /// Last call.
    public var lastSeenAt: Date?

    init(row: Row) {
        model = row["model"] ?? ""
        provider = row["billing_provider"] ?? ""
        let task: String = row["task"] ?? ""
        self.task = task.isEmpty ? nil : task
        isAuxiliary = !task.isEmpty
        source = "model_usage"
        apiCallCount = .counter(row["api_call_count"])
        tokens = TokenCounts(
            input: .counter(row["input_tokens"]), output: .counter(row["output_tokens"]), cacheRead: .counter(row["cache_read_tokens"]),
            cacheWrite: .counter(row["cache_write_tokens"]), reasoning: .counter(row["reasoning_tokens"]))
        let status: String? = row["cost_status"]
        let actual: Double = row["actual_cost_usd"] ?? 0
        cost = CostFigures(estimatedUSD: row["estimated_cost_usd"] ?? 0, actualUSD: status == "actual" || actual != 0 ? actual : nil, status: status)
        firstSeenAt = (row["first_seen"] as Double?).map(Date.init(timeIntervalSince1970:))
        lastSeenAt = (row["last_seen"] as Double?).map(Date.init(timeIntervalSince1970:))
    }

    /// Main-loop usage the session counters hold beyond its `task = ''` rows (the reference's residual rule).
    init?(residualOf session: SessionRecord, mainRows: [ModelUsageRow]) {
        let recorded = mainRows.reduce(TokenCounts.zero) { $0 + $1.tokens }
        let calls = session.apiCallCount - mainRows.reduce(0) { Swift.min($0 + $1.apiCallCount, .counterLimit) }
        let tokens = TokenCounts(
            input: max(0, session.tokens.input - recorded.input), output: max(0, session.tokens.output - recorded.output),
            cacheRead: max(0, session.tokens.cacheRead - recorded.cacheRead),
            cacheWrite: max(0, session.tokens.cacheWrite - recorded.cacheWrite),
            reasoning: max(0, session.tokens.reasoning - recorded.reasoning))
        let estimated = max(0, session.cost.estimatedUSD - mainRows.reduce(0) { $0 + $1.cost.estimatedUSD })
        guard tokens.total > 0 || calls > 0 || estimated > 1e-12 else { return nil }
        model = session.model ?? "unknown"
        provider = session.provider ?? ""
        task = nil
        isAuxiliary = false
        source = "session_counters"
        apiCallCount = max(0, calls)
        self.tokens = tokens
        let actual = session.cost.actualUSD.map { max(0, $0 - mainRows.reduce(0) { $0 + ($1.cost.actualUSD ?? 0) }) }
        cost = CostFigures(estimatedUSD: estimated, actualUSD: actual == 0 ? nil : actual, status: session.cost.status)
        firstSeenAt = session.startedAt
        lastSeenAt = session.endedAt
    }

    /// The rows of the segments `ids`, plus residuals, main loop first.
    static func rows(_ db: Database, _ schema: StateSchema, segments: [SessionRecord]) throws -> [ModelUsageRow] {
        var result: [ModelUsageRow] = []
        var bySession: [String: [ModelUsageRow]] = [:]
        if schema.hasModelUsage {
            func column(_ name: String, _ fallback: String) -> String {
                "\(schema.column(name, in: "session_model_usage", alias: "u", fallback: fallback)) AS \(name)"
            }
            let rows = try db.rows(
                """
                SELECT u.session_id AS session_id, u.model AS model, \(column("billing_provider", "''")), \(column("task", "''")),
                       \(column("api_call_count", "0")), \(column("input_tokens", "0")), \(column("output_tokens", "0")),
                       \(column("cache_read_tokens", "0")), \(column("cache_write_tokens", "0")), \(column("reasoning_tokens", "0")),
                       \(column("estimated_cost_usd", "0")), \(column("actual_cost_usd", "0")), \(column("cost_status", "NULL")),
                       \(column("first_seen", "NULL")), \(column("last_seen", "NULL"))
                FROM session_model_usage u WHERE u.session_id IN (SELECT value FROM json_each(?))
                ORDER BY u.session_id, \(schema.has("task", in: "session_model_usage") ? "u.task != '', u.task," : "") u.model
                """, arguments: [SessionListStatement.jsonArray(segments.map(\.id))])
            for row in rows { bySession[row["session_id"], default: []].append(ModelUsageRow(row: row)) }
        }
        for segment in segments {
            let rows = bySession[segment.id] ?? []
            let main = rows.filter { !$0.isAuxiliary }
            result += main
            if let residual = ModelUsageRow(residualOf: segment, mainRows: main) { result.append(residual) }
            result += rows.filter(\.isAuxiliary)
        }
        return result
    }
}
