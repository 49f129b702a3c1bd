import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WorkspaceCore

@testable import WorkspaceServer

/// `?profile=` scopes every tab to one profile's own files; a bad name never reaches the disk.
@Suite struct ProfileRoutesTests {
    /// A named profile `coder` beside the fixture's default home, with a config, a key and a job of its own.
    private func addCoder(_ server: TestServer) throws {
        let coder = server.home.root.appendingPathComponent("profiles/coder")
        try FileManager.default.createDirectory(at: coder.appendingPathComponent("cron"), withIntermediateDirectories: true)
        try Data("# coder's own\nmodel:\n  default: coder-model\n  provider: coder-provider\n".utf8).write(
            to: coder.appendingPathComponent("config.yaml"))
        try Data("CODER_ONLY_KEY=sk-coder-0123456789abcdef\n".utf8).write(to: coder.appendingPathComponent(".env"))
        let job =
            #"{"jobs": [{"id": "c0de0000c0de", "name": "coder job", "prompt": "hi", "schedule": {"kind": "interval", "minutes": 30, "display": "every 30m"}, "schedule_display": "every 30m", "enabled": true, "state": "scheduled"}], "updated_at": "2026-12-01T00:00:00+00:00"}"#
        try Data(job.utf8).write(to: coder.appendingPathComponent("cron/jobs.json"))
        try Data("description: writes code\n".utf8).write(to: coder.appendingPathComponent("profile.yaml"))
    }

    @Test func eachProfileAnswersFromItsOwnFilesAndTheDefaultKeepsTodaysPaths() async throws {
        try await TestServer.test(fixture: true) { server, client in
            try addCoder(server)
            var defaultKeys: [String] = []
            try await client.execute(uri: "/api/v1/keys", method: .get, headers: server.authorized) { response in
                defaultKeys = try JSONBody(response.body)["items"]?.array.compactMap { $0["name"]?.string } ?? []
            }
            for uri in ["/api/v1/keys?profile=coder", "/api/v1/keys?profile=Coder"] {
                try await client.execute(uri: uri, method: .get, headers: server.authorized) { response in
                    #expect(response.status == .ok)
                    let names = try JSONBody(response.body)["items"]?.array.compactMap { $0["name"]?.string } ?? []
                    #expect(names.contains("CODER_ONLY_KEY") && !defaultKeys.contains("CODER_ONLY_KEY"), "\(names)")
                    #expect(!String(buffer: response.body).contains("sk-coder-0123456789abcdef"))
                }
            }
            try await client.execute(uri: "/api/v1/keys?profile=default", method: .get, headers: server.authorized) { response in
                let names = try JSONBody(response.body)["items"]?.array.compactMap { $0["name"]?.string } ?? []
                #expect(names == defaultKeys)
            }
            try await client.execute(uri: "/api/v1/config/raw?profile=coder", method: .get, headers: server.authorized) { response in
                let body = try JSONBody(response.body)
                #expect(body["text"]?.string?.hasPrefix("# coder's own") == true)
            }
            try await client.execute(uri: "/api/v1/cron/jobs?profile=coder", method: .get, headers: server.authorized) { response in
                let body = try JSONBody(response.body)
                #expect(body["items"]?.array.compactMap { $0["id"]?.string } == ["c0de0000c0de"])
            }
            try await client.execute(uri: "/api/v1/cron/jobs", method: .get, headers: server.authorized) { response in
                let ids = try JSONBody(response.body)["items"]?.array.compactMap { $0["id"]?.string } ?? []
                #expect(!ids.contains("c0de0000c0de") && !ids.isEmpty)
            }
            try await client.execute(uri: "/api/v1/sessions?profile=coder", method: .get, headers: server.authorized) { response in
                #expect(response.status == .ok)
                let body = try JSONBody(response.body)
                #expect(body["items"]?.array.isEmpty == true, "coder has no state.db: no sessions, never the default's")
            }
            try await client.execute(uri: "/api/v1/status?profile=coder", method: .get, headers: server.authorized) { response in
                let body = try JSONBody(response.body)
                #expect(body["workspace"]?["home"]?.string?.hasSuffix("/profiles/coder") == true)
            }
            try await client.execute(uri: "/api/v1/machine/cron/jobs", method: .get, headers: server.authorized) { response in
                let items = try JSONBody(response.body)["items"]?.array ?? []
                #expect(items.contains { $0["profile"]?.string == "coder" && $0["job"]?["id"]?.string == "c0de0000c0de" })
                #expect(items.contains { $0["profile"]?.string == "default" })
            }
            try await client.execute(uri: "/api/v1/profiles", method: .get, headers: server.authorized) { response in
                let items = try JSONBody(response.body)["items"]?.array ?? []
                #expect(items.compactMap { $0["name"]?.string } == ["default", "coder"])
                let coder = try #require(items.last)
                #expect(coder["model"]?.string == "coder-model" && coder["provider"]?.string == "coder-provider")
                #expect(coder["description"]?.string == "writes code" && coder["cron"]?["total"]?.int == 1)
                #expect(coder["gateway"]?["liveness"]?.string == "stopped")
            }
        }
    }

