import Foundation
import Hummingbird
import WorkspaceCore

/// Encoded JSON answers kept while `state.db` is unchanged: a dashboard polling the same page costs neither a
/// query nor an encoding until the agent writes. Answers that depend on the clock (a session's "active" flag)
/// are also kept no longer than `lifetime` seconds.
struct EncodedAnswerCache: Sendable {
    private let cache: GenerationCache<[UInt8]>
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
