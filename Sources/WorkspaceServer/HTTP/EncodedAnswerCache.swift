import Foundation
import Hummingbird
import WorkspaceCore

/// Encoded JSON answers kept while `state.db` is unchanged: a dashboard polling the same page costs neither a
/// query nor an encoding until the agent writes. Answers that depend on the clock (a session's "active" flag)
/// are also kept no longer than `lifetime` seconds; answers larger than ``maximumKeptBytes`` are not kept at all
/// (a long transcript page), so the cache stays within a few megabytes.
struct EncodedAnswerCache: Sendable {
    /// The largest answer kept.
    static let maximumKeptBytes = 256 * 1024

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
        try await jsonResponse(for: key, lifetime: lifetime) { try StreamingJSONEncoder().encode(try await answer()) }
    }

    /// ``response(for:lifetime:_:)`` for an answer written as JSON bytes already (named apart: bytes are
    /// `Encodable` too, and would be encoded as an array of numbers).
    func jsonResponse(for key: String, lifetime: Int? = nil, _ answer: @escaping @Sendable () async throws -> [UInt8]) async throws -> Response {
        let slot = lifetime.map { "|\(Int(Date().timeIntervalSince1970) / $0)" } ?? ""
        let generation = database.generation
        let bytes = try await cache.value(for: key + slot, generation: generation, compute: answer)
        if bytes.count > Self.maximumKeptBytes { cache.remove(key + slot, generation: generation) }
        return .json(bytes)
    }
}

/// Encoded JSON answers kept while the home's files they were read from are unchanged, as ``HomeChanges`` counts
/// them: an unchanged cron list, skills list or log tail costs one non-blocking read of the inotify queue, no
/// `stat`, no parse, no encoding. Where the area cannot be watched the answer is computed per request.
struct WatchedAnswerCache: Sendable {
    private let cache = GenerationCache<[UInt8], UInt64>(capacity: 64)
    private let changes: HomeChanges

    init(changes: HomeChanges) {
        self.changes = changes
    }

    /// The JSON response for `key` (which must name everything else the answer depends on), kept while nothing in
    /// `areas` changes; an answer that says it cannot be kept (`reusable` false) is computed again next time.
    func response(
        for key: String, areas: [HomeChanges.Area],
        _ answer: @escaping @Sendable () async throws -> (value: some Encodable & Sendable, reusable: Bool)
    ) async throws -> Response {
        guard let generation = changes.generation(areas) else {
            return .json(try StreamingJSONEncoder().encode(try await answer().value))
        }
        let reusable = LockedValue(true)
        let bytes = try await cache.value(for: key, generation: generation) {
            let (value, keep) = try await answer()
            reusable.value = keep
            return try StreamingJSONEncoder().encode(value)
        }
        if !reusable.value { cache.remove(key, generation: generation) }
        return .json(bytes)
    }

    /// ``response(for:areas:_:)`` for an answer that can always be kept.
    func response(
        for key: String, areas: [HomeChanges.Area], _ answer: @escaping @Sendable () async throws -> some Encodable & Sendable
    ) async throws -> Response {
        try await response(for: key, areas: areas) { (value: try await answer(), reusable: true) }
    }
}
