import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct CronSchedulerTests {
    private func waitFor(_ seconds: Double, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try condition()
    }

    @Test func theLocalSchedulerRunsDueJobsThroughARealCommandAndRecordsThem() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let zone = AgentTimeZone(home: fixture.home, environment: [:])
        let file = CronJobsFile(home: fixture.home, timeZone: zone)
        let ticker = CronTicker(home: fixture.home, file: file, timeZone: zone, runTimeout: 30)
        let executor = try CommandCronExecutor(
            template: #"sh -c 'echo "ran {id} in $HERMES_CRON_SESSION"; echo "prompt: $(cat)"' "#, home: fixture.home, timeout: 30)
        let events = EventBus()
        let subscription = try events.subscribe(after: nil)
        let scheduler = CronScheduler(
            mode: .local, ticker: ticker, executor: executor, events: events, maximumParallel: 2,
            heartbeat: { CronTickerStatus(home: fixture.home) })
        let running = Task { await scheduler.run() }
        defer { running.cancel() }
        let due = ["5bf88d08e6a1", "6000bb77c652", "811d0b7ba5f8"]
        let done = try await waitFor(90) {
            let jobs = try file.jobs()
            return due.allSatisfy { id in jobs.first { $0["id"]?.stringValue == id }?["last_status"]?.stringValue == "ok" }
        }
        #expect(done, "every due job ran and was recorded")
        let jobs = try file.jobs()
        for id in due {
            let job = try #require(jobs.first { $0["id"]?.stringValue == id })
            let next = try #require(job["next_run_at"]?.stringValue.flatMap(CronJobsFile.date(fromISO:)))
            #expect(next > Date(), "\(id) advanced")
            let runs = try CronRuns(home: fixture.home).runs(of: id, limit: 10, before: nil).runs
            let newest = try #require(runs.first)
            let text = try CronRuns(home: fixture.home).output(of: id, run: newest.id)
            #expect(text.contains("ran \(id) in 1"), "the command ran with HERMES_CRON_SESSION=1")
            #expect(text.contains("prompt: \(job["prompt"]?.stringValue ?? "")"), "the prompt came on stdin")
        }
        #expect(jobs.first { $0["id"]?.stringValue == "63f11ee0e504" }?["last_status"]?.stringValue != "ok", "the paused job did not run")
        var finished = Set<String>()
        for await event in subscription.events where event.type == "cron.run.finished" {
            if let id = event.data["id"]?.stringValue { finished.insert(id) }
            if finished.count == due.count { break }
        }
        #expect(finished == Set(due))
        #expect(await scheduler.runningJobs().isEmpty)
    }

    @Test func itStandsByWhileTheAgentsTickerIsAlive() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        try String(Date().timeIntervalSince1970).write(to: fixture.home.cronTickerHeartbeat, atomically: true, encoding: .utf8)
        let zone = AgentTimeZone(home: fixture.home, environment: [:])
        let file = CronJobsFile(home: fixture.home, timeZone: zone)
        let before = try Data(contentsOf: fixture.home.cronJobsFile)
        let scheduler = CronScheduler(
            mode: .local, ticker: CronTicker(home: fixture.home, file: file, timeZone: zone, runTimeout: 30),
            executor: try CommandCronExecutor(template: "true", home: fixture.home, timeout: 5), events: EventBus(),
            heartbeat: { CronTickerStatus(home: fixture.home) })
        let running = Task { await scheduler.run() }
        var state = await scheduler.state()
        let deadline = Date().addingTimeInterval(30)
        while state.standbyReason == nil, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
            state = await scheduler.state()
        }
        running.cancel()
        await running.value
        #expect(state.active == false && state.standbyReason?.contains("cron ticker is alive") == true)
        #expect(try Data(contentsOf: fixture.home.cronJobsFile) == before, "nothing claimed, nothing run")
    }
}

@Suite struct CommandCronExecutorTests {
    private let request = CronRunRequest(
        id: "abc123", name: "n", prompt: "it's \"quoted\"; rm -rf / $(whoami)", skills: [], model: nil,
        script: nil, workdir: nil, sessionID: "cron_abc123_20261126_100000")

