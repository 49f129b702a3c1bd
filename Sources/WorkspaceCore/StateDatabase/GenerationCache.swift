/// Answers computed from `state.db`, kept while the database is unchanged (same ``StateDatabaseGeneration``).
///
/// Bounded: the least recently stored entry goes first once `capacity` is reached.
public final class GenerationCache<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        let generation: StateDatabaseGeneration
        let value: Value
        let stamp: UInt64
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

    /// The answer for `key` at `generation`, computing and storing it when missing or stale.
    public func value(for key: String, generation: StateDatabaseGeneration, compute: () async throws -> Value) async rethrows -> Value {
        if let entry = storage.value.entries[key], entry.generation == generation { return entry.value }
        let value = try await compute()
        storage.withValue { storage in
            storage.clock += 1
            storage.entries[key] = Entry(generation: generation, value: value, stamp: storage.clock)
            if storage.entries.count > capacity, let oldest = storage.entries.min(by: { $0.value.stamp < $1.value.stamp })?.key {
                storage.entries[oldest] = nil
            }
        }
        return value
    }
}
