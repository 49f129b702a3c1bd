import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WorkspaceCore

@testable import WorkspaceServer

@Suite struct MetricsRoutesTests {
    private static let parser = "/usr/bin/python3"
    private static let parserAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: parser)
        process.arguments = ["-c", "import prometheus_client.parser"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test func metricsAreOffUnlessEnabled() async throws {
        try await TestServer.test(fixture: true) { server, client in
            try await client.execute(uri: "/metrics", method: .get, headers: server.authorized) { response in
                #expect(
                    response.headers[.contentType]?.hasPrefix("text/html") == true || response.status == .notFound,
                    "no metrics route without --metrics")
                #expect(!String(buffer: response.body).contains("hermes_workspace_"))
            }
        }
    }

    @Test(.enabled(if: parserAvailable, "python3-prometheus-client is needed to parse the exposition (apt-get install python3-prometheus-client)"))
    func theExpositionParsesAndCountsRequestsByRoute() async throws {
        try await TestServer.test(fixture: true, metrics: true) { server, client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .unauthorized, "the token is required")
            }
            for _ in 0..<3 {
                try await client.execute(uri: "/api/v1/sessions/stats", method: .get, headers: server.authorized) { _ in }
            }
            try await client.execute(uri: "/api/v1/sessions/nope-nope", method: .get, headers: server.authorized) { _ in }
            var text = ""
            try await client.execute(uri: "/metrics", method: .get, headers: server.authorized) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                text = String(buffer: response.body)
            }
            let script = """
                import json, sys
                from prometheus_client.parser import text_string_to_metric_families
                out = {}
                for family in text_string_to_metric_families(sys.stdin.read()):
                    for sample in family.samples:
                        out.setdefault(family.name, []).append([sample.name, sample.labels, sample.value])
                print(json.dumps(out))
                """
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.parser)
            process.arguments = ["-c", script]
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            input.fileHandleForWriting.write(Data(text.utf8))
            try input.fileHandleForWriting.close()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "the Prometheus parser accepts the exposition:\n\(text)")
            let families = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [[Any]]])
            let requests = families["hermes_workspace_http_requests"] ?? []
            let stats = requests.first {
                (($0[1] as? [String: String])?["route"]) == "/api/v1/sessions/stats" && ($0[1] as? [String: String])?["status"] == "200"
            }
            #expect(stats?[2] as? Double == 3, "\(requests)")
            #expect(
                requests.contains {
                    ($0[1] as? [String: String])?["route"] == "/api/v1/sessions/{id}" && ($0[1] as? [String: String])?["status"] == "404"
                },
                "route templates, not raw paths")
            for name in [
                "hermes_workspace_http_request_duration_seconds", "hermes_workspace_sse_clients", "hermes_workspace_gateway_up",
                "hermes_workspace_approvals_pending", "hermes_workspace_cron_jobs_due", "hermes_workspace_cron_jobs_failed",
                "hermes_workspace_state_db_read_duration_seconds", "hermes_workspace_state_db_up",
                "hermes_workspace_approvals_staged_writes", "hermes_workspace_pairing_requests_pending",
            ] {
                #expect(families[name] != nil, "\(name) in \(families.keys.sorted())")
            }
            #expect((families["hermes_workspace_cron_jobs_due"]?.first?[2] as? Double ?? 0) >= 3, "the fixture's overdue jobs")
        }
    }
}
