import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct CronScheduleTests {
    private let berlin = TimeZone(identifier: "Europe/Berlin")!
    private let now = ISO8601DateFormatter().date(from: "2026-11-25T09:00:00Z")!

    private func stored(_ input: String) throws -> String {
        try CronSchedule(parsing: input, now: now, zone: berlin).stored().rendered(.compact)
    }

    @Test func theAgentsGrammarInItsOrder() throws {
        #expect(try stored("every 30m") == #"{"kind":"interval","minutes":30,"display":"every 30m"}"#)
        #expect(try stored("Every 2 hours") == #"{"kind":"interval","minutes":120,"display":"every 120m"}"#, "the display is always in minutes")
        #expect(try stored("0 9 * * 1-5") == #"{"kind":"cron","expr":"0 9 * * 1-5","display":"0 9 * * 1-5"}"#)
        #expect(
            try stored("2026-12-01T08:30") == #"{"kind":"once","run_at":"2026-12-01T08:30:00+01:00","display":"once at 2026-12-01 08:30"}"#,
            "a naive time is in the agent's zone")
        #expect(
            try stored("2026-12-01T08:30:00Z") == #"{"kind":"once","run_at":"2026-12-01T08:30:00+00:00","display":"once at 2026-12-01 08:30"}"#,
            "an explicit offset is kept, as the agent keeps it")
        #expect(try stored("30m") == #"{"kind":"once","run_at":"2026-11-25T10:30:00+01:00","display":"once in 30m"}"#)
        for bad in ["every 0m", "every 5s", "0 9 * * MON", "0 9 * * * 30", "2025-01-01T00:00:00Z", "soon", "61 * * * *", ""] {
            #expect(throws: WorkspaceError.self, "\(bad)") { try CronSchedule(parsing: bad, now: now, zone: berlin) }
        }
    }

    @Test func nextRunsFollowTheKind() throws {
        let every = try CronSchedule(parsing: "every 30m", now: now, zone: berlin)
        #expect(every.nextRun(after: now, lastRun: nil, zone: berlin) == now.addingTimeInterval(1_800))
        #expect(every.nextRun(after: now, lastRun: now.addingTimeInterval(-600), zone: berlin) == now.addingTimeInterval(1_200))
        let weekdays = try CronSchedule(parsing: "0 9 * * 1-5", now: now, zone: berlin)
        #expect(weekdays.nextRun(after: now, lastRun: nil, zone: berlin) == ISO8601DateFormatter().date(from: "2026-11-26T08:00:00Z"))
        let once = try CronSchedule(parsing: "2h", now: now, zone: berlin)
        #expect(once.nextRun(after: now, lastRun: nil, zone: berlin) == now.addingTimeInterval(7_200))
        #expect(once.nextRun(after: now, lastRun: now, zone: berlin) == nil, "a one-shot that ran is done")
    }
}
