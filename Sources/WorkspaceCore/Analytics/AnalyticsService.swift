import Foundation
import GRDB

/// Usage analytics straight from the stored counters: no network, no pricing lookups. The HTTP layer keeps the
/// encoded answers while `state.db` is unchanged.
public struct AnalyticsService: Sendable {
    /// The shared database.
    public let database: StateDatabase
    /// The agent's zone, the default for buckets.
    public let timeZone: AgentTimeZone
    /// The copy of its counters that usage, model and platform figures are summed from (`database` itself when nil).
    public let mirror: SessionMirror?
    private let now: @Sendable () -> Date

    /// Reads `database` (its counters through `mirror`); buckets default to `timeZone`.
    public init(database: StateDatabase, mirror: SessionMirror? = nil, timeZone: AgentTimeZone, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.mirror = mirror
        self.timeZone = timeZone
        self.now = now
    }

    /// What the mirror's settled rows sum to, per report and window, for the epoch they were summed in.
    private let settled = EpochCache()

    /// A report's figures: `part` sums the sessions an SQL condition on `s` selects, `add` joins two sums. On the
    /// mirror the settled rows' sum is kept for their epoch and only the few unsettled rows are summed per
    /// answer; on state.db itself every row is summed. `nil` when there is no state.db, `.some(nil)` when it
    /// has no sessions table.
    private func summed<Part: Codable & Sendable>(
        _ report: String, _ range: AnalyticsRange, _ part: @escaping @Sendable (Database, StateSchema, _ scope: String) throws -> Part,
        adding add: @escaping @Sendable (Part, Part) -> Part
    ) async throws -> Part?? {
        if let mirror {
            let settled = settled
            let key = report + "|" + range.key
            do {
                let answer = try await mirror.read { db, schema, epoch -> (total: Part, epoch: Int, toKeep: Data?)? in
                    guard schema.hasSessions, schema.has("settled", in: "sessions") else { return nil }
                    var toKeep: Data?
                    // Kept here per epoch; else kept in the mirror by an earlier answer or process; else summed now.
                    let kept = try settled.value(epoch: epoch, key: key) { () throws -> Part in
                        if let data = try SessionMirror.keptSum(db, key: key, epoch: epoch),
                            let kept = try? JSONDecoder().decode(Part.self, from: data)
                        {
                            return kept
                        }
                        let summed = try part(db, schema, "s.settled = 1")
                        toKeep = try? JSONEncoder().encode(summed)
                        return summed
                    }
                    return (add(kept, try part(db, schema, "s.settled = 0")), epoch, toKeep)
                }
                guard let answer else { return nil }
                if let answer, let toKeep = answer.toKeep { await mirror.keep(sum: toKeep, key: key, epoch: answer.epoch) }
                return answer.map(\.total)
            } catch is SessionMirror.NotReady {
                // The first copy is being made: state.db itself answers meanwhile.
            }
        }
        return try await database.read { db, schema in schema.hasSessions ? try part(db, schema, "1") : nil }
    }

    /// The window a request names: `from`…`to` (`to` defaults to now), else the last `days` days ending today; in
    /// `timeZone` (the agent's zone when `nil`), bucketed by `bucket`.
    public func window(
        from: Date?, to: Date?, days: Int, timeZone zone: TimeZone?, bucket: AnalyticsRange.Bucket
    ) throws -> AnalyticsRange {
        let zone = zone ?? timeZone.current
        if let from { return try AnalyticsRange(from: from, to: to ?? now(), timeZone: zone, bucket: bucket) }
        return try .lastDays(days, now: now(), timeZone: zone, bucket: bucket)
    }

    /// Usage per bucket of `range`.
    public func usage(_ range: AnalyticsRange) async throws -> UsageReport {
        let summed = try await summed(
            "usage", range, { db, schema, scope in try Self.usageFigures(db, schema, range, scope: scope) }, adding: { zip($0, $1).map(+) })
        guard let summed else { return Self.emptyUsage(range, notice: SessionStore.missingNotice) }
        guard let figures = summed else { return Self.emptyUsage(range, notice: SessionStore.noSessionsTableNotice) }
        let buckets = figures.indices.map { index in
            UsageReport.Bucket(
                start: range.edges[index], end: range.edges[index + 1], label: range.label(for: range.edges[index]), usage: figures[index])
        }
        return UsageReport(window: AnalyticsWindow(range), buckets: buckets, totals: figures.reduce(.zero, +), notice: nil)
    }

    /// The figures of each bucket of `range` over the sessions `scope` selects.
    private static func usageFigures(_ db: Database, _ schema: StateSchema, _ range: AnalyticsRange, scope: String) throws -> [UsageFigures] {
        var figures = Array(repeating: UsageFigures.zero, count: range.edges.count - 1)
        let bucketsCTE = "WITH b(i, lo, hi) AS (SELECT key, value ->> 0, value ->> 1 FROM json_each(?))"
        for row in try Row.fetchAll(
            db,
            sql: """
                \(bucketsCTE) SELECT b.i AS bucket, \(AnalyticsSQL.mainAggregates(schema))
                FROM b JOIN sessions s ON s.started_at >= b.lo AND s.started_at < b.hi AND \(scope) GROUP BY b.i
                """, arguments: [range.edgesJSON])
        {
            figures[row["bucket"]] = UsageFigures(mainRow: row)
        }
        if schema.hasModelUsage {
            for row in try Row.fetchAll(
                db,
                sql: """
                    \(bucketsCTE) SELECT b.i AS bucket, \(AnalyticsSQL.usageAggregates(schema))
                    FROM b JOIN sessions s ON s.started_at >= b.lo AND s.started_at < b.hi AND \(scope)
                    JOIN session_model_usage u ON u.session_id = s.id AND \(AnalyticsSQL.auxiliaryCondition(schema))
                    GROUP BY b.i
                    """, arguments: [range.edgesJSON])
            {
                figures[row["bucket"]].auxiliary = AuxiliaryFigures(row: row)
            }
        }
        return figures
    }

