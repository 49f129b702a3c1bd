import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct CronExpressionTests {
    private let berlin = TimeZone(identifier: "Europe/Berlin")!
    private let utc = TimeZone(identifier: "UTC")!

    private func at(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    private func next(_ expression: String, after iso: String, zone: TimeZone? = nil, count: Int = 3) throws -> [String] {
        let formatter = ISO8601DateFormatter()
        return try CronExpression(expression).upcoming(count, after: at(iso), in: zone ?? berlin).map { formatter.string(from: $0) }
    }

    @Test func aDailyTimeInTheSpringForwardGapFiresOnceAtTheEndOfTheGap() throws {
        #expect(try next("30 2 * * *", after: "2026-03-28T11:00:00Z") == ["2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z"])
        #expect(
            try next("*/30 2 * * *", after: "2026-03-28T23:00:00Z") == ["2026-03-29T01:00:00Z", "2026-03-30T00:00:00Z", "2026-03-30T00:30:00Z"],
            "02:00 and 02:30 both fall in the gap: one run at 03:00, not two")
    }

    @Test func theFallBackHourNeverFiresAFixedTimeTwice() throws {
        #expect(try next("30 2 * * *", after: "2026-10-24T10:00:00Z") == ["2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z", "2026-10-27T01:30:00Z"])
        #expect(
            try next("*/30 2 * * *", after: "2026-10-24T23:50:00Z", count: 3) == [
                "2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:00:00Z",
            ],
            "a fixed hour runs in the first 02:xx only")
        #expect(
            try next("*/30 * * * *", after: "2026-10-24T23:50:00Z", count: 6)
                == [
                    "2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z", "2026-10-25T02:00:00Z",
                    "2026-10-25T02:30:00Z",
                ],
            "a wildcard hour follows real time through the repeated hour (Vixie cron)")
    }

    @Test func calendarEdgesAndVixieDaySemantics() throws {
        #expect(try next("0 0 29 2 *", after: "2026-03-01T00:00:00Z", zone: utc, count: 2) == ["2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"])
        #expect(try next("0 0 31 * *", after: "2026-04-01T00:00:00Z", zone: utc, count: 2) == ["2026-05-31T00:00:00Z", "2026-07-31T00:00:00Z"])
        #expect(
            try next("0 9 * * 1-5", after: "2026-11-27T09:00:00Z", zone: utc, count: 2) == ["2026-11-30T09:00:00Z", "2026-12-01T09:00:00Z"],
            "Friday → Monday")
        #expect(
            try next("0 0 13 * 5", after: "2026-11-01T00:00:00Z", zone: utc, count: 3) == [
                "2026-11-06T00:00:00Z", "2026-11-13T00:00:00Z", "2026-11-20T00:00:00Z",
            ],
            "day 13 OR Friday when both are given")
        #expect(
            try next("15,45 */6 * * 7", after: "2026-11-28T23:00:00Z", zone: utc, count: 3) == [
                "2026-11-29T00:15:00Z", "2026-11-29T00:45:00Z", "2026-11-29T06:15:00Z",
            ],
            "7 is Sunday too")
        #expect(
            try next("5/20 * * * *", after: "2026-11-28T10:00:00Z", zone: utc, count: 3) == [
                "2026-11-28T10:05:00Z", "2026-11-28T10:25:00Z", "2026-11-28T10:45:00Z",
            ])
        #expect(try CronExpression("0 0 30 2 *").next(after: at("2026-01-01T00:00:00Z"), in: utc) == nil)
    }

    @Test func malformedExpressionsNameTheField() {
        for text in [
            "61 * * * *", "* * * *", "a b c d e", "5-1 * * * *", "*/0 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8", "1,,2 * * * *",
        ] {
            #expect(throws: WorkspaceError.self, "\(text)") { try CronExpression(text) }
        }
    }
}
