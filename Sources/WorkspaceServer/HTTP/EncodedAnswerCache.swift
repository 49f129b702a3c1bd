import Foundation
import Hummingbird
import WorkspaceCore

/// Encoded JSON answers kept while `state.db` is unchanged: a dashboard polling the same page costs neither a
/// query nor an encoding until the agent writes. Answers that depend on the clock (a session's "active" flag)
/// are also kept no longer than `lifetime` seconds.
struct EncodedAnswerCache: Sendable {
    private let cache: GenerationCache<[UInt8], StateDatabaseGeneration>
    private let database: StateDatabase

    init(database: StateDatabase, capacity: Int = 128) {
        self.database = database
        cache = GenerationCache(capacity: capacity)
    }

    /// The JSON response for `key`, from the cache or from `answer`.
    func response(
        for key: String, lifetime: Int? = nil,
        _ answer: @escaping @Sendable () async throws -> some Encodable & Sendable
    ) async throws -> Response {
        let slot = lifetime.map { "|\(Int(Date().timeIntervalSince1970) / $0)" } ?? ""
        let bytes = try await cache.value(for: key + slot, generation: database.generation) {
            try StreamingJSONEncoder().encode(try await answer())
        }
        return .json(bytes)
    }
}

/// Encoded JSON answers kept while the files they were read from are unchanged (a `stat` each per request instead
/// of a read and a parse): the cron list while `cron/jobs.json` is the same file and no run starts or ends here.
struct FileAnswerCache: Sendable {
    private let cache = GenerationCache<[UInt8], FileGeneration>(capacity: 32)

    /// The JSON response for `key` (which must name everything else the answer depends on), from the cache while
    /// `files` are unchanged, or from `answer`.
    func response(
        for key: String, files: [String], _ answer: @escaping @Sendable () async throws -> some Encodable & Sendable
    ) async throws -> Response {
        let bytes = try await cache.value(for: key, generation: FileGeneration(paths: files)) {
            try StreamingJSONEncoder().encode(try await answer())
        }
        return .json(bytes)
    }
}
