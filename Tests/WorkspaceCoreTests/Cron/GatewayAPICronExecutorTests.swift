import Foundation
import Testing

@testable import WorkspaceCore

/// The API-server executor against a stand-in OpenAI-compatible server (Python's http.server) on loopback.
@Suite struct GatewayAPICronExecutorTests {
    private static let server = """
        import http.server, json, sys
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if self.headers.get("Authorization") != "Bearer key-0123456789abcdef":
                    self.send_response(401); answer = {"error": {"message": "Invalid API key", "type": "invalid_request_error", "code": "invalid_api_key"}}
                else:
                    self.send_response(200)
                    answer = {"choices": [{"message": {"role": "assistant", "content": "echo: " + body["messages"][0]["content"] + " / " + self.headers.get("X-Hermes-Session-Id", "")}}]}
                data = json.dumps(answer).encode()
                self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(data))); self.end_headers()
                self.wfile.write(data)
            def log_message(self, *args): pass
        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        open(sys.argv[1] + ".tmp", "w").write(str(server.server_address[1]))
        import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
        server.serve_forever()
        """

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3 is needed for the stand-in API server"))
    func aRunIsAChatCompletionWithTheKeyAndTheCronSession() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        let portFile = fixture.home.root.appendingPathComponent("port")
        process.arguments = ["-c", Self.server, portFile.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // SIGKILL: the test runner may block SIGTERM, and a spawned child inherits that mask.
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        var port = ""
        for _ in 0..<100 where port.isEmpty {
            try await Task.sleep(for: .milliseconds(50))
            port = (try? String(contentsOf: portFile, encoding: .utf8)) ?? ""
        }
        let request = CronRunRequest(
            id: "abc", name: "n", prompt: "hello", skills: [], model: nil, script: nil, workdir: nil, sessionID: "cron_abc_20261126_100000")
        let executor = GatewayAPICronExecutor(home: fixture.home, timeout: 10)
        let off = await executor.run(request)
        #expect(!off.succeeded && off.error?.contains("API_SERVER_KEY is not set") == true)

        try fixture.write("API_SERVER_KEY=wrong-key-0123456789\nAPI_SERVER_PORT=\(port)\n", to: ".env")
        let refused = await executor.run(request)
        #expect(!refused.succeeded && refused.error == "The API server answered 401: Invalid API key")

        try fixture.write("API_SERVER_KEY=key-0123456789abcdef\nAPI_SERVER_PORT=\(port)\n", to: ".env")
        let answered = await executor.run(request)
        #expect(answered == CronRunResult(succeeded: true, output: "echo: hello / cron_abc_20261126_100000"))

        try fixture.write("API_SERVER_KEY=key-0123456789abcdef\nAPI_SERVER_HOST=example.com\n", to: ".env")
        let remote = await executor.run(request)
        #expect(!remote.succeeded && remote.error?.contains("not this machine") == true)
    }
}
