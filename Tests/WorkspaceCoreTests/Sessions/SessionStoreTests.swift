import Foundation
import GRDB
import Testing

@testable import WorkspaceCore

@Suite struct SessionStoreTests {
    @Test func defaultPageListsNewestConversationsFirstWithTheirFigures() async throws {
        let state = try StateHome.agentFixture()
        defer { state.remove() }
        var query = SessionQuery()
        query.limit = 40
        let page = try await state.store().page(query, includeTotal: true)
        let expected = try state.strings("SELECT id FROM sessions ORDER BY started_at DESC, id DESC")
        #expect(page.items.map(\.id) == expected)
        #expect(page.total == 40)
        #expect(page.nextCursor == nil)
        #expect(try await state.store().page(SessionQuery()).items.count == 25, "a default page holds 25")
        let first = try #require(page.items.first)
        #expect(first.messageCount == 16)
        let input: Int? = try state.scalar("SELECT input_tokens FROM sessions WHERE id = ?", [first.id])
        #expect(first.tokens.input == input)
        #expect(first.segmentIDs == [first.id])
        #expect(first.kind == .root)
    }

    @Test func cursorPagesWalkEveryRowOnceInEachSortOrder() async throws {
        let state = try StateHome.agentFixture()
        defer { state.remove() }
        let orders: [(SessionQuery.Sort, String)] = [
            (.started, "started_at"), (.cost, "COALESCE(actual_cost_usd, estimated_cost_usd, 0)"),
            (.tokens, "input_tokens + output_tokens + cache_read_tokens + cache_write_tokens"), (.messages, "message_count"),
        ]
        for (sort, expression) in orders {
            for ascending in [false, true] {
                var query = SessionQuery()
                query.sort = sort
                query.ascending = ascending
                query.limit = 7
                var seen: [String] = []
                while true {
                    let page = try await state.store().page(query)
                    seen += page.items.map(\.id)
                    guard let next = page.nextCursor else { break }
                    query.cursor = try SessionCursor(token: next, expecting: sort)
                }
                let direction = ascending ? "ASC" : "DESC"
                let expected = try state.strings("SELECT id FROM sessions ORDER BY \(expression) \(direction), id \(direction)")
                #expect(seen == expected, "sort \(sort) ascending \(ascending)")
            }
        }
    }

    @Test func nextPageIsStableWhileTheAgentInsertsNewerSessions() async throws {
        let state = try StateHome.agentFixture()
        defer { state.remove() }
        var query = SessionQuery()
        query.limit = 10
        let first = try await state.store().page(query)
        try state.write { db in
            for index in 0..<5 {
                try db.execute(
                    sql: "INSERT INTO sessions (id, source, started_at) VALUES (?, 'cli', ?)",
                    arguments: ["new_\(index)", Date().timeIntervalSince1970 + Double(index)])
            }
        }
        query.cursor = try SessionCursor(token: try #require(first.nextCursor), expecting: .started)
        let second = try await state.store().page(query)
        let expected = try state.strings("SELECT id FROM sessions WHERE id NOT LIKE 'new_%' ORDER BY started_at DESC, id DESC LIMIT 10 OFFSET 10")
        #expect(second.items.map(\.id) == expected)
    }

    @Test func filtersMatchTheSameRowsAsSQL() async throws {
        let state = try StateHome.agentFixture()
        defer { state.remove() }
        var query = SessionQuery()
        query.platforms = ["telegram", "discord"]
        var page = try await state.store().page(query, includeTotal: true)
        #expect(page.total == (try state.scalar("SELECT COUNT(*) FROM sessions WHERE source IN ('telegram', 'discord')") as Int?))
        #expect(Set(page.items.map(\.platform)) == ["telegram", "discord"])

        query = SessionQuery()
        let model = try #require(try state.strings("SELECT model FROM sessions LIMIT 1").first)
        query.models = [model]
        page = try await state.store().page(query, includeTotal: true)
        #expect(page.total == (try state.scalar("SELECT COUNT(*) FROM sessions WHERE model = ?", [model]) as Int?))

        query = SessionQuery()
        let cutoff = try #require(try state.scalar("SELECT started_at FROM sessions ORDER BY started_at LIMIT 1 OFFSET 20") as Double?)
        query.startedFrom = Date(timeIntervalSince1970: cutoff)
        page = try await state.store().page(query, includeTotal: true)
        #expect(page.total == 20)

        query = SessionQuery()
        query.state = .open
        page = try await state.store().page(query, includeTotal: true)
        #expect(page.total == (try state.scalar("SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL") as Int?))

        query = SessionQuery()
        let id = try #require(try state.strings("SELECT id FROM sessions ORDER BY id LIMIT 1").first)
        query.text = String(id.prefix(14))
        page = try await state.store().page(query)
        #expect(page.items.map(\.id).contains(id))
        #expect(
            page.items.allSatisfy {
                $0.id.hasPrefix(String(id.prefix(14))) || ($0.title ?? "").localizedCaseInsensitiveContains(String(id.prefix(14)))
            })

        query = SessionQuery()
        query.text = "%_"
        page = try await state.store().page(query)
        #expect(page.items.isEmpty)
    }

