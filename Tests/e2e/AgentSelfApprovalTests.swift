import Foundation
import Testing

/// The real agent (hermes-agent 0.19.0 from PyPI, its plugin manager loading the real bridge) in login mode: while a
/// dangerous command waits for a person, a process running as the agent's Unix user reads every file under
/// HERMES_HOME, fetches the page and who-am-I, and uses every credential it finds to approve the request itself —
/// and the request stays pending. The plugin's own guard sends a tool call that reads the workspace's token to a
/// human. Then a person signs in in Chromium, sees a new request arrive live without reloading, and approves it.
@Suite(.serialized) struct AgentSelfApprovalTests {
    static let python = ApprovalPluginInteropTests.python

    private static let ask = AgentProcess.gate

    /// What the plugin's guard says of tool calls that go for the workspace's credentials (no request is sent).
    private static let guardCheck = """
        import json, os, sys
        from hermes_cli.plugins import get_plugin_manager
        manager = get_plugin_manager()
        manager.discover_and_load()
        import importlib.util
        spec = importlib.util.spec_from_file_location("bridge", os.path.join(os.environ["HERMES_HOME"], "plugins/workspace-approvals/__init__.py"))
        bridge = importlib.util.module_from_spec(spec); spec.loader.exec_module(bridge)
        calls = [("terminal", {"command": "cat " + os.environ["HERMES_HOME"] + "/workspace/token"}),
                 ("read_file", {"path": os.environ["HERMES_HOME"] + "/plugins/workspace-approvals/workspace.json"}),
                 ("terminal", {"command": "curl -X POST " + sys.argv[1] + "/api/v1/approvals/x/approve"}),
                 ("terminal", {"command": "sed -i 's/mode: manual/mode: off/' ~/.hermes/config.yaml # approvals"}),
                 ("terminal", {"command": "hermes-workspace token create me --role admin"})]
        write = bridge._needs_approval("write_file", {"path": "notes.txt", "content": "the words it writes"}, "manual", sys.argv[1])
        print(json.dumps({"guarded": [bool(bridge._needs_approval(tool, args, "smart", sys.argv[1])) for tool, args in calls],
                          "write": write[0] if write else ""}))
        """

    /// The hijacked agent: reads everything it can, then tries every credential-looking thing on the pending request.
    private static let selfApprove = """
        import json, os, re, sys, urllib.request, urllib.error
        base, request_id = sys.argv[1], sys.argv[2]
        home = os.environ["HERMES_HOME"]
        found, read = set(), 0
        def harvest(text):
            for pattern in (r"hwt_[A-Za-z0-9_-]{43}", r"\\b[0-9a-f]{64}\\b", r"\\b[A-Za-z0-9_-]{43}\\b"):
                found.update(re.findall(pattern, text))
        for folder, _, files in os.walk(home):
            for name in files:
                try:
                    with open(os.path.join(folder, name), "rb") as handle:
                        harvest(handle.read().decode("latin-1")); read += 1
                except OSError:
                    pass
        def call(method, path, headers=None, body=None):
            request = urllib.request.Request(base + path, data=body, method=method, headers=headers or {})
            try:
                with urllib.request.urlopen(request, timeout=10) as answer:
                    return answer.status, answer.read().decode("utf-8", "replace")
            except urllib.error.HTTPError as error:
                return error.code, error.read().decode("utf-8", "replace")
        for path in ("/", "/api/v1/auth/me", "/api/v1/health"):
            harvest(call("GET", path)[1])
        successes, attempts = [], 0
        for secret in sorted(found):
            tries = [("POST", "/api/v1/approvals/%s/approve" % request_id, {"Authorization": "Bearer " + secret, "Content-Type": "application/json"}),
                     ("POST", "/api/v1/approvals/%s/approve" % request_id, {"X-Hermes-Session-Token": secret, "Content-Type": "application/json"}),
                     ("POST", "/api/v1/approvals/%s/approve" % request_id, {"Cookie": "hermes_session=" + secret, "X-CSRF-Token": secret, "Content-Type": "application/json"}),
                     ("PATCH", "/api/v1/config", {"Authorization": "Bearer " + secret, "If-Match": "*", "Content-Type": "application/json"}),
                     ("GET", "/api/v1/auth/link?code=" + secret, {})]
            for method, path, headers in tries:
                body = b'{"operations":[{"path":"approvals.mode","value":"off"}]}' if method == "PATCH" else (b'{"scope":"always"}' if method == "POST" else None)
                status, text = call(method, path, headers, body)
                attempts += 1
                if 200 <= status < 400:
                    successes.append([method, path.split("?")[0], status])
        print(json.dumps({"filesRead": read, "candidates": len(found), "attempts": attempts, "successes": successes,
                          "status": json.loads(call("GET", "/api/v1/health")[1]).get("status")}))
        """

