/// Answers kept while what they were computed from is unchanged: `state.db` (a ``StateDatabaseGeneration``) or a
/// home's files (a ``HomeChanges`` generation).
///
/// Concurrent requests for the same missing answer share one computation, so a burst of dashboards opening at once
/// costs one query, not one each. The first caller computes in its own task (no task of the cache's own to hop
/// to and back from); the others wait for it. Failures are not kept. Bounded: past `capacity` the least recently
/// used quarter goes, so a miss costs no scan of every entry.
public final class GenerationCache<Value: Sendable, Generation: Hashable & Sendable>: Sendable {
    private enum Answer: Sendable {
        case ready(Value)
        case computing(Flight)
    }

    private struct Entry: Sendable {
        let generation: Generation
        var answer: Answer
        var stamp: UInt64
    }

    private struct Storage: Sendable {
        var entries: [String: Entry] = [:]
        var clock: UInt64 = 0
    }

    /// One computation under way and the callers waiting for it.
    private final class Flight: Sendable {
        private let state = LockedValue<(result: Result<Value, any Error>?, waiters: [CheckedContinuation<Value, any Error>])>((nil, []))

        func wait() async throws -> Value {
            try await withCheckedThrowingContinuation { continuation in
                let result = state.withValue { state -> Result<Value, any Error>? in
                    if state.result == nil { state.waiters.append(continuation) }
                    return state.result
                }
                if let result { continuation.resume(with: result) }
            }
        }

        var waiting: Int { state.value.waiters.count }

        func finish(_ result: Result<Value, any Error>) {
            let waiters = state.withValue { state in
                state.result = result
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(with: result) }
        }
    }

    private enum Step {
        case done(Value)
        case wait(Flight)
        case compute(Flight)
    }

    private let storage = LockedValue(Storage())
    private let capacity: Int

    /// A cache holding at most `capacity` answers.
    public init(capacity: Int = 64) {
        self.capacity = max(1, capacity)
    }

    /// The answer for `key` at `generation`, computing it (once, however many callers wait) when missing or stale.
    public func value(
        for key: String, generation: Generation,
        compute: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        while true {
            let step = storage.withValue { storage -> Step in
                storage.clock += 1
                if var entry = storage.entries[key], entry.generation == generation {
                    entry.stamp = storage.clock
                    storage.entries[key] = entry
                    switch entry.answer {
                    case .ready(let value): return .done(value)
                    case .computing(let flight): return .wait(flight)
                    }
                }
                let flight = Flight()
                storage.entries[key] = Entry(generation: generation, answer: .computing(flight), stamp: storage.clock)
                if storage.entries.count > capacity { Self.evict(&storage, keeping: capacity - capacity / 4) }
                return .compute(flight)
            }
            switch step {
            case .done(let value):
                return value
            case .wait(let flight):
                do {
                    return try await flight.wait()
                } catch is CancellationError where !Task.isCancelled {
                    // The caller computing it was cancelled, this one was not: ask again (and maybe compute).
                    continue
                }
            case .compute(let flight):
                do {
                    let value = try await compute()
                    storage.withValue { storage in
                        if case .computing(let current) = storage.entries[key]?.answer, current === flight {
                            storage.entries[key]?.answer = .ready(value)
                        }
                    }
                    flight.finish(.success(value))
                    return value
                } catch {
                    storage.withValue { storage in
                        if case .computing(let current) = storage.entries[key]?.answer, current === flight { storage.entries[key] = nil }
                    }
                    flight.finish(.failure(error))
                    throw error
                }
            }
        }
    }

    /// Forgets the answer for `key` if it is still the one of `generation`.
    public func remove(_ key: String, generation: Generation) {
        storage.withValue { storage in
            if let entry = storage.entries[key], entry.generation == generation { storage.entries[key] = nil }
        }
    }

    /// How many answers are kept or being computed (for tests).
    var count: Int { storage.value.entries.count }

    /// How many callers wait for the computation of `key` under way (for tests).
    func waiting(for key: String) -> Int {
        guard case .computing(let flight) = storage.value.entries[key]?.answer else { return 0 }
        return flight.waiting
    }

    /// Drops the least recently used entries until `count` are left.
    private static func evict(_ storage: inout Storage, keeping count: Int) {
        let byAge = storage.entries.map { (key: $0.key, stamp: $0.value.stamp) }.sorted { $0.stamp < $1.stamp }
        for old in byAge.prefix(storage.entries.count - count) { storage.entries[old.key] = nil }
    }
}
