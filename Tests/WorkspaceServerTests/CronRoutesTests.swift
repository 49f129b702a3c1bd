import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WorkspaceCore

@testable import WorkspaceServer

@Suite struct CronRoutesTests {
    @Test func aPreviewShowsTheStoredFormAndNextRunsAndRefusesNonsense() async throws {
        try await TestServer.test(fixture: true, bodyLimit: 1 << 20) { server, client in
            var headers = server.authorized
            headers[.contentType] = "application/json"
            try await client.execute(
                uri: "/api/v1/cron/preview", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"schedule":"30 2 * * *","timezone":"Europe/Berlin","count":3}"#)
            ) { response in
                #expect(response.status == .ok)
                let body = try JSONBody(response.body)
                #expect(body["kind"]?.string == "cron")
                #expect(body["schedule"]?["expr"]?.string == "30 2 * * *")
                #expect(body["next"]?.count == 3)
            }
            try await client.execute(
                uri: "/api/v1/cron/preview", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"schedule":"every 2h"}"#)
            ) { response in
                let body = try JSONBody(response.body)
                #expect(body["display"]?.string == "every 120m")
                #expect(body["timezone"]?.string == "Europe/Berlin", "the agent's zone by default")
                #expect(body["next"]?.count == 5)
            }
            for payload in [
                #"{"schedule":"0 9 * * MON"}"#, #"{"schedule":"every 5m","timezone":"Mars/Olympus"}"#, #"{"schedule":"every 5m","count":500}"#,
                #"{"nope":1}"#,
            ] {
                try await client.execute(uri: "/api/v1/cron/preview", method: .post, headers: headers, body: ByteBuffer(string: payload)) {
                    response in
                    #expect(response.status == .badRequest, "\(payload)")
                }
            }
        }
    }

    /// A form checking as the operator types asks with `report`: a schedule the grammar refuses is an answer
    /// (valid: false and the same message the 400 carries), a good one says valid: true; a bad zone or count is
    /// still the caller's mistake, a 400.
    @Test func withReportARefusedScheduleIsAnAnswerNotAnError() async throws {
        try await TestServer.test(fixture: true) { server, client in
            var headers = server.authorized
            headers[.contentType] = "application/json"
            var refusal = ""
            try await client.execute(
                uri: "/api/v1/cron/preview", method: .post, headers: headers, body: ByteBuffer(string: #"{"schedule":"every banana"}"#)
            ) { response in
                #expect(response.status == .badRequest)
                refusal = try JSONBody(response.body)["error"]?["message"]?.string ?? ""
            }
            try await client.execute(
                uri: "/api/v1/cron/preview", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"schedule":"every banana","report":true}"#)
            ) { response in
                #expect(response.status == .ok)
                let body = try JSONBody(response.body)
                #expect(body["valid"]?.bool == false && body["next"]?.count == 0)
                #expect(body["problem"]?["code"]?.string == "invalid_input" && body["problem"]?["message"]?.string == refusal && !refusal.isEmpty)
            }
            try await client.execute(
                uri: "/api/v1/cron/preview", method: .post, headers: headers, body: ByteBuffer(string: #"{"schedule":"every 5m","report":true}"#)
            ) { response in
                let body = try JSONBody(response.body)
                #expect(response.status == .ok && body["valid"]?.bool == true && body["next"]?.count == 5)
            }
            for payload in [#"{"schedule":"every 5m","timezone":"Mars/Olympus","report":true}"#, #"{"schedule":"x","count":500,"report":true}"#] {
                try await client.execute(uri: "/api/v1/cron/preview", method: .post, headers: headers, body: ByteBuffer(string: payload)) {
                    response in
                    #expect(response.status == .badRequest, "\(payload)")
                }
            }
        }
    }
}

