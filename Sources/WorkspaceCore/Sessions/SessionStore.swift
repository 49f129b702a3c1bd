import Foundation
import GRDB
import GRDBSQLite

/// The read side of the Sessions tab: lists, details, transcripts and stats over the agent's `state.db`.
public struct SessionStore: Sendable {
    /// The shared database.
    public let database: StateDatabase
    /// The copy whose index orders pages by cost, tokens or messages (those sort every session when nil).
    public let mirror: SessionMirror?
    private let now: @Sendable () -> Date

    /// What an empty list says when the database file is missing.
    public static let missingNotice = "This Hermes home has no state.db yet; sessions appear once the agent has run."
    /// What an empty answer says when `state.db` exists but holds no sessions table.
    public static let noSessionsTableNotice = "state.db has no sessions table."

    /// Reads `database`, sorted pages through `mirror`; `now` is injectable for tests of "active".
    public init(database: StateDatabase, mirror: SessionMirror? = nil, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.mirror = mirror
        self.now = now
    }

    /// One page of conversations; `includeTotal` also counts all matches, in the same read transaction.
    public func page(_ query: SessionQuery, includeTotal: Bool = false) async throws -> SessionPage {
        let now = now()
        let page = try await readPage(query, includeTotal: includeTotal, now: now, direct: { _ in nil }, summarized: { $0 })
        guard let page else { return SessionPage(items: [], notice: Self.missingNotice) }
        return SessionPage(items: page.items, nextCursor: page.next, total: page.total, notice: page.notice)
    }

    /// ``page(_:includeTotal:)`` as the JSON the API answers with, the very bytes its encoding gives: a conversation
    /// of one segment (nearly all of them) is written straight from its row, with no record, summary or `String` per
    /// column in between; only compression chains are summed into a ``SessionSummary`` first.
    public func pageJSON(_ query: SessionQuery, includeTotal: Bool = false) async throws -> [UInt8] {
        let now = now()
        let page = try await readPage(
            query, includeTotal: includeTotal, now: now,
            direct: { statement in SessionRowJSON.continues(statement) ? nil : SessionRowJSON.write(statement, now: now) },
            summarized: { JSONWriter.bytes(of: $0) })
        guard let page else { return try StreamingJSONEncoder().encode(SessionPage(items: [], notice: Self.missingNotice)) }
        return JSONWriter.document(capacity: page.items.reduce(256) { $0 + $1.count + 1 }) { json in
            json.member("items", elements: page.items)
            json.member("nextCursor", page.next)
            json.member("total", page.total)
            json.member("notice", page.notice)
        }
    }

