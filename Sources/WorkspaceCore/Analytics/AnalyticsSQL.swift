/// Aggregate select lists shared by the analytics queries, built against the schema the database has.
enum AnalyticsSQL {
    /// Sums over `sessions` aliased `s`, named as ``UsageFigures/init(mainRow:)`` reads them.
    static func mainAggregates(_ schema: StateSchema) -> String {
        func sum(_ column: String) -> String { "COALESCE(SUM(\(schema.column(column, in: "sessions", alias: "s", fallback: "0"))), 0)" }
        let actual = schema.column("actual_cost_usd", in: "sessions", alias: "s")
        return """
            COUNT(s.id) AS sessions, COALESCE(SUM(s.parent_session_id IS NULL), 0) AS conversations, \(sum("message_count")) AS messages,
            \(sum("api_call_count")) AS api_calls, \(sum("tool_call_count")) AS tool_calls, \(sum("input_tokens")) AS input_tokens,
            \(sum("output_tokens")) AS output_tokens, \(sum("cache_read_tokens")) AS cache_read_tokens,
            \(sum("cache_write_tokens")) AS cache_write_tokens, \(sum("reasoning_tokens")) AS reasoning_tokens,
            \(sum("estimated_cost_usd")) AS estimated_cost, COALESCE(SUM(\(actual)), 0) AS actual_cost, COUNT(\(actual)) AS with_actual
            """
    }

    /// Sums over `session_model_usage` aliased `u`, named as ``AuxiliaryFigures/init(row:)`` reads them.
    static func usageAggregates(_ schema: StateSchema) -> String {
        func column(_ name: String) -> String { schema.column(name, in: "session_model_usage", alias: "u", fallback: "0") }
        let reported = "(\(schema.column("cost_status", in: "session_model_usage", alias: "u")) = 'actual' OR \(column("actual_cost_usd")) != 0)"
        return """
            COALESCE(SUM(\(column("api_call_count"))), 0) AS api_calls, COALESCE(SUM(\(column("input_tokens"))), 0) AS input_tokens,
            COALESCE(SUM(\(column("output_tokens"))), 0) AS output_tokens, COALESCE(SUM(\(column("cache_read_tokens"))), 0) AS cache_read_tokens,
            COALESCE(SUM(\(column("cache_write_tokens"))), 0) AS cache_write_tokens, COALESCE(SUM(\(column("reasoning_tokens"))), 0) AS reasoning_tokens,
            COALESCE(SUM(\(column("estimated_cost_usd"))), 0) AS estimated_cost,
            COALESCE(SUM(CASE WHEN \(reported) THEN \(column("actual_cost_usd")) END), 0) AS actual_cost,
            COALESCE(SUM(\(reported)), 0) AS with_actual, COUNT(DISTINCT u.session_id) AS sessions
            """
    }

    /// `task != ''` (auxiliary rows), or false when the column is missing (all rows are main-loop rows then).
    static func auxiliaryCondition(_ schema: StateSchema) -> String {
        schema.has("task", in: "session_model_usage") ? "u.task != ''" : "0"
    }

    /// `task = ''`.
    static func mainCondition(_ schema: StateSchema) -> String {
        schema.has("task", in: "session_model_usage") ? "u.task = ''" : "1"
    }
}
