import Foundation
import GRDB
import NIOPosix

/// The agent's `state.db`, shared with a live agent: read through a read-only pool that never blocks its writers,
/// written only in short immediate transactions with the agent's retry discipline.
///
/// The file may be missing (a fresh home) or replaced (restored from backup); both are noticed on the next call.
public final class StateDatabase: Sendable {
    /// The database file.
    public let url: URL
    /// Its path and its WAL's, converted once (`URL.path` builds a new string on every call, and every request asks).
    private let path: String
    private let walPath: String
    private let opened = LockedValue<Opened?>(nil)
    private let schemaCache = LockedValue<(cookie: Int, schema: StateSchema)?>(nil)
    private let threads = LockedValue<NIOThreadPool?>(nil)

    private struct Opened: Sendable {
        let reader: any DatabaseReader
        let inode: UInt64
    }

    /// Uses the database at `url`; nothing is opened until the first read.
    public init(url: URL) {
        self.url = url
        path = url.path
        walPath = path + "-wal"
    }

    /// Whether the file exists right now.
    public var exists: Bool { FileSignature(path: path) != nil }

    /// The current change fingerprint (for caches).
    public var generation: StateDatabaseGeneration { StateDatabaseGeneration(path: path, walPath: walPath) }

    /// Runs `body` in one short read transaction; `nil` when the database does not exist.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database, StateSchema) throws -> T) async throws -> T? {
        guard let reader = try reader() else { return nil }
        do {
            return try await readThreads().runIfActive {
                try reader.read { db in try body(db, try self.schema(db)) }
            }
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// Runs `body` in an immediate write transaction, retrying the way the agent does when another writer holds
    /// the lock; `nil` when the database does not exist.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Database, StateSchema) throws -> T) async throws -> T? {
        guard exists else { return nil }
        var configuration = Configuration()
        configuration.busyMode = .timeout(1)
        configuration.foreignKeysEnabled = true
        configuration.label = "state.db writer"
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            var attempt = 0
            while true {
                do {
                    return try await queue.writeWithoutTransaction { db in
                        var result: T?
                        try db.inTransaction(.immediate) {
                            result = try body(db, try StateSchema.read(db))
                            return .commit
                        }
                        return result!
                    }
                } catch let error as DatabaseError where Self.isBusy(error) && attempt < 2 {
                    attempt += 1
                    try await Task.sleep(for: .milliseconds(Int.random(in: 20...150)))
                }
            }
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// How many connections read one database at once.
    private static let maximumReaders = 4

    /// The threads this database's reads run on, blocking, one connection each (started by the first read). GRDB's
    /// own async read hops to a queue that waits for a free connection, then to that connection's queue, then back;
    /// with no more threads than connections a read here never waits for one, and goes to SQLite and back in two
    /// hops. Per database, so one profile's long search does not hold up another's pages.
    private func readThreads() -> NIOThreadPool {
        threads.withValue { threads in
            if let threads { return threads }
            let pool = NIOThreadPool(numberOfThreads: Self.maximumReaders)
            pool.start()
            threads = pool
            return pool
        }
    }

    deinit {
        threads.value?.shutdownGracefully { _ in }
    }

    private func reader() throws -> (any DatabaseReader)? {
        guard let signature = FileSignature(path: path) else {
            opened.value = nil
            return nil
        }
        return try opened.withValue { current in
            if let current, current.inode == signature.inode { return current.reader }
            let reader = try Self.openReader(path: path)
            current = Opened(reader: reader, inode: signature.inode)
            return reader
        }
    }

    private static func openReader(path: String) throws -> any DatabaseReader {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(2)
        // Pool readers get GRDB's own 10 s busy wait; this runs after it, so a reader shut out by an exclusive lock
        // answers 503 after 2 s instead of holding the request for as long as the lock lasts.
        // Each reader keeps 1 MiB of pages (SQLite's default is 2): the OS page cache holds the file anyway, and four
        // readers per profile at the default would be a tenth of the server's memory.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA busy_timeout = 2000; PRAGMA cache_size = -1024") }
        configuration.maximumReaderCount = maximumReaders
        configuration.label = "state.db reader"
        do {
            return try DatabasePool(path: path, configuration: configuration)
        } catch {
            // A database the agent keeps in rollback-journal mode (network filesystems) cannot back a pool.
            do {
                return try DatabaseQueue(path: path, configuration: configuration)
            } catch {
                throw translate(error, path: path)
            }
        }
    }

    private func schema(_ db: Database) throws -> StateSchema {
        let cookie = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
        if let cached = schemaCache.value, cached.cookie == cookie { return cached.schema }
        let schema = try StateSchema.read(db)
        schemaCache.value = (cookie, schema)
        return schema
    }

    private static func isBusy(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    private static func translate(_ error: any Error, path: String) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return WorkspaceError.unavailable("The agent's state.db is locked by another writer; try again in a moment.")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return WorkspaceError.storageFailure(path: path, reason: "it is not a readable SQLite database")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_IOERR:
            return WorkspaceError.storageFailure(path: path, reason: "SQLite could not open or read it (\(error.resultCode))")
        default:
            return WorkspaceError.storageFailure(path: path, reason: "SQLite error \(error.resultCode)")
        }
    }
}
