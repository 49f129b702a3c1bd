import Foundation
import GRDB
import Testing

@testable import WorkspaceCore

@Suite struct AnalyticsServiceTests {
    private let utc = TimeZone(identifier: "UTC")!

    private func service(_ state: StateHome) -> AnalyticsService {
        AnalyticsService(database: state.database, timeZone: AgentTimeZone(home: state.home, environment: [:]), now: { StateHome.demoNow })
    }

    private func everything(_ state: StateHome, bucket: AnalyticsRange.Bucket = .day) throws -> AnalyticsRange {
        let first = try #require(try state.scalar("SELECT MIN(started_at) FROM sessions") as Double?)
        let last = try #require(try state.scalar("SELECT MAX(started_at) FROM sessions") as Double?)
        return try AnalyticsRange(from: Date(timeIntervalSince1970: first), to: Date(timeIntervalSince1970: last + 1), timeZone: utc, bucket: bucket)
    }

    @Test func usageTotalsEqualADirectSQLSumOverTheSameRows() async throws {
        let state = try StateHome.agentFixture()
        defer { state.remove() }
        let range = try everything(state)
        let report = try await service(state).usage(range)
        let sums = try state.connection().read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) AS n, SUM(input_tokens) AS input, SUM(output_tokens) AS output, SUM(cache_read_tokens) AS cache_read,
                           SUM(message_count) AS messages, SUM(api_call_count) AS calls, SUM(tool_call_count) AS tools,
                           SUM(estimated_cost_usd) AS estimated FROM sessions
                    """)!
        }
        #expect(report.totals.sessions == sums["n"])
        #expect(report.totals.tokens.input == sums["input"])
        #expect(report.totals.tokens.output == sums["output"])
        #expect(report.totals.tokens.cacheRead == sums["cache_read"])
        #expect(report.totals.messages == sums["messages"])
        #expect(report.totals.apiCalls == sums["calls"])
        #expect(report.totals.toolCalls == sums["tools"])
        #expect(abs(report.totals.cost.estimatedUSD - (sums["estimated"] as Double)) < 1e-9)
        #expect(report.totals.cost.actualUSD == nil)
        #expect(report.buckets.count == range.edges.count - 1)
        #expect(report.buckets.contains { $0.usage.sessions == 0 }, "empty days are listed too")
        for (bucket, next) in zip(report.buckets, report.buckets.dropFirst()) { #expect(bucket.end == next.start) }
        #expect(report.buckets.reduce(0) { $0 + $1.usage.sessions } == 40)
    }

    @Test func auxiliaryTasksAreCountedApartFromTheMainLoop() async throws {
        let state = try StateHome.demo()
        defer { state.remove() }
        let range = try everything(state)
        let report = try await service(state).usage(range)
        let auxiliaryInput: Int? = try state.scalar("SELECT SUM(input_tokens) FROM session_model_usage WHERE task != ''")
        #expect(report.totals.auxiliary.tokens.input == auxiliaryInput)
        let mainInput: Int? = try state.scalar("SELECT SUM(input_tokens) FROM sessions")
        #expect(report.totals.tokens.input == mainInput)
        let actual: Double? = try state.scalar("SELECT SUM(actual_cost_usd) FROM sessions")
        #expect(abs((report.totals.cost.actualUSD ?? 0) - (actual ?? 0)) < 1e-9)
        #expect(report.totals.sessionsWithActualCost == (try state.scalar("SELECT COUNT(actual_cost_usd) FROM sessions") as Int?))

        let models = try await service(state).models(range)
        #expect(models.source == "model_usage")
        let main = models.models.filter { !$0.isAuxiliary }
        #expect(main.reduce(0) { $0 + $1.tokens.input } == mainInput)
        let auxiliary = models.models.filter(\.isAuxiliary)
        #expect(auxiliary.reduce(0) { $0 + $1.tokens.input } == auxiliaryInput)
        #expect(auxiliary.contains { $0.task == "title_generation" })

        let platforms = try await service(state).platforms(range)
        #expect(platforms.platforms.reduce(0) { $0 + $1.usage.sessions } == report.totals.sessions)
        #expect(platforms.platforms.reduce(0) { $0 + $1.usage.auxiliary.tokens.input } == auxiliaryInput)
    }

    @Test func bucketsFollowTheTimeZoneIncludingDaylightSavingChanges() throws {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        let from = ISO8601DateFormatter().date(from: "2026-10-24T00:00:00+02:00")!
        let to = ISO8601DateFormatter().date(from: "2026-10-27T00:00:00+01:00")!
        let days = try AnalyticsRange(from: from, to: to, timeZone: berlin, bucket: .day)
        #expect(days.edges.count == 4)
        #expect(days.edges[2].timeIntervalSince(days.edges[1]) == 25 * 3600)
        #expect(days.label(for: days.edges[1]) == "2026-10-25")
        let weeks = try AnalyticsRange(from: from, to: to, timeZone: berlin, bucket: .week)
        #expect(weeks.label(for: weeks.edges[0]) == "2026-W43")
        #expect(Calendar(identifier: .iso8601).dateComponents(in: berlin, from: weeks.edges[0]).weekday == 2)
        let months = try AnalyticsRange(from: from, to: to, timeZone: berlin, bucket: .month)
        #expect(months.edges.count == 2)
        #expect(months.label(for: months.edges[0]) == "2026-10")
        #expect(throws: WorkspaceError.self) { try AnalyticsRange(from: to, to: from, timeZone: berlin, bucket: .day) }
        #expect(throws: WorkspaceError.self) {
            try AnalyticsRange(from: Date(timeIntervalSince1970: 0), to: to, timeZone: berlin, bucket: .day)
        }
    }

    @Test func topSessionsFollowTheSQLOrder() async throws {
        let state = try StateHome.demo()
        defer { state.remove() }
        let range = try everything(state)
        let top = try await service(state).topSessions(range, by: .cost, limit: 5)
        let expected = try state.strings("SELECT id FROM sessions ORDER BY COALESCE(actual_cost_usd, estimated_cost_usd, 0) DESC, id LIMIT 5")
        #expect(top.sessions.map(\.id) == expected)
        #expect(top.sessions.allSatisfy { $0.segmentIDs.count == 1 })
    }

    @Test func answersFollowTheDatabaseAsItChanges() async throws {
        let state = try StateHome.agentFixture()
        defer { state.remove() }
        let service = service(state)
        let range = try everything(state)
        let before = try await service.usage(range)
        #expect(try await service.usage(range) == before)
        try state.write { db in
            try db.execute(
                sql: "INSERT INTO sessions (id, source, started_at, input_tokens) VALUES ('late', 'cli', ?, 1000)",
                arguments: [range.from.timeIntervalSince1970 + 10])
        }
        #expect(try await service.usage(range).totals.tokens.input == before.totals.tokens.input + 1000)
    }

    @Test func aMissingDatabaseGivesEmptyBucketsAndANotice() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let service = AnalyticsService(
            database: StateDatabase(url: fixture.home.stateDatabase), timeZone: AgentTimeZone(home: fixture.home, environment: [:]))
        let report = try await service.usage(try .lastDays(7, now: Date(), timeZone: utc))
        #expect(report.buckets.count == 7)
        #expect(report.notice != nil)
        #expect(report.totals == .zero)
    }

    @Test func theAgentsConfiguredZoneIsTheDefault() throws {
        let state = try StateHome.agentFixture()
        defer { state.remove() }
        #expect(AgentTimeZone(home: state.home, environment: [:]).current.identifier == "Europe/Berlin")
        #expect(AgentTimeZone(home: state.home, environment: ["HERMES_TIMEZONE": "Asia/Tokyo"]).current.identifier == "Asia/Tokyo")
        #expect(AgentTimeZone(home: state.home, environment: ["HERMES_TIMEZONE": "Not/AZone"]).current.identifier == "Europe/Berlin")
    }
}