    /// The items of a page, in order: each row `direct` can write (given the statement standing on it), else the
    /// summary of its conversation (computed for all such rows at once) made into an item by `summarized`.
    private func readPage<Item: Sendable>(
        _ query: SessionQuery, includeTotal: Bool, now: Date, direct: @escaping @Sendable (SQLiteStatement) -> Item?,
        summarized: @escaping @Sendable (SessionSummary) -> Item
    ) async throws -> (items: [Item], next: String?, total: Int?, notice: String?)? {
        // Sorted by a conversation's figures, the mirror's index names the page; the rows still come from state.db.
        let keyed = try await mirror?.page(query)
        return try await database.read { db, schema in
            guard schema.hasSessions else { return ([], nil, nil, SessionStore.noSessionsTableNotice) }
            var chainIDs: [String] = []
            if let parentID = query.parentID {
                guard let conversation = try ConversationLookup.conversation(db, schema, containing: parentID) else {
                    throw WorkspaceError.notFound(what: "Session \(parentID)")
                }
                chainIDs = conversation.segments.map(\.id)
            }
            // The page's order and cut: the mirror's, or a statement on the sort key alone; then its full rows.
            var order: [(id: String?, key: Double)] = []
            let rows: SessionListStatement.Rows
            var hasMore = false
            if let keyed {
                // A row the mirror named may have been deleted since: whether more follow is the mirror's to say.
                hasMore = keyed.count > query.limit
                let named = keyed.prefix(query.limit)
                order = named.map { ($0.id, $0.key) }
                rows = .ids(named.map(\.id))
            } else {
                let statement = SessionListStatement(query: query, schema: schema, chainIDs: chainIDs)
                let cursor = try Row.fetchCursor(db.cachedStatement(sql: statement.sql), arguments: statement.arguments)
                var rowids: [Int64] = []
                while let row = try cursor.next() {
                    guard rowids.count < query.limit else {
                        hasMore = true
                        break
                    }
                    rowids.append(row[0])
                    // Only the last row's id makes a cursor; the others are read with their rows below.
                    order.append((rowids.count == query.limit ? row[1] : nil, row[2] ?? 0))
                }
                rows = .rowids(rowids)
            }
            var items: [Item?] = Array(repeating: nil, count: order.count)
            var heads: [(record: SessionRecord, kind: SessionKind)] = []
            var positions: [Int] = []
            var prefetched: [String: ConversationLookup.Prefetched] = [:]
            if !order.isEmpty {
                let statement = SessionListStatement(rowsOf: rows, schema: schema)
                // A cursor reads straight from SQLite's row instead of copying every value first.
                let compiled = try db.cachedStatement(sql: statement.sql)
                let cursor = try Row.fetchCursor(compiled, arguments: statement.arguments)
                let figures = SessionColumns.count
                while let row = try cursor.next() {
                    guard let position = row[figures + 4] as Int?, items.indices.contains(position) else { continue }
                    if let item = direct(compiled.sqliteStatement) {
                        items[position] = item
                        continue
                    }
                    let record = SessionRecord(row: row)
                    positions.append(position)
                    heads.append((record, SessionKind(rawValue: row[figures]) ?? .child))
                    prefetched[record.id] = .init(
                        lastActivity: row[figures + 1], children: row[figures + 2] ?? 0, previewContent: row[figures + 3])
                }
            }
            let summaries = try ConversationLookup.summaries(db, schema, heads: heads, now: now, prefetched: prefetched)
            for (position, summary) in zip(positions, summaries) { items[position] = summarized(summary) }
            var next: String?
            if hasMore, let last = order.last, let id = last.id {
                next = SessionCursor(sort: query.sort, value: last.key, id: id).token
            }
            var total: Int?
            if includeTotal {
                let count = SessionListStatement.count(query: query, schema: schema, chainIDs: chainIDs)
                total = try Int.fetchOne(db.cachedStatement(sql: count.sql), arguments: count.arguments)
            }
            return (items.compactMap { $0 }, next, total, nil)
        }
    }

