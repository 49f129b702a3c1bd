import Foundation
import GRDB

/// Opens one of the workspace's own SQLite files (`workspace/workspace.db`, `workspace/approvals.db`): the folder is
/// made 0700, the file kept 0600, writers wait up to 5 s for each other, and `migrator` brings the schema up to
/// date. Several stores share `workspace.db`, each with migrations of its own names.
enum WorkspaceDatabaseFile {
    static func open(_ url: URL, label: String, migrator: DatabaseMigrator) throws -> DatabaseQueue {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.label = label
        let opened = try DatabaseQueue(path: url.path, configuration: configuration)
        try migrator.migrate(opened)
        chmod(url.path, 0o600)
        return opened
    }
}

/// A workspace database opened (and migrated) on first use, shared by the callers of one store.
final class LazyWorkspaceDatabase: Sendable {
    private let url: URL
    private let label: String
    private let migrator: @Sendable () -> DatabaseMigrator
    private let queue = LockedValue<DatabaseQueue?>(nil)

    init(_ url: URL, label: String, migrator: @escaping @Sendable () -> DatabaseMigrator) {
        self.url = url
        self.label = label
        self.migrator = migrator
    }

    /// The open database.
    func get() throws -> DatabaseQueue {
        try queue.withValue { queue in
            if let queue { return queue }
            let opened = try WorkspaceDatabaseFile.open(url, label: label, migrator: migrator())
            queue = opened
            return opened
        }
    }
}
