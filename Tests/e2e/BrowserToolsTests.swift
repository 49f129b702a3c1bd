import Foundation
import Testing

/// The Tools tab in headless Chromium against the real binary: an MCP server added through the form with a secret
/// header lands in config.yaml as a `${VAR}` reference with the secret in `.env`, the page never shows the secret,
/// and the switch turns the server off in the file.
@Suite(.serialized) struct BrowserToolsTests {
    @Test func anMCPServerIsAddedWithItsSecretMaskedAndSwitchedOff() async throws {
        let site = try await DemoSite.start(sessions: 1)
        defer { site.stop() }
        let configURL = site.home.appendingPathComponent("config.yaml")
        let before = String(decoding: try Data(contentsOf: configURL), as: UTF8.self)
        let seen = try await site.withBrowser(at: "tools") { browser -> [String] in
            try browser.waitUntil("document.querySelector('.tools-mcp')")
            try browser.click(button: "New MCP server")
            try browser.fill("#mcp-name", "remote")
            try browser.click(button: "URL (HTTP)", in: ".mcp-form")
            try browser.fill("#mcp-url", "https://mcp.example.org/mcp")
            try browser.click(button: "Add header", in: ".mcp-form")
            try browser.fill(".mcp-row input[aria-label='Headers name 1']", "Authorization")
            try browser.fill(".mcp-row input[aria-label='Headers value 1']", "Bearer sk-browser-secret-42")
            try browser.click(button: "Add server", in: ".mcp-form")
            try browser.waitUntil("document.querySelector('.mcp-card[data-mcp=remote]')")
            let page = try browser.evaluate("document.documentElement.outerHTML") as? String ?? ""
            let card = try browser.evaluate("document.querySelector('.mcp-card[data-mcp=remote]').innerText") as? String ?? ""
            try browser.evaluate("document.querySelector('.mcp-card[data-mcp=remote] input[role=switch]').click()")
            try browser.waitUntil("document.querySelector('.mcp-card[data-mcp=remote] input[role=switch]').checked === false")
            return [page.contains("sk-browser-secret") ? "leaked" : "masked", card]
        }
        #expect(seen[0] == "masked", "the secret never reaches the page")
        #expect(seen[1].contains("${MCP_REMOTE_AUTHORIZATION}") && seen[1].contains("set"), "\(seen[1])")
        let config = String(decoding: try Data(contentsOf: configURL), as: UTF8.self)
        let env = String(decoding: try Data(contentsOf: site.home.appendingPathComponent(".env")), as: UTF8.self)
        #expect(config.contains("Authorization: ${MCP_REMOTE_AUTHORIZATION}") && !config.contains("sk-browser"), "\(config)")
        #expect(env.contains("MCP_REMOTE_AUTHORIZATION=") && env.contains("sk-browser-secret-42"))
        #expect(config.contains("enabled: false"))
        for line in before.split(separator: "\n") where !line.hasPrefix("mcp_servers") { #expect(config.contains(line), "kept: \(line)") }
    }

    /// The other Tools views with the reference agent's Python doing the toolset resolution: "Test" starts a real
    /// stdio MCP server and lists its tools; a toolset switched off on the CLI is off for the agent's own loader; a
    /// webhook subscription shows its secret once, and the list never again.
    @Test(.enabled(if: AgentProcess.python != nil, "hermes-agent is not installed: run scripts/hermes-venv.sh to run this test"))
    func testingAServerTogglingAToolsetAndCreatingAWebhook() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hermes-e2e-\(UUID().uuidString)")
        let home = root.appendingPathComponent("home")
        try await offThePool { try run(try BrowserEnvironment.binary().path, ["demo", home.path, "--sessions", "1"]) }
        let stub = root.appendingPathComponent("stub_server.py")
        try Data(Self.stdioServer.utf8).write(to: stub)
        let configURL = home.appendingPathComponent("config.yaml")
        let demo = String(decoding: try Data(contentsOf: configURL), as: UTF8.self)
        try Data((demo + "mcp_servers:\n  stub:\n    command: python3\n    args: [\"\(stub.path)\"]\n").utf8).write(to: configURL)
        let site = try await DemoSite.serve(root: root, environment: ["HERMES_AGENT_PYTHON": AgentProcess.python ?? ""])
        defer { site.stop() }

        let (tools, secret, listed) = try await site.withBrowser(at: "tools") { browser -> (String, String, String) in
            try browser.waitUntil("document.querySelector('.mcp-card[data-mcp=stub]')")
            try browser.click(button: "Test", in: ".mcp-card[data-mcp=stub]")
            try browser.waitUntil("document.querySelector('.mcp-card[data-mcp=stub] [data-mcp-test]')", seconds: 40)
            let tools = try browser.evaluate("document.querySelector('.mcp-card[data-mcp=stub] [data-mcp-test]').innerText") as? String ?? ""

            try browser.click(button: "Toolsets", in: ".tools")
            try browser.waitUntil("document.querySelector('.toolset-row[data-toolset=web] input[role=switch]')", seconds: 60)
            try browser.waitUntil("document.querySelector('.toolset-row[data-toolset=web] input[role=switch]').checked")
            try browser.evaluate("document.querySelector('.toolset-row[data-toolset=web] input[role=switch]').click()")
            try browser.waitUntil("document.querySelector('.toolset-row[data-toolset=web] input[role=switch]').checked === false", seconds: 60)

            try browser.click(button: "Webhooks", in: ".tools")
            try browser.waitUntil("document.querySelector('.webhooks')")
            try browser.click(button: "New subscription")
            try browser.fill(".webhook-form input[placeholder=github-push]", "deploys")
            try browser.fill(".webhook-form textarea", "Summarise the deploy {id}")
            try browser.click(button: "Create", in: ".webhook-form")
            try browser.waitUntil("document.querySelector('[data-secret]') && document.querySelector('[data-webhook=deploys]')")
            let secret = try browser.evaluate("document.querySelector('[data-secret]').innerText") as? String ?? ""
            try browser.click(button: "Terminal", in: ".tools")
            try browser.click(button: "Webhooks", in: ".tools")
            try browser.waitUntil("document.querySelector('[data-webhook=deploys]')")
            return (tools, secret, try browser.evaluate("document.querySelector('.webhooks').innerHTML") as? String ?? "")
        }
        #expect(tools.contains("echo") && tools.contains("2 tools"), "\(tools)")
        #expect(secret.count == 43 && !listed.contains(secret), "the secret is shown once, then never")
        let file = String(decoding: try Data(contentsOf: home.appendingPathComponent("webhook_subscriptions.json")), as: UTF8.self)
        #expect(file.contains(secret) && file.contains("Summarise the deploy {id}"))

        let probe = """
            import json
            from hermes_cli.config import load_config
            import hermes_cli.tools_config as tc
            print(json.dumps(sorted(tc._get_platform_tools(load_config(), "cli", include_default_mcp_servers=False))))
            """
        let enabled = try await offThePool { [home] in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: AgentProcess.python ?? "")
            process.arguments = ["-c", probe]
            process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HERMES_") }.merging(["HERMES_HOME": home.path]) {
                $1
            }
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        #expect(!enabled.contains("\"web\"") && enabled.contains("\"terminal\""), "\(enabled)")
    }

    static let stdioServer = #"""
        import json, sys
        for line in sys.stdin:
            message = json.loads(line)
            if message.get("method") == "initialize":
                answer = {"protocolVersion": "2025-03-26", "capabilities": {"tools": {}}, "serverInfo": {"name": "stub", "version": "1"}}
            elif message.get("method") == "tools/list":
                answer = {"tools": [{"name": "echo", "description": "Echoes"}, {"name": "add", "description": "Adds"}]}
            else:
                continue
            print(json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": answer}), flush=True)
        """#
}