    /// How each of `ids` is called in the Sessions list — its title, else its first user message shortened — for
    /// pages that name a session they only know the id of (an approval's). Unknown ids are left out; one read.
    public func labels(of ids: Set<String>) async throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        let ids = Array(ids.prefix(500))
        return try await database.read { db, schema -> [String: String] in
            guard schema.hasSessions else { return [:] }
            let title = schema.has("title", in: "sessions") ? "title" : "NULL"
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            var labels: [String: String] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT id, \(title) AS title FROM sessions WHERE id IN (\(marks))", arguments: StatementArguments(ids))
            {
                let id: String = row["id"]
                if let title: String = row["title"], !title.isEmpty {
                    labels[id] = title
                } else if let preview = try ConversationLookup.preview(db, id: id) {
                    labels[id] = preview
                }
            }
            return labels
        } ?? [:]
    }

    /// The conversation containing `id`, with parent, children and usage.
    public func detail(id: String) async throws -> SessionDetail {
        let now = now()
        let detail = try await database.read { db, schema -> SessionDetail? in
            guard schema.hasSessions, let conversation = try ConversationLookup.conversation(db, schema, containing: id) else { return nil }
            let head = conversation.segments[0]
            let summary = try ConversationLookup.summaries(db, schema, heads: [(head, conversation.kind)], now: now)[0]
            var parent: SessionSummary?
            if let parentID = head.parentID, conversation.kind != .orphan,
                let parentConversation = try ConversationLookup.conversation(db, schema, containing: parentID)
            {
                parent = try ConversationLookup.summaries(db, schema, heads: [(parentConversation.segments[0], parentConversation.kind)], now: now)
                    .first
            }
            let children = try Self.children(db, schema, of: conversation.segments.map(\.id), now: now)
            return SessionDetail(
                requestedID: id, conversation: summary, segments: conversation.segments, parent: parent,
                branches: children.filter { $0.kind == .branch }, delegates: children.filter { $0.kind == .delegate },
                otherChildren: children.filter { $0.kind == .child },
                usage: try ModelUsageRow.rows(db, schema, segments: conversation.segments))
        }
        guard let detail = detail ?? nil else { throw WorkspaceError.notFound(what: "Session \(id)") }
        return detail
    }

    /// A page of the transcript of the conversation containing `id`.
    /// A page of the conversation's transcript; each message's content is cut at 1 MiB unless `wholeContent` (exports).
    public func transcript(
        id: String, after: Int64 = 0, limit: Int = 200, visibility: TranscriptVisibility = .live,
        wholeContent: Bool = false
    ) async throws -> TranscriptPage {
        let page = try await database.read { db, schema -> TranscriptPage? in
            guard schema.hasSessions, let conversation = try ConversationLookup.conversation(db, schema, containing: id) else { return nil }
            let ids = conversation.segments.map(\.id)
            let fetched = try TranscriptReader.messages(
                db, schema, segmentIDs: ids, after: after, limit: limit + 1, visibility: visibility,
                wholeContent: wholeContent)
            var items = Array(fetched.prefix(limit))
            try TranscriptReader.link(db, schema, segmentIDs: ids, messages: &items)
            let next = fetched.count > limit ? items.last.map { String($0.id) } : nil
            return TranscriptPage(
                conversationID: ids[0], segmentIDs: ids, items: items, nextCursor: next,
                total: try TranscriptReader.count(db, schema, segmentIDs: ids, visibility: visibility))
        }
        guard let page = page ?? nil else { throw WorkspaceError.notFound(what: "Session \(id)") }
        return page
    }

    /// Totals and per-platform counts.
    public func stats() async throws -> SessionStats {
        try await database.read { db, schema in
            guard schema.hasSessions else { return .unavailable(SessionStore.noSessionsTableNotice, schemaVersion: schema.agentVersion) }
            let archived = schema.column("archived", in: "sessions", alias: "s", fallback: "0")
            let rows = try db.rows(
                """
                SELECT s.source AS platform, COUNT(*) AS sessions,
                       SUM(s.parent_session_id IS NULL OR p.id IS NULL) AS conversations,
                       SUM((s.parent_session_id IS NULL OR p.id IS NULL) AND COALESCE(\(archived), 0) != 0) AS archived,
                       SUM((s.parent_session_id IS NULL OR p.id IS NULL) AND s.ended_at IS NULL AND COALESCE(s.end_reason, '') != 'compression') AS open,
                       SUM(COALESCE(\(schema.column("message_count", in: "sessions", alias: "s", fallback: "0")), 0)) AS messages
                FROM sessions s LEFT JOIN sessions p ON p.id = s.parent_session_id
                GROUP BY s.source ORDER BY conversations DESC, s.source
                """)
            let platforms = rows.map {
                Platform(
                    platform: $0["platform"] ?? "unknown", conversations: $0["conversations"] ?? 0,
                    sessions: $0["sessions"] ?? 0, messages: $0["messages"] ?? 0)
            }
            let openChains = try Self.openCompressionChains(db, schema)
            return SessionStats(
                available: true, notice: nil, conversations: platforms.reduce(0) { $0 + $1.conversations },
                archived: rows.reduce(0) { $0 + ($1["archived"] as Int? ?? 0) },
                open: rows.reduce(0) { $0 + ($1["open"] as Int? ?? 0) } + openChains,
                sessions: platforms.reduce(0) { $0 + $1.sessions },
                messages: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages") ?? 0,
                schemaVersion: schema.agentVersion, platforms: platforms)
        } ?? .unavailable(Self.missingNotice)
    }

    private typealias Platform = SessionStats.Platform

    /// Top-level compression roots whose newest segment is still open.
    private static func openCompressionChains(_ db: Database, _ schema: StateSchema) throws -> Int {
        let roots = try String.fetchAll(
            db,
            sql: """
                SELECT s.id FROM sessions s LEFT JOIN sessions p ON p.id = s.parent_session_id
                WHERE s.end_reason = 'compression' AND (s.parent_session_id IS NULL OR p.id IS NULL)
                """)
        let chains = try ConversationLookup.continuations(db, schema, roots: roots)
        return chains.values.filter { $0.last?.endedAt == nil }.count
    }

    private static func children(_ db: Database, _ schema: StateSchema, of segmentIDs: [String], now: Date) throws -> [SessionSummary] {
        let kind = SessionKind.classification(schema)
        let rows = try db.rows(
            """
            SELECT \(SessionColumns.select(schema)), \(kind) AS kind FROM sessions s JOIN sessions p ON p.id = s.parent_session_id
            WHERE s.parent_session_id IN (SELECT value FROM json_each(?)) AND (\(kind)) != 'continuation'
            ORDER BY s.started_at, s.id LIMIT 500
            """, arguments: [SessionListStatement.jsonArray(segmentIDs)])
        let heads = rows.map { (record: SessionRecord(row: $0), kind: SessionKind(rawValue: $0[SessionColumns.count]) ?? .child) }
        return try ConversationLookup.summaries(db, schema, heads: heads, now: now)
    }
}
