import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
import WorkspaceCore

@testable import WorkspaceServer

@Suite struct SessionRoutesTests {
    private func firstSessionID(_ server: TestServer, where condition: String = "1") throws -> String {
        try server.readState { db in
            try String.fetchOne(db, sql: "SELECT id FROM sessions WHERE \(condition) ORDER BY started_at DESC LIMIT 1")!
        }
    }

    @Test func listPagesWithACursorAndCountsOnRequest() async throws {
        try await TestServer.test(fixture: true) { server, client in
            try await client.execute(uri: "/api/v1/sessions", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            var cursor: String?
            try await client.execute(uri: "/api/v1/sessions?limit=30&total=true", method: .get, headers: server.authorized) { response in
                #expect(response.status == .ok)
                let body = try JSONBody(response.body)
                #expect(body["items"]?.count == 30)
                #expect(body["total"]?.int == 40)
                cursor = body["nextCursor"]?.string
            }
            let next = try #require(cursor)
            try await client.execute(uri: "/api/v1/sessions?limit=30&cursor=\(next)", method: .get, headers: server.authorized) { response in
                let body = try JSONBody(response.body)
                #expect(body["items"]?.count == 10)
                #expect(body["nextCursor"] == nil)
            }
            try await client.execute(uri: "/api/v1/sessions?platform=telegram,discord&sort=cost&order=asc", method: .get, headers: server.authorized)
            { response in
                let platforms = Set(try JSONBody(response.body)["items"]?.array.compactMap { $0["platform"]?.string } ?? [])
                #expect(platforms == ["telegram", "discord"])
            }
        }
    }

    @Test func aCachedPageIsReplacedAsSoonAsTheAgentWrites() async throws {
        try await TestServer.test(fixture: true) { server, client in
            try await client.execute(uri: "/api/v1/sessions?limit=1", method: .get, headers: server.authorized) { response in
                #expect((try? JSONBody(response.body))?["items"]?[0]?["id"]?.string != "brand_new")
            }
            try server.writeState { db in
                try db.execute(
                    sql: "INSERT INTO sessions (id, source, started_at) VALUES ('brand_new', 'cli', ?)", arguments: [Date().timeIntervalSince1970])
            }
            try await client.execute(uri: "/api/v1/sessions?limit=1", method: .get, headers: server.authorized) { response in
                #expect((try? JSONBody(response.body))?["items"]?[0]?["id"]?.string == "brand_new")
            }
        }
    }

    @Test func malformedQueryParametersAreA400NamingTheParameter() async throws {
        try await TestServer.test(fixture: true) { server, client in
            for (query, parameter) in [
                ("limit=0", "limit"), ("limit=abc", "limit"), ("sort=bogus", "sort"), ("cursor=%%%", "cursor"),
                ("from=2026-13-01", "from"), ("order=sideways", "order"), ("hasChildren=maybe", "hasChildren"),
                ("cursor=eyJzIjoiY29zdCIsInYiOjEsImkiOiJ4In0", "cursor"),
            ] {
                try await client.execute(uri: "/api/v1/sessions?\(query)", method: .get, headers: server.authorized) { response in
                    #expect(response.status == .badRequest, "\(query)")
                    #expect(errorCode(response.body) == "invalid_query", "\(query)")
                    #expect((try? JSONBody(response.body))?["error"]?["details"]?["parameter"]?.string == parameter, "\(query)")
                }
            }
        }
    }

    @Test func detailMessagesAndUnknownIds() async throws {
        try await TestServer.test(fixture: true) { server, client in
            let id = try firstSessionID(server)
            try await client.execute(uri: "/api/v1/sessions/\(id)", method: .get, headers: server.authorized) { response in
                #expect(response.status == .ok)
                let body = try JSONBody(response.body)
                #expect(body["conversation"]?["id"]?.string == id)
                #expect(body["usage"]?.count == 1)
            }
            var after: String?
            try await client.execute(uri: "/api/v1/sessions/\(id)/messages?limit=5", method: .get, headers: server.authorized) { response in
                let body = try JSONBody(response.body)
                #expect(body["items"]?.count == 5)
                #expect(body["total"]?.int == 16)
                after = body["nextCursor"]?.string
            }
            try await client.execute(
                uri: "/api/v1/sessions/\(id)/messages?limit=500&after=\(try #require(after))", method: .get, headers: server.authorized
            ) { response in
                #expect((try? JSONBody(response.body))?["items"]?.count == 11)
            }
            try await client.execute(uri: "/api/v1/sessions/nope", method: .get, headers: server.authorized) { response in
                #expect(response.status == .notFound)
                #expect(errorCode(response.body) == "not_found")
            }
            try await client.execute(uri: "/api/v1/sessions/nope/messages", method: .get, headers: server.authorized) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/sessions/\(id)/messages?limit=501", method: .get, headers: server.authorized) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func searchRefusesEmptyAndOversizedTextAndSearchesHostileTextLiterally() async throws {
        try await TestServer.test(fixture: true) { server, client in
            try await client.execute(uri: "/api/v1/sessions/search", method: .get, headers: server.authorized) { response in
                #expect(response.status == .badRequest)
            }
            let huge = String(repeating: "a", count: 10_000)
            try await client.execute(uri: "/api/v1/sessions/search?q=\(huge)", method: .get, headers: server.authorized) { response in
                #expect(response.status == .badRequest)
                #expect(errorCode(response.body) == "invalid_search")
            }
            for text in ["%22unbalanced", "NEAR(a%20b)", "a%20OR", "content%3Ax", "%5E%2A"] {
                try await client.execute(uri: "/api/v1/sessions/search?q=\(text)", method: .get, headers: server.authorized) { response in
                    #expect([.ok, .badRequest].contains(response.status), "\(text)")
                }
            }
            let word = try server.readState { db in
                try String.fetchOne(db, sql: "SELECT content FROM messages WHERE role = 'user' LIMIT 1")!.split(separator: " ").first.map(
                    String.init)!
            }
            try await client.execute(uri: "/api/v1/sessions/search?q=\(word)", method: .get, headers: server.authorized) { response in
                #expect(response.status == .ok)
                #expect((try? JSONBody(response.body))?["groups"]?.count ?? 0 > 0)
            }
            // Form encoding: `+` is a space, as browsers and curl --data-urlencode send it.
            var answers: [String] = []
            for query in ["\(word)+zzqx", "\(word)%20zzqx"] {
                try await client.execute(uri: "/api/v1/sessions/search?q=\(query)", method: .get, headers: server.authorized) { response in
                    answers.append((try? JSONBody(response.body))?["expression"]?.string ?? "?")
                }
            }
            #expect(answers[0] == answers[1] && !answers[0].contains("+"), "\(answers)")
        }
    }

    @Test func exportsStreamAsDownloads() async throws {
        try await TestServer.test(fixture: true) { server, client in
            let id = try firstSessionID(server)
            try await client.execute(uri: "/api/v1/sessions/\(id)/export?format=jsonl", method: .get, headers: server.authorized) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"session-\(id).jsonl\"")
                #expect(response.headers[.contentType]?.hasPrefix("application/x-ndjson") == true)
                #expect(String(buffer: response.body).split(separator: "\n").count == 17)
            }
            try await client.execute(uri: "/api/v1/sessions/\(id)/export", method: .get, headers: server.authorized) { response in
                #expect((try? JSONBody(response.body))?["messages"]?.count == 16)
            }
            try await client.execute(uri: "/api/v1/sessions/\(id)/export?format=pdf", method: .get, headers: server.authorized) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func deletesAreAuditedRefuseLiveSessionsAndValidateTheirBodies() async throws {
        try await TestServer.test(fixture: true, bodyLimit: 1 << 20) { server, client in
            let id = try firstSessionID(server)
            try await client.execute(uri: "/api/v1/sessions/\(id)", method: .delete, headers: server.authorized) { response in
                #expect(response.status == .ok)
                #expect((try? JSONBody(response.body))?["removedMessages"]?.int == 16)
            }
            try await client.execute(uri: "/api/v1/sessions/\(id)", method: .delete, headers: server.authorized) { response in
                #expect(response.status == .notFound)
            }
            #expect(try await server.services.audit.page(AuditQuery()).items.first?.target == id)

            let open = try firstSessionID(server, where: "ended_at IS NULL")
            try server.writeState { db in
                try db.execute(
                    sql: "INSERT INTO messages (session_id, role, content, timestamp) VALUES (?, 'user', 'still here', ?)",
                    arguments: [open, Date().timeIntervalSince1970])
            }
            try await client.execute(uri: "/api/v1/sessions/\(open)", method: .delete, headers: server.authorized) { response in
                #expect(response.status == .conflict)
                #expect(errorCode(response.body) == "session_active")
            }

            var headers = server.authorized
            headers[.contentType] = "application/json"
            let bodies: [(String, HTTPResponse.Status)] = [
                (#"{"filter":{}}"#, .badRequest), (#"{"ids":[]}"#, .badRequest), ("{nope", .badRequest), (#"{"ids":"x"}"#, .badRequest),
                (#"{"ids":["a"],"filter":{"platform":["cli"]}}"#, .badRequest),
                (#"{"ids":[\#((0...500).map { "\"\($0)\"" }.joined(separator: ","))]}"#, .badRequest),
                (#"{"filter":{"platform":["cli"]}}"#, .ok),
            ]
            for (body, status) in bodies {
                try await client.execute(uri: "/api/v1/sessions/delete", method: .post, headers: headers, body: ByteBuffer(string: body)) {
                    response in
                    #expect(response.status == status, "\(body.prefix(60))")
                }
            }
            let cliBefore = try server.readState { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sessions WHERE source = 'cli'")! }
            try await client.execute(
                uri: "/api/v1/sessions/delete", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"filter":{"platform":["cli"]}}"#)
            ) { response in
                #expect((try? JSONBody(response.body))?["matched"]?.int == cliBefore)
            }
            try await client.execute(
                uri: "/api/v1/sessions/delete", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"filter":{"platform":["cli"]},"dryRun":false}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect((try? JSONBody(response.body))?["deleted"]?.count == cliBefore)
            }
        }
    }

    /// Housekeeping as the reference offers it: delete the empty conversations, prune by age — each previewed first.
    @Test func emptyAndOldConversationsArePreviewedThenDeleted() async throws {
        try await TestServer.test(fixture: true, bodyLimit: 1 << 20) { server, client in
            let now = Date().timeIntervalSince1970
            try server.writeState { db in
                for (id, started) in [("empty-a", now - 5 * 86_400), ("empty-b", now - 100 * 86_400)] {
                    try db.execute(
                        sql:
                            "INSERT INTO sessions (id, source, started_at, ended_at, end_reason, message_count) VALUES (?, 'cli', ?, ?, 'user_exit', 0)",
                        arguments: [id, started, started + 1])
                }
            }
            let total = try server.readState { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sessions")! }
            var headers = server.authorized
            headers[.contentType] = "application/json"
            try await client.execute(uri: "/api/v1/sessions?empty=true", method: .get, headers: server.authorized) { response in
                let ids = (try? JSONBody(response.body))?["items"]?.array.compactMap { $0["id"]?.string } ?? []
                #expect(Set(ids) == ["empty-a", "empty-b"], "\(ids)")
            }
            let old = try server.readState {
                try Int.fetchOne(
                    $0, sql: "SELECT COUNT(*) FROM sessions WHERE started_at < ? AND parent_session_id IS NULL", arguments: [now - 30 * 86_400])!
            }
            try await client.execute(
                uri: "/api/v1/sessions/delete", method: .post, headers: headers, body: ByteBuffer(string: #"{"filter":{"olderThanDays":30}}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect((try? JSONBody(response.body))?["matched"]?.int == old, "a preview by default")
            }
            try await client.execute(
                uri: "/api/v1/sessions/delete", method: .post, headers: headers, body: ByteBuffer(string: #"{"filter":{"olderThanDays":0.5}}"#)
            ) { response in
                #expect(response.status == .badRequest)
            }
            #expect(try server.readState { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sessions")! } == total)
            try await client.execute(
                uri: "/api/v1/sessions/delete", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"filter":{"empty":true},"dryRun":false}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect((try? JSONBody(response.body))?["deleted"]?.count == 2)
            }
            #expect(try server.readState { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sessions")! } == total - 2)
        }
    }

    @Test func aMissingDatabaseIsAnExplainedEmptyList() async throws {
        try await TestServer.test { server, client in
            try await client.execute(uri: "/api/v1/sessions", method: .get, headers: server.authorized) { response in
                #expect(response.status == .ok)
                #expect((try? JSONBody(response.body))?["notice"]?.string?.contains("no state.db") == true)
            }
            try await client.execute(uri: "/api/v1/analytics/usage?days=7", method: .get, headers: server.authorized) { response in
                #expect(response.status == .ok)
                #expect((try? JSONBody(response.body))?["buckets"]?.count == 7)
            }
        }
    }

    @Test func aWriterHoldingTheLockGivesA503AndChangesNothing() async throws {
        try await TestServer.test(fixture: true) { server, client in
            let id = try firstSessionID(server)
            var unsafe = Configuration()
            unsafe.allowsUnsafeTransactions = true
            let blocker = try DatabaseQueue(path: server.home.stateDatabase.path, configuration: unsafe)
            try await blocker.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
            try await client.execute(uri: "/api/v1/sessions/\(id)", method: .delete, headers: server.authorized) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(errorCode(response.body) == "unavailable")
            }
            try await client.execute(uri: "/api/v1/sessions/\(id)", method: .get, headers: server.authorized) { response in
                #expect(response.status == .ok, "readers are not blocked by a writer")
            }
            try await blocker.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
            #expect(try await blocker.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM messages WHERE session_id = ?", arguments: [id]) } == 16)
        }
    }
}
