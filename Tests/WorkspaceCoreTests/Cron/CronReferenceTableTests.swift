import Foundation
import TestSupport
import Testing

@testable import WorkspaceCore

/// The schedule maths against the reference agent: `Tests/Fixtures/cron-reference.json` holds what hermes-agent
/// 0.19.0 (croniter) computed for fixed inputs, written by `scripts/cron-reference.py`.
@Suite struct CronReferenceTableTests {
    struct Table: Decodable {
        struct CronCase: Decodable {
            var expr: String
            var zone: String
            var after: String
            var next: [String]
        }
        struct IntervalCase: Decodable {
            var minutes: Int
            var zone: String
            var lastRun: String
            var next: String
        }
        struct ParseCase: Decodable {
            var input: String
            var zone: String
            var stored: [String: Scalar]?
            var refused: Bool?
        }
        enum Scalar: Decodable, Equatable {
            case text(String)
            case number(Int)
            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let number = try? container.decode(Int.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
            }
        }
        var cron: [CronCase]
        var interval: [IntervalCase]
        var parse: [ParseCase]
    }

    static func table() throws -> Table {
        let url = Repository.fixture("cron-reference.json")
            .standardizedFileURL
        return try JSONDecoder().decode(Table.self, from: Data(contentsOf: url))
    }

    /// Every case is compared with the agent, instant by instant. They must agree unless the agent's answer is
    /// provably wrong or the clocks change inside the window, where our documented rules apply (a time in a
    /// spring-forward gap fires once at the end of the gap; a repeated fall-back time fires once, wildcard-hour
    /// expressions excepted). croniter 6 with `zoneinfo` (what the agent uses) slips around clock changes: it fires
    /// `0 9 * * 1-5` at 08:00 and 09:00 on the Monday after spring-forward, `0 0 31 * *` at 23:00 on the 30th,
    /// `0 0 29 2 *` at 01:00, and in Chatham returns times before the base time.
    @Test func cronFireTimesMatchTheAgentWhereverTheAgentIsRight() throws {
        let cases = try Self.table().cron
        var agreed = 0
        var agentWrong = 0
        var byRule: [String] = []
        var problems: [String] = []
        for entry in cases {
            let zone = try #require(TimeZone(identifier: entry.zone))
            let expression = try CronExpression(entry.expr)
            let after = try #require(CronJobsFile.date(fromISO: entry.after))
            var ours: [Date] = []
            var last = after
            for _ in 0..<3 {
                guard let next = CronSchedule.cron(expression: entry.expr).nextRun(after: last, lastRun: last, zone: zone) else { break }
                ours.append(next)
                last = next
            }
            let agent = entry.next.compactMap(CronJobsFile.date(fromISO:))
            let label =
                "\(entry.expr) in \(entry.zone) after \(entry.after): agent \(entry.next) ours \(ours.map { CronJobsFile.isoFormat($0, zone: zone) })"
            let endsGap = { (date: Date) in zone.secondsFromGMT(for: date.addingTimeInterval(-1)) < zone.secondsFromGMT(for: date) }
            let named = { (date: Date) in expression.matches(date, in: zone) || endsGap(date) }
            let rendersTrueOffset = zip(entry.next, agent).allSatisfy { CronJobsFile.isoFormat($0.1, zone: zone) == $0.0 }
            let agentPlausible =
                agent.count == 3 && agent.first! > after && agent == agent.sorted() && Set(agent).count == 3 && agent.allSatisfy(named)
            if ours == agent {
                agreed += 1
                if agentPlausible, !rendersTrueOffset { agentWrong += 1 }
            } else if !agentPlausible {
                agentWrong += 1
                if !ours.allSatisfy(named) { problems.append("ours breaks the rules: " + label) }
            } else {
                let end = max(agent.last!, ours.last ?? after)
                let clocksChange = zone.nextDaylightSavingTimeTransition(after: after).map { $0 <= end } ?? false
                if clocksChange, ours.allSatisfy(named) { byRule.append(label) } else { problems.append(label) }
            }
        }
        #expect(problems.isEmpty, "\(problems.count) cases:\n\(problems.joined(separator: "\n"))")
        #expect(agreed >= 200 && agreed > cases.count * 3 / 4, "\(agreed) of \(cases.count) identical to the agent")
        #expect(byRule.count <= 12, "differences by our DST rules:\n\(byRule.joined(separator: "\n"))")
        print("cron reference: \(agreed) identical, \(agentWrong) where croniter slips, \(byRule.count) by our DST rules, of \(cases.count)")
    }

    /// Intervals are added on the wall clock, as the agent's aware-datetime arithmetic does; where the agent writes a
    /// wall time that does not exist (02:40+01:00 on a spring-forward day) the instant must still be the same.
    @Test func intervalsMatchTheAgent() throws {
        let cases = try Self.table().interval
        #expect(cases.count >= 30)
        for entry in cases {
            let zone = try #require(TimeZone(identifier: entry.zone))
            let last = try #require(CronJobsFile.date(fromISO: entry.lastRun))
            let ours = try #require(CronSchedule.interval(minutes: entry.minutes).nextRun(after: last, lastRun: last, zone: zone))
            let agent = try #require(CronJobsFile.date(fromISO: entry.next))
            #expect(
                ours == agent,
                "every \(entry.minutes)m in \(entry.zone) after \(entry.lastRun): agent \(entry.next) ours \(CronJobsFile.isoFormat(ours, zone: zone))"
            )
        }
    }

    /// The stored form of every input the agent accepts, byte for byte; the agent's refusals are ours too. We refuse
    /// `every 0m` on purpose (the agent stores `minutes: 0`, which would run at every tick).
    @Test func parsedSchedulesAreStoredAsTheAgentStoresThem() throws {
        let cases = try Self.table().parse
        let now = try #require(CronJobsFile.date(fromISO: "2026-11-25T10:00:00+00:00"))
        for entry in cases {
            let zone = try #require(TimeZone(identifier: entry.zone))
            if let stored = entry.stored {
                let ours = try CronSchedule(parsing: entry.input, now: now, zone: zone).stored()
                for (key, value) in stored {
                    let mine: Table.Scalar? = ours[key].flatMap { $0.intValue.map(Table.Scalar.number) ?? $0.stringValue.map(Table.Scalar.text) }
                    #expect(mine == value, "\(entry.input) in \(entry.zone): \(key) agent \(value) ours \(String(describing: mine))")
                }
            } else if entry.refused == true || entry.input == "every 0m" {
                #expect(throws: WorkspaceError.self, "\(entry.input)") { try CronSchedule(parsing: entry.input, now: now, zone: zone) }
            }
        }
    }
}
