/// Answers kept while what they were computed from is unchanged: `state.db` (a ``StateDatabaseGeneration``) or a
/// home's files (a ``HomeChanges`` generation).
///
/// Concurrent requests for the same missing answer share one computation, so a burst of dashboards opening at once
/// costs one query, not one each. Failures are not kept. Bounded: the least recently used entry goes first.
public final class GenerationCache<Value: Sendable, Generation: Hashable & Sendable>: Sendable {
    private struct Entry: Sendable {
        let generation: Generation
        let task: Task<Value, any Error>
        var stamp: UInt64
    }

    private struct Storage: Sendable {
        var entries: [String: Entry] = [:]
        var clock: UInt64 = 0
    }

    private let storage = LockedValue(Storage())
    private let capacity: Int

    /// A cache holding at most `capacity` answers.
    public init(capacity: Int = 64) {
        self.capacity = capacity
    }

    /// The answer for `key` at `generation`, computing it (once, however many callers wait) when missing or stale.
    public func value(
        for key: String, generation: Generation,
        compute: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let task = storage.withValue { storage -> Task<Value, any Error> in
            storage.clock += 1
            if var entry = storage.entries[key], entry.generation == generation {
                entry.stamp = storage.clock
                storage.entries[key] = entry
                return entry.task
            }
            let task = Task { try await compute() }
            storage.entries[key] = Entry(generation: generation, task: task, stamp: storage.clock)
            if storage.entries.count > capacity, let oldest = storage.entries.min(by: { $0.value.stamp < $1.value.stamp })?.key {
                storage.entries[oldest] = nil
            }
            return task
        }
        do {
            return try await task.value
        } catch {
            remove(key, generation: generation)
            throw error
        }
    }

    /// Forgets the answer for `key` if it is still the one of `generation`.
    public func remove(_ key: String, generation: Generation) {
        storage.withValue { storage in
            if let entry = storage.entries[key], entry.generation == generation { storage.entries[key] = nil }
        }
    }
}