    @Test func compressionChainsAreOneConversationAndChildrenHangUnderTheirParent() async throws {
        let state = try StateHome.demo()
        defer { state.remove() }
        let store = state.store()
        var query = SessionQuery()
        query.limit = 200
        query.archived = .include
        let page = try await store.page(query)
        let topLevel: [String] = try state.strings("SELECT id FROM sessions WHERE parent_session_id IS NULL")
        #expect(Set(page.items.map(\.id)) == Set(topLevel))

        let root = try #require(try state.strings("SELECT id FROM sessions WHERE end_reason = 'compression' AND parent_session_id IS NULL").first)
        let continuation = try #require(try state.strings("SELECT id FROM sessions WHERE parent_session_id = ?", [root]).first)
        let summary = try #require(page.items.first { $0.id == root })
        #expect(summary.segmentIDs == [root, continuation])
        let summed: Int? = try state.scalar("SELECT SUM(message_count) FROM sessions WHERE id IN (?, ?)", [root, continuation])
        #expect(summary.messageCount == summed)
        let tipEnd: Double? = try state.scalar("SELECT ended_at FROM sessions WHERE id = ?", [continuation])
        #expect(summary.endedAt?.timeIntervalSince1970 == tipEnd)

        let detail = try await store.detail(id: continuation)
        #expect(detail.requestedID == continuation)
        #expect(detail.conversation.id == root)
        #expect(detail.segments.map(\.id) == [root, continuation])
        let transcript = try await store.transcript(id: root, limit: 500)
        #expect(transcript.total == summed)
        #expect(Set(transcript.items.map(\.sessionID)) == [root, continuation])
        #expect(transcript.items.map(\.id) == transcript.items.map(\.id).sorted())

        let branch = try #require(try state.strings("SELECT id FROM sessions WHERE model_config LIKE '%_branched_from%'").first)
        let branchParent = try #require(try state.strings("SELECT parent_session_id FROM sessions WHERE id = ?", [branch]).first)
        let parentDetail = try await store.detail(id: branchParent)
        #expect(parentDetail.branches.map(\.id).contains(branch))
        #expect(parentDetail.conversation.childCount >= 1)
        let branchDetail = try await store.detail(id: branch)
        #expect(branchDetail.conversation.kind == .branch)
        #expect(branchDetail.parent?.id == branchParent)

        let delegate = try #require(try state.strings("SELECT id FROM sessions WHERE model_config LIKE '%_delegate_from%'").first)
        let delegateParent = try #require(try state.strings("SELECT parent_session_id FROM sessions WHERE id = ?", [delegate]).first)
        #expect(try await store.detail(id: delegateParent).delegates.map(\.id).contains(delegate))
        var children = SessionQuery()
        children.parentID = delegateParent
        #expect(try await store.page(children).items.map(\.id).contains(delegate))

        var byMessages = SessionQuery()
        byMessages.sort = .messages
        byMessages.limit = 200
        byMessages.archived = .include
        let counts = try await store.page(byMessages).items.map(\.messageCount)
        #expect(counts == counts.sorted(by: >), "compression chains sort by their summed figures")
        #expect(counts.count == topLevel.count)

        var withChildren = SessionQuery()
        withChildren.hasChildren = true
        withChildren.archived = .include
        withChildren.limit = 200
        let parents = try await store.page(withChildren).items
        #expect(parents.allSatisfy { $0.childCount > 0 })
        #expect(Set(parents.map(\.id)).isSuperset(of: [branchParent, delegateParent]))
    }

