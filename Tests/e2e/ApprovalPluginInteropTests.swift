import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The approvals bridge loaded by the reference agent's own plugin manager (hermes-agent from PyPI in
/// `.build/hermes-venv`): the agent's own gate, asked about `rm -rf /tmp/x` as its CLI asks with no terminal
/// attached, follows the operator's answer in the real workspace binary — approve, deny — and with the workspace
/// gone or an impostor on its port the agent's own prompt decides (no terminal: a denial), never a silent yes.
@Suite(.serialized) struct ApprovalPluginInteropTests {
    static let python = AgentProcess.python

    private static let ask = AgentProcess.gate

    /// A server that answers every request with "approved", unsigned.
    private static let impostor = """
        import http.server, json, sys
        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self):
                body = json.dumps({"id": "0" * 32, "status": "approved"}).encode()
                self.send_response(201 if self.command == "POST" else 200)
                self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(body))); self.end_headers()
                self.wfile.write(body)
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0)); self.answer()
            do_GET = answer
            def log_message(self, *args): pass
        http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
        """

    /// Waits for a pending request and decides it through the HTTP API, as an operator would.
    private static let decide = """
        import json, sys, time, urllib.request
        base, token, verb, body = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
        def call(method, path, data=None):
            request = urllib.request.Request(base + path, data=data and data.encode(), method=method)
            request.add_header("Authorization", "Bearer " + token)
            request.add_header("Content-Type", "application/json")
            return json.loads(urllib.request.urlopen(request, timeout=10).read() or b"null")
        for _ in range(300):
            pending = call("GET", "/api/v1/approvals?status=pending")["items"]
            if pending:
                print(json.dumps(call("POST", "/api/v1/approvals/%s/%s" % (pending[0]["id"], verb), body)))
                break
            time.sleep(0.1)
        """

