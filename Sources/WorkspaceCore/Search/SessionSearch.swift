import Foundation
import GRDB

/// Full-text search over the agent's own FTS5 tables, grouped by conversation.
public struct SessionSearch: Sendable {
    /// Result order.
    public enum Order: String, Sendable, CaseIterable {
        /// Newest message first; pages with a cursor.
        case newest
        /// Best BM25 rank first; one page.
        case relevance
    }

    /// The shared database.
    public let database: StateDatabase
    private let now: @Sendable () -> Date

    /// Searches `database`.
    public init(database: StateDatabase, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
    }

    private static let matchStart = "\u{E000}"
    private static let matchEnd = "\u{E001}"
    /// Hits read per page at most, so one request stays bounded however common the word is.
    private static let hitBudget = 400
    /// Hits read at a time until the page is full.
    private static let hitBatch = 64

    /// Conversations matching `query` (at most `limit` groups, three hits each); `cursor` continues a newest-first list.
    public func search(
        _ query: SearchQuery, order: Order = .newest, limit: Int = 20, cursor: Int64? = nil,
        visibility: TranscriptVisibility = .history
    ) async throws -> SearchResults {
        let now = now()
        let results = try await database.read { db, schema -> SearchResults in
            let table = query.mode == .substring ? "messages_fts_trigram" : "messages_fts"
            guard schema.hasSessions, schema.has(table: table) else {
                throw WorkspaceError.unavailable("This state.db has no \(table) index, so search is not available.")
            }
            let ordering = order == .newest ? "f.rowid DESC" : "f.rank"
            // Hits come in batches without their snippets, newest (or best) first, until the page has its
            // conversations: a word in every third message costs the few hundred rows the page needs, and
            // snippets are cut only for the hits shown.
            func hits(before: Int64?, limit: Int) throws -> [Row] {
                do {
                    return try db.rows(
                        """
                        SELECT f.rowid AS id, m.session_id AS session_id, \(schema.column("role", in: "messages", alias: "m", fallback: "'unknown'")) AS role,
                               m.timestamp AS timestamp
                        FROM \(table) f JOIN messages m ON m.id = f.rowid
                        WHERE \(table) MATCH ? AND \(visibility.condition(schema)) \(before == nil ? "" : "AND f.rowid < ?")
                        ORDER BY \(ordering) LIMIT ?
                        """, arguments: StatementArguments([query.expression] + (before.map { [$0] } ?? []) + [limit]))
                } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
                    throw WorkspaceError.invalidInput("The search text could not be searched: \(error.message ?? "FTS5 refused it").")
                }
            }
            var conversations: [String] = []
            var hitsByConversation: [String: [SearchHit]] = [:]
            var headOfSegment: [String: (record: SessionRecord, kind: SessionKind)] = [:]
            var nextCursor: Int64?
            var read = 0
            var before = cursor
            batches: while read < Self.hitBudget {
                let wanted = order == .newest ? min(Self.hitBatch, Self.hitBudget - read) : Self.hitBudget
                let rows = try hits(before: before, limit: wanted)
                read += rows.count
                let unknown = Set(rows.map { $0[1] as String }).filter { headOfSegment[$0] == nil }
                headOfSegment.merge(try ConversationLookup.heads(db, schema, containing: Array(unknown))) { $1 }
                for row in rows {
                    let segment: String = row[1]
                    guard let head = headOfSegment[segment] else { continue }
                    let conversationID = head.record.id
                    if hitsByConversation[conversationID] == nil {
                        if conversations.count == limit {
                            nextCursor = (row[0] as Int64) + 1
                            break batches
                        }
                        conversations.append(conversationID)
                    }
                    if hitsByConversation[conversationID, default: []].count < 3 {
                        hitsByConversation[conversationID, default: []].append(
                            SearchHit(
                                messageID: row[0], sessionID: segment, role: row[2] ?? "unknown",
                                timestamp: Date(timeIntervalSince1970: row[3] ?? 0), snippet: []))
                    }
                }
                guard order == .newest, rows.count == wanted, let last = rows.last else { break }
                before = last[0]
                if read >= Self.hitBudget { nextCursor = last[0] }
            }
            let snippet = try db.cachedStatement(
                sql:
                    "SELECT snippet(\(table), -1, '\(Self.matchStart)', '\(Self.matchEnd)', '…', 16) FROM \(table) WHERE \(table) MATCH ? AND rowid = ?"
            )
            for (conversation, hits) in hitsByConversation {
                hitsByConversation[conversation] = try hits.map { hit in
                    var hit = hit
                    hit.snippet = Self.parts(of: try String.fetchOne(snippet, arguments: [query.expression, hit.messageID]) ?? "")
                    return hit
                }
            }
            let heads = Dictionary(headOfSegment.values.map { ($0.record.id, $0) }, uniquingKeysWith: { first, _ in first })
            if order == .relevance { nextCursor = nil }
            let summaries = try ConversationLookup.summaries(db, schema, heads: conversations.compactMap { heads[$0] }, now: now)
            let groups = zip(conversations, summaries).map { SearchResultGroup(conversation: $1, hits: hitsByConversation[$0] ?? []) }
            return SearchResults(
                mode: query.mode.rawValue, expression: query.expression, items: groups,
                nextCursor: conversations.isEmpty ? nil : nextCursor.map(String.init), notice: try Self.coverageNotice(db, schema))
        }
        return results ?? SearchResults(mode: query.mode.rawValue, expression: query.expression, items: [], nextCursor: nil)
    }

    /// What the agent's own bookkeeping (`state_meta`, schema v23+) says about the index: during a deferred rebuild
    /// the rows with `fts_rebuild_progress < id <= fts_rebuild_high_water` are not indexed yet; `fts_stale` means the
    /// agent detached an index after corruption and rebuilds it at its next start. Nil when the index is whole.
    static func coverageNotice(_ db: Database, _ schema: StateSchema) throws -> String? {
        guard schema.has(table: "state_meta") else { return nil }
        let meta = try Dictionary(
            Row.fetchAll(
                db, sql: "SELECT key, value FROM state_meta WHERE key IN ('fts_rebuild_high_water', 'fts_rebuild_progress', 'fts_stale')"
            ).map { ($0["key"] as String, $0["value"] as String? ?? "") }, uniquingKeysWith: { $1 })
        if let stale = meta["fts_stale"], !stale.isEmpty, stale != "0" {
            return
                "The agent's search index is being repaired (it detached it after an error); results may be missing until the agent rebuilds it at its next start."
        }
        guard let high = meta["fts_rebuild_high_water"].flatMap({ Int64($0) }) else { return nil }
        let progress = meta["fts_rebuild_progress"].flatMap { Int64($0) } ?? 0
        guard progress < high else { return nil }
        let missing = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages WHERE id > ? AND id <= ?", arguments: [progress, high]) ?? 0
        guard missing > 0 else { return nil }
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages WHERE id <= ?", arguments: [high]) ?? missing
        return
            "The agent is rebuilding its search index: \(missing) of \(total) older messages are not indexed yet, so results may be missing some of them. New messages are indexed as they arrive."
    }

    /// Splits an FTS5 snippet at the private-use markers into plain and matched runs.
    static func parts(of snippet: String) -> [SearchHit.SnippetPart] {
        var parts: [SearchHit.SnippetPart] = []
        var rest = Substring(snippet)
        while let start = rest.range(of: matchStart) {
            if start.lowerBound > rest.startIndex { parts.append(.init(text: String(rest[..<start.lowerBound]), match: false)) }
            let afterStart = rest[start.upperBound...]
            let end = afterStart.range(of: matchEnd)
            parts.append(.init(text: String(afterStart[..<(end?.lowerBound ?? afterStart.endIndex)]), match: true))
            rest = end.map { afterStart[$0.upperBound...] } ?? afterStart[afterStart.endIndex...]
        }
        if !rest.isEmpty { parts.append(.init(text: String(rest), match: false)) }
        return parts
    }
}