    @Test func detailCarriesMainAndAuxiliaryUsageRows() async throws {
        let state = try StateHome.demo()
        defer { state.remove() }
        let id = try #require(try state.strings("SELECT session_id FROM session_model_usage WHERE task = 'title_generation' LIMIT 1").first)
        let detail = try await state.store().detail(id: id)
        let auxiliary = detail.usage.filter(\.isAuxiliary)
        #expect(auxiliary.contains { $0.task == "title_generation" })
        let main = detail.usage.filter { !$0.isAuxiliary }
        #expect(main.reduce(0) { $0 + $1.tokens.input } == detail.segments.reduce(0) { $0 + $1.tokens.input })
    }

    @Test func transcriptParsesToolCallsLinksResultsAndHidesRewoundMessages() async throws {
        let state = try StateHome.agentFixture()
        defer { state.remove() }
        let id = try #require(try state.strings("SELECT session_id FROM messages WHERE tool_calls IS NOT NULL LIMIT 1").first)
        let store = state.store()
        let page = try await store.transcript(id: id)
        #expect(page.total == 16)
        let call = try #require(page.items.first { !$0.toolCalls.isEmpty })
        let first = try #require(call.toolCalls.first)
        guard case .object = first.arguments else {
            Issue.record("arguments were not parsed into an object: \(first.arguments)")
            return
        }
        let result = try #require(page.items.first { $0.id == first.resultMessageID })
        #expect(result.role == "tool")
        #expect(result.callMessageID == call.id)
        try state.write { db in try db.execute(sql: "UPDATE messages SET tool_name = NULL WHERE id = ?", arguments: [result.id]) }
        #expect(try await store.transcript(id: id).items.first { $0.id == result.id }?.toolName == first.name)

        let paged = try await store.transcript(id: id, after: call.id, limit: 3)
        #expect(paged.items.first?.id == result.id)
        #expect(paged.items.first?.callMessageID == call.id)

        try state.write { db in
            try db.execute(sql: "UPDATE messages SET active = 0, compacted = 0 WHERE id = ?", arguments: [result.id])
            try db.execute(sql: "UPDATE messages SET active = 0, compacted = 1 WHERE id = ?", arguments: [call.id])
        }
        #expect(try await store.transcript(id: id).total == 14)
        #expect(try await store.transcript(id: id, visibility: .history).total == 15)
        #expect(try await store.transcript(id: id, visibility: .all).total == 16)
    }

    @Test func structuredContentIsDecodedFromTheSentinel() async throws {
        let state = try StateHome.agentFixture()
        defer { state.remove() }
        let id = try #require(try state.strings("SELECT id FROM sessions LIMIT 1").first)
        try state.write { db in
            // char(0) as the agent's Python writer stores it (a bound Swift string would stop at the NUL).
            try db.execute(
                sql: "INSERT INTO messages (session_id, role, content, timestamp) VALUES (?, 'user', char(0) || ?, 1)",
                arguments: [id, "json:[{\"type\":\"text\",\"text\":\"look at this\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]"])
        }
        let page = try await state.store().transcript(id: id, visibility: .all)
        let message = try #require(page.items.first { $0.contentParts != nil })
        #expect(message.content == nil)
        #expect(message.contentParts?.rendered(.compact).contains("look at this") == true)
    }

