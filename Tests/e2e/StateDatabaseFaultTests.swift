import Foundation
import Testing

/// The real binary while the agent's state.db is locked, deleted, replaced, truncated or old: clear answers, the
/// process up, and recovery without a restart once the cause goes away.
@Suite struct StateDatabaseFaultTests {
    /// Holds a write transaction (`BEGIN IMMEDIATE` or `EXCLUSIVE`, argv[3]) for argv[2] seconds. In WAL mode
    /// nothing a writer does shuts readers out; in rollback-journal mode (older agents, or a database someone
    /// converted) an EXCLUSIVE lock does until it commits.
    private static let holdTransaction = """
        import sqlite3, sys, time
        db = sqlite3.connect(sys.argv[1], isolation_level=None)
        db.execute("BEGIN " + sys.argv[3])
        db.execute("UPDATE sessions SET title = title WHERE id = (SELECT id FROM sessions LIMIT 1)")
        print("ready", flush=True)
        time.sleep(float(sys.argv[2]))
        db.execute("ROLLBACK")
        """

    private static let copyInRollbackJournalMode = """
        import sqlite3, sys
        source, target = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
        target.close()
        print("ready", flush=True)
        """

    private static let writeOldSchema = """
        import sqlite3, sys
        db = sqlite3.connect(sys.argv[1])
        db.executescript('''
            CREATE TABLE sessions (id TEXT PRIMARY KEY, source TEXT NOT NULL, model TEXT, parent_session_id TEXT,
                started_at REAL NOT NULL, ended_at REAL, end_reason TEXT, message_count INTEGER DEFAULT 0,
                input_tokens INTEGER DEFAULT 0, output_tokens INTEGER DEFAULT 0);
            CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL, role TEXT NOT NULL,
                content TEXT, tool_call_id TEXT, tool_calls TEXT, timestamp REAL NOT NULL);
            INSERT INTO sessions (id, source, model, started_at, ended_at, message_count) VALUES ('old1', 'cli', 'gpt-4', 100, 200, 2);
            INSERT INTO messages (session_id, role, content, timestamp) VALUES ('old1', 'user', 'hi', 100), ('old1', 'assistant', 'hello', 101);
        ''')
        db.commit()
        print("ready", flush=True)
        """

    private static func sessionIDs(_ client: RawExchange) async throws -> (status: Int, ids: [String], answer: RawExchange.Answer) {
        let answer = try await client.send("GET", "/api/v1/sessions?limit=5")
        let ids = (answer.object?["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        return (answer.status, ids, answer)
    }

    @Test func lockedDeletedReplacedTruncatedAndOldDatabases() async throws {
        let site = try await DemoSite.start(sessions: 40)
        defer { site.stop() }
        let client = try await site.client()
        let database = site.home.appendingPathComponent("state.db")
        let pristine = site.root.appendingPathComponent("pristine.db")
        let initial = try await Self.sessionIDs(client)
        #expect(initial.status == 200 && initial.ids.count == 5)
        _ = try await PythonHolder(
            "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('PRAGMA wal_checkpoint(TRUNCATE)'); print('ready')", [database.path])
        try FileManager.default.copyItem(at: database, to: pristine)

        // A writer holding its transaction until it is killed (so a slow machine cannot outlast it): readers (WAL) are
        // not blocked and answer while it still holds.
        let writer = try await PythonHolder(Self.holdTransaction, [database.path, "300", "IMMEDIATE"])
        let duringWrite = try await Self.sessionIDs(client)
        #expect(duringWrite.status == 200 && duringWrite.ids == initial.ids)
        let detail = try await client.send("GET", "/api/v1/sessions/\(initial.ids[0])/messages")
        #expect(detail.status == 200)
        #expect(writer.isRunning, "the answers came while the writer still held its transaction")
        writer.stop()

        // The same database in rollback-journal mode, renamed over it, and a writer's exclusive lock held until it is
        // killed: a clear 503 while it lasts, answers again as soon as it is gone.
        let rollback = site.root.appendingPathComponent("rollback.db")
        _ = try await PythonHolder(Self.copyInRollbackJournalMode, [pristine.path, rollback.path])
        #expect(rename(rollback.path, database.path) == 0)
        #expect(try await Self.sessionIDs(client).ids == initial.ids)
        let locker = try await PythonHolder(Self.holdTransaction, [database.path, "300", "EXCLUSIVE"])
        let duringLock = try await client.send("GET", "/api/v1/sessions?limit=7&sort=tokens")
        #expect(duringLock.status == 503 && duringLock.errorCode == "unavailable", "\(duringLock.status)")
        let status = try await client.send("GET", "/api/v1/status")
        #expect(status.status == 200, "the rest of the workspace keeps working")
        #expect(locker.isRunning, "the 503 came while the lock was held")
        locker.stop()
        #expect(try await Self.sessionIDs(client).ids == initial.ids)

        // Deleted: an explained empty state, not an error page; back when the file is.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
        let deleted = try await Self.sessionIDs(client)
        #expect(deleted.status == 200 && deleted.ids.isEmpty && deleted.answer.object?["notice"] is String, "\(deleted.status)")
        try FileManager.default.copyItem(at: pristine, to: database)
        #expect(try await Self.sessionIDs(client).ids == initial.ids)

        // Replaced by another database (renamed over it): the new content, no stale answers.
        let older = site.root.appendingPathComponent("older.db")
        _ = try await PythonHolder(Self.writeOldSchema, [older.path])
        #expect(rename(older.path, database.path) == 0)
        let replaced = try await Self.sessionIDs(client)
        #expect(replaced.status == 200 && replaced.ids == ["old1"], "an old schema still lists: \(replaced.ids)")
        let transcript = try await client.send("GET", "/api/v1/sessions/old1/messages")
        #expect(transcript.status == 200)
        let search = try await client.send("GET", "/api/v1/sessions/search?q=hello")
        #expect((400..<600).contains(search.status) && search.errorCode != nil, "no search index in an old schema: a clear error")

        // Truncated halfway: a clear error, the process up; back when the file is whole again.
        let copy = site.root.appendingPathComponent("copy.db")
        try FileManager.default.copyItem(at: pristine, to: copy)
        #expect(truncate(copy.path, off_t((try Data(contentsOf: pristine)).count / 2)) == 0)
        #expect(rename(copy.path, database.path) == 0)
        let truncated = try await Self.sessionIDs(client)
        #expect(
            truncated.status >= 500 && truncated.answer.errorCode != nil,
            "\(truncated.status) \(String(decoding: truncated.answer.body.prefix(200), as: UTF8.self))")
        #expect(site.server.isRunning)
        try FileManager.default.copyItem(at: pristine, to: copy)
        #expect(rename(copy.path, database.path) == 0)
        #expect(try await Self.sessionIDs(client).ids == initial.ids)
        #expect(site.server.isRunning)
    }
}
