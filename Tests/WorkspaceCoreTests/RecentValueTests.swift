import Testing
@testable import WorkspaceCore

@Suite struct RecentValueTests {
    private actor Counter {
        var count = 0
        func next() -> Int { count += 1; return count }
    }

    @Test func concurrentCallersShareOneMeasurementAndFreshValuesAreReused() async throws {
        let counter = Counter()
        let cache = RecentValue(lifetime: .seconds(1)) { () async -> Int in
            try? await Task.sleep(for: .milliseconds(50))
            return await counter.next()
        }
        let values = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<20 { group.addTask { await cache.value() } }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(values == Array(repeating: 1, count: 20))
        #expect(await cache.value() == 1)
        try await Task.sleep(for: .milliseconds(1_100))
        #expect(await cache.value() == 2)
        #expect(await counter.count == 2)
    }
}
