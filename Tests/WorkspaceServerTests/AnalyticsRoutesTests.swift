import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WorkspaceServer

@Suite struct AnalyticsRoutesTests {
    @Test func usageBucketsTheRequestedWindowAndZone() async throws {
        try await TestServer.test(fixture: true) { server, client in
            try await client.execute(
                uri: "/api/v1/analytics/usage?from=2026-09-01&to=2026-11-30&tz=UTC&bucket=week", method: .get,
                headers: server.authorized
            ) { response in
                #expect(response.status == .ok)
                let body = try JSONBody(response.body)
                #expect(["UTC", "GMT"].contains(body["window"]?["timeZone"]?.string ?? ""))
                #expect(body["buckets"]?[0]?["label"]?.string == "2026-W36")
                let expected = try server.readState { db in
                    try Int.fetchOne(
                        db, sql: "SELECT SUM(input_tokens) FROM sessions WHERE started_at >= ? AND started_at < ?",
                        arguments: [
                            body["window"]?["from"]?.string.flatMap { try? Date($0, strategy: .iso8601) }?.timeIntervalSince1970,
                            body["window"]?["to"]?.string.flatMap { try? Date($0, strategy: .iso8601) }?.timeIntervalSince1970,
                        ])
                }
                #expect(body["totals"]?["tokens"]?["input"]?.int == expected)
            }
            try await client.execute(uri: "/api/v1/analytics/usage?days=30", method: .get, headers: server.authorized) { response in
                let body = try JSONBody(response.body)
                #expect(body["window"]?["timeZone"]?.string == "Europe/Berlin", "the agent's configured zone is the default")
                #expect(body["buckets"]?.count == 30)
            }
        }
    }

    @Test func everyReportAnswersAndBadWindowsAreA400() async throws {
        try await TestServer.test(fixture: true) { server, client in
            for path in ["models?days=365", "platforms?days=365", "top-sessions?days=365&by=tokens&limit=3"] {
                try await client.execute(uri: "/api/v1/analytics/\(path)", method: .get, headers: server.authorized) { response in
                    #expect(response.status == .ok, "\(path)")
                }
            }
            try await client.execute(
                uri: "/api/v1/analytics/top-sessions?from=2026-01-01&to=2026-12-31&by=tokens&limit=3", method: .get,
                headers: server.authorized
            ) { response in
                #expect((try? JSONBody(response.body))?["sessions"]?.count == 3)
            }
            for query in [
                "bucket=hour", "tz=Mars/Olympus", "from=2026-11-10&to=2026-11-01", "days=0", "days=x", "from=2000-01-01&to=2026-01-01",
                "by=vibes",
            ] {
                try await client.execute(uri: "/api/v1/analytics/top-sessions?\(query)", method: .get, headers: server.authorized) { response in
                    #expect(response.status == .badRequest, "\(query)")
                }
            }
        }
    }
}
