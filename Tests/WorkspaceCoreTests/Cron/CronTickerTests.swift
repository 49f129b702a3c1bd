import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct CronTickerTests {
    private let now = CronJobsFile.date(fromISO: "2026-11-26T10:00:00+00:00")!

    private func ticker(_ fixture: FixtureHome, owner: String = "test:1") -> (CronTicker, CronJobsFile) {
        let zone = AgentTimeZone(home: fixture.home, environment: [:])
        let file = CronJobsFile(home: fixture.home, timeZone: zone)
        return (CronTicker(home: fixture.home, file: file, timeZone: zone, runTimeout: 600, owner: owner), file)
    }

    private func job(_ file: CronJobsFile, _ id: String) throws -> OrderedJSON? {
        try file.jobs().first { $0["id"]?.stringValue == id }
    }

    @Test func dueJobsAreClaimedOnceAndMissedRunsCollapseIntoOne() throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let (ticker, file) = ticker(fixture)
        let claims = try #require(try ticker.claimDueJobs(now: now))
        #expect(
            Set(claims.map(\.id)) == ["5bf88d08e6a1", "6000bb77c652", "811d0b7ba5f8"], "enabled and due; the paused and the 2027 one-shot are not")
        for id in ["5bf88d08e6a1", "6000bb77c652", "811d0b7ba5f8"] {
            let next = try #require(try job(file, id)?["next_run_at"]?.stringValue.flatMap(CronJobsFile.date(fromISO:)))
            #expect(next > now, "\(id): advanced past now before running, so a crash cannot fire it again")
        }
        #expect(
            try job(file, "5bf88d08e6a1")?["next_run_at"]?.stringValue == "2026-11-26T11:30:00+01:00",
            "two days of missed 30-minute slots: one run now, the next 30 minutes on")
        #expect(try ticker.claimDueJobs(now: now)?.isEmpty == true, "a second tick at the same moment finds nothing")
        #expect(
            try ticker.claimDueJobs(now: now.addingTimeInterval(3_600), running: ["5bf88d08e6a1"], limit: 1)?.map(\.id) == [],
            "a job still running is not claimed again, and nothing else is due yet")
    }

    @Test func aOneShotIsClaimedCountedAndRemovedWhenItHasRun() throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let (ticker, file) = ticker(fixture)
        let due = CronJobsFile.date(fromISO: "2027-01-01T09:00:00+01:00")!
        let claims = try #require(try ticker.claimDueJobs(now: due.addingTimeInterval(30)))
        let claim = try #require(claims.first { $0.id == "730faee96df4" })
        let claimed = try #require(try job(file, "730faee96df4"))
        #expect(claimed["run_claim"]?["by"]?.stringValue == "test:1")
        #expect(claimed["repeat"]?["completed"]?.intValue == 1, "counted before it runs, as the agent's claim_dispatch does")
        #expect(
            try ticker.claimDueJobs(now: due.addingTimeInterval(60))?.contains { $0.id == "730faee96df4" } == false,
            "a fresh claim keeps another ticker off it")
        let run = try ticker.finish(claim, with: CronRunResult(succeeded: true, output: "Happy new year"), at: due.addingTimeInterval(90))
        #expect(try job(file, "730faee96df4") == nil, "a one-shot that has run leaves jobs.json, as in the agent")
        let output = try CronRuns(home: fixture.home).output(of: "730faee96df4", run: run)
        #expect(run == "2027-01-01_09-01-30")
        #expect(output.hasPrefix("# Cron Job: "))
        #expect(output.contains("**Run Time:** 2027-01-01 09:01:30\n") && output.hasSuffix("## Response\n\nHappy new year\n"))
    }

    @Test func aFailedRunIsRecordedAndTheJobStaysScheduled() throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let (ticker, file) = ticker(fixture)
        let claim = try #require(try ticker.claimDueJobs(now: now)?.first { $0.id == "6000bb77c652" })
        let before = try #require(try job(file, "6000bb77c652")?["repeat"]?["completed"]?.intValue)
        let run = try ticker.finish(
            claim, with: CronRunResult(succeeded: false, output: "", error: "Exited with status 3."), at: now.addingTimeInterval(5))
        let stored = try #require(try job(file, "6000bb77c652"))
        #expect(stored["last_status"]?.stringValue == "error" && stored["last_error"]?.stringValue == "Exited with status 3.")
        #expect(stored["state"]?.stringValue == "scheduled" && stored["enabled"] == .bool(true), "never disabled for failing")
        #expect(stored["last_run_at"]?.stringValue == "2026-11-26T11:00:05+01:00")
        #expect(stored["next_run_at"]?.stringValue == "2026-11-27T09:00:00+01:00")
        #expect(stored["repeat"]?["completed"]?.intValue == before + 1)
        #expect(CronJobSummary(stored)?.status == "failed")
        let output = try CronRuns(home: fixture.home).output(of: "6000bb77c652", run: run)
        #expect(output.contains("(FAILED)") && output.contains("## Error\n\n```\nExited with status 3.\n```"))
    }

    @Test func noClaimsWhileAnotherProcessTicks() throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let ticker = ticker(fixture).0
        let before = try Data(contentsOf: fixture.home.cronJobsFile)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        // --no-fork: flock itself becomes `sleep`, so killing it releases the lock (a forked sleep would keep it).
        holder.arguments = ["--no-fork", fixture.home.cronDirectory.appendingPathComponent(".tick.lock").path, "sleep", "300"]
        try holder.run()
        defer {
            kill(holder.processIdentifier, SIGKILL)
            holder.waitUntilExit()
        }
        // Wait until the other process really holds the tick lock (a probe of our own cannot take it), then claim.
        let probe = open(fixture.home.cronDirectory.appendingPathComponent(".tick.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        defer { close(probe) }
        let deadline = Date().addingTimeInterval(30)
        while flock(probe, LOCK_EX | LOCK_NB) == 0, Date() < deadline {
            flock(probe, LOCK_UN)
            usleep(10_000)
        }
        #expect(try ticker.claimDueJobs(now: now) == nil)
        #expect(try Data(contentsOf: fixture.home.cronJobsFile) == before)
    }

    @Test func twoSchedulersOnOneHomeNeverClaimTheSameRun() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let first = ticker(fixture, owner: "a:1").0
        let second = ticker(fixture, owner: "b:2").0
        let claimed = LockedValue<[String]>([])
        await withTaskGroup(of: Void.self) { group in
            for ticker in [first, second, first, second] {
                group.addTask {
                    for step in 0..<20 {
                        let moment = self.now.addingTimeInterval(Double(step) * 1_800)
                        if let claims = try? ticker.claimDueJobs(now: moment) {
                            claimed.withValue { $0 += claims.map { "\($0.id)@\(step)" } }
                        }
                    }
                }
            }
        }
        let all = claimed.value
        #expect(Set(all).count == all.count, "no job claimed twice for the same moment: \(all.sorted())")
        #expect(all.contains { $0.hasPrefix("5bf88d08e6a1@") })
    }
}
