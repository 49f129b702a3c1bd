import Foundation
import Testing

/// The real agent's gateway (`hermes gateway run`, hermes-agent 0.19.0) with its API server, the approvals bridge
/// and a scripted model: one question per dangerous command, answered by whichever of the workspace and the API
/// server's `POST /v1/runs/{id}/approval` (what a chat platform's `/approve` does) comes first, the other then
/// showing who decided; the command runs exactly when someone approved, once. With the workspace stopped the
/// agent's own approval event is still there to answer.
@Suite(.serialized) struct AgentApprovalsGatewayTests {
    static let enabled = AgentProcess.python != nil

    private func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    /// The gateway with its API server on `port`.
    private func gateway(_ lab: AgentLab, port: Int, key: String) async throws -> AgentRun {
        guard let hermes = AgentLab.hermes else { throw BrowserTestError("hermes-agent is not installed") }
        let run = try AgentRun(
            arguments: [hermes, "gateway", "run"], home: lab.home, directory: lab.work,
            environment: ["API_SERVER_ENABLED": "true", "API_SERVER_PORT": String(port), "API_SERVER_KEY": key, "API_SERVER_HOST": "127.0.0.1"])
        do {
            try await waitForPort(port, seconds: 240)
        } catch {
            run.stop()
            throw BrowserTestError("the gateway's API server did not start: \(error)\n\(run.printed.suffix(2_000))")
        }
        return run
    }

    /// Calls the agent's API server.
    private func api(_ port: Int, _ key: String, _ method: String, _ path: String, _ body: String = "") async throws -> [String: Any] {
        try await RawExchange(port: port, token: key).send(method, path, headers: ["Content-Type: application/json"], body: body).object ?? [:]
    }

