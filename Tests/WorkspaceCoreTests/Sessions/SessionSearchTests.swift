import Foundation
import GRDB
import Testing

@testable import WorkspaceCore

@Suite struct SessionSearchTests {
    @Test func termsArePhrasesPrefixesAndNeverOperators() throws {
        #expect(try SearchQuery("docker compose").expression == #""docker" "compose""#)
        #expect(try SearchQuery("deplo*").expression == #""deplo"*"#)
        #expect(try SearchQuery(#""exact phrase" tail"#).expression == #""exact phrase" "tail""#)
        #expect(try SearchQuery("NOT OR AND").expression == #""NOT" "OR" "AND""#)
        #expect(try SearchQuery(#"say "unbalanced"#).expression == #""say" "unbalanced""#)
        #expect(try SearchQuery(#"col:value"#).expression == #""col:value""#)
        #expect(try SearchQuery(#"a""b"#).terms.count == 2)
        #expect(try SearchQuery("会議は").mode == .substring)
        #expect(try SearchQuery("ploy", mode: .substring).expression == #""ploy""#)
        #expect(throws: WorkspaceError.self) { try SearchQuery("   ") }
        #expect(throws: WorkspaceError.self) { try SearchQuery("*** ((( ^^^") }
        #expect(throws: WorkspaceError.self) { try SearchQuery("会議") }
        #expect(throws: WorkspaceError.self) { try SearchQuery(String(repeating: "x", count: 10_240)) }
    }

    @Test func wordSearchGroupsHitsByConversationNewestFirstWithMarkedSnippets() async throws {
        let state = try StateHome.demo()
        defer { state.remove() }
        let search = SessionSearch(database: state.database, now: { StateHome.demoNow })
        let results = try await search.search(try SearchQuery("docker"), limit: 5)
        #expect(!results.groups.isEmpty)
        #expect(results.groups.count <= 5)
        let newestHit = results.groups.map { $0.hits[0].messageID }
        #expect(newestHit == newestHit.sorted(by: >))
        for group in results.groups {
            #expect(group.hits.count <= 3)
            for hit in group.hits {
                #expect(hit.snippet.contains { $0.match && $0.text.lowercased().contains("docker") })
                #expect(group.conversation.segmentIDs.contains(hit.sessionID))
            }
        }
        let expected: Int? = try state.scalar(
            """
            SELECT COUNT(DISTINCT m.session_id) FROM messages_fts f JOIN messages m ON m.id = f.rowid WHERE messages_fts MATCH 'docker'
            """)
        var conversations = Set(results.groups.map(\.conversation.id))
        var cursor = results.nextCursor
        while let next = cursor {
            let more = try await search.search(try SearchQuery("docker"), limit: 5, cursor: Int64(next))
            conversations.formUnion(more.groups.map(\.conversation.id))
            cursor = more.nextCursor
        }
        #expect(conversations.count <= expected ?? 0)
        #expect(conversations.count >= 1)
    }

    @Test func substringSearchFindsCJKThroughTheTrigramIndex() async throws {
        let state = try StateHome.demo(sessions: 200)
        defer { state.remove() }
        let search = SessionSearch(database: state.database, now: { StateHome.demoNow })
        let results = try await search.search(try SearchQuery("会議は"))
        #expect(results.mode == "substring")
        #expect(results.groups.first?.hits.first?.snippet.contains { $0.match } == true)
        let prefix = try await search.search(try SearchQuery("dock*"))
        #expect(!prefix.groups.isEmpty)
        let inside = try await search.search(try SearchQuery("ocke", mode: .substring))
        #expect(!inside.groups.isEmpty)
    }

    @Test func hostileTextIsSearchedLiterallyOrRefusedNeverAnInternalError() async throws {
        let state = try StateHome.agentFixture()
        defer { state.remove() }
        let search = SessionSearch(database: state.database)
        let nasty = [
            #"""#, #""a"#, "a OR", "NEAR(a b)", "a AND NOT b", "content:x", "^start", "(((", "a*b*", "\u{0}", "'; DROP TABLE sessions; --",
            "{a b}", "a + b", "-x", "x:", String(repeating: "\"", count: 499), String(repeating: "ab ", count: 16),
        ]
        for text in nasty {
            do {
                _ = try await search.search(try SearchQuery(text))
            } catch let error as WorkspaceError {
                guard case .invalidInput = error else {
                    Issue.record("\(text.debugDescription) gave \(error)")
                    continue
                }
            }
        }
        #expect(try state.scalar("SELECT COUNT(*) FROM sessions") as Int? == 40)
    }
}
