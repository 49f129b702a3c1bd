import Foundation
import GRDB
import Testing

@testable import WorkspaceCore

/// The page answer written straight from rows is the very bytes of the page's summaries encoded: for every sort,
/// filter and cursor step, and for rows whose columns hold what a hand-edited or damaged `state.db` can hold.
@Suite struct SessionPageJSONTests {
    private func queries(parentIDs: [String]) -> [SessionQuery] {
        var queries: [SessionQuery] = []
        for sort in SessionQuery.Sort.allCases {
            for ascending in [false, true] {
                var query = SessionQuery()
                query.sort = sort
                query.ascending = ascending
                query.limit = 7
                queries.append(query)
            }
        }
        var all = SessionQuery()
        all.limit = 500
        all.archived = .include
        queries.append(all)
        for change in [
            { (query: inout SessionQuery) in query.archived = .only }, { $0.state = .open }, { $0.state = .ended },
            { $0.platforms = ["telegram", "cli"] }, { $0.text = "report" }, { $0.hasChildren = true }, { $0.empty = false },
        ] {
            var query = SessionQuery()
            query.limit = 50
            change(&query)
            queries.append(query)
        }
        for parentID in parentIDs {
            var query = SessionQuery()
            query.parentID = parentID
            queries.append(query)
        }
        return queries
    }

    /// Walks every cursor page of `query` both ways and compares the answers byte for byte.
    private func expectSameBytes(_ store: SessionStore, _ query: SessionQuery) async throws {
        var query = query
        for _ in 0..<100 {
            let page = try await store.page(query, includeTotal: true)
            let encoded = try StreamingJSONEncoder().encode(page)
            let written = try await store.pageJSON(query, includeTotal: true)
            #expect(String(decoding: written, as: UTF8.self) == String(decoding: encoded, as: UTF8.self), "\(query)")
            guard let next = page.nextCursor else { return }
            query.cursor = try SessionCursor(token: next, expecting: query.sort)
        }
    }

    @Test func everyPageOfTheDemoAndTheAgentsFixtureIsTheSameBytes() async throws {
        for state in [try StateHome.demo(), try StateHome.agentFixture()] {
            defer { state.remove() }
            let parents = try state.strings("SELECT DISTINCT parent_session_id FROM sessions WHERE parent_session_id IS NOT NULL LIMIT 5")
            for query in queries(parentIDs: parents) {
                try await expectSameBytes(state.store(), query)
            }
        }
    }

    @Test func oddColumnValuesAreWrittenAsTheirSummaryWouldBe() async throws {
        let state = try StateHome.demo()
        defer { state.remove() }
        let ids = try state.strings(
            "SELECT id FROM sessions WHERE parent_session_id IS NULL AND end_reason IS NOT 'compression' ORDER BY started_at DESC LIMIT 12")
        try #require(ids.count == 12)
        try state.write { db in
            let edits: [(String, StatementArguments)] = [
                ("UPDATE sessions SET title = ? WHERE id = ?", ["quote \" backslash \\ newline \n tab \t bell \u{7} é 🙂 会議", ids[0]]),
                ("UPDATE sessions SET title = CAST(X'61006263' AS TEXT) WHERE id = ?", [ids[1]]),
                ("UPDATE sessions SET title = CAST(X'61FF62C3' AS TEXT), model = 42 WHERE id = ?", [ids[2]]),
                ("UPDATE sessions SET title = NULL WHERE id = ?", [ids[3]]),
                ("UPDATE sessions SET message_count = '12', tool_call_count = 'many', estimated_cost_usd = '0.5' WHERE id = ?", [ids[4]]),
                ("UPDATE sessions SET ended_at = NULL, end_reason = NULL, archived = 0 WHERE id = ?", [ids[5]]),
                ("UPDATE sessions SET input_tokens = 4611686018427387903, output_tokens = -5, actual_cost_usd = 1e300 WHERE id = ?", [ids[6]]),
                ("UPDATE sessions SET started_at = -62167219300, ended_at = 253402300800 WHERE id = ?", [ids[7]]),
                ("UPDATE sessions SET cost_status = CAST(X'6F6B00787878' AS TEXT), billing_provider = '' WHERE id = ?", [ids[8]]),
                ("UPDATE sessions SET profile_name = 'work', estimated_cost_usd = NULL, started_at = 'soon' WHERE id = ?", [ids[9]]),
            ]
            for (sql, arguments) in edits { try db.execute(sql: sql, arguments: arguments) }
            // Newest activity a minute before "now", in an open session: it is active.
            try db.execute(
                sql: "UPDATE messages SET timestamp = ? WHERE id = (SELECT MAX(id) FROM messages WHERE session_id = ?)",
                arguments: [StateHome.demoNow.timeIntervalSince1970 - 60, ids[5]])
            try db.execute(
                // Bound as bytes and cast: a Swift string argument would end at its NUL.
                sql: "INSERT INTO messages (session_id, role, content, timestamp) VALUES (?, 'user', CAST(? AS TEXT), 0)",
                arguments: [ids[3], Data("\u{0}json:[{\"type\":\"text\",\"text\":\"  a   structured\\nfirst message  \"}]".utf8)])
        }
        var all = SessionQuery()
        all.limit = 500
        all.archived = .include
        try await expectSameBytes(state.store(), all)
        let written = try await state.store().pageJSON(all)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(written)) as? [String: Any])
        let items = try #require(object["items"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: items.map { ($0["id"] as! String, $0) })
        #expect(byID[ids[1]]?["title"] as? String == "a", "text is read up to its first NUL, as GRDB reads a String")
        #expect(byID[ids[2]]?["title"] as? String == "a\u{FFFD}b\u{FFFD}", "invalid UTF-8 is replaced, not passed on")
        #expect(byID[ids[3]]?["preview"] as? String == "a structured first message")
        #expect(byID[ids[5]]?["isActive"] as? Bool == true)
    }

    @Test func countersPastAnyRealSessionAreHeldAndNeverOverflow() async throws {
        let state = try StateHome.demo()
        defer { state.remove() }
        let root = try #require(
            try state.strings("SELECT id FROM sessions WHERE end_reason = 'compression' AND parent_session_id IS NULL LIMIT 1").first)
        // Every segment of the chain and its usage rows claim the most an INTEGER holds: summed as they were, one read
        // of the list would have stopped the server.
        try state.write { db in
            try db.execute(
                sql: """
                    UPDATE sessions SET message_count = 9223372036854775807, api_call_count = 9223372036854775807,
                      input_tokens = 9223372036854775807, output_tokens = 9223372036854775807, cache_read_tokens = -9223372036854775808
                    """)
            try db.execute(sql: "UPDATE session_model_usage SET input_tokens = 9223372036854775807, api_call_count = 9223372036854775807")
        }
        var all = SessionQuery()
        all.limit = 500
        all.archived = .include
        try await expectSameBytes(state.store(), all)
        let conversation = try #require(try await state.store().page(all).items.first { $0.id == root })
        #expect(conversation.segmentIDs.count > 1)
        #expect(conversation.tokens.input == Int.counterLimit * conversation.segmentIDs.count)
        #expect(conversation.tokens.cacheRead == 0, "a negative counter reads as none")
        let detail = try await state.store().detail(id: root)
        #expect(detail.conversation.messageCount == Int.counterLimit * conversation.segmentIDs.count)
        #expect(!detail.usage.isEmpty)
    }
}
