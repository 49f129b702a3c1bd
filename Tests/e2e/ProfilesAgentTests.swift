import Foundation
import Testing

/// Three profiles written by the real agent (the demo home as `default`, `coder` and `writer` from hermes-agent
/// 0.19.0's own `hermes profile create`), served by one workspace: every tab answers from the named profile's own
/// files and never mixes them; profiles made, renamed and deleted through the API are what `hermes profile list`
/// then shows; and the profile's real gateway is started, restarted, drained and stopped from the API.
@Suite(.serialized) struct ProfilesAgentTests {
    static let enabled = AgentProcess.python != nil

    /// A demo home with two named profiles made by the agent, served with `--hermes-command` pointing at it. The
    /// agent's commands run with `HOME` in the test folder (their wrapper scripts land there).
    private func site() async throws -> (DemoSite, String) {
        guard let hermes = AgentLab.hermes else { throw BrowserTestError("hermes-agent is not installed") }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hermes-profiles-\(UUID().uuidString)")
        let home = root.appendingPathComponent("home")
        try await offThePool { try run(try BrowserEnvironment.binary().path, ["demo", home.path, "--sessions", "12"]) }
        for arguments in [["profile", "create", "coder", "--no-alias"], ["profile", "create", "writer", "--no-alias", "--clone-from", "coder"]] {
            try await offThePool { _ = try Self.agent(hermes, arguments, root: root) }
        }
        let site = try await DemoSite.serve(
            root: root, arguments: ["--hermes-command", hermes], environment: ["HOME": root.path, "PATH": Self.path(hermes)])
        return (site, hermes)
    }

    private static func path(_ hermes: String) -> String {
        URL(fileURLWithPath: hermes).deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    }

