import Foundation
import GRDB

/// The one owner of the workspace's own database, `workspace/workspace.db`: the audit trail, signed-in sessions,
/// scoped tokens and sign-in links, and the approvals queue. It opens the file on first use (folder 0700, file 0600,
/// writers wait up to 5 s for each other) and runs every store's migrations, in one order, from one migrator.
///
/// Builds before 0.2 kept the approvals queue in `workspace/approvals.db`; the first open copies its requests and
/// rules in and renames the old file `approvals.db.imported`.
public final class WorkspaceDatabase: Sendable {
    private let url: URL
    private let legacyApprovals: URL
    private let queue = LockedValue<DatabaseQueue?>(nil)

    /// The database of `home` (not opened until first used).
    public init(home: HermesHome) {
        url = home.workspaceDatabase
        legacyApprovals = home.workspaceDirectory.appendingPathComponent("approvals.db")
    }

    /// The open, migrated database.
    func get() throws -> DatabaseQueue {
        try queue.withValue { queue in
            if let queue { return queue }
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            configuration.label = "workspace.db"
            let opened = try DatabaseQueue(path: url.path, configuration: configuration)
            try migrator.migrate(opened)
            chmod(url.path, 0o600)
            if FileManager.default.fileExists(atPath: legacyApprovals.path) {
                try? FileManager.default.moveItem(at: legacyApprovals, to: legacyApprovals.appendingPathExtension("imported"))
            }
            queue = opened
            return opened
        }
    }

    /// Every table of every store, oldest migration first. Migration names are history: never rename one.
    private var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        AuditLog.registerMigrations(&migrator)
        LoginSessions.registerMigrations(&migrator)
        CredentialStore.registerMigrations(&migrator)
        ApprovalQueue.registerMigrations(&migrator)
        let legacy = legacyApprovals
        migrator.registerMigration("approvals_imported") { db in
            try Self.importApprovals(from: legacy, into: db)
        }
        Accounts.registerMigrations(&migrator)
        return migrator
    }

    /// Copies the requests and rules of an earlier build's `approvals.db` (if there is one) into `db`.
    private static func importApprovals(from legacy: URL, into db: Database) throws {
        guard FileManager.default.fileExists(atPath: legacy.path) else { return }
        var configuration = Configuration()
        configuration.readonly = true
        let old = try DatabaseQueue(path: legacy.path, configuration: configuration)
        let (requests, rules) = try old.read { old -> ([Row], [Row]) in
            guard try old.tableExists("approvals") else { return ([], []) }
            let hasSubmitter = try old.columns(in: "approvals").contains { $0.name == "submitter" }
            let requests = try Row.fetchAll(old, sql: "SELECT *\(hasSubmitter ? "" : ", NULL AS submitter") FROM approvals")
            let rules = try old.tableExists("approval_rules") ? try Row.fetchAll(old, sql: "SELECT * FROM approval_rules") : []
            return (requests, rules)
        }
        for row in requests {
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO approvals (id, created_at, expires_at, session_id, platform, tool, action, workdir, reason, risks,
                        status, scope, decided_by, decided_at, deny_reason, submitter)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    row["id"], row["created_at"], row["expires_at"], row["session_id"], row["platform"], row["tool"], row["action"],
                    row["workdir"], row["reason"], row["risks"], row["status"], row["scope"], row["decided_by"], row["decided_at"],
                    row["deny_reason"], row["submitter"],
                ])
        }
        for row in rules {
            try db.execute(
                sql: "INSERT OR IGNORE INTO approval_rules (tool, action, created_at, created_by, request_id) VALUES (?, ?, ?, ?, ?)",
                arguments: [row["tool"], row["action"], row["created_at"], row["created_by"], row["request_id"]])
        }
    }
}