    /// Usage per model, route and task for sessions started in `range`.
    public func models(_ range: AnalyticsRange) async throws -> ModelReport {
        let summed = try await summed(
            "models", range, { db, schema, scope in try ModelBreakdown.part(db, schema, range: range, scope: scope) }, adding: { $0 + $1 })
        guard let summed else {
            return ModelReport(window: AnalyticsWindow(range), models: [], source: "sessions", notice: SessionStore.missingNotice)
        }
        guard let part = summed else {
            return ModelReport(window: AnalyticsWindow(range), models: [], source: "sessions", notice: SessionStore.noSessionsTableNotice)
        }
        return ModelBreakdown.report(part, range: range)
    }

    /// Usage per platform for sessions started in `range`.
    public func platforms(_ range: AnalyticsRange) async throws -> PlatformReport {
        let summed = try await summed(
            "platforms", range, { db, schema, scope in try Self.platformFigures(db, schema, range, scope: scope) },
            adding: { $0.merging($1, uniquingKeysWith: +) })
        guard let summed else { return PlatformReport(window: AnalyticsWindow(range), platforms: [], notice: SessionStore.missingNotice) }
        guard let entries = summed else {
            return PlatformReport(window: AnalyticsWindow(range), platforms: [], notice: SessionStore.noSessionsTableNotice)
        }
        let platforms = entries.map { PlatformReport.Entry(platform: $0.key, usage: $0.value) }
            .sorted { ($0.usage.sessions, $1.platform) > ($1.usage.sessions, $0.platform) }
        return PlatformReport(window: AnalyticsWindow(range), platforms: platforms, notice: nil)
    }

    /// The figures of each platform over the sessions of `range` that `scope` selects.
    private static func platformFigures(
        _ db: Database, _ schema: StateSchema, _ range: AnalyticsRange, scope: String
    ) throws -> [String: UsageFigures] {
        let bounds: StatementArguments = [range.from.timeIntervalSince1970, range.to.timeIntervalSince1970]
        var entries: [String: UsageFigures] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT s.source AS platform, \(AnalyticsSQL.mainAggregates(schema)) FROM sessions s
                WHERE s.started_at >= ? AND s.started_at < ? AND \(scope) GROUP BY s.source
                """, arguments: bounds)
        {
            entries[row["platform"] ?? "unknown"] = UsageFigures(mainRow: row)
        }
        if schema.hasModelUsage {
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT s.source AS platform, \(AnalyticsSQL.usageAggregates(schema)) FROM sessions s
                    JOIN session_model_usage u ON u.session_id = s.id AND \(AnalyticsSQL.auxiliaryCondition(schema))
                    WHERE s.started_at >= ? AND s.started_at < ? AND \(scope) GROUP BY s.source
                    """, arguments: bounds)
            {
                entries[row["platform"] ?? "unknown", default: .zero].auxiliary = AuxiliaryFigures(row: row)
            }
        }
        return entries
    }

    /// The `limit` largest sessions of `range` by `measure`.
    public func topSessions(_ range: AnalyticsRange, by measure: TopSessionsReport.Measure, limit: Int = 10) async throws -> TopSessionsReport {
        let now = now()
        let report = try await database.read { db, schema -> TopSessionsReport in
            guard schema.hasSessions else {
                return TopSessionsReport(window: AnalyticsWindow(range), by: measure, sessions: [], notice: SessionStore.noSessionsTableNotice)
            }
            func column(_ name: String, _ fallback: String = "0") -> String { schema.column(name, in: "sessions", alias: "s", fallback: fallback) }
            let key =
                switch measure {
                case .cost: "COALESCE(\(column("actual_cost_usd", "NULL")), \(column("estimated_cost_usd")), 0)"
                case .tokens:
                    ["input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens"].map { column($0) }.joined(separator: " + ")
                }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(SessionColumns.select(schema)), \(SessionKind.classification(schema)) AS kind
                    FROM sessions s LEFT JOIN sessions p ON p.id = s.parent_session_id
                    WHERE s.started_at >= ? AND s.started_at < ? ORDER BY \(key) DESC, s.id LIMIT ?
                    """, arguments: [range.from.timeIntervalSince1970, range.to.timeIntervalSince1970, limit])
            let heads = rows.map { (record: SessionRecord(row: $0), kind: SessionKind(rawValue: $0["kind"]) ?? .child) }
            // Each row stands for itself here: a segment's own spend, not its whole conversation's.
            let summaries = try ConversationLookup.summaries(db, schema, heads: heads, now: now, followChains: false)
            return TopSessionsReport(window: AnalyticsWindow(range), by: measure, sessions: summaries, notice: nil)
        }
        return report ?? TopSessionsReport(window: AnalyticsWindow(range), by: measure, sessions: [], notice: SessionStore.missingNotice)
    }

    private static func emptyUsage(_ range: AnalyticsRange, notice: String) -> UsageReport {
        let buckets = range.edges.indices.dropLast().map {
            UsageReport.Bucket(start: range.edges[$0], end: range.edges[$0 + 1], label: range.label(for: range.edges[$0]), usage: .zero)
        }
        return UsageReport(window: AnalyticsWindow(range), buckets: buckets, totals: .zero, notice: notice)
    }
}