    @Test func anUnknownProfileIsA404NamingItAndPathTricksA400BeforeAnyPath() async throws {
        try await TestServer.test(fixture: true) { server, client in
            for (uri, status) in [
                ("/api/v1/config?profile=ghost", HTTPResponse.Status.notFound), ("/api/v1/sessions?profile=..%2F..%2Fetc", .badRequest),
                ("/api/v1/keys?profile=a%2Fb", .badRequest), ("/api/v1/logs?profile=.hidden", .badRequest),
                ("/api/v1/profiles/ghost", .notFound), ("/api/v1/profiles/..%2e/soul", .badRequest),
            ] {
                try await client.execute(uri: uri, method: .get, headers: server.authorized) { response in
                    #expect(response.status == status, "\(uri)")
                    if status == .notFound { #expect(String(buffer: response.body).contains("ghost"), "\(uri)") }
                }
            }
            var json = server.authorized
            json[.contentType] = "application/json"
            try await client.execute(
                uri: "/api/v1/keys/X_KEY?profile=ghost", method: .put, headers: json, body: ByteBuffer(string: #"{"value":"v"}"#)
            ) { response in
                #expect(response.status == .notFound)
            }
            #expect(!FileManager.default.fileExists(atPath: server.home.root.appendingPathComponent("profiles/ghost").path))
            try await client.execute(uri: "/api/v1/gateway/stop?profile=default", method: .post, headers: server.authorized) { response in
                #expect(response.status == .conflict, "a stop of a stopped gateway names its state")
                #expect(String(buffer: response.body).contains("not running"))
            }
        }
    }

    @Test func aPersonaIsSavedAgainstItsRevisionAndAuditedInItsProfile() async throws {
        try await TestServer.test(fixture: true) { server, client in
            try addCoder(server)
            var etag = ""
            try await client.execute(uri: "/api/v1/profiles/coder/soul", method: .get, headers: server.authorized) { response in
                let body = try JSONBody(response.body)
                #expect(body["exists"]?.bool == false)
                etag = response.headers[.eTag] ?? ""
            }
            var json = server.authorized
            json[.contentType] = "application/json"
            try await client.execute(uri: "/api/v1/profiles/coder/soul", method: .put, headers: json, body: ByteBuffer(string: #"{"text":"x"}"#)) {
                #expect($0.status == .preconditionRequired)
            }
            var stale = json
            stale[.ifMatch] = "\"soul-000000000000000000000000\""
            try await client.execute(uri: "/api/v1/profiles/coder/soul", method: .put, headers: stale, body: ByteBuffer(string: #"{"text":"x"}"#)) {
                #expect($0.status == .conflict)
            }
            json[.ifMatch] = etag
            try await client.execute(
                uri: "/api/v1/profiles/coder/soul", method: .put, headers: json, body: ByteBuffer(string: #"{"text":"You are Coder.\n"}"#)
            ) { response in
                #expect(response.status == .ok)
            }
            let soul = try String(contentsOf: server.home.root.appendingPathComponent("profiles/coder/SOUL.md"), encoding: .utf8)
            #expect(soul == "You are Coder.\n")
            try await client.execute(uri: "/api/v1/audit?profile=coder", method: .get, headers: server.authorized) { response in
                let items = try JSONBody(response.body)["items"]?.array ?? []
                #expect(items.first?["action"]?.string == "profiles.soul" && items.first?["profile"]?.string == "coder")
            }
        }
    }
}
