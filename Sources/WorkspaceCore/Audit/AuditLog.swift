import Foundation
import GRDB

/// The audit trail in the workspace's own database (`workspace/workspace.db`), never in the agent's files.
public final class AuditLog: Sendable {
    private let storage: WorkspaceDatabase
    /// The profile this view records for (nil: the default profile, or the machine).
    public let profile: String?

    /// Keeps the trail for `home`; the database is created on the first use.
    public init(home: HermesHome, database: WorkspaceDatabase? = nil) {
        storage = database ?? WorkspaceDatabase(home: home)
        profile = nil
    }

    private init(storage: WorkspaceDatabase, profile: String?) {
        self.storage = storage
        self.profile = profile
    }

    /// The same trail, recording events as done in `profile` (one trail for every profile on the machine).
    public func scoped(to profile: ProfileName) -> AuditLog {
        AuditLog(storage: storage, profile: profile.isDefault ? nil : profile.rawValue)
    }

    /// Stores `event`.
    public func record(_ event: AuditEvent) async throws {
        try await database().write { db in
            try db.execute(
                sql: """
                    INSERT INTO audit (at, actor, client_address, action, target, outcome, summary, request_id, profile, role)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    event.at.timeIntervalSince1970, event.actor, event.clientAddress, event.action, event.target,
                    event.outcome.rawValue, event.summary, event.requestID, event.profile ?? profile, event.role?.rawValue,
                ])
        }
    }

    /// One page of events matching `query`, newest first.
    public func page(_ query: AuditQuery) async throws -> AuditPage {
        let limit = min(max(query.limit, 1), 500)
        let rows = try await database().read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM audit
                    WHERE (?1 IS NULL OR id < ?1)
                      AND (?2 IS NULL OR substr(action, 1, length(?2)) = ?2)
                      AND (?3 IS NULL OR target = ?3) AND (?4 IS NULL OR actor = ?4) AND (?5 IS NULL OR outcome = ?5)
                      AND (?6 IS NULL OR at >= ?6) AND (?7 IS NULL OR at < ?7)
                      AND (?9 IS NULL OR COALESCE(profile, 'default') = ?9)
                    ORDER BY id DESC LIMIT ?8
                    """,
                arguments: [
                    query.beforeID, query.actionPrefix, query.target, query.actor, query.outcome?.rawValue,
                    query.since?.timeIntervalSince1970, query.until?.timeIntervalSince1970, limit + 1, query.profile,
                ]
            ).map(Self.event(from:))
        }
        let items = Array(rows.prefix(limit))
        return AuditPage(items: items, nextCursor: rows.count > limit ? items.last?.id.map(String.init) : nil)
    }

    private static func event(from row: Row) -> AuditEvent {
        var event = AuditEvent(
            action: .authLogin, target: row["target"], outcome: AuditOutcome(rawValue: row["outcome"]) ?? .failed, summary: row["summary"],
            actor: AuditActor(name: row["actor"], address: row["client_address"], requestID: row["request_id"]),
            at: Date(timeIntervalSince1970: row["at"]))
        event.id = row["id"]
        event.profile = row["profile"]
        event.role = (row["role"] as String?).flatMap(Role.init(rawValue:))
        event.action = row["action"]  // kept as written, so actions of another build still read
        return event
    }

    private func database() throws -> DatabaseQueue { try storage.get() }

    /// This store's tables in `workspace.db`, registered by ``WorkspaceDatabase`` (the names are history: never rename one).
    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("audit_events") { db in
            try db.execute(
                sql: """
                    CREATE TABLE audit_events (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at REAL NOT NULL,
                        action TEXT NOT NULL,
                        target TEXT NOT NULL,
                        outcome TEXT NOT NULL,
                        actor TEXT,
                        request_id TEXT,
                        details TEXT NOT NULL DEFAULT '{}'
                    );
                    CREATE INDEX audit_events_action ON audit_events(action, id);
                    """)
        }
        migrator.registerMigration("audit") { db in
            try db.execute(
                sql: """
                    CREATE TABLE audit (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at REAL NOT NULL,
                        actor TEXT NOT NULL,
                        client_address TEXT,
                        action TEXT NOT NULL,
                        target TEXT NOT NULL,
                        outcome TEXT NOT NULL,
                        summary TEXT NOT NULL DEFAULT '',
                        request_id TEXT
                    );
                    INSERT INTO audit (id, at, actor, client_address, action, target, outcome, summary, request_id)
                        SELECT id, at, 'token', actor, action, target, outcome,
                               COALESCE((SELECT group_concat(key || ': ' || value, ', ') FROM json_each(details)), ''), request_id
                        FROM audit_events;
                    DROP TABLE audit_events;
                    CREATE INDEX audit_action ON audit(action, id);
                    CREATE INDEX audit_at ON audit(at);
                    """)
        }
        migrator.registerMigration("audit_profile") { db in
            try db.execute(sql: "ALTER TABLE audit ADD COLUMN profile TEXT")
        }
        migrator.registerMigration("audit_role") { db in
            try db.execute(sql: "ALTER TABLE audit ADD COLUMN role TEXT")
            try db.execute(sql: "CREATE INDEX audit_actor ON audit(actor, id)")
        }
    }
}