    /// Starts a run and returns its id.
    private func startRun(_ port: Int, _ key: String, _ input: String) async throws -> String {
        let started = try await api(port, key, "POST", "/v1/runs", #"{"input":"\#(input)"}"#)
        return try #require(started["run_id"] as? String, "\(started)")
    }

    /// The run once it finished (completed or failed).
    private func finished(_ port: Int, _ key: String, _ run: String) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline {
            let status = try await api(port, key, "GET", "/v1/runs/\(run)")
            if ["completed", "failed", "cancelled"].contains(status["status"] as? String ?? "") { return status }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BrowserTestError("run \(run) did not finish")
    }

    @Test(.enabled(if: enabled, "hermes-agent is not installed: run scripts/hermes-venv.sh (or set HERMES_AGENT_PYTHON) to run this test"))
    func theFirstAnswerFromAnySurfaceDecides() async throws {
        var lab = try await AgentLab.start(turns: [])
        defer { lab.stop() }
        let work = lab.work.path
        for name in ["w", "x", "y", "s1", "s2", "t", "z"] {
            try FileManager.default.createDirectory(at: lab.work.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        let terminal = { (command: String) -> [String: Any] in ["tool": "terminal", "arguments": ["command": command]] }
        let said: [String: Any] = ["say": "result: {last_tool}"]
        lab = try await lab.restub(turns: [
            terminal("rm -rf \(work)/w"), said,  // run 1: approved in the workspace
            terminal("rm -rf \(work)/x"), said,  // run 2: denied at the API server first
            terminal("rm -rf \(work)/y"), said,  // run 3: approved at the API server first
            terminal("rm -rf \(work)/s1"), terminal("rm -rf \(work)/s2"), said,  // run 4: session covers s2
            terminal("rm -rf \(work)/t"), said,  // run 5: nobody answers
            terminal("rm -rf \(work)/z"), said,  // run 6: workspace stopped; answered at the API server
        ])
        let port = try freePort()
        let key = "k" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let gateway = try await gateway(lab, port: port, key: key)
        defer { gateway.stop() }

        let first = try await startRun(port, key, "delete w")
        let w = try await lab.pending(containing: "/w")
        #expect(w["surface"] as? String == "gateway" && w["platform"] as? String == "api_server" && w["sessionID"] as? String == first, "\(w)")
        // The bridge's hook runs just before the API server marks the run as waiting: wait for that mark.
        try await waitFor { (try await api(port, key, "GET", "/v1/runs/\(first)"))["status"] as? String == "waiting_for_approval" }
        try await lab.decide(w["id"], "approve", #"{"scope":"once"}"#)
        let one = try await finished(port, key, first)
        #expect(!exists(lab.work.appendingPathComponent("w")) && (one["output"] as? String)?.contains("approved") == true, "\(one)")

        let second = try await startRun(port, key, "delete x")
        let x = try await lab.pending(containing: "/x")
        let answered = try await api(port, key, "POST", "/v1/runs/\(second)/approval", #"{"choice":"deny"}"#)
        #expect(answered["resolved"] as? Int == 1, "the API server's own answer settles it: \(answered)")
        let two = try await finished(port, key, second)
        #expect(exists(lab.work.appendingPathComponent("x")), "denied: not run \(two)")
        try await waitFor { (try await lab.client().send("GET", "/api/v1/approvals/\(x["id"] ?? "")").object?["status"] as? String) == "denied" }
        let shownX = try await lab.client().send("GET", "/api/v1/approvals/\(x["id"] ?? "")").object ?? [:]
        #expect(shownX["decidedVia"] as? String == "chat", "the workspace shows who decided: \(shownX)")
        let late = try await lab.client().send(
            "POST", "/api/v1/approvals/\(x["id"] ?? "")/approve", headers: ["Content-Type: application/json"], body: "{}")
        #expect(late.status == 409, "nobody can answer it a second time")

        let third = try await startRun(port, key, "delete y")
        let y = try await lab.pending(containing: "/y")
        _ = try await api(port, key, "POST", "/v1/runs/\(third)/approval", #"{"choice":"once"}"#)
        _ = try await finished(port, key, third)
        #expect(!exists(lab.work.appendingPathComponent("y")), "approved at the API server: ran once")
        try await waitFor { (try await lab.client().send("GET", "/api/v1/approvals/\(y["id"] ?? "")").object?["status"] as? String) == "approved" }

        let fourth = try await startRun(port, key, "delete s1 and s2")
        try await lab.decide(try await lab.pending(containing: "/s1")["id"], "approve", #"{"scope":"session"}"#)
        _ = try await finished(port, key, fourth)
        #expect(!exists(lab.work.appendingPathComponent("s1")) && !exists(lab.work.appendingPathComponent("s2")), "session approval covers s2")

        let fifth = try await startRun(port, key, "delete t")
        let t = try await lab.pending(containing: "/t")
        let five = try await finished(port, key, fifth)
        #expect(exists(lab.work.appendingPathComponent("t")), "silence is not consent: \(five)")
        try await waitFor { (try await lab.client().send("GET", "/api/v1/approvals/\(t["id"] ?? "")").object?["status"] as? String) == "expired" }

        let actions = try await lab.requests().compactMap { $0["action"] as? String }
        #expect(actions.count == 5 && !actions.contains { $0.contains("/s2") }, "one request per question, s2 never asked: \(actions)")

        // The workspace goes away: the agent still asks on its own surface, and the answer there decides.
        lab.site.server.stop()
        let sixth = try await startRun(port, key, "delete z")
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, (try await api(port, key, "GET", "/v1/runs/\(sixth)"))["status"] as? String != "waiting_for_approval" {
            try await Task.sleep(for: .milliseconds(100))
        }
        _ = try await api(port, key, "POST", "/v1/runs/\(sixth)/approval", #"{"choice":"once"}"#)
        _ = try await finished(port, key, sixth)
        #expect(!exists(lab.work.appendingPathComponent("z")), "workspace down: the agent's own approval event decided")
    }

    private func waitFor(seconds: Double = 30, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(try await condition(), "the condition did not hold within \(seconds) s")
    }
}
