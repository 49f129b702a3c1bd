import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WorkspaceCore

@testable import WorkspaceServer

@Suite struct CronJobEditRoutesTests {
    private func stored(_ server: TestServer) throws -> [[String: Any]] {
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: server.home.cronJobsFile)) as? [String: Any]
        return document?["jobs"] as? [[String: Any]] ?? []
    }

    private func digest(_ url: URL) throws -> String {
        SHA256.hash(data: try Data(contentsOf: url)).map { String(format: "%02x", $0) }.joined()
    }

    @Test func createWritesTheAgentsRecordAndEditNeedsTheETag() async throws {
        try await TestServer.test(fixture: true, bodyLimit: 1 << 20) { server, client in
            var json = server.authorized
            json[.contentType] = "application/json"
            let body = #"{"prompt":"Summarise the news","schedule":"every 2h","skills":["arxiv","arxiv"," web "],"deliver":"telegram"}"#
            var etag = ""
            var id = ""
            try await client.execute(uri: "/api/v1/cron/jobs", method: .post, headers: json, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .created)
                etag = try #require(response.headers[.eTag])
                let job = try JSONBody(response.body)
                id = try #require(job["id"]?.string)
                #expect(job["etag"]?.string == etag)
            }
            let record = try #require(try stored(server).last)
            #expect(record["id"] as? String == id && id.count == 12)
            #expect(record["name"] as? String == "Summarise the news")
            #expect(record["skills"] as? [String] == ["arxiv", "web"] && record["skill"] as? String == "arxiv")
            #expect((record["schedule"] as? [String: Any])?["display"] as? String == "every 120m")
            #expect((record["repeat"] as? [String: Any])?["times"] is NSNull)
            #expect(record["model_snapshot"] as? String != nil, "an unpinned job snapshots the configured model, as the agent does")
            let text = try String(contentsOf: server.home.cronJobsFile, encoding: .utf8)
            let keyOrder = [
                "\"id\"", "\"name\"", "\"prompt\"", "\"skills\"", "\"skill\"", "\"model\"", "\"provider\"", "\"provider_snapshot\"",
                "\"model_snapshot\"", "\"base_url\"", "\"script\"", "\"no_agent\"", "\"context_from\"", "\"schedule\"",
                "\"schedule_display\"", "\"repeat\"", "\"enabled\"", "\"state\"", "\"paused_at\"", "\"paused_reason\"",
                "\"created_at\"", "\"next_run_at\"", "\"last_run_at\"", "\"last_status\"", "\"last_error\"",
                "\"last_delivery_error\"", "\"deliver\"", "\"origin\"", "\"enabled_toolsets\"", "\"workdir\"",
            ]
            let created = try #require(text.range(of: "\"id\": \"\(id)\""))
            let positions = keyOrder.compactMap { text.range(of: $0, range: created.lowerBound..<text.endIndex)?.lowerBound }
            #expect(positions.count == keyOrder.count && positions == positions.sorted(), "keys in create_job's order")

            var edit = json
            try await client.execute(
                uri: "/api/v1/cron/jobs/\(id)", method: .put, headers: json, body: ByteBuffer(string: #"{"schedule":"0 9 * * 1-5"}"#)
            ) { response in
                #expect(response.status == .preconditionRequired)
            }
            edit[.ifMatch] = "\"job-000\""
            try await client.execute(
                uri: "/api/v1/cron/jobs/\(id)", method: .put, headers: edit, body: ByteBuffer(string: #"{"schedule":"0 9 * * 1-5"}"#)
            ) { response in
                #expect(response.status == .conflict)
            }
            edit[.ifMatch] = etag
            try await client.execute(
                uri: "/api/v1/cron/jobs/\(id)", method: .put, headers: edit,
                body: ByteBuffer(string: #"{"schedule":"0 9 * * 1-5","name":"Weekday news","repeat":3,"model":"gpt-5"}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] != etag)
            }
            let edited = try #require(try stored(server).first { $0["id"] as? String == id })
            #expect(edited["schedule_display"] as? String == "0 9 * * 1-5" && edited["name"] as? String == "Weekday news")
            #expect((edited["repeat"] as? [String: Any])?["times"] as? Int == 3)
            #expect(edited["model"] as? String == "gpt-5" && edited["model_snapshot"] is NSNull, "a pinned model carries no snapshot")
            #expect(edited["prompt"] as? String == "Summarise the news", "fields not sent are kept")
            let next = try #require((edited["next_run_at"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
            #expect(next > Date())
        }
    }

    @Test func badEditsAreRefusedAndLeaveTheFileAlone() async throws {
        try await TestServer.test(fixture: true, bodyLimit: 1 << 20) { server, client in
            var json = server.authorized
            json[.contentType] = "application/json"
            json[.ifMatch] = "*"
            let before = try digest(server.home.cronJobsFile)
            let refused = [
                ("/api/v1/cron/jobs", HTTPRequest.Method.post, #"{"prompt":"x"}"#, "invalid_input"),
                ("/api/v1/cron/jobs", .post, #"{"prompt":"x","schedule":"every banana"}"#, "invalid_input"),
                ("/api/v1/cron/jobs", .post, #"{"prompt":"x","schedule":"2h","sheduel":"typo"}"#, "invalid_input"),
                ("/api/v1/cron/jobs", .post, #"{"prompt":"x","schedule":"2h","repeat":"twice"}"#, "invalid_input"),
                ("/api/v1/cron/jobs", .post, #"{"prompt":"x","schedule":"2020-01-01T00:00:00Z"}"#, "invalid_input"),
                ("/api/v1/cron/jobs", .post, #"{"prompt":"then run hermes gateway restart","schedule":"1d"}"#, "invalid_input"),
                ("/api/v1/cron/jobs", .post, #"{"schedule":"1d","noAgent":true}"#, "invalid_input"),
                ("/api/v1/cron/jobs", .post, #"{"schedule":"1d","workdir":"relative/dir"}"#, "invalid_input"),
                ("/api/v1/cron/jobs", .post, #"{"schedule":"1d""#, "invalid_json"),
                ("/api/v1/cron/jobs", .post, #"[1,2]"#, "invalid_input"),
                ("/api/v1/cron/jobs/5bf88d08e6a1", .put, #"{"schedule":null}"#, "invalid_input"),
                ("/api/v1/cron/jobs/..%2Fjobs", .put, #"{"name":"x"}"#, "invalid_path"),
                ("/api/v1/cron/jobs/000000000000", .put, #"{"name":"x"}"#, "not_found"),
            ]
            for (path, method, payload, code) in refused {
                try await client.execute(uri: path, method: method, headers: json, body: ByteBuffer(string: payload)) { response in
                    #expect((400..<500).contains(response.status.code), "\(payload)")
                    let body = try JSONBody(response.body)
                    #expect(body["error"]?["code"]?.string == code, "\(payload)")
                }
            }
            #expect(try digest(server.home.cronJobsFile) == before)
        }
    }

    @Test func anEditKeepsUnknownFieldsAndTheJobsPlace() async throws {
        try await TestServer.test(fixture: true, bodyLimit: 1 << 20) { server, client in
            let url = server.home.cronJobsFile
            let original = try String(contentsOf: url, encoding: .utf8)
            try original.replacingOccurrences(
                of: "\"id\": \"5bf88d08e6a1\",", with: "\"id\": \"5bf88d08e6a1\",\n      \"x_custom\": {\"keep\": [1, 2]},"
            )
            .write(to: url, atomically: true, encoding: .utf8)
            let order = try stored(server).compactMap { $0["id"] as? String }
            var json = server.authorized
            json[.contentType] = "application/json"
            json[.ifMatch] = "*"
            try await client.execute(
                uri: "/api/v1/cron/jobs/5bf88d08e6a1", method: .put, headers: json, body: ByteBuffer(string: #"{"prompt":"Café ☕ report"}"#)
            ) { response in
                #expect(response.status == .ok)
            }
            let jobs = try stored(server)
            #expect(jobs.compactMap { $0["id"] as? String } == order)
            let job = try #require(jobs.first { $0["id"] as? String == "5bf88d08e6a1" })
            #expect((job["x_custom"] as? [String: Any])?["keep"] as? [Int] == [1, 2])
            #expect(job["prompt"] as? String == "Café ☕ report")
            #expect(try String(contentsOf: url, encoding: .utf8).contains(#"Caf\u00e9 \u2615 report"#), "ensure_ascii, as json.dump writes it")
        }
    }
}

@Suite struct CronSchedulerRoutesTests {
    @Test func gatewayModeWarnsWhenJobsAreOverdueAndTheTickerIsStale() async throws {
        try await TestServer.test(fixture: true) { server, client in
            try await client.execute(uri: "/api/v1/cron/scheduler", method: .get, headers: server.authorized) { response in
                #expect(response.status == .ok)
                let body = try JSONBody(response.body)
                #expect(body["state"]?["mode"]?.string == "gateway" && body["state"]?["active"]?.bool == false)
                #expect(body["ticker"]?["stale"]?.bool == true)
                #expect((body["overdueJobs"]?.int ?? 0) >= 3)
                #expect(body["warnings"]?.array.first?.string?.contains("cron ticker is not running") == true)
            }
        }
    }

    @Test func aTriggeredJobRunsOnTheLocalSchedulerAndShowsItsRun() async throws {
        let settings = CronSchedulerSettings(mode: .local, command: "sh -c 'echo done {id}'", timeout: 10)
        try await TestServer.test(fixture: true, cron: settings) { server, client in
            try await client.execute(uri: "/api/v1/cron/scheduler", method: .get, headers: server.authorized) { response in
                let body = try JSONBody(response.body)
                #expect(body["state"]?["mode"]?.string == "local" && body["state"]?["active"]?.bool == true)
                #expect(body["state"]?["executor"]?.string?.hasPrefix("command: sh -c") == true)
            }
            try await client.execute(uri: "/api/v1/cron/jobs/730faee96df4/trigger", method: .post, headers: server.authorized) { response in
                #expect(response.status == .ok)
            }
            var gone = false
            for _ in 0..<200 where !gone {
                try await Task.sleep(for: .milliseconds(50))
                try await client.execute(uri: "/api/v1/cron/jobs/730faee96df4", method: .get, headers: server.authorized) { response in
                    gone = response.status == .notFound
                }
            }
            #expect(gone, "the one-shot ran and left jobs.json")
            try await client.execute(uri: "/api/v1/cron/jobs/730faee96df4/runs", method: .get, headers: server.authorized) { response in
                let runs = try JSONBody(response.body)["items"]?.array ?? []
                #expect(runs.count == 1)
            }
        }
    }
}