    @Test func theDefaultCommandKeepsApprovalsOnAndBypassesAreNamed() throws {
        #expect(CommandCronExecutor.approvalBypass(in: CommandCronExecutor.defaultTemplate) == nil)
        #expect(!(try CommandCronExecutor.split(CommandCronExecutor.defaultTemplate)).contains("-z"))
        for template in [
            "hermes -z {prompt}", "hermes --oneshot {prompt}", "hermes chat --yolo -q {prompt}", "env HERMES_YOLO_MODE=1 hermes chat -q x",
        ] {
            #expect(CommandCronExecutor.approvalBypass(in: template) != nil, "\(template)")
        }
    }

    @Test func aPromptInTheArgumentsIsNotAlsoOnStdin() async throws {
        let home = try FixtureHome.empty()
        defer { home.remove() }
        let executor = try CommandCronExecutor(template: #"sh -c 'echo "arg: $0 stdin: $(cat)"' {prompt}"#, home: home.home, timeout: 5)
        var request = request
        request.prompt = "always"
        let result = await executor.run(request)
        #expect(result.output == "arg: always stdin:", "an approval prompt reading stdin finds nothing: \(result)")
    }

    @Test func templatesSplitLikeAShellAndPlaceholdersNeverReachOne() async throws {
        #expect(
            try CommandCronExecutor.split(#"hermes -z {prompt} --name "a b" 'c d' e\ f"#) == [
                "hermes", "-z", "{prompt}", "--name", "a b", "c d", "e f",
            ])
        #expect(throws: WorkspaceError.self) { try CommandCronExecutor.split(#"sh -c 'open"#) }
        let home = try FixtureHome.empty()
        defer { home.remove() }
        let executor = try CommandCronExecutor(template: "printf %s|%s {prompt} {session}", home: home.home, timeout: 5)
        let result = await executor.run(request)
        #expect(result.succeeded)
        #expect(result.output == "it's \"quoted\"; rm -rf / $(whoami)|cron_abc123_20261126_100000", "one argument, verbatim")
    }

    @Test func failuresTimeoutsAndEmptyAnswersAreResultsNotCrashes() async throws {
        let home = try FixtureHome.empty()
        defer { home.remove() }
        let failing = await (try CommandCronExecutor(template: "sh -c 'echo partial; echo boom >&2; exit 3'", home: home.home, timeout: 5)).run(
            request)
        #expect(!failing.succeeded && failing.error?.hasPrefix("Exited with status 3.\nboom") == true && failing.output == "partial")
        let slow = await (try CommandCronExecutor(template: "sh -c 'echo started; sleep 30'", home: home.home, timeout: 0.5)).run(request)
        #expect(!slow.succeeded && slow.error?.hasPrefix("Timed out after 0 s") == true && slow.output == "started")
        let silent = await (try CommandCronExecutor(template: "true", home: home.home, timeout: 5)).run(request)
        #expect(!silent.succeeded && silent.error?.contains("printed nothing") == true)
        let missing = await (try CommandCronExecutor(template: "no-such-program-here", home: home.home, timeout: 5)).run(request)
        #expect(!missing.succeeded && missing.error?.contains("not found in PATH") == true)
    }

    @Test func aChildGetsBigInputWithoutDeadlockAndItsOutputIsCapped() throws {
        let input = Data(repeating: UInt8(ascii: "x"), count: 3 << 20)
        var child = ChildProcess(arguments: ["cat"], environment: ProcessInfo.processInfo.environment)
        child.outputLimit = 1 << 20
        let outcome = try child.run(input: input, timeout: 20)
        #expect(outcome.exitStatus == 0 && outcome.output.count == 1 << 20 && outcome.truncated)
        let grouped = try ChildProcess(arguments: ["sh", "-c", "sleep 30 & sleep 30; echo never"], environment: ProcessInfo.processInfo.environment)
            .run(timeout: 0.3)
        #expect(grouped.timedOut && grouped.output.isEmpty, "the whole process group is stopped, background children included")
    }
}
