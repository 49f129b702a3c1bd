import GRDB

/// Per-model usage: `session_model_usage` rows, plus any main-loop usage the session counters hold beyond their
/// `task = ''` rows (older agent writers kept only the counters), attributed to the session's recorded model.
enum ModelBreakdown {
    struct Key: Hashable, Sendable, Codable {
        let model: String
        let provider: String
        let task: String
    }

    /// Sessions and figures of one group.
    struct Group: Sendable, Codable {
        var sessions: Int
        var figures: AuxiliaryFigures

        static func + (lhs: Group, rhs: Group) -> Group {
            Group(sessions: lhs.sessions + rhs.sessions, figures: lhs.figures + rhs.figures)
        }
    }

    /// The sums over some sessions: their usage rows per model, route and task, and what their counters hold
    /// beyond those rows per model and route. Sums over disjoint sessions add up to the sums over all of them.
    struct Part: Sendable, Codable {
        var usage: [Key: Group] = [:]
        var counters: [Key: Group] = [:]
        /// Whether the sums come from `session_model_usage` (else from the session counters alone).
        var fromUsageTable = false

        static func + (lhs: Part, rhs: Part) -> Part {
            Part(
                usage: lhs.usage.merging(rhs.usage, uniquingKeysWith: +), counters: lhs.counters.merging(rhs.counters, uniquingKeysWith: +),
                fromUsageTable: lhs.fromUsageTable || rhs.fromUsageTable)
        }
    }

    /// The report of `part`: usage rows first, then counter-only usage, whose sessions count only for models no
    /// usage row names.
    static func report(_ part: Part, range: AnalyticsRange) -> ModelReport {
        var entries: [Key: ModelReport.Entry] = [:]
        func add(_ key: Key, sessions: Int, figures: AuxiliaryFigures, fromCounters: Bool) {
            var entry =
                entries[key]
                ?? ModelReport.Entry(
                    model: key.model, provider: key.provider, task: key.task.isEmpty ? nil : key.task,
                    isAuxiliary: !key.task.isEmpty, sessions: 0, apiCalls: 0, tokens: .zero, cost: .zero,
                    includesSessionCounters: false)
            entry.sessions += sessions
            entry.apiCalls += figures.apiCalls
            entry.tokens = entry.tokens + figures.tokens
            entry.cost = entry.cost + figures.cost
            entry.includesSessionCounters = entry.includesSessionCounters || fromCounters
            entries[key] = entry
        }
        for (key, group) in part.usage { add(key, sessions: group.sessions, figures: group.figures, fromCounters: false) }
        for (key, group) in part.counters {
            // Sessions with rows for this model were counted already; only counter-only sessions add to the count.
            add(key, sessions: part.usage[key] == nil ? group.sessions : 0, figures: group.figures, fromCounters: true)
        }
        let models = entries.values.sorted {
            ($0.tokens.total, $1.model, $1.task ?? "", $1.provider) > ($1.tokens.total, $0.model, $0.task ?? "", $0.provider)
        }
        return ModelReport(
            window: AnalyticsWindow(range), models: models, source: part.fromUsageTable ? "model_usage" : "sessions", notice: nil)
    }

    /// The sums over the sessions of `range` that `scope` (an SQL condition on `s`) selects.
    static func part(_ db: Database, _ schema: StateSchema, range: AnalyticsRange, scope: String) throws -> Part {
        let bounds: StatementArguments = [range.from.timeIntervalSince1970, range.to.timeIntervalSince1970]
        var part = Part()
        part.fromUsageTable = schema.hasModelUsage
        func column(_ name: String, _ fallback: String = "0") -> String { schema.column(name, in: "sessions", alias: "s", fallback: fallback) }

        if schema.hasModelUsage {
            let provider = schema.column("billing_provider", in: "session_model_usage", alias: "u", fallback: "''")
            let task = schema.column("task", in: "session_model_usage", alias: "u", fallback: "''")
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT u.model AS model, \(provider) AS provider, \(task) AS task, \(AnalyticsSQL.usageAggregates(schema))
                    FROM sessions s JOIN session_model_usage u ON u.session_id = s.id
                    WHERE s.started_at >= ? AND s.started_at < ? AND \(scope) GROUP BY u.model, \(provider), \(task)
                    """, arguments: bounds)
            {
                part.usage[Key(model: row["model"] ?? "unknown", provider: row["provider"] ?? "", task: row["task"] ?? "")] = Group(
                    sessions: row["sessions"] ?? 0, figures: AuxiliaryFigures(row: row))
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT model, provider, COUNT(*) AS sessions, SUM(api_calls) AS api_calls, SUM(input_tokens) AS input_tokens,
                           SUM(output_tokens) AS output_tokens, SUM(cache_read_tokens) AS cache_read_tokens,
                           SUM(cache_write_tokens) AS cache_write_tokens, SUM(reasoning_tokens) AS reasoning_tokens,
                           SUM(estimated_cost) AS estimated_cost, 0 AS actual_cost, 0 AS with_actual
                    FROM (
                        SELECT COALESCE(\(column("model", "NULL")), 'unknown') AS model, COALESCE(\(column("billing_provider", "NULL")), '') AS provider,
                               MAX(0, \(column("api_call_count")) - COALESCE(SUM(u.api_call_count), 0)) AS api_calls,
                               MAX(0, \(column("input_tokens")) - COALESCE(SUM(u.input_tokens), 0)) AS input_tokens,
                               MAX(0, \(column("output_tokens")) - COALESCE(SUM(u.output_tokens), 0)) AS output_tokens,
                               MAX(0, \(column("cache_read_tokens")) - COALESCE(SUM(u.cache_read_tokens), 0)) AS cache_read_tokens,
                               MAX(0, \(column("cache_write_tokens")) - COALESCE(SUM(u.cache_write_tokens), 0)) AS cache_write_tokens,
                               MAX(0, \(column("reasoning_tokens")) - COALESCE(SUM(u.reasoning_tokens), 0)) AS reasoning_tokens,
                               MAX(0, COALESCE(\(column("estimated_cost_usd")), 0) - COALESCE(SUM(u.estimated_cost_usd), 0)) AS estimated_cost
                        FROM sessions s LEFT JOIN session_model_usage u ON u.session_id = s.id AND \(AnalyticsSQL.mainCondition(schema))
                        WHERE s.started_at >= ? AND s.started_at < ? AND \(scope) GROUP BY s.id
                    ) WHERE api_calls > 0 OR input_tokens + output_tokens + cache_read_tokens + cache_write_tokens > 0 OR estimated_cost > 1e-12
                    GROUP BY model, provider
                    """, arguments: bounds)
            {
                part.counters[Key(model: row["model"], provider: row["provider"], task: "")] = Group(
                    sessions: row["sessions"] ?? 0, figures: AuxiliaryFigures(row: row))
            }
        } else {
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT COALESCE(\(column("model", "NULL")), 'unknown') AS model, COALESCE(\(column("billing_provider", "NULL")), '') AS provider,
                           \(AnalyticsSQL.mainAggregates(schema))
                    FROM sessions s WHERE s.started_at >= ? AND s.started_at < ? AND \(scope) GROUP BY 1, 2
                    """, arguments: bounds)
            {
                let main = UsageFigures(mainRow: row)
                part.counters[Key(model: row["model"], provider: row["provider"], task: "")] = Group(
                    sessions: main.sessions, figures: AuxiliaryFigures(apiCalls: main.apiCalls, tokens: main.tokens, cost: main.cost))
            }
        }
        return part
    }
}
