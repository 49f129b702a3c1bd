import Testing

@testable import WorkspaceCore

@Suite struct RecentValueTests {
    private actor Counter {
        var count = 0
        func next() -> Int {
            count += 1
            return count
        }
    }

    @Test func concurrentCallersShareOneMeasurementAndAFreshValueIsReused() async {
        let counter = Counter()
        let cache = RecentValue(lifetime: .seconds(3_600)) { () async -> Int in
            try? await Task.sleep(for: .milliseconds(50))
            return await counter.next()
        }
        let values = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<20 { group.addTask { await cache.value() } }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(values == Array(repeating: 1, count: 20))
        #expect(await cache.value() == 1)
        #expect(await counter.count == 1)
    }

    @Test func aValueOlderThanItsLifetimeIsMeasuredAgain() async throws {
        let counter = Counter()
        let cache = RecentValue(lifetime: .milliseconds(1)) { await counter.next() }
        #expect(await cache.value() == 1)
        try await Task.sleep(for: .milliseconds(20))
        #expect(await cache.value() == 2, "however slow the machine, 20 ms after it a 1 ms value is stale")
    }
}
