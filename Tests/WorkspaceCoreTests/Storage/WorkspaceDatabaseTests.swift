import Foundation
import GRDB
import Testing

@testable import WorkspaceCore

/// `workspace.db` has one owner: every store's tables come from one migrator, and an earlier build's separate
/// `approvals.db` is copied in on first open, then set aside.
@Suite struct WorkspaceDatabaseTests {
    private static func writeLegacyApprovals(at url: URL) throws {
        try DatabaseQueue(path: url.path).write { db in
            try db.execute(
                sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations VALUES ('approvals'), ('approvals_submitter');
                    CREATE TABLE approvals (
                        id TEXT PRIMARY KEY, created_at REAL NOT NULL, expires_at REAL NOT NULL, session_id TEXT, platform TEXT,
                        tool TEXT NOT NULL, action TEXT NOT NULL, workdir TEXT, reason TEXT, risks TEXT NOT NULL,
                        status TEXT NOT NULL, scope TEXT, decided_by TEXT, decided_at REAL, deny_reason TEXT, submitter TEXT);
                    CREATE TABLE approval_rules (
                        id INTEGER PRIMARY KEY AUTOINCREMENT, tool TEXT NOT NULL, action TEXT NOT NULL, created_at REAL NOT NULL,
                        created_by TEXT NOT NULL, request_id TEXT, UNIQUE(tool, action));
                    INSERT INTO approvals (id, created_at, expires_at, session_id, tool, action, risks, status, decided_by, decided_at)
                        VALUES ('0123456789abcdef0123456789abcdef', 1764000000, 1764000060, 's1', 'terminal', 'rm -rf /tmp/x', '[]', 'denied', 'admin', 1764000010);
                    INSERT INTO approval_rules (tool, action, created_at, created_by) VALUES ('terminal', 'ls', 1764000000, 'admin');
                    """)
        }
    }

    @Test func anEarlierApprovalsFileIsCopiedInOnceAndSetAside() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try FileManager.default.createDirectory(at: fixture.home.workspaceDirectory, withIntermediateDirectories: true)
        let legacy = fixture.home.workspaceDirectory.appendingPathComponent("approvals.db")
        try Self.writeLegacyApprovals(at: legacy)

        let database = WorkspaceDatabase(home: fixture.home)
        let audit = AuditLog(home: fixture.home, database: database)
        let queue = ApprovalQueue(home: fixture.home, audit: audit, events: EventBus(), database: database, timeout: { 60 })
        let old = try await queue.request("0123456789abcdef0123456789abcdef")
        #expect(old.status == .denied && old.action == "rm -rf /tmp/x" && old.decidedBy == "admin")
        #expect(try await queue.rules().map(\.action) == ["ls"])
        #expect(!FileManager.default.fileExists(atPath: legacy.path), "the old file is set aside")
        #expect(FileManager.default.fileExists(atPath: legacy.path + ".imported"))

        // Every store's tables are in the one file.
        let tables = try await DatabaseQueue(path: fixture.home.workspaceDatabase.path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }
        for table in ["approval_rules", "approvals", "api_tokens", "audit", "login_sessions", "signin_links"] {
            #expect(tables.contains(table), "\(table) in workspace.db: \(tables)")
        }

        // A second open (another process, a restart) imports nothing twice.
        let again = ApprovalQueue(
            home: fixture.home, audit: audit, events: EventBus(), database: WorkspaceDatabase(home: fixture.home), timeout: { 60 })
        #expect(try await again.rules().count == 1)
    }
}
