/// A cheap fingerprint of `state.db` and its WAL: it changes whenever any process commits, so it keys caches.
public struct StateDatabaseGeneration: Sendable, Hashable {
    private let database: FileSignature?
    private let wal: FileSignature?

    /// Reads the fingerprint of the database at `path`, whose WAL is at `walPath`.
    init(path: String, walPath: String) {
        database = FileSignature(path: path)
        wal = FileSignature(path: walPath)
    }
}