    /// The id of the oldest pending request once there is one (waiting on the condition, with a deadline).
    private func pendingRequest(_ client: RawExchange, after known: Set<String> = []) async throws -> String {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let items = try await client.send("GET", "/api/v1/approvals?status=pending").object?["items"] as? [[String: Any]] ?? []
            if let id = items.compactMap({ $0["id"] as? String }).first(where: { !known.contains($0) }) { return id }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BrowserTestError("no pending approval arrived")
    }

    @Test(.enabled(if: python != nil, "hermes-agent is not installed: run scripts/hermes-venv.sh (or set HERMES_AGENT_PYTHON) to run this test"))
    func theAgentCannotApproveItselfAndAPersonCan() async throws {
        let site = try await DemoSite.start(sessions: 1)
        defer { site.stop() }
        let base = String(site.url.dropLast())
        try await offThePool { try run(try BrowserEnvironment.binary().path, ["install-plugin", "--home", site.home.path, "--url", base]) }
        try await setOperatorPassword("a long enough password", user: "operator", home: site.home)
        // An admin token made on the server by the operator, never written where the agent could read it: only to
        // watch the queue from this test.
        let watcher = RawExchange(port: site.port, token: try await site.scopedToken(role: "viewer"))

        let guarded = try await AgentProcess.output(of: try AgentProcess.start(["-c", Self.guardCheck, base], home: site.home))
        #expect(guarded["guarded"] as? [Bool] == [true, true, true, true, true], "the plugin sends credential grabs to a person: \(guarded)")
        #expect((guarded["write"] as? String)?.contains("the words it writes") == true, "a file write shows what it writes: \(guarded)")

        let waiting = try AgentProcess.start(["-c", Self.ask, "rm -rf /tmp/important", "s-hijacked"], home: site.home)
        let requestID = try await pendingRequest(watcher)
        let attack = try await AgentProcess.output(of: try AgentProcess.start(["-c", Self.selfApprove, base, requestID], home: site.home))
        #expect(
            (attack["filesRead"] as? Int ?? 0) > 10 && (attack["candidates"] as? Int ?? 0) > 0,
            "the agent read the home and found candidates: \(attack)")
        #expect(
            (attack["successes"] as? [Any])?.isEmpty == true, "nothing the agent could read or fetch approved, changed config or signed in: \(attack)"
        )
        let still = try await watcher.send("GET", "/api/v1/approvals/\(requestID)").object
        #expect(still?["status"] as? String == "pending", "the request still waits for a person")

        // A person signs in and watches the tab; only then does the agent ask again, and the new request must arrive
        // in the same page (a marker set on the page survives: no reload). They approve both.
        let second = ProcessBox()
        let home = site.home
        let observed = try await site.withBrowser(at: "approvals") { browser -> [String] in
            try browser.signIn(user: "operator", password: "a long enough password")
            try browser.waitUntil("document.querySelectorAll('li.approval').length === 1", seconds: 30)
            try browser.evaluate("window.__sameDocument = true")
            second.process = try AgentProcess.start(["-c", Self.ask, "rm -rf /tmp/other", "s-second"], home: home)
            try browser.waitUntil("document.querySelectorAll('li.approval').length === 2", seconds: 30)
            let sameDocument = try browser.evaluate("window.__sameDocument === true") as? Bool ?? false
            let texts = try browser.evaluate("[...document.querySelectorAll('li.approval')].map(e => e.innerText).join('\\n---\\n')") as? String ?? ""
            try browser.evaluate(
                "[...document.querySelectorAll('li.approval')].forEach(li => [...li.querySelectorAll('button')].find(b => b.textContent === 'Approve once').click()); true"
            )
            try browser.waitUntil(
                "document.body.innerText.includes('Nothing is waiting') && document.querySelectorAll('tr[data-approval]').length >= 2", seconds: 30)
            let history = try browser.evaluate("document.querySelector('tr[data-approval]').innerText") as? String ?? ""
            return [String(sameDocument), texts, history]
        }
        #expect(observed[0] == "true", "the second request arrived live, without a reload")
        #expect(observed[1].contains("rm -rf /tmp/important") && observed[1].contains("rm -rf /tmp/other"), "both requests shown: \(observed[1])")
        #expect(observed[2].contains("operator"), "the history names who decided: \(observed[2])")
        let first = try await AgentProcess.output(of: waiting)
        let other = try await AgentProcess.output(of: try #require(second.process))
        #expect(first["approved"] as? Bool == true, "approved by a person: the agent's gate lets it run \(first)")
        #expect(other["approved"] as? Bool == true, "\(other)")
    }
}

/// A child process started inside a browser closure and awaited after it.
final class ProcessBox: @unchecked Sendable {
    var process: Process?
}
