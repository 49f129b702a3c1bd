import Foundation
import Testing

@testable import WorkspaceCore

/// A generated home of a few thousand conversations: paging, totals and search stay exact at a size where a
/// wrong plan or an off-by-one in the cursor would show.
@Suite struct LargeHomeTests {
    @Test func cursorPagesSearchAndTotalsStayExactOnAGeneratedHome() async throws {
        let state = try StateHome.demo(sessions: 2_500)
        defer { state.remove() }
        let store = state.store()
        var query = SessionQuery()
        query.limit = 200
        query.archived = .include
        var seen: [String] = []
        while true {
            let page = try await store.page(query)
            seen += page.items.map(\.id)
            guard let next = page.nextCursor else { break }
            query.cursor = try SessionCursor(token: next, expecting: .started)
        }
        #expect(seen == (try state.strings("SELECT id FROM sessions WHERE parent_session_id IS NULL ORDER BY started_at DESC, id DESC")))

        let everything = try AnalyticsRange(
            from: Date(timeIntervalSince1970: 1_790_000_000), to: StateHome.demoNow.addingTimeInterval(86_400),
            timeZone: TimeZone(identifier: "UTC")!, bucket: .month)
        let usage = try await AnalyticsService(database: state.database, timeZone: AgentTimeZone(home: state.home, environment: [:])).usage(
            everything)
        #expect(usage.totals.sessions == (try state.scalar("SELECT COUNT(*) FROM sessions") as Int?))
        #expect(
            usage.totals.tokens.total
                == (try state.scalar("SELECT SUM(input_tokens + output_tokens + cache_read_tokens + cache_write_tokens) FROM sessions") as Int?))

        let search = SessionSearch(database: state.database, now: { StateHome.demoNow })
        var conversations = Set<String>()
        var cursor: Int64?
        repeat {
            let results = try await search.search(try SearchQuery("docker"), limit: 50, cursor: cursor)
            for group in results.groups { conversations.insert(group.conversation.id) }
            cursor = results.nextCursor.flatMap { Int64($0) }
        } while cursor != nil
        let expected: Int? = try state.scalar(
            """
            SELECT COUNT(DISTINCT m.session_id) FROM messages_fts f JOIN messages m ON m.id = f.rowid
            JOIN sessions s ON s.id = m.session_id WHERE messages_fts MATCH 'docker' AND s.parent_session_id IS NULL
            """)
        let segmentsWithHits: Int? = try state.scalar(
            """
            SELECT COUNT(DISTINCT m.session_id) FROM messages_fts f JOIN messages m ON m.id = f.rowid WHERE messages_fts MATCH 'docker'
            """)
        #expect(conversations.count >= expected ?? 0, "every top-level conversation with a hit is reached by paging")
        #expect(conversations.count <= segmentsWithHits ?? 0)
    }
}
