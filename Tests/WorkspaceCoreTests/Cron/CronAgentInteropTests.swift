import Foundation
import Testing

@testable import WorkspaceCore

/// `cron/jobs.json` as we write it, read back by the reference agent's own job loader; and the committed schedule
/// table regenerated from the installed agent.
@Suite struct CronAgentInteropTests {
    private static let loader = """
        import json, os
        from cron import jobs
        path = os.path.join(os.environ["HERMES_HOME"], "cron", "jobs.json")
        loaded = jobs.load_jobs()
        listed = [j["id"] for j in jobs.list_jobs(include_disabled=True)]
        nexts = {j["id"]: jobs.compute_next_run(j["schedule"], j.get("last_run_at")) for j in loaded}
        before = open(path, encoding="utf-8").read()
        jobs.save_jobs(loaded)
        after = open(path, encoding="utf-8").read()
        print(json.dumps({"jobs": loaded, "listed": listed, "nexts": nexts, "before": before, "after": after}))
        """

    @Test(
        .enabled(
            if: AgentPython.url != nil, "hermes-agent is not installed: run scripts/hermes-venv.sh (or set HERMES_AGENT_PYTHON) to run this test"))
    func theAgentsJobLoaderAcceptsWhatWeCreateEditPauseAndResume() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let zone = AgentTimeZone(home: fixture.home, environment: [:])
        let file = CronJobsFile(home: fixture.home, timeZone: zone)
        let editor = CronJobEditor(home: fixture.home, file: file, timeZone: zone)
        let actions = CronJobActions(home: fixture.home, file: file, timeZone: zone)
        func draft(_ json: String) throws -> CronJobDraft { try CronJobDraft(json: try OrderedJSON(parsing: json)) }

        let digest = try editor.create(try draft(#"{"prompt":"Digest of arXiv","schedule":"every 2h","skills":["arxiv"],"deliver":"telegram"}"#))
        let weekly = try editor.create(
            try draft(#"{"name":"Wöchentlich ☕","prompt":"Weekly review","schedule":"0 9 * * 1-5","model":"gpt-5","repeat":10}"#))
        let once = try editor.create(try draft(#"{"prompt":"Remind me","schedule":"2031-05-04T08:30:00+02:00"}"#))
        _ = try editor.update(weekly.id, with: try draft(#"{"schedule":"30 7 * * 1","enabledToolsets":["web"]}"#), expecting: .exactly(weekly.etag))
        _ = try actions.pause(digest.id, reason: "holiday")
        _ = try actions.pause(weekly.id, reason: nil)
        _ = try actions.resume(weekly.id)

        let run = try await AgentPython.run(["-c", Self.loader], home: fixture.home)
        #expect(run.status == 0, "\(run.errors)")
        let line = String(decoding: run.output, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        let loaded = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let jobs = try #require(loaded["jobs"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: jobs.compactMap { job in (job["id"] as? String).map { ($0, job) } })
        #expect((loaded["listed"] as? [String])?.count == jobs.count)
        #expect(byID[digest.id]?["state"] as? String == "paused" && byID[digest.id]?["paused_reason"] as? String == "holiday")
        #expect(byID[weekly.id]?["state"] as? String == "scheduled" && byID[weekly.id]?["name"] as? String == "Wöchentlich ☕")
        #expect(byID[weekly.id]?["schedule_display"] as? String == "30 7 * * 1")
        #expect((byID[weekly.id]?["repeat"] as? [String: Any])?["times"] as? Int == 10)
        #expect((byID[once.id]?["repeat"] as? [String: Any])?["times"] as? Int == 1)
        #expect(byID[once.id]?["next_run_at"] as? String == "2031-05-04T08:30:00+02:00")

        let nexts = try #require(loaded["nexts"] as? [String: Any])
        let stored = try #require(byID[weekly.id]?["next_run_at"] as? String)
        let ours = try #require(CronJobsFile.date(fromISO: stored))
        let agents = try #require((nexts[weekly.id] as? String).flatMap(CronJobsFile.date(fromISO:)))
        #expect(abs(ours.timeIntervalSince(agents)) < 1, "the agent computes the same next run for our cron job")

        func withoutStamp(_ text: Any?) -> String {
            (text as? String ?? "").split(separator: "\n").filter { !$0.contains("\"updated_at\"") }.joined(separator: "\n")
        }
        #expect(withoutStamp(loaded["before"]) == withoutStamp(loaded["after"]), "the agent's save of what it loaded is byte-identical to our file")
    }

    @Test(
        .enabled(
            if: AgentPython.url != nil, "hermes-agent is not installed: run scripts/hermes-venv.sh (or set HERMES_AGENT_PYTHON) to run this test"))
    func theCommittedScheduleTableIsWhatTheInstalledAgentComputes() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let script = AgentPython.packageRoot.appendingPathComponent("scripts/cron-reference.py")
        let run = try await AgentPython.run([script.path], home: fixture.home)
        #expect(run.status == 0, "\(run.errors)")
        let committed = try Data(contentsOf: AgentPython.packageRoot.appendingPathComponent("Tests/Fixtures/cron-reference.json"))
        #expect(
            run.output == committed, "regenerate with: .build/hermes-venv/bin/python scripts/cron-reference.py > Tests/Fixtures/cron-reference.json")
    }
}
