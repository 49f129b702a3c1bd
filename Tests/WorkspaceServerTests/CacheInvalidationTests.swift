import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
import WorkspaceCore

@testable import WorkspaceServer

/// Every answer that is kept between requests shows a change on disk in the very next answer: a job renamed in
/// `jobs.json`, a SKILL.md's new description, a line appended to a log, a message the agent wrote to `state.db`
/// (in its transcript, in search, in a page sorted by cost and in the analytics), a key added to `.env`, an edit of
/// `config.yaml` (in the Config tab and in the approvals mode).
/// Each is asked twice first, so the second answer comes from what was kept.
@Suite struct CacheInvalidationTests {
    private func body(_ client: some TestClientProtocol, _ server: TestServer, _ uri: String) async throws -> String {
        try await client.execute(uri: uri, method: .get, headers: server.authorized) { response in
            #expect(response.status == .ok, "\(uri)")
            return String(buffer: response.body)
        }
    }

    @Test func theNextAnswerShowsEachChange() async throws {
        try await TestServer.test(fixture: true) { server, client in
            let home = server.home.root

            for _ in 0..<2 { #expect(try await body(client, server, "/api/v1/cron/jobs").contains("inbox triage")) }
            let jobs = home.appendingPathComponent("cron/jobs.json")
            let renamed = try String(contentsOf: jobs, encoding: .utf8).replacingOccurrences(of: "\"inbox triage\"", with: "\"inbox sweep\"")
            try AtomicFileWriter().write(Data(renamed.utf8), to: jobs)
            let cron = try await body(client, server, "/api/v1/cron/jobs")
            #expect(cron.contains(#""name":"inbox sweep""#) && !cron.contains(#""name":"inbox triage""#), "\(cron.prefix(300))")

            for _ in 0..<2 { #expect(try await body(client, server, "/api/v1/skills").contains("Draft the weekly status report")) }
            let skill = home.appendingPathComponent("skills/writing/weekly-report/SKILL.md")
            let edited = try String(contentsOf: skill, encoding: .utf8).replacingOccurrences(
                of: "Draft the weekly status report", with: "Draft the Friday status report")
            try Data(edited.utf8).write(to: skill)
            #expect(try await body(client, server, "/api/v1/skills").contains("Draft the Friday status report"))

            for _ in 0..<2 { _ = try await body(client, server, "/api/v1/logs?file=agent&limit=20") }
            let log = try FileHandle(forWritingTo: home.appendingPathComponent("logs/agent.log"))
            try log.seekToEnd()
            try log.write(contentsOf: Data("2026-11-17 12:08:00,000 ERROR [s99] tools.web: zebracrossing appended just now.\n".utf8))
            try log.close()
            #expect(try await body(client, server, "/api/v1/logs?file=agent&limit=20").contains("zebracrossing"))

            let id = try server.readState { try String.fetchOne($0, sql: "SELECT id FROM sessions WHERE ended_at IS NOT NULL LIMIT 1")! }
            for _ in 0..<2 { _ = try await body(client, server, "/api/v1/sessions/\(id)/messages?limit=200") }
            try server.writeState { db in
                try db.execute(
                    sql: "INSERT INTO messages (session_id, role, content, timestamp) VALUES (?, 'assistant', 'quokka says hello', ?)",
                    arguments: [id, Date().timeIntervalSince1970])
            }
            #expect(try await body(client, server, "/api/v1/sessions/\(id)/messages?limit=200").contains("quokka says hello"))

            for _ in 0..<2 { #expect(try await body(client, server, "/api/v1/sessions/search?q=wombat").contains(#""items":[]"#)) }
            try server.writeState { db in
                try db.execute(
                    sql: "INSERT INTO messages (session_id, role, content, timestamp) VALUES (?, 'user', 'a wombat appears', ?)",
                    arguments: [id, Date().timeIntervalSince1970])
            }
            let found = try await body(client, server, "/api/v1/sessions/search?q=wombat")
            #expect(!found.contains(#""items":[]"#) && found.contains(#""text":"wombat","match":true"#), "\(found.prefix(300))")

            // The agent's write pattern on a conversation: a message, then its counters. The sorted page and the
            // analytics come from the workspace's mirror of state.db, which must follow.
            for _ in 0..<2 { #expect(try await !body(client, server, "/api/v1/sessions?sort=cost&limit=1").contains(#""id":"\#(id)""#)) }
            for _ in 0..<2 { #expect(try await !body(client, server, "/api/v1/analytics/usage?days=1").contains("123456789")) }
            try server.writeState { db in
                try db.execute(
                    sql: "INSERT INTO messages (session_id, role, content, timestamp) VALUES (?, 'assistant', 'an expensive answer', ?)",
                    arguments: [id, Date().timeIntervalSince1970])
                try db.execute(sql: "UPDATE sessions SET estimated_cost_usd = 9999, actual_cost_usd = NULL WHERE id = ?", arguments: [id])
                try db.execute(
                    sql: "INSERT INTO sessions (id, source, model, started_at, input_tokens) VALUES ('just_now', 'cli', 'm', ?, 123456789)",
                    arguments: [Date().timeIntervalSince1970])
            }
            let sorted = try await body(client, server, "/api/v1/sessions?sort=cost&limit=1")
            #expect(sorted.contains(#""id":"\#(id)""#), "\(sorted.prefix(300))")
            #expect(try await body(client, server, "/api/v1/analytics/usage?days=1").contains(#""input":123456789"#))

            for _ in 0..<2 {
                #expect(try await !body(client, server, "/api/v1/config").contains("quokka-model"))
                #expect(try await !body(client, server, "/api/v1/approvals").contains(#""mode":"off""#))
            }
            let config = server.home.configFile
            let text = (try? String(contentsOf: config, encoding: .utf8)) ?? ""
            #expect(text.contains("  mode: manual"))
            let configEdit = text.replacingOccurrences(of: "  mode: manual", with: "  mode: off") + "\nquokka_note: quokka-model\n"
            try AtomicFileWriter().write(Data(configEdit.utf8), to: config)
            #expect(try await body(client, server, "/api/v1/config").contains("quokka-model"))
            #expect(try await body(client, server, "/api/v1/approvals").contains(#""mode":"off""#))

            for _ in 0..<2 { #expect(try await !body(client, server, "/api/v1/keys").contains("QUOKKA_TOKEN")) }
            let env = server.home.envFile
            let keys = (try? String(contentsOf: env, encoding: .utf8)) ?? ""
            try AtomicFileWriter().write(Data((keys + "\nQUOKKA_TOKEN=abc123abc123\n").utf8), to: env)
            #expect(try await body(client, server, "/api/v1/keys").contains("QUOKKA_TOKEN"))
        }
    }
}
