import Testing

@testable import WorkspaceCore

@Suite struct GenerationCacheTests {
    /// A computation held until the test lets it finish.
    private final class Gate: Sendable {
        private let stream: AsyncStream<Void>
        private let continuation: AsyncStream<Void>.Continuation

        init() { (stream, continuation) = AsyncStream.makeStream() }

        func pass() async { for await _ in stream { break } }
        func open() { continuation.finish() }
    }

    private let computations = LockedValue(0)

    private func counted(_ value: Int) -> Int {
        computations.withValue { $0 += 1 }
        return value
    }

    /// Yields until `condition` holds (the tasks it waits for run on other threads).
    private func until(_ condition: () -> Bool) async {
        while !condition() { await Task.yield() }
    }

    @Test func concurrentCallersShareOneComputation() async throws {
        let cache = GenerationCache<Int, Int>()
        let gate = Gate()
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await cache.value(for: "page", generation: 1) {
                        await gate.pass()
                        return self.counted(7)
                    }
                }
            }
            // One caller computes; the gate opens only once the other nineteen wait for it.
            await until { cache.waiting(for: "page") == 19 }
            gate.open()
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(values == Array(repeating: 7, count: 20))
        #expect(computations.value == 1)
        #expect(try await cache.value(for: "page", generation: 1) { self.counted(8) } == 7)
        #expect(try await cache.value(for: "page", generation: 2) { self.counted(9) } == 9, "another generation is computed again")
    }

    @Test func aFailureIsNotKept() async throws {
        struct Failure: Error {}
        let cache = GenerationCache<Int, Int>()
        await #expect(throws: Failure.self) { try await cache.value(for: "k", generation: 1) { throw Failure() } }
        #expect(cache.count == 0)
        #expect(try await cache.value(for: "k", generation: 1) { 3 } == 3)
    }

    @Test func aCancelledComputationLeavesItsWaitersToComputeAgain() async throws {
        let cache = GenerationCache<Int, Int>()
        let gate = Gate()
        let first = Task {
            try await cache.value(for: "k", generation: 1) {
                await gate.pass()
                try Task.checkCancellation()
                return 1
            }
        }
        await until { cache.count == 1 }
        let second = Task { try await cache.value(for: "k", generation: 1) { 2 } }
        await until { cache.waiting(for: "k") == 1 }
        first.cancel()
        gate.open()
        await #expect(throws: CancellationError.self) { try await first.value }
        #expect(try await second.value == 2)
    }

    @Test func pastItsCapacityTheLeastRecentlyUsedGo() async throws {
        let cache = GenerationCache<Int, Int>(capacity: 8)
        _ = try await cache.value(for: "kept", generation: 1) { self.counted(0) }
        for index in 1...100 {
            _ = try await cache.value(for: "key \(index)", generation: 1) { self.counted(index) }
            _ = try await cache.value(for: "kept", generation: 1) { self.counted(-1) }
            #expect(cache.count <= 8)
        }
        #expect(computations.value == 101, "the entry used after every insert was never evicted")
        #expect(try await cache.value(for: "key 1", generation: 1) { self.counted(1) } == 1)
        #expect(computations.value == 102, "an old one was")
    }
}