@Suite struct CronJobRoutesTests {
    @Test func jobsListWithStatusesAndRunsPageWithoutPathTricks() async throws {
        try await TestServer.test(fixture: true) { server, client in
            try await client.execute(uri: "/api/v1/cron/jobs", method: .get, headers: server.authorized) { response in
                #expect(response.status == .ok)
                let items = try JSONBody(response.body)["items"]?.array ?? []
                #expect(items.count == 5)
                #expect(items.first { $0["id"]?.string == "63f11ee0e504" }?["status"]?.string == "paused")
                #expect(items.first?["job"]?["provider_snapshot"]?.string == "openrouter", "the stored object is passed through untouched")
            }
            try await client.execute(uri: "/api/v1/cron/jobs/5bf88d08e6a1/runs?limit=2", method: .get, headers: server.authorized) { response in
                let page = try JSONBody(response.body)
                #expect(page["items"]?.array.compactMap { $0["id"]?.string } == ["2026-11-12_09-00-00", "2026-11-11_09-00-00"])
                #expect(page["nextCursor"]?.string == "2026-11-11_09-00-00")
            }
            try await client.execute(uri: "/api/v1/cron/jobs/5bf88d08e6a1/runs/2026-11-10_09-00-00", method: .get, headers: server.authorized) {
                response in
                #expect(response.status == .ok)
                let run = try JSONBody(response.body)
                #expect(run["text"]?.string?.isEmpty == false)
            }
            // A huge output: the page gets its first MiB and says so; the download has every byte.
            let huge = String(repeating: "é", count: 600_000) + "END"
            try Data(huge.utf8).write(to: server.home.root.appendingPathComponent("cron/output/5bf88d08e6a1/2026-11-13_09-00-00.md"))
            try await client.execute(uri: "/api/v1/cron/jobs/5bf88d08e6a1/runs/2026-11-13_09-00-00", method: .get, headers: server.authorized) {
                response in
                let run = try JSONBody(response.body)
                let text = run["text"]?.string ?? ""
                #expect(run["truncated"]?.bool == true && run["sizeBytes"]?.int == huge.utf8.count)
                #expect(
                    text.utf8.count <= 1 << 20 && text.utf8.count > (1 << 20) - 4 && !text.hasSuffix("END") && !text.contains("\u{FFFD}"),
                    "cut at a character boundary within the first MiB")
            }
            try await client.execute(
                uri: "/api/v1/cron/jobs/5bf88d08e6a1/runs/2026-11-13_09-00-00?download=true", method: .get, headers: server.authorized
            ) { response in
                #expect(response.headers[.contentDisposition]?.hasPrefix("attachment") == true)
                #expect(String(buffer: response.body) == huge)
            }
            for path in [
                "cron/jobs/nope", "cron/jobs/000000000000/runs", "cron/jobs/..%2F..%2Fconfig/runs", "cron/jobs/5bf88d08e6a1/runs/..%2F..%2Fjobs",
                "cron/jobs/5bf88d08e6a1/runs/2026-11-10_09-00-01",
            ] {
                try await client.execute(uri: "/api/v1/\(path)", method: .get, headers: server.authorized) { response in
                    #expect(path.contains("%2F") ? response.status == .badRequest : response.status == .notFound, "\(path)")
                }
            }
        }
    }
}

@Suite struct CronJobActionRoutesTests {
    private func job(_ server: TestServer, _ id: String) throws -> [String: Any]? {
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: server.home.cronJobsFile)) as? [String: Any]
        return (document?["jobs"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    @Test func pauseResumeTriggerAndDeleteWriteWhatTheAgentWrites() async throws {
        try await TestServer.test(fixture: true, bodyLimit: 1 << 20) { server, client in
            var json = server.authorized
            json[.contentType] = "application/json"
            let id = "5bf88d08e6a1"
            try await client.execute(
                uri: "/api/v1/cron/jobs/\(id)/pause", method: .post, headers: json,
                body: ByteBuffer(string: #"{"reason":"holiday"}"#)
            ) { response in
                #expect(response.status == .ok)
                let body = try JSONBody(response.body)
                #expect(body["status"]?.string == "paused")
            }
            var stored = try #require(try job(server, id))
            #expect(stored["enabled"] as? Bool == false && stored["state"] as? String == "paused" && stored["paused_reason"] as? String == "holiday")
            #expect((stored["paused_at"] as? String)?.hasSuffix("+01:00") == true)

            try await client.execute(uri: "/api/v1/cron/jobs/\(id)/resume", method: .post, headers: server.authorized) { response in
                #expect(response.status == .ok)
            }
            stored = try #require(try job(server, id))
            #expect(stored["enabled"] as? Bool == true && stored["state"] as? String == "scheduled" && stored["paused_at"] is NSNull)
            let next = try #require((stored["next_run_at"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
            #expect(next > Date().addingTimeInterval(25 * 60), "an every-30m job resumes 30 minutes from now")

            try await client.execute(uri: "/api/v1/cron/jobs/\(id)/trigger", method: .post, headers: server.authorized) { response in
                #expect(response.status == .ok)
            }
            let due = try #require((try job(server, id)?["next_run_at"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
            #expect(due <= Date())

            try await client.execute(uri: "/api/v1/cron/jobs/\(id)", method: .delete, headers: server.authorized) { response in
                #expect(response.status == .noContent)
            }
            #expect(try job(server, id) == nil)
            #expect(!FileManager.default.fileExists(atPath: server.home.cronDirectory.appendingPathComponent("output/\(id)").path))
            try await client.execute(uri: "/api/v1/cron/jobs/\(id)/pause", method: .post, headers: server.authorized) { response in
                #expect(response.status == .notFound)
            }
            let actions = try await server.services.audit.page(AuditQuery()).items.map(\.action)
            #expect(Array(actions.prefix(5)) == ["cron.pause", "cron.delete", "cron.trigger", "cron.resume", "cron.pause"])
        }
    }
}
