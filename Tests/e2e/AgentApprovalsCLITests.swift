import Foundation
import Testing
import WorkspaceCore

/// The real agent's CLI (`hermes chat -Q -q`, hermes-agent 0.19.0) with the approvals bridge and a scripted model:
/// every dangerous command its own gate flags reaches the workspace once, runs exactly when a person approved, and
/// `session` / `always` mean what they mean in the agent. With the workspace stopped, `always` is still honoured
/// (from `command_allowlist`) and the rest goes to the agent's own terminal prompt — nobody at it, so a denial, never
/// a silent yes. (The terminal answering first is the same race as the chat answering first; the gateway test
/// drives it, since `-q` gives its prompt no input a test can type into.)
@Suite(.serialized) struct AgentApprovalsCLITests {
    static let enabled = AgentProcess.python != nil

    private func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    @Test(.enabled(if: enabled, "hermes-agent is not installed: run scripts/hermes-venv.sh (or set HERMES_AGENT_PYTHON) to run this test"))
    func onceSessionAlwaysDenyTimeoutAndTheWorkspaceDown() async throws {
        var lab = try await AgentLab.start(turns: [])
        defer { lab.stop() }
        let work = lab.work.path
        for name in ["a", "b", "c", "d", "e"] {
            try FileManager.default.createDirectory(at: lab.work.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        _ = FileManager.default.createFile(atPath: "\(work)/e/old.tmp", contents: Data())
        let terminal = { (command: String) -> [String: Any] in ["tool": "terminal", "arguments": ["command": command]] }
        lab = try await lab.restub(turns: [
            terminal("rm -rf \(work)/a"),  // approved once in the workspace
            terminal("rm -rf \(work)/b"),  // same pattern, asked again: approved for the session
            terminal("rm -rf \(work)/c"),  // covered by the session approval: nobody is asked
            terminal("chmod 777 \(work)/d"),  // denied in the workspace
            terminal("find \(work)/e -name '*.tmp' -delete"),  // nobody answers: the agent's timeout denies it
            terminal("bash -c 'touch \(work)/always-1'"),  // approved always
            ["say": "finished: {last_tool}"],
        ])
        let run = try lab.chat("tidy the work folder")

        let a = try await lab.pending(containing: "/a", from: run)
        #expect(a["choices"] as? [String] == ["once", "session", "always", "deny"] && a["surface"] as? String == "cli", "\(a)")
        #expect(a["patternKeys"] as? [String] == ["delete in root path"], "the agent's own pattern key: \(a)")
        #expect(exists(lab.work.appendingPathComponent("a")), "nothing ran before the decision")
        try await lab.decide(a["id"], "approve", #"{"scope":"once"}"#)
        try await lab.decide(try await lab.pending(containing: "/b")["id"], "approve", #"{"scope":"session"}"#)
        let d = try await lab.pending(containing: "chmod 777")
        try await lab.decide(d["id"], "deny", #"{"reason":"keep d private"}"#)
        _ = try await lab.pending(containing: "-delete")  // left alone until the agent gives up
        let always = try await lab.pending(containing: "always-1", seconds: 30)
        try await lab.decide(always["id"], "approve", #"{"scope":"always"}"#)
        let printed = try await run.finish()

        #expect(!exists(lab.work.appendingPathComponent("a")) && !exists(lab.work.appendingPathComponent("b")), "approved: ran\n\(printed)")
        #expect(!exists(lab.work.appendingPathComponent("c")), "covered by the session approval: ran")
        let mode = try FileManager.default.attributesOfItem(atPath: "\(work)/d")[.posixPermissions] as? Int
        #expect(mode != 0o777, "denied: chmod did not run")
        #expect(exists(lab.work.appendingPathComponent("e/old.tmp")), "timed out: find -delete did not run")
        #expect(exists(lab.work.appendingPathComponent("always-1")), "\(printed)")

        let requests = try await lab.requests()
        let actions = requests.compactMap { $0["action"] as? String }
        #expect(actions.count == 5, "a, b, d, e and always were asked once each; c was not asked: \(actions)")
        #expect(!actions.contains { $0.contains("/c") })
        let byAction = { (text: String) in requests.first { ($0["action"] as? String)?.contains(text) == true } ?? [:] }
        #expect(byAction("-delete")["status"] as? String == "expired", "\(byAction("-delete"))")
        #expect(byAction("chmod")["decidedVia"] as? String == "workspace" && byAction("chmod")["decidedBy"] != nil)

        // `always` wrote the agent's pattern key into its own allowlist, comments and all.
        let config = try String(contentsOf: lab.home.appendingPathComponent("config.yaml"), encoding: .utf8)
        #expect(config.contains("command_allowlist:") && config.contains("- shell command via -c/-lc flag"), "\(config)")
        #expect(config.contains("# Agent under test") && config.contains("# what the test exercises"), "comments kept")

        // The workspace stops. The allowlisted pattern runs without asking anyone; another dangerous command goes to
        // the agent's own terminal prompt, where nobody answers.
        lab.site.server.stop()
        try FileManager.default.createDirectory(at: lab.work.appendingPathComponent("f"), withIntermediateDirectories: true)
        lab = try await lab.restub(turns: [
            terminal("bash -c 'touch \(work)/always-2'"),
            terminal("rm -rf \(work)/f"),
            ["say": "finished: {last_tool}"],
        ])
        let offline = try lab.chat("again, with the workspace down")
        let offlinePrinted = try await offline.finish()
        #expect(exists(lab.work.appendingPathComponent("always-2")), "always is honoured with the workspace stopped\n\(offlinePrinted)")
        #expect(exists(lab.work.appendingPathComponent("f")), "nobody answered the agent's own prompt: not run\n\(offlinePrinted)")
        #expect(
            offlinePrinted.contains("BLOCKED") || offlinePrinted.contains("Timeout — denying"),
            "the agent was told no\n\(offlinePrinted)\nthe model was asked:\n\(lab.stubRequests)")
        #expect(!offlinePrinted.contains("bash -c 'touch"), "the allowlisted command was not shown for approval")
    }

    @Test(.enabled(if: enabled, "hermes-agent is not installed: run scripts/hermes-venv.sh (or set HERMES_AGENT_PYTHON) to run this test"))
    func smartModeSendsOnlyEscalations() async throws {
        var lab = try await AgentLab.start(mode: "smart", turns: [])
        defer { lab.stop() }
        let work = lab.work.path
        for name in ["s1", "s2"] {
            try FileManager.default.createDirectory(at: lab.work.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        lab = try await lab.restub(
            turns: [
                ["tool": "terminal", "arguments": ["command": "rm -rf \(work)/s1"]],
                ["tool": "terminal", "arguments": ["command": "rm -rf \(work)/s2"]],
                ["say": "finished"],
            ], verdicts: ["APPROVE", "ESCALATE"])
        let run = try lab.chat("clean up")
        let escalated = try await lab.pending(containing: "/s2", from: run)
        try await lab.decide(escalated["id"], "approve", #"{"scope":"once"}"#)
        let printed = try await run.finish()
        #expect(!exists(lab.work.appendingPathComponent("s1")) && !exists(lab.work.appendingPathComponent("s2")), "\(printed)")
        let actions = try await lab.requests().compactMap { $0["action"] as? String }
        #expect(actions == ["rm -rf \(work)/s2"], "the triage approved s1 itself; only the escalation came: \(actions)")
    }

    @Test(.enabled(if: enabled, "hermes-agent is not installed: run scripts/hermes-venv.sh (or set HERMES_AGENT_PYTHON) to run this test"))
    func aCronRunsDangerousCommandWaitsForTheWorkspaceWhenAskedTo() async throws {
        let headless = "plugins:\n  entries:\n    workspace-approvals:\n      headless: workspace  # cron runs wait for the Approvals tab"
        var lab = try await AgentLab.start(timeout: 60, turns: [], extraConfig: headless)
        defer { lab.stop() }
        let work = lab.work.path
        for name in ["cron-a", "cron-b"] {
            try FileManager.default.createDirectory(at: lab.work.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        lab = try await lab.restub(turns: [["tool": "terminal", "arguments": ["command": "rm -rf \(work)/cron-a"]], ["say": "cron done"]])
        // The workspace's local scheduler runs a job with the default command, as `serve --cron local` does.
        let template = CommandCronExecutor.defaultTemplate.replacingOccurrences(of: "hermes ", with: (AgentLab.hermes ?? "hermes") + " ")
        let executor = try CommandCronExecutor(template: template, home: HermesHome(root: lab.home), timeout: 120)
        let job = CronRunRequest(id: "job1", name: "tidy", prompt: "tidy up", workdir: work, sessionID: "cron_job1_20261202_120000")
        let running = Task { await executor.run(job) }
        guard let waiting = try? await lab.pending(containing: "cron-a", seconds: 180) else {
            Issue.record("no request arrived; the run said: \(await running.value)")
            return
        }
        #expect(waiting["surface"] as? String == "headless", "\(waiting)")
        #expect(FileManager.default.fileExists(atPath: "\(work)/cron-a"), "nothing runs while it waits")
        try await lab.decide(waiting["id"], "approve", #"{"scope":"once"}"#)
        let finished = await running.value
        #expect(
            finished.succeeded && !FileManager.default.fileExists(atPath: "\(work)/cron-a"),
            "approved in the workspace: the cron run ran it \(finished)")

        // Without the switch the agent's own cron rule (cron_mode: deny) decides, and nothing is asked.
        let config = lab.home.appendingPathComponent("config.yaml")
        let text = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "headless: workspace", with: "headless: agent")
        try Data(text.utf8).write(to: config)
        lab = try await lab.restub(turns: [["tool": "terminal", "arguments": ["command": "rm -rf \(work)/cron-b"]], ["say": "cron: {last_tool}"]])
        let denied = await executor.run(job)
        #expect(FileManager.default.fileExists(atPath: "\(work)/cron-b") && denied.output.contains("BLOCKED"), "\(denied)")
        let actions = try await lab.requests().compactMap { $0["action"] as? String }
        #expect(actions.count == 1, "the second run asked nobody: \(actions)")
    }
}