    @Test func statsCountEveryPlatformAndAgreeWithSQL() async throws {
        let state = try StateHome.demo()
        defer { state.remove() }
        let stats = try await state.store().stats()
        #expect(stats.available)
        #expect(stats.sessions == (try state.scalar("SELECT COUNT(*) FROM sessions") as Int?))
        #expect(stats.messages == (try state.scalar("SELECT COUNT(*) FROM messages") as Int?))
        #expect(stats.conversations == (try state.scalar("SELECT COUNT(*) FROM sessions WHERE parent_session_id IS NULL") as Int?))
        #expect(stats.archived == (try state.scalar("SELECT COUNT(*) FROM sessions WHERE parent_session_id IS NULL AND archived = 1") as Int?))
        #expect(stats.platforms.reduce(0) { $0 + $1.sessions } == stats.sessions)
        #expect(stats.schemaVersion == 22)
    }

    @Test func missingDatabaseGivesAnExplainedEmptyState() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let store = SessionStore(database: StateDatabase(url: fixture.home.stateDatabase))
        let page = try await store.page(SessionQuery(), includeTotal: true)
        #expect(page.items.isEmpty)
        #expect(page.notice == SessionStore.missingNotice)
        #expect(try await store.stats().available == false)
        await #expect(throws: WorkspaceError.notFound(what: "Session x")) { try await store.detail(id: "x") }
        #expect(!FileManager.default.fileExists(atPath: fixture.home.stateDatabase.path))
    }

    @Test func corruptDatabaseIsAStorageFailureNotACrash() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try fixture.write(String(repeating: "not a database ", count: 400), to: "state.db")
        let store = SessionStore(database: StateDatabase(url: fixture.home.stateDatabase))
        await #expect(throws: WorkspaceError.self) { try await store.page(SessionQuery()) }
    }

    @Test func olderSchemaWithoutNewerColumnsStillLists() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let queue = try DatabaseQueue(path: fixture.home.stateDatabase.path)
        try await queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE sessions (id TEXT PRIMARY KEY, source TEXT NOT NULL, model TEXT, parent_session_id TEXT,
                        started_at REAL NOT NULL, ended_at REAL, end_reason TEXT, message_count INTEGER DEFAULT 0,
                        input_tokens INTEGER DEFAULT 0, output_tokens INTEGER DEFAULT 0);
                    CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL, role TEXT NOT NULL,
                        content TEXT, tool_call_id TEXT, tool_calls TEXT, timestamp REAL NOT NULL);
                    INSERT INTO sessions (id, source, model, started_at, message_count, input_tokens) VALUES ('old1', 'cli', 'gpt-4', 100, 2, 50);
                    INSERT INTO messages (session_id, role, content, timestamp) VALUES ('old1', 'user', 'hi', 100), ('old1', 'assistant', 'hello', 101);
                    """)
        }
        let store = SessionStore(database: StateDatabase(url: fixture.home.stateDatabase))
        var query = SessionQuery()
        query.sort = .cost
        let page = try await store.page(query, includeTotal: true)
        #expect(page.items.map(\.id) == ["old1"])
        #expect(page.items[0].tokens.input == 50)
        #expect(page.items[0].title == nil)
        #expect(page.items[0].preview == "hi")
        let detail = try await store.detail(id: "old1")
        #expect(detail.usage.first?.source == "session_counters")
        #expect(try await store.transcript(id: "old1").items.map(\.content) == ["hi", "hello"])
        let search = SessionSearch(database: StateDatabase(url: fixture.home.stateDatabase))
        await #expect(throws: WorkspaceError.self) { try await search.search(try SearchQuery("hi there")) }
    }
}
