import Foundation
import GRDB
import Testing

@testable import WorkspaceCore

/// Imports through the agent's own `SessionDB.import_sessions` into a state.db the real agent wrote.
@Suite struct SessionImporterTests {
    private func counts(_ fixture: FixtureHome) throws -> (sessions: Int, messages: Int) {
        let queue = try DatabaseQueue(path: fixture.home.stateDatabase.path)
        return try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sessions") ?? 0, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages") ?? 0)
        }
    }

    private func existingID(_ fixture: FixtureHome) throws -> String {
        let queue = try DatabaseQueue(path: fixture.home.stateDatabase.path)
        return try queue.read { db in try String.fetchOne(db, sql: "SELECT id FROM sessions LIMIT 1") ?? "" }
    }

    private static func session(_ id: String, words: String) -> String {
        """
        {"id": "\(id)", "source": "cli", "model": "test/model", "started_at": 1764000000.5, "ended_at": 1764000100.0,
         "end_reason": "user_exit", "title": "Imported \(id)", "message_count": 2,
         "messages": [{"role": "user", "content": "\(words)", "timestamp": 1764000001.0},
                      {"role": "assistant", "content": "Done: \(words)", "timestamp": 1764000002.0}]}
        """
    }

    @Test(.enabled(if: AgentPython.url != nil, "hermes-agent is not installed: run scripts/hermes-venv.sh to run this test"))
    func aPreviewChangesNothingAndTheImportIsWhatItSaid() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let python = AgentPython.url?.path
        let importer = SessionImporter(home: fixture.home, audit: AuditLog(home: fixture.home), python: { python })
        let existing = try existingID(fixture)
        let lines = [
            Self.session("imp-one", words: "zebra crossing quartz"), Self.session("imp-two", words: "quartz"), Self.session(existing, words: "x"),
        ]
        let body = Data(lines.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n").utf8)  // JSON Lines
        let before = try counts(fixture)

        let preview = try await importer.importSessions(body, dryRun: true, actor: nil)
        #expect(preview.ok && preview.dryRun && preview.sessions == 3 && preview.messages == 6, "\(preview)")
        #expect(preview.imported == 2 && preview.skipped == 1 && preview.skippedIDs == [existing])
        #expect(try counts(fixture) == before, "a preview writes nothing")

        let report = try await importer.importSessions(Data(("[" + lines.joined(separator: ",") + "]").utf8), dryRun: false, actor: nil)
        #expect(report.ok && report.imported == 2 && Set(report.importedIDs) == ["imp-one", "imp-two"], "\(report)")
        #expect(try counts(fixture) == (before.sessions + 2, before.messages + 4))
        let store = SessionStore(database: StateDatabase(url: fixture.home.stateDatabase))
        #expect(try await store.detail(id: "imp-one").conversation.title == "Imported imp-one")
        let hits = try await SessionSearch(database: StateDatabase(url: fixture.home.stateDatabase)).search(try SearchQuery("zebra"))
        #expect(hits.items.map(\.conversation.id).contains("imp-one"), "the agent's own triggers indexed the imported messages")

        let again = try await importer.importSessions(Data(Self.session("imp-one", words: "y").utf8), dryRun: false, actor: nil)
        #expect(again.ok && again.imported == 0 && again.skipped == 1)
    }

    @Test(.enabled(if: AgentPython.url != nil, "hermes-agent is not installed: run scripts/hermes-venv.sh to run this test"))
    func invalidInputImportsNothing() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let python = AgentPython.url?.path
        let importer = SessionImporter(home: fixture.home, audit: AuditLog(home: fixture.home), python: { python })
        let before = try counts(fixture)
        // One good session and one the agent's own checks refuse: the whole batch is refused, nothing is written.
        let mixed = #"""
            [{"id": "good", "source": "cli", "started_at": 1, "messages": [{"role": "user", "content": "hi", "timestamp": 1}]},
             {"id": "bad2", "source": "cli", "started_at": 1, "model_config": "not json", "messages": []}]
            """#
        let report = try await importer.importSessions(Data(mixed.utf8), dryRun: false, actor: nil)
        #expect(!report.ok && report.imported == 0 && report.errors.first?.error.contains("model_config") == true, "\(report)")
        #expect(try counts(fixture) == before)
        let shapes = [
            "", "{not json", "42", #"{"conversation": {}, "messages": []}"#, #"{"sessions": 3}"#, #"[{"messages": []}]"#,
            #"[{"id": "x", "messages": [{"content": "no role"}]}]"#, #"[{"id": "x"}]"#,
        ]
        for body in shapes {
            await #expect(throws: WorkspaceError.self, "\(body)") { try await importer.importSessions(Data(body.utf8), dryRun: false, actor: nil) }
        }
        #expect(try counts(fixture) == before)
    }
}
