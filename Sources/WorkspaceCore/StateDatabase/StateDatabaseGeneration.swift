/// A cheap fingerprint of `state.db` and its WAL: it changes whenever any process commits, so it keys caches.
public struct StateDatabaseGeneration: Sendable, Hashable {
    private let database: FileSignatureKey?
    private let wal: FileSignatureKey?

    /// Reads the fingerprint of the database at `path`.
    public init(path: String) {
        database = FileSignature(path: path).map(FileSignatureKey.init)
        wal = FileSignature(path: path + "-wal").map(FileSignatureKey.init)
    }

    /// Whether the database file exists.
    public var databaseExists: Bool { database != nil }

    private struct FileSignatureKey: Hashable, Sendable {
        let inode: UInt64
        let size: Int64
        let modified: Int64

        init(_ signature: FileSignature) {
            inode = signature.inode
            size = signature.size
            modified = signature.modifiedNanoseconds
        }
    }
}