    /// Runs the agent's CLI on the root home (`HERMES_HOME`), `HOME` in the test folder.
    @discardableResult
    private static func agent(_ hermes: String, _ arguments: [String], root: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: hermes)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HERMES_") }
        environment["HERMES_HOME"] = root.appendingPathComponent("home").path
        environment["HOME"] = root.path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw BrowserTestError("hermes \(arguments.joined(separator: " ")) failed:\n\(text)") }
        return text
    }

    /// Sessions written into `profile`'s own state.db by the agent's own `SessionDB`.
    private static func writeSessions(_ ids: [String], profile: URL) throws {
        let script = """
            import sys
            from hermes_state import SessionDB
            db = SessionDB()
            for sid in sys.argv[1:]:
                db.create_session(sid, "cli", model="stub-model")
                db.append_message(sid, "user", "hello from " + sid)
                db.append_message(sid, "assistant", "hi " + sid)
            """
        let process = try AgentProcess.start(["-c", script] + ids, home: profile)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BrowserTestError("the agent's SessionDB did not write \(ids)") }
    }

    /// The ids `profile`'s own files hold: state.db sessions (read with the agent's SessionDB), jobs.json jobs,
    /// .env names.
    private static func own(_ profile: URL) throws -> (sessions: Set<String>, jobs: Set<String>, keys: Set<String>) {
        let script = """
            import json, sys
            from hermes_state import SessionDB
            print(json.dumps([r["id"] for r in SessionDB().list_sessions_rich(limit=1000, include_children=True, include_archived=True)]))
            """
        let process = try AgentProcess.start(["-c", script], home: profile)
        let data = (process.standardOutput as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        process.waitUntilExit()
        let sessions = (try? JSONSerialization.jsonObject(with: data) as? [String]) ?? []
        let jobsData = FileManager.default.contents(atPath: profile.appendingPathComponent("cron/jobs.json").path) ?? Data(#"{"jobs":[]}"#.utf8)
        let jobs = ((try JSONSerialization.jsonObject(with: jobsData) as? [String: Any])?["jobs"] as? [[String: Any]] ?? []).compactMap {
            $0["id"] as? String
        }
        let env = (try? String(contentsOf: profile.appendingPathComponent(".env"), encoding: .utf8)) ?? ""
        let keys = env.split(separator: "\n").compactMap { line -> String? in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.hasPrefix("#"), let equals = text.firstIndex(of: "=") else { return nil }
            let name = text[..<equals].trimmingCharacters(in: .whitespaces)
            return name.hasPrefix("export ") ? String(name.dropFirst(7)).trimmingCharacters(in: .whitespaces) : name
        }
        return (Set(sessions), Set(jobs), Set(keys))
    }

    @Test(.enabled(if: enabled, "hermes-agent is not installed: run scripts/hermes-venv.sh (or set HERMES_AGENT_PYTHON) to run this test"))
    func everyTabAnswersPerProfileAndManagementIsTheAgentsOwn() async throws {
        let (site, hermes) = try await site()
        defer { site.stop() }
        let client = try await site.client()
        let profiles = [
            "default": site.home, "coder": site.home.appendingPathComponent("profiles/coder"),
            "writer": site.home.appendingPathComponent("profiles/writer"),
        ]
        try Self.writeSessions(["coder-s1", "coder-s2"], profile: profiles["coder"]!)
        try Self.writeSessions(["writer-s1"], profile: profiles["writer"]!)
        try Data("WRITER_ONLY_KEY=sk-writer-0123456789abcdef\n".utf8).write(to: profiles["writer"]!.appendingPathComponent(".env"))
        let job = #"{"name":"coder nightly","prompt":"summarise","schedule":"0 2 * * *"}"#
        let created = try await client.send("POST", "/api/v1/cron/jobs?profile=coder", headers: ["Content-Type: application/json"], body: job)
        #expect(created.status == 201, "\(created.text)")

        var union: Set<String> = []
        for (name, folder) in profiles {
            let own = try Self.own(folder)
            union.formUnion(own.jobs.map { "\(name)/\($0)" })
            let sessions =
                try await client.send("GET", "/api/v1/sessions?profile=\(name)&limit=200&archived=include").object?["items"] as? [[String: Any]] ?? []
            let listed = Set(sessions.compactMap { $0["id"] as? String })
            #expect(listed.isSubset(of: own.sessions) && !listed.isEmpty, "\(name): sessions \(listed) come from its own state.db \(own.sessions)")
            let jobs = try await client.send("GET", "/api/v1/cron/jobs?profile=\(name)").object?["items"] as? [[String: Any]] ?? []
            #expect(Set(jobs.compactMap { $0["id"] as? String }) == own.jobs, "\(name): cron jobs")
            let keys = try await client.send("GET", "/api/v1/keys?profile=\(name)").object?["items"] as? [[String: Any]] ?? []
            let setKeys = Set(keys.filter { $0["isSet"] as? Bool ?? false }.compactMap { $0["name"] as? String })
            #expect(
                own.keys.isSubset(of: setKeys) && setKeys.intersection(["WRITER_ONLY_KEY"]).isEmpty == (name != "writer"), "\(name): keys \(setKeys)")
            let skills = try await client.send("GET", "/api/v1/skills?profile=\(name)").object?["items"] as? [[String: Any]] ?? []
            // Exactly the SKILL.md files under this profile's own skills/ (the demo's default has some, the new ones none).
            let skillFolder = folder.appendingPathComponent("skills").standardizedFileURL.path
            let ownSkills = (FileManager.default.enumerator(atPath: skillFolder)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix("SKILL.md") && !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
            let folders = Set(ownSkills.map { ($0 as NSString).deletingLastPathComponent.split(separator: "/").last.map(String.init) ?? "" })
            let skillNames = skills.compactMap { $0["name"] as? String }
            #expect(Set(skillNames) == folders && skillNames.count == ownSkills.count, "\(name): skills \(skillNames) vs \(ownSkills)")
            if name == "default" { #expect(!ownSkills.isEmpty, "the demo home has skills to compare") }
            let status = try await client.send("GET", "/api/v1/status?profile=\(name)").object ?? [:]
            #expect((status["workspace"] as? [String: Any])?["home"] as? String == folder.standardizedFileURL.path, "\(name): status")
            let logs = try await client.send("GET", "/api/v1/logs/files?profile=\(name)")
            #expect(logs.status == 200, "\(name): logs")
            for path in ["/api/v1/analytics/usage?days=7", "/api/v1/config", "/api/v1/approvals/staged", "/api/v1/pairing"] {
                let answer = try await client.send(
                    "GET", path + "&profile=\(name)".replacingOccurrences(of: "&", with: path.contains("?") ? "&" : "?"))
                #expect(answer.status == 200, "\(name) \(path): \(answer.status)")
            }
        }
        let defaultSessions = try await client.send("GET", "/api/v1/sessions?limit=200").object?["items"] as? [[String: Any]] ?? []
        #expect(!defaultSessions.contains { ($0["id"] as? String)?.hasPrefix("coder-") == true }, "today's path is the default profile only")
        let machine = try await client.send("GET", "/api/v1/machine/cron/jobs").object?["items"] as? [[String: Any]] ?? []
        let listed = Set(
            machine.compactMap { item -> String? in
                guard let profile = item["profile"] as? String, let id = (item["job"] as? [String: Any])?["id"] as? String else { return nil }
                return "\(profile)/\(id)"
            })
        #expect(listed == union, "the machine's cron list is the union of every profile's jobs.json")
        let search = try await client.send("GET", "/api/v1/machine/sessions/search?q=hello").object?["items"] as? [[String: Any]] ?? []
        #expect(Set(search.compactMap { $0["profile"] as? String }).isSuperset(of: ["coder", "writer"]), "search spans profiles")

        // Made, renamed and deleted through the API: what the agent's own `hermes profile list` shows.
        let made = try await client.send(
            "POST", "/api/v1/profiles", headers: ["Content-Type: application/json"],
            body: #"{"name":"scratch","cloneFrom":"writer","description":"a scratch pad"}"#)
        #expect(made.status == 201, "\(made.text)")
        #expect(FileManager.default.fileExists(atPath: site.home.appendingPathComponent("profiles/scratch/.env").path), "cloned from writer")
        let refused = try await client.send("POST", "/api/v1/profiles", headers: ["Content-Type: application/json"], body: #"{"name":"test"}"#)
        #expect(refused.status == 400, "a name the agent refuses: \(refused.text)")
        let twice = try await client.send("POST", "/api/v1/profiles", headers: ["Content-Type: application/json"], body: #"{"name":"scratch"}"#)
        #expect(twice.status == 409)
        let renamed = try await client.send(
            "POST", "/api/v1/profiles/scratch/rename", headers: ["Content-Type: application/json"], body: #"{"name":"notes"}"#)
        #expect(renamed.status == 200 && renamed.object?["name"] as? String == "notes", "\(renamed.text)")
        var list = try Self.agent(hermes, ["profile", "list"], root: site.root)
        #expect(list.contains("notes") && !list.contains("scratch"), "\(list)")
        let dryRun = try await client.send("POST", "/api/v1/profiles/notes/delete", headers: ["Content-Type: application/json"], body: "{}")
        let entries = (dryRun.object?["entries"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(dryRun.object?["dryRun"] as? Bool == true && entries.contains(".env") && entries.contains("SOUL.md"), "\(dryRun.text)")
        #expect(FileManager.default.fileExists(atPath: site.home.appendingPathComponent("profiles/notes").path), "a dry run removes nothing")
        let unconfirmed = try await client.send(
            "POST", "/api/v1/profiles/notes/delete", headers: ["Content-Type: application/json"], body: #"{"dryRun":false}"#)
        #expect(unconfirmed.status == 400)
        let deleted = try await client.send(
            "POST", "/api/v1/profiles/notes/delete", headers: ["Content-Type: application/json"], body: #"{"dryRun":false,"confirm":"notes"}"#)
        #expect(deleted.status == 200, "\(deleted.text)")
        list = try Self.agent(hermes, ["profile", "list"], root: site.root)
        #expect(!list.contains("notes") && list.contains("coder") && list.contains("writer"), "\(list)")
        let gone = try await client.send("GET", "/api/v1/config?profile=notes")
        #expect(gone.status == 404 && gone.text.contains("notes"))
        let audit = try await client.send("GET", "/api/v1/audit?action=profiles.").object?["items"] as? [[String: Any]] ?? []
        #expect(Set(audit.compactMap { $0["action"] as? String }).isSuperset(of: ["profiles.create", "profiles.rename", "profiles.delete"]))
    }

    @Test(.enabled(if: enabled, "hermes-agent is not installed: run scripts/hermes-venv.sh (or set HERMES_AGENT_PYTHON) to run this test"))
    func theGatewayIsStartedRestartedDrainedAndStoppedFromTheAPI() async throws {
        let (site, _) = try await site()
        defer { site.stop() }
        let client = try await site.client()
        let coder = site.home.appendingPathComponent("profiles/coder")
        let port = try Self.enableAPIServer(in: coder)
        defer { Self.killGateway(of: coder) }
        let post = { (path: String) async throws -> RawExchange.Answer in
            try await client.send("POST", path, headers: ["Content-Type: application/json"], body: "{}")
        }
        let stoppedStop = try await post("/api/v1/gateway/stop?profile=coder")
        #expect(stoppedStop.status == 409 && stoppedStop.text.contains("not running"), "\(stoppedStop.text)")

        let start = try await post("/api/v1/gateway/start?profile=coder")
        #expect(start.status == 202, "\(start.text)")
        let started = try await finished(client, "gateway-start")
        #expect(started["status"] as? String == "succeeded", "\(started)")
        let firstPID = try await waitForGateway(client, port: port) { $0 == "running" }
        #expect(firstPID == started["pid"] as? Int)
        let pidFile = try JSONSerialization.jsonObject(with: Data(contentsOf: coder.appendingPathComponent("gateway.pid"))) as? [String: Any]
        #expect(pidFile?["pid"] as? Int == firstPID, "the pid is the agent's own gateway.pid")
        let again = try await post("/api/v1/gateway/start?profile=coder")
        #expect(again.status == 409, "a second start of a running gateway: \(again.text)")

        let restart = try await post("/api/v1/gateway/restart?profile=coder")
        let joined = try await post("/api/v1/gateway/restart?profile=coder")
        #expect(restart.status == 202 && restart.object?["joined"] as? Bool == false)
        #expect(joined.status == 202 && joined.object?["joined"] as? Bool == true, "a second click joins the running restart: \(joined.text)")
        #expect(
            ((restart.object?["action"] as? [String: Any])?["startedAt"] as? String)
                == ((joined.object?["action"] as? [String: Any])?["startedAt"] as? String))
        let restarted = try await finished(client, "gateway-restart")
        #expect(restarted["status"] as? String == "succeeded" && restarted["previousPID"] as? Int == firstPID, "\(restarted)")
        let secondPID = try await waitForGateway(client, port: port) { $0 == "running" }
        #expect(secondPID != firstPID && secondPID == restarted["pid"] as? Int, "a new process")
        #expect(((restarted["lines"] as? [String]) ?? []).contains { $0.contains("gateway stop") }, "the action's log lines are readable")
        let log = try String(contentsOf: coder.appendingPathComponent("logs/gateway-restart.log"), encoding: .utf8)
        #expect(log.contains("=== gateway-restart started") && log.contains("=== gateway-restart succeeded"))

        let drain = try await post("/api/v1/gateway/drain?profile=coder")
        #expect(drain.status == 200 && drain.object?["draining"] as? Bool == true, "\(drain.text)")
        _ = try await waitForGateway(client, port: port) { $0 == "draining" }
        let cancel = try await client.send(
            "POST", "/api/v1/gateway/drain?profile=coder", headers: ["Content-Type: application/json"], body: #"{"action":"cancel"}"#)
        #expect(cancel.object?["wasDraining"] as? Bool == true)

        let stop = try await post("/api/v1/gateway/stop?profile=coder")
        #expect(stop.status == 202, "\(stop.text)")
        let stopped = try await finished(client, "gateway-stop")
        #expect(stopped["status"] as? String == "succeeded", "\(stopped)")
        let status = try await client.send("GET", "/api/v1/status?profile=coder").object?["gateway"] as? [String: Any] ?? [:]
        #expect(status["liveness"] as? String == "stopped", "\(status)")
        let defaultGateway = try await client.send("GET", "/api/v1/status").object?["gateway"] as? [String: Any] ?? [:]
        #expect(defaultGateway["liveness"] as? String != "running", "the default profile's gateway was never touched")

        let audit = try await client.send("GET", "/api/v1/audit?profile=coder&action=gateway.").object?["items"] as? [[String: Any]] ?? []
        let steps = audit.reversed().map { "\($0["action"] as? String ?? "") \($0["outcome"] as? String ?? "")" }
        #expect(
            steps == [
                "gateway.stop refused", "gateway.start ok", "gateway.start refused", "gateway.restart ok", "gateway.drain ok", "gateway.drain ok",
                "gateway.stop ok",
            ],
            "every step audited: \(steps)")
    }

    @Test(.enabled(if: enabled, "hermes-agent is not installed: run scripts/hermes-venv.sh (or set HERMES_AGENT_PYTHON) to run this test"))
    func inTheBrowserASwitchShowsThatProfileAndRestartNeededClearsAfterRestart() async throws {
        let (site, _) = try await site()
        defer { site.stop() }
        let client = try await site.client()
        let coder = site.home.appendingPathComponent("profiles/coder")
        try Self.writeSessions(["coder-s1"], profile: coder)
        let port = try Self.enableAPIServer(in: coder)
        defer { Self.killGateway(of: coder) }
        _ = try await client.send("POST", "/api/v1/gateway/start?profile=coder", headers: ["Content-Type: application/json"], body: "{}")
        #expect(try await finished(client, "gateway-start")["status"] as? String == "succeeded")
        let firstPID = try await waitForGateway(client, port: port) { $0 == "running" }
        let noRestart = try await client.send("GET", "/api/v1/status?profile=coder").object?["gateway"] as? [String: Any] ?? [:]
        #expect(noRestart["restartNeeded"] == nil, "a gateway that just started needs no restart: \(noRestart["restartNeeded"] ?? "")")

        let config = try await client.send("GET", "/api/v1/config?profile=coder")
        let etag = config.header("ETag") ?? ""
        try await site.withBrowser(at: "sessions") { browser in
            try browser.waitUntil("document.querySelector('.session-row, [data-testid=session-row], a[href*=\"/sessions/\"]')")
            #expect(try browser.evaluate("!!document.querySelector('a[href*=\"/sessions/coder-s1\"]')") as? Bool == false, "the default's sessions")
            try browser.waitUntil("document.querySelector('[data-testid=profile-switcher] option[value=coder]')")
            try browser.fill("[data-testid=profile-switcher]", "coder")
            try browser.waitUntil("location.search.includes('profile=coder') && !!document.querySelector('a[href*=\"/sessions/coder-s1\"]')")
            #expect(
                try browser.evaluate("!!document.querySelector('[data-testid=profile-marker]')") as? Bool == true, "a marker off the default profile")
            #expect(
                try browser.evaluate("document.querySelectorAll('a[href*=\"/sessions/\"]').length") as? Int == 1,
                "coder's one session, none of the default's")
        }
        // An edit of coder's config after its gateway started: the page says a restart is needed, and Restart clears it.
        let patch = #"{"operations":[{"path":["display","compact"],"value":true}]}"#
        let saved = try await client.send(
            "PATCH", "/api/v1/config?profile=coder", headers: ["Content-Type: application/json", "If-Match: \(etag)"], body: patch)
        #expect(saved.status == 200, "\(saved.text)")
        try await site.withBrowser(at: "status?profile=coder") { browser in
            try browser.waitUntil("!!document.querySelector('[data-testid=restart-needed]')", seconds: 30)
            #expect(
                try browser.evaluate("document.querySelector('[data-testid=restart-needed]').textContent.includes('config.yaml')") as? Bool == true)
            try browser.click(button: "Restart gateway", in: "[data-testid=restart-needed]")
            try browser.waitUntil(
                "!document.querySelector('[data-testid=restart-needed]') && !!document.querySelector('[data-testid=gateway-action]') && document.querySelector('[data-testid=gateway-action]').textContent.includes('gateway-restart succeeded')",
                seconds: 180)
        }
        let restarted = try await client.send("GET", "/api/v1/gateway/actions/gateway-restart?profile=coder").object ?? [:]
        #expect(restarted["status"] as? String == "succeeded" && restarted["previousPID"] as? Int == firstPID, "\(restarted)")
        _ = try await client.send("POST", "/api/v1/gateway/stop?profile=coder", headers: ["Content-Type: application/json"], body: "{}")
        _ = try await finished(client, "gateway-stop")
    }

    @Test(.enabled(if: enabled, "hermes-agent is not installed: run scripts/hermes-venv.sh (or set HERMES_AGENT_PYTHON) to run this test"))
    func aProfilesAgentAsksAsThatProfileAndAlwaysGoesIntoItsOwnAllowlist() async throws {
        let (site, _) = try await site()
        defer { site.stop() }
        let client = try await site.client()
        let coder = site.home.appendingPathComponent("profiles/coder")
        try Data("approvals:\n  mode: manual\n  timeout: 60\nsecurity:\n  tirith_enabled: false\n".utf8).write(
            to: coder.appendingPathComponent("config.yaml"))
        try await offThePool {
            try run(
                try BrowserEnvironment.binary().path,
                ["install-plugin", "--home", site.home.path, "--profile", "coder", "--url", String(site.url.dropLast())])
        }
        #expect(FileManager.default.fileExists(atPath: coder.appendingPathComponent("plugins/workspace-approvals/workspace.json").path))
        #expect(
            !FileManager.default.fileExists(atPath: site.home.appendingPathComponent("plugins/workspace-approvals").path),
            "the default's plugins untouched")
        let defaultBefore = try Data(contentsOf: site.home.appendingPathComponent("config.yaml"))
        let asking = try AgentProcess.start(["-c", AgentProcess.gate, "rm -rf /tmp/hermes-profile-test", "s1"], home: coder)
        var request: [String: Any] = [:]
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, request.isEmpty {
            let items = try await client.send("GET", "/api/v1/approvals?status=pending").object?["items"] as? [[String: Any]] ?? []
            request = items.first { ($0["action"] as? String)?.contains("hermes-profile-test") == true } ?? [:]
            if request.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(request["profile"] as? String == "coder", "the request says whose agent asked: \(request)")
        let rows = try await client.send("GET", "/api/v1/profiles").object?["items"] as? [[String: Any]] ?? []
        let pending = Dictionary(
            uniqueKeysWithValues: rows.compactMap { row in (row["name"] as? String).map { ($0, row["pendingApprovals"] as? Int ?? -1) } })
        #expect(pending["coder"] == 1 && pending["default"] == 0, "\(pending)")
        let approved = try await client.send(
            "POST", "/api/v1/approvals/\(request["id"] ?? "")/approve", headers: ["Content-Type: application/json"], body: #"{"scope":"always"}"#)
        #expect(approved.status == 200, "\(approved.text)")
        let answer = try await AgentProcess.output(of: asking)
        #expect(answer["approved"] as? Bool == true, "\(answer)")
        let coderConfig = try String(contentsOf: coder.appendingPathComponent("config.yaml"), encoding: .utf8)
        #expect(coderConfig.contains("command_allowlist"), "always goes into the asking profile's allowlist:\n\(coderConfig)")
        #expect(try Data(contentsOf: site.home.appendingPathComponent("config.yaml")) == defaultBefore, "and never into another profile's")
    }

    /// Turns on the API server in `profile`'s `.env` on a free loopback port (the gateway then has a platform to run).
    private static func enableAPIServer(in profile: URL) throws -> Int {
        let port = try freePort()
        let key = "k" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        try Data("API_SERVER_ENABLED=true\nAPI_SERVER_HOST=127.0.0.1\nAPI_SERVER_PORT=\(port)\nAPI_SERVER_KEY=\(key)\n".utf8)
            .write(to: profile.appendingPathComponent(".env"))
        return port
    }

    /// Whatever happened, no gateway of `profile` outlives the test.
    private static func killGateway(of profile: URL) {
        if let text = try? String(contentsOf: profile.appendingPathComponent("gateway.pid"), encoding: .utf8),
            let pid = (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["pid"] as? Int
        {
            kill(pid_t(pid), SIGKILL)
        }
    }

    /// The action `name` of profile coder once it is no longer running.
    private func finished(_ client: RawExchange, _ name: String) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(240)
        while Date() < deadline {
            let action = try await client.send("GET", "/api/v1/gateway/actions/\(name)?profile=coder").object ?? [:]
            if let status = action["status"] as? String, status != "running" { return action }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw BrowserTestError("\(name) did not finish")
    }

    /// The gateway's pid once Status shows a state `condition` accepts (and the API server answers when running).
    private func waitForGateway(_ client: RawExchange, port: Int, _ condition: (String) -> Bool) async throws -> Int? {
        let deadline = Date().addingTimeInterval(120)
        var last: [String: Any] = [:]
        while Date() < deadline {
            last = try await client.send("GET", "/api/v1/status?profile=coder").object?["gateway"] as? [String: Any] ?? [:]
            if last["liveness"] as? String == "running", condition(last["state"] as? String ?? "") { return last["pid"] as? Int }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw BrowserTestError("the gateway did not reach the expected state: \(last)")
    }
}
