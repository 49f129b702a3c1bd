import Foundation
import GRDB

/// The only writer of `state.db`: removes conversations with their messages, usage rows and delegated runs, in
/// short transactions the agent's own writers can interleave with, and records each removal in the audit trail.
public struct SessionDeleter: Sendable {
    private let store: SessionStore
    private let audit: AuditLog
    private let now: @Sendable () -> Date

    /// Most conversations one request may remove.
    public static let bulkLimit = 5_000
    private static let batchSize = 100

    /// Deletes through `store`'s database and audits into `audit`.
    public init(store: SessionStore, audit: AuditLog, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.audit = audit
        self.now = now
    }

    /// Removes the conversations containing `ids` (live ones are refused).
    public func delete(ids: [String], actor: AuditActor?) async throws -> DeletionReport {
        var report = DeletionReport()
        var seen = Set<String>()
        let unique = ids.filter { seen.insert($0).inserted }
        for start in stride(from: 0, to: unique.count, by: Self.batchSize) {
            let batch = Array(unique[start..<min(start + Self.batchSize, unique.count)])
            let now = now()
            let part = try await store.database.write { db, schema in
                var part = DeletionReport()
                for id in batch { try Self.remove(id, db, schema, now: now, into: &part) }
                return part
            }
            guard let part else { throw WorkspaceError.notFound(what: "state.db") }
            report.deleted += part.deleted
            report.removedSessions += part.removedSessions
            report.removedMessages += part.removedMessages
            report.detachedChildren += part.detachedChildren
            report.refused += part.refused
        }
        for id in report.deleted {
            try await audit.record(AuditEvent(action: .sessionsDelete, target: id, actor: actor))
        }
        for refusal in report.refused where refusal.reason == .active {
            try await audit.record(
                AuditEvent(
                    action: .sessionsDelete, target: refusal.id, outcome: .refused,
                    summary: "session is still active", actor: actor))
        }
        return report
    }

    /// What deleting everything `query` matches would do.
    public func preview(_ query: SessionQuery) async throws -> DeletionPreview {
        let (matches, truncated) = try await matching(query)
        return DeletionPreview(
            matched: matches.count, active: matches.filter(\.isActive).count, sample: Array(matches.prefix(20)), truncated: truncated)
    }

    /// Deletes everything `query` matches, up to ``bulkLimit`` conversations.
    public func delete(matching query: SessionQuery, actor: AuditActor?) async throws -> DeletionReport {
        try await delete(ids: try await matching(query).matches.map(\.id), actor: actor)
    }

    private func matching(_ query: SessionQuery) async throws -> (matches: [SessionSummary], truncated: Bool) {
        var query = query
        query.limit = 200
        query.cursor = nil
        var matches: [SessionSummary] = []
        while matches.count < Self.bulkLimit {
            let page = try await store.page(query)
            matches += page.items
            guard let next = page.nextCursor else { return (matches, false) }
            query.cursor = try SessionCursor(token: next, expecting: query.sort)
        }
        return (Array(matches.prefix(Self.bulkLimit)), true)
    }

    private static func remove(_ id: String, _ db: Database, _ schema: StateSchema, now: Date, into report: inout DeletionReport) throws {
        guard let conversation = try ConversationLookup.conversation(db, schema, containing: id) else {
            report.refused.append(.init(id: id, reason: .notFound))
            return
        }
        let segments = conversation.segments.map(\.id)
        let newest = conversation.segments[conversation.segments.count - 1]
        if newest.endedAt == nil {
            let last = try ConversationLookup.lastActivity(db, ids: segments).values.max() ?? newest.startedAt.timeIntervalSince1970
            if now.timeIntervalSince1970 - last < SessionSummary.activeWindow {
                report.refused.append(.init(id: id, reason: .active))
                return
            }
        }
        let doomed = try doomedRows(db, schema, segments: segments)
        let doomedJSON = SessionListStatement.jsonArray(doomed)
        let detached = try String.fetchAll(
            db,
            sql: """
                SELECT id FROM sessions WHERE parent_session_id IN (SELECT value FROM json_each(?1)) AND id NOT IN (SELECT value FROM json_each(?1))
                """, arguments: [doomedJSON])
        try db.execute(
            sql: """
                UPDATE sessions SET parent_session_id = NULL WHERE id IN (SELECT value FROM json_each(?))
                """, arguments: [SessionListStatement.jsonArray(detached)])
        try db.execute(sql: "DELETE FROM messages WHERE session_id IN (SELECT value FROM json_each(?))", arguments: [doomedJSON])
        report.removedMessages += db.changesCount
        if schema.hasModelUsage {
            try db.execute(sql: "DELETE FROM session_model_usage WHERE session_id IN (SELECT value FROM json_each(?))", arguments: [doomedJSON])
        }
        try db.execute(sql: "DELETE FROM sessions WHERE id IN (SELECT value FROM json_each(?))", arguments: [doomedJSON])
        report.removedSessions += db.changesCount
        report.deleted.append(segments[0])
        report.detachedChildren += detached
    }

    /// The segments plus every delegated run under them, and everything under those runs.
    private static func doomedRows(_ db: Database, _ schema: StateSchema, segments: [String]) throws -> [String] {
        var doomed = segments
        var inDelegateTree: [String] = []
        var frontier = segments
        let kind = SessionKind.classification(schema)
        while !frontier.isEmpty {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id AS id, s.parent_session_id AS parent, \(kind) AS kind FROM sessions s JOIN sessions p ON p.id = s.parent_session_id
                    WHERE s.parent_session_id IN (SELECT value FROM json_each(?))
                    """, arguments: [SessionListStatement.jsonArray(frontier)])
            let delegateTree = Set(inDelegateTree)
            let next = rows.filter { row in
                let id: String = row["id"]
                return !doomed.contains(id) && (row["kind"] == "delegate" || delegateTree.contains(row["parent"]))
            }.map { $0["id"] as String }
            doomed += next
            inDelegateTree += next
            frontier = next
        }
        return doomed
    }
}
