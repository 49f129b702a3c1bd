import Foundation
import GRDB

/// The audit trail in the workspace's own database (`workspace/workspace.db`), never in the agent's files.
public final class AuditLog: Sendable {
    private let url: URL
    private let queue = LockedValue<DatabaseQueue?>(nil)

    /// Keeps the trail for `home`; the database is created on the first write.
    public init(home: HermesHome) {
        url = home.workspaceDatabase
    }

    /// Stores `event`.
    public func record(_ event: AuditEvent) async throws {
        let details = String(decoding: try JSONEncoder().encode(event.details), as: UTF8.self)
        try await database().write { db in
            try db.execute(sql: """
                INSERT INTO audit_events (at, action, target, outcome, actor, request_id, details) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [event.at.timeIntervalSince1970, event.action, event.target, event.outcome, event.actor, event.requestID, details])
        }
    }

    /// The newest events first, optionally only actions starting with `actionPrefix`.
    public func recent(limit: Int = 100, actionPrefix: String? = nil) async throws -> [AuditEvent] {
        try await database().read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM audit_events WHERE (? IS NULL OR action LIKE ? || '%') ORDER BY id DESC LIMIT ?
                """, arguments: [actionPrefix, actionPrefix, limit])
            return rows.map { row in
                var event = AuditEvent(action: row["action"], target: row["target"], outcome: row["outcome"],
                                       actor: AuditActor(address: row["actor"], requestID: row["request_id"]),
                                       details: (try? JSONDecoder().decode([String: String].self, from: Data((row["details"] as String? ?? "{}").utf8))) ?? [:],
                                       at: Date(timeIntervalSince1970: row["at"]))
                event.id = row["id"]
                return event
            }
        }
    }

    private func database() throws -> DatabaseQueue {
        try queue.withValue { queue in
            if let queue { return queue }
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            configuration.label = "workspace.db"
            let opened = try DatabaseQueue(path: url.path, configuration: configuration)
            try Self.migrator.migrate(opened)
            chmod(url.path, 0o600)
            queue = opened
            return opened
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("audit_events") { db in
            try db.execute(sql: """
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
        return migrator
    }
}
