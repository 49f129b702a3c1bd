import Foundation
import GRDB
import Testing

@testable import WorkspaceCore
@testable import WorkspaceDemo

@Suite struct DemoHomeWriterTests {
    private static let now = Date(timeIntervalSince1970: 1_795_600_000)

    @Test func writesARealisticHomeInTheAgentsFormats() throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try DemoHomeWriter(now: Self.now).write(to: fixture.home)
        let database = try DatabaseQueue(path: fixture.home.stateDatabase.path)
        try database.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT version FROM schema_version") == 22)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sessions")! >= 200)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT source) FROM sessions")! >= 5)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT model) FROM sessions")! >= 4)
            let span = try Double.fetchOne(db, sql: "SELECT MAX(started_at) - MIN(started_at) FROM sessions")!
            #expect(span > 55 * 86_400)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages WHERE tool_calls IS NOT NULL")! > 100)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH 'docker'")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages_fts_trigram WHERE messages_fts_trigram MATCH '会議は'")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sessions WHERE end_reason = 'compression'")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sessions WHERE model_config LIKE '%_branched_from%'")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sessions WHERE model_config LIKE '%_delegate_from%'")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM session_model_usage WHERE task = 'title_generation'")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL")! >= 1)
            let mismatched = try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM sessions s WHERE s.message_count != (SELECT COUNT(*) FROM messages m WHERE m.session_id = s.id)
                    """)
            #expect(mismatched == 0)
        }
        let jobs = try JSONSerialization.jsonObject(with: Data(contentsOf: fixture.home.cronJobsFile)) as? [String: Any]
        let kinds = Set(((jobs?["jobs"] as? [[String: Any]]) ?? []).compactMap { ($0["schedule"] as? [String: Any])?["kind"] as? String })
        #expect(kinds == ["interval", "cron", "once"])
        let skills =
            FileManager.default.enumerator(atPath: fixture.home.skillsDirectory.path)?.allObjects.compactMap { $0 as? String }
            .filter { $0.hasSuffix("SKILL.md") } ?? []
        #expect(skills.count >= 12)
        #expect(FileManager.default.fileExists(atPath: fixture.home.logsDirectory.appendingPathComponent("agent.log.1").path))
        #expect(try String(contentsOf: fixture.home.logsDirectory.appendingPathComponent("errors.log"), encoding: .utf8).contains("Traceback"))
        #expect(try String(contentsOf: fixture.home.configFile, encoding: .utf8).contains("# Human-in-the-loop"))
        #expect(try FileManager.default.attributesOfItem(atPath: fixture.home.envFile.path)[.posixPermissions] as? Int == 0o600)
        let state = try #require(try GatewayFiles(home: fixture.home).stateFile())
        #expect(state.state == "running")
        #expect(state.platforms.filter { !$0.healthy }.map(\.name) == ["discord"])
    }

    @Test func theSameInputsWriteTheSameHome() throws {
        let first = try FixtureHome.empty()
        let second = try FixtureHome.empty()
        defer {
            first.remove()
            second.remove()
        }
        try DemoHomeWriter(now: Self.now, sessionCount: 60).write(to: first.home)
        try DemoHomeWriter(now: Self.now, sessionCount: 60).write(to: second.home)
        for file in ["cron/jobs.json", "logs/agent.log", "gateway_state.json", "skills/devops/docker-cleanup/SKILL.md"] {
            #expect(
                FileManager.default.contents(atPath: first.home.root.appendingPathComponent(file).path)
                    == FileManager.default.contents(atPath: second.home.root.appendingPathComponent(file).path))
        }
        let dump = "SELECT id, source, model, title, input_tokens, estimated_cost_usd FROM sessions ORDER BY id"
        let rowsA = try DatabaseQueue(path: first.home.stateDatabase.path).read { try Row.fetchAll($0, sql: dump) }
        let rowsB = try DatabaseQueue(path: second.home.stateDatabase.path).read { try Row.fetchAll($0, sql: dump) }
        #expect(rowsA == rowsB)
    }

    @Test func refusesToWriteIntoAFolderThatHasFiles() throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let before = try Data(contentsOf: fixture.home.configFile)
        #expect(throws: WorkspaceError.self) { try DemoHomeWriter(now: Self.now).write(to: fixture.home) }
        #expect(try Data(contentsOf: fixture.home.configFile) == before)
    }
}