    @Test(.enabled(if: python != nil, "hermes-agent is not installed: run scripts/hermes-venv.sh (or set HERMES_AGENT_PYTHON) to run this test"))
    func theAgentsGateFollowsTheOperatorsDecision() async throws {
        let site = try await DemoSite.start(sessions: 1)
        defer { site.stop() }
        let base = String(site.url.dropLast())
        try await offThePool { try run(try BrowserEnvironment.binary().path, ["install-plugin", "--home", site.home.path, "--url", base]) }
        let installed = site.home.appendingPathComponent("plugins/workspace-approvals/__init__.py")
        #expect(FileManager.default.fileExists(atPath: installed.path))
        let token = try String(contentsOf: site.home.appendingPathComponent("workspace/token"), encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)

        let approved = try AgentProcess.start(["-c", Self.ask, "rm -rf /tmp/x", "s1"], home: site.home)
        let approving = try AgentProcess.start(["-c", Self.decide, base, token, "approve", #"{"scope":"once"}"#], home: site.home)
        let decision = try await AgentProcess.output(of: approving)
        let afterApproval = try await AgentProcess.output(of: approved)
        #expect(decision["status"] as? String == "approved")
        #expect(afterApproval["loaded"] as? Bool == true, "the agent's plugin manager loaded the bridge")
        #expect(afterApproval["approved"] as? Bool == true, "approved in the workspace: the agent's gate lets it run: \(afterApproval)")

        let denied = try AgentProcess.start(["-c", Self.ask, "rm -rf /tmp/x", "s2"], home: site.home)
        _ = try await AgentProcess.output(
            of: try AgentProcess.start(["-c", Self.decide, base, token, "deny", #"{"reason":"not on prod"}"#], home: site.home))
        let afterDenial = try await AgentProcess.output(of: denied)
        #expect(afterDenial["approved"] as? Bool == false && (afterDenial["message"] as? String)?.hasPrefix("BLOCKED") == true, "\(afterDenial)")

        let harmless = try await AgentProcess.output(of: try AgentProcess.start(["-c", Self.ask, "ls -la", "s3"], home: site.home))
        #expect(harmless["approved"] as? Bool == true, "a harmless command runs and nobody is asked")
        let asked =
            try await RawExchange(port: site.port, token: token).send("GET", "/api/v1/approvals?status=all").object?["items"] as? [[String: Any]]
        #expect(asked?.count == 2, "only the two dangerous commands reached the workspace: \(asked ?? [])")

        site.server.stop()
        let unreachable = try await AgentProcess.output(of: try AgentProcess.start(["-c", Self.ask, "rm -rf /tmp/x", "s4"], home: site.home))
        #expect(
            unreachable["approved"] as? Bool == false,
            "workspace gone: the agent's own prompt decides (no terminal, so no), never a silent allow: \(unreachable)")

        // Something else takes the port and says "approved" to everything: without the workspace's signature the
        // bridge does not believe it, and the agent's own prompt decides.
        let port = String(base.split(separator: ":").last ?? "")
        let impostor = try AgentProcess.start(["-c", Self.impostor, port], home: site.home)
        defer {
            impostor.terminate()
            kill(impostor.processIdentifier, SIGKILL)
        }
        let listening = Date().addingTimeInterval(30)
        while Date() < listening, (try? await RawExchange(port: site.port, token: token).send("GET", "/x"))?.status != 200 {
            try await Task.sleep(for: .milliseconds(100))
        }
        let fooled = try await AgentProcess.output(of: try AgentProcess.start(["-c", Self.ask, "rm -rf /tmp/x", "s5"], home: site.home))
        #expect(fooled["approved"] as? Bool == false, "an unsigned 'approved' is not believed: \(fooled)")
    }

    @Test(.enabled(if: python != nil, "hermes-agent is not installed: run scripts/hermes-venv.sh (or set HERMES_AGENT_PYTHON) to run this test"))
    func installingTwiceLeavesOneUpToDateCopy() async throws {
        let site = try await DemoSite.start(sessions: 1)
        defer { site.stop() }
        for url in ["http://127.0.0.1:9119", "http://127.0.0.1:9555"] {
            try await offThePool { try run(try BrowserEnvironment.binary().path, ["install-plugin", "--home", site.home.path, "--url", url]) }
        }
        let plugins = try FileManager.default.contentsOfDirectory(atPath: site.home.appendingPathComponent("plugins").path)
        #expect(plugins == ["workspace-approvals"], "one copy, no staging or retired folders: \(plugins)")
        let settings =
            try JSONSerialization.jsonObject(with: Data(contentsOf: site.home.appendingPathComponent("plugins/workspace-approvals/workspace.json")))
            as? [String: String]
        #expect(settings?["url"] == "http://127.0.0.1:9555" && settings?["token"]?.hasPrefix("hwt_") == true)
        let mode =
            try FileManager.default.attributesOfItem(atPath: site.home.appendingPathComponent("plugins/workspace-approvals/workspace.json").path)[
                .posixPermissions] as? Int
        #expect(mode == 0o600)
        let tokens = try await offThePool { [home = site.home] in
            try run(try BrowserEnvironment.binary().path, ["token", "list", "--home", home.path])
        }
        #expect(tokens.split(separator: "\n").filter { $0.contains("approvals-bridge") }.count == 1, "the old bridge token was revoked: \(tokens)")
    }

    /// A long-running process (the gateway) sees the headless switch turned on and off again: the agent's own
    /// `HERMES_EXEC_ASK` and the bridge's notify callback follow it, so cron_mode decides again without a restart.
    private static let headlessSwitch = """
        import json, os, re
        from hermes_cli.plugins import get_plugin_manager, get_pre_tool_call_directive
        manager = get_plugin_manager(); manager.discover_and_load()
        from tools import approval
        config = os.path.join(os.environ["HERMES_HOME"], "config.yaml")
        def switch(value):
            text = open(config).read()
            text = re.sub(r"headless: \\w+", "headless: " + value, text) if "headless:" in text else text.replace(
                "workspace-approvals:\\n", "workspace-approvals:\\n      headless: " + value + "\\n", 1)
            open(config, "w").write(text)
            get_pre_tool_call_directive("terminal", {"command": "ls"}, session_id="cron-1")
            return {"ask": os.environ.get("HERMES_EXEC_ASK"), "callback": approval._gateway_notify_cbs.get("default") is not None}
        print(json.dumps({"on": switch("workspace"), "off": switch("agent")}))
        """

    @Test(.enabled(if: python != nil, "hermes-agent is not installed: run scripts/hermes-venv.sh (or set HERMES_AGENT_PYTHON) to run this test"))
    func theHeadlessSwitchFollowsTheConfigInARunningProcess() async throws {
        let site = try await DemoSite.start(sessions: 1)
        defer { site.stop() }
        try await offThePool {
            try run(try BrowserEnvironment.binary().path, ["install-plugin", "--home", site.home.path, "--url", String(site.url.dropLast())])
        }
        let answer = try await AgentProcess.output(of: try AgentProcess.start(["-c", Self.headlessSwitch], home: site.home))
        #expect(
            (answer["on"] as? [String: Any])?["ask"] as? String == "1" && (answer["on"] as? [String: Any])?["callback"] as? Bool == true, "\(answer)")
        #expect((answer["off"] as? [String: Any])?["ask"] is NSNull && (answer["off"] as? [String: Any])?["callback"] as? Bool == false, "\(answer)")
    }
}
