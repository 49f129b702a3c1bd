import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct SessionDeleterTests {
    private func deleter(_ state: StateHome, now: Date = StateHome.demoNow) -> (SessionDeleter, AuditLog) {
        let audit = AuditLog(home: state.home)
        return (SessionDeleter(store: state.store(now: now), audit: audit, now: { now }), audit)
    }

    @Test func deletingAConversationRemovesSegmentsMessagesUsageSearchRowsAndDelegates() async throws {
        let state = try StateHome.demo()
        defer { state.remove() }
        let root = try #require(try state.strings("SELECT id FROM sessions WHERE end_reason = 'compression' AND parent_session_id IS NULL").first)
        let segments = try state.strings("SELECT id FROM sessions WHERE id = ?1 OR parent_session_id = ?1", [root])
        let messageIDs = try state.strings(
            "SELECT CAST(id AS TEXT) FROM messages WHERE session_id IN (SELECT value FROM json_each(?))",
            [SessionListStatement.jsonArray(segments)])
        let (deleter, audit) = deleter(state)
        let report = try await deleter.delete(ids: [segments.last!], actor: AuditActor(address: "127.0.0.1", requestID: "req-1"))
        #expect(report.deleted == [root])
        #expect(report.removedMessages == messageIDs.count)
        #expect(
            try state.scalar("SELECT COUNT(*) FROM sessions WHERE id IN (SELECT value FROM json_each(?))", [SessionListStatement.jsonArray(segments)])
                as Int? == 0)
        #expect(try state.scalar("SELECT COUNT(*) FROM session_model_usage WHERE session_id = ?", [root]) as Int? == 0)
        let ids = SessionListStatement.jsonArray(messageIDs)
        #expect(try state.scalar("SELECT COUNT(*) FROM messages_fts WHERE rowid IN (SELECT value FROM json_each(?))", [ids]) as Int? == 0)
        #expect(try state.scalar("SELECT COUNT(*) FROM messages_fts_trigram WHERE rowid IN (SELECT value FROM json_each(?))", [ids]) as Int? == 0)
        let events = try await audit.page(AuditQuery()).items
        #expect(events.first?.action == "sessions.delete")
        #expect(events.first?.target == root)
        #expect(events.first?.requestID == "req-1")
        await #expect(throws: WorkspaceError.notFound(what: "Session \(root)")) { try await state.store().detail(id: root) }
    }

    @Test func delegatesGoWithTheirParentAndBranchesAreDetached() async throws {
        let state = try StateHome.demo()
        defer { state.remove() }
        let delegate = try #require(try state.strings("SELECT id FROM sessions WHERE model_config LIKE '%_delegate_from%'").first)
        let delegateParent = try #require(try state.strings("SELECT parent_session_id FROM sessions WHERE id = ?", [delegate]).first)
        let branch = try #require(try state.strings("SELECT id FROM sessions WHERE model_config LIKE '%_branched_from%'").first)
        let branchParent = try #require(try state.strings("SELECT parent_session_id FROM sessions WHERE id = ?", [branch]).first)
        let report = try await deleter(state).0.delete(ids: [delegateParent, branchParent], actor: nil)
        #expect(Set(report.deleted) == [delegateParent, branchParent])
        #expect(try state.scalar("SELECT COUNT(*) FROM sessions WHERE id = ?", [delegate]) as Int? == 0)
        #expect(report.detachedChildren.contains(branch))
        #expect(try state.scalar("SELECT parent_session_id IS NULL FROM sessions WHERE id = ?", [branch]) as Bool? == true)
    }

    @Test func liveConversationsAndUnknownIdsAreRefusedAndLeftAlone() async throws {
        let state = try StateHome.demo()
        defer { state.remove() }
        let open = try #require(try state.strings("SELECT id FROM sessions WHERE ended_at IS NULL LIMIT 1").first)
        let messages: Int? = try state.scalar("SELECT COUNT(*) FROM messages WHERE session_id = ?", [open])
        let (deleter, audit) = deleter(state)
        let report = try await deleter.delete(ids: [open, "no-such-session"], actor: nil)
        #expect(report.deleted.isEmpty)
        #expect(report.refused == [.init(id: open, reason: .active), .init(id: "no-such-session", reason: .notFound)])
        #expect(try state.scalar("SELECT COUNT(*) FROM messages WHERE session_id = ?", [open]) as Int? == messages)
        #expect(try await audit.page(AuditQuery()).items.first?.outcome == .refused)
    }

    @Test func bulkDeleteByFilterPreviewsThenDeletesExactlyTheMatches() async throws {
        let state = try StateHome.demo()
        defer { state.remove() }
        var query = SessionQuery()
        query.platforms = ["slack"]
        query.archived = .include
        let (deleter, _) = deleter(state)
        let preview = try await deleter.preview(query)
        let expected: Int? = try state.scalar("SELECT COUNT(*) FROM sessions WHERE source = 'slack' AND parent_session_id IS NULL")
        #expect(preview.matched == expected)
        #expect(try state.scalar("SELECT COUNT(*) FROM sessions WHERE source = 'slack' AND parent_session_id IS NULL") as Int? == expected)
        let report = try await deleter.delete(matching: query, actor: nil)
        #expect(report.deleted.count == (expected ?? 0) - preview.active)
        let survivors = try state.strings("SELECT id FROM sessions WHERE source = 'slack' AND parent_session_id IS NULL AND ended_at IS NOT NULL")
        #expect(Set(survivors).isSubset(of: Set(report.detachedChildren)), "only detached branches stay behind")
        #expect(try state.scalar("SELECT COUNT(*) FROM sessions WHERE source != 'slack'") as Int? ?? 0 > 0)
    }
}
