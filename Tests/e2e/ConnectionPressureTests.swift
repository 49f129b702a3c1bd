import Foundation
import Testing

/// 2,000 idle connections, 100 slowloris clients and the most event streams the server allows, all at once: the
/// real binary keeps answering /api/v1/health and keeps every stream open. The latency figures are printed, not
/// asserted (Benchmarks/connections.sh measures them on the release binary).
@Suite struct ConnectionPressureTests {
    @Test func healthAnswersUnderIdleSlowAndStreamingConnections() async throws {
        let site = try await DemoSite.start(sessions: 5)
        defer { site.stop() }
        let client = try await site.client()
        let script = BrowserEnvironment.repository.appendingPathComponent("Benchmarks/connections/pressure.py").path
        let output = try await offThePool {
            try run(
                "/usr/bin/python3",
                [
                    script, String(client.port), client.token, "--idle", "2000", "--slow", "100", "--sse", "64",
                    "--probes", "100", "--hold", "5",
                ])
        }
        print("connection pressure: \(output)")
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(figures["health_failures"] as? Int == 0)
        #expect(figures["event_streams_open"] as? Int == 64, "every stream the server accepted stayed open")
        #expect((figures["health_under_pressure_ms"] as? [String: Any])?["count"] as? Int ?? 0 >= 100)
        #expect(site.server.isRunning)
        // And after they all went away: the kernel may still be tearing down thousands of sockets for a moment, so
        // wait (with a deadline) for the server to accept again rather than judging the first attempt.
        var after = 0
        let deadline = Date().addingTimeInterval(15)
        while after != 200, Date() < deadline {
            after = (try? await client.send("GET", "/api/v1/health").status) ?? 0
            if after != 200 { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(after == 200, "and after they all went away")
    }
}
