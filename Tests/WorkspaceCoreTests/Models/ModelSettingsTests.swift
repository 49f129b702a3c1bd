import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct ModelSettingsTests {
    private static let original = """
        # the model
        model:
          default: anthropic/claude-sonnet-4.5   # keep this comment
          provider: openrouter
        auxiliary:
          vision:
            provider: custom
            model: qwen-vl
            base_url: http://127.0.0.1:1/v1
            api_key: ${VISION_KEY}
        providers:
          local:
            base_url: http://127.0.0.1:2/v1
            api_key: ${LOCAL_KEY}

        """

    private func settings(_ fixture: FixtureHome) -> (ModelSettings, AuditLog) {
        let audit = AuditLog(home: fixture.home)
        let config = ConfigStore(home: fixture.home, audit: audit, environment: [:])
        return (ModelSettings(config: config, keys: KeyVault(home: fixture.home, audit: audit, environment: [:])), audit)
    }

    @Test func everySlotWithTheKeyItNeedsAndEditsTheAgentReads() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try fixture.write(Self.original, to: "config.yaml")
        try fixture.write("OPENROUTER_API_KEY=sk-or-1\nVISION_KEY=v\n", to: ".env")
        let (models, _) = settings(fixture)
        var overview = try models.overview()
        #expect(overview.main.model == "anthropic/claude-sonnet-4.5" && overview.main.key == "OPENROUTER_API_KEY" && overview.main.keySet)
        let vision = try #require(overview.auxiliary.first { $0.slot == "vision" })
        #expect(vision.key == "VISION_KEY" && vision.keySet && !vision.usesMain && vision.baseURL == "http://127.0.0.1:1/v1")
        #expect(overview.auxiliary.first { $0.slot == "compression" }?.usesMain == true)
        #expect(
            overview.endpoints == [
                .init(name: "local", baseURL: "http://127.0.0.1:2/v1", model: nil, key: "LOCAL_KEY", keySet: false, source: "providers")
            ])

        overview = try await models.setMain(model: "openai/gpt-5", provider: nil, baseURL: nil, expecting: .exactly(overview.etag), actor: nil)
        overview = try await models.setAuxiliary(
            "compression", provider: "openrouter", model: "google/gemini-2.5-flash", baseURL: nil, expecting: .exactly(overview.etag), actor: nil)
        let text = String(decoding: try Data(contentsOf: fixture.home.configFile), as: UTF8.self)
        #expect(
            text.split(separator: "\n").contains { $0.hasPrefix("  default: openai/gpt-5 ") && $0.hasSuffix("# keep this comment") }
                && text.hasPrefix("# the model\n"), "\(text)")
        await #expect(throws: WorkspaceError.self) { try await models.setMain(model: "", provider: nil, baseURL: nil, expecting: .any, actor: nil) }
        await #expect(throws: WorkspaceError.self) {
            try await models.setAuxiliary("nonsense", provider: nil, model: "x", baseURL: nil, expecting: .any, actor: nil)
        }
        await #expect(throws: WorkspaceError.self) {
            try await models.setMain(model: "x", provider: nil, baseURL: "file:///etc/passwd", expecting: .any, actor: nil)
        }
        #expect(String(decoding: try Data(contentsOf: fixture.home.configFile), as: UTF8.self) == text, "refusals changed nothing")

        guard AgentPython.url != nil else { return AgentPython.noteSkipped("the reference agent's read-back") }
        let run = try await AgentPython.run(
            [
                "-c",
                "import json; from hermes_cli.config import load_config; c = load_config(); print(json.dumps({'main': c['model']['default'], 'aux': c['auxiliary']['compression']}))",
            ], home: fixture.home)
        #expect(run.status == 0, "\(run.errors)")
        let line = String(decoding: run.output, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(answer["main"] as? String == "openai/gpt-5")
        let aux = try #require(answer["aux"] as? [String: Any])
        #expect(aux["provider"] as? String == "openrouter" && aux["model"] as? String == "google/gemini-2.5-flash", "\(aux)")
    }

    private static let stub = """
        import http.server, json, sys
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/redirect/models":
                    self.send_response(302)
                    self.send_header("Location", "http://169.254.169.254/latest/meta-data")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                ok = self.path == "/v1/models" and self.headers.get("Authorization") == "Bearer sk-local-key"
                body = json.dumps({"data": [{"id": "a"}, {"id": "b"}]} if ok else {"error": "no"}).encode()
                self.send_response(200 if ok else 401)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args): pass
        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        print(server.server_port, flush=True)
        server.serve_forever()
        """

    /// Test calls only a base URL config.yaml names, with that setting's key, and says what it found; the call is
    /// audited.
    @Test func aTestCallsOnlyAConfiguredURLWithItsKey() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", Self.stub]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // SIGKILL: the test runner's children ignore SIGTERM.
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let port = try await offloaded { () -> Int in
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                line.append(chunk)
            }
            return Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }
        try fixture.write(
            Self.original.replacingOccurrences(of: "127.0.0.1:2", with: "127.0.0.1:\(port)")
                .replacingOccurrences(of: "http://127.0.0.1:1/v1", with: "http://127.0.0.1:\(port)/redirect"), to: "config.yaml")
        try fixture.write("LOCAL_KEY=sk-local-key\n", to: ".env")
        let (models, audit) = settings(fixture)
        let result = try await models.test(baseURL: "http://127.0.0.1:\(port)/v1", actor: nil, audit: audit)
        #expect(result.ok && result.status == 200 && result.models == 2, "\(result)")
        await #expect(throws: WorkspaceError.self) { try await models.test(baseURL: "http://169.254.169.254/latest", actor: nil, audit: audit) }
        let refused = try await models.test(baseURL: "http://127.0.0.1:\(port)/redirect", actor: nil, audit: audit)
        #expect(!refused.ok && refused.problem != nil)
        #expect(refused.status == 302, "a redirect is answered, not followed: \(refused)")
        var query = AuditQuery()
        query.actionPrefix = "models.test"
        let recorded = try await audit.page(query).items
        #expect(recorded.count == 2, "\(recorded)")
    }
}
