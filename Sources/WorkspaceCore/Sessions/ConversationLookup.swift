import Foundation
import GRDB

/// Small, index-backed lookups that turn `sessions` rows into conversations; all run inside one read transaction.
enum ConversationLookup {
    /// The rows with `ids`, keyed by id.
    static func records(_ db: Database, _ schema: StateSchema, ids: [String]) throws -> [String: SessionRecord] {
        guard !ids.isEmpty else { return [:] }
        let rows = try db.rows(
            """
            SELECT \(SessionColumns.select(schema)) FROM sessions s WHERE s.id IN (SELECT value FROM json_each(?))
            """, arguments: [SessionListStatement.jsonArray(ids)])
        let records = rows.map { SessionRecord(row: $0) }
        return Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// For each root that ended with `compression`, its later segments in order (the root itself excluded).
    static func continuations(_ db: Database, _ schema: StateSchema, roots: [String]) throws -> [String: [SessionRecord]] {
        guard !roots.isEmpty else { return [:] }
        let rows = try db.rows(
            """
            WITH RECURSIVE chain(root, id, depth) AS (
                SELECT value, value, 0 FROM json_each(?)
                UNION ALL
                SELECT chain.root, c.id, chain.depth + 1 FROM chain
                \(SessionKind.continuationStep(schema, from: "chain.id", child: "c"))
                WHERE chain.depth < 1000
            )
            SELECT chain.root AS chain_root, chain.depth AS chain_depth, \(SessionColumns.select(schema))
            FROM chain JOIN sessions s ON s.id = chain.id WHERE chain.depth > 0
            ORDER BY chain.root, chain.depth, s.started_at, s.id
            """, arguments: [SessionListStatement.jsonArray(roots)])
        var result: [String: [SessionRecord]] = [:]
        for row in rows {
            result[row[0], default: []].append(SessionRecord(row: row, at: 2))
        }
        return result
    }

    /// The newest message time of each session in `ids` (one index seek each, in one statement).
    static func lastActivity(_ db: Database, ids: [String]) throws -> [String: Double] {
        guard !ids.isEmpty else { return [:] }
        var result: [String: Double] = [:]
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT ids.value, \(ConversationFiguresSQL.newestMessage(of: "ids.value")) FROM json_each(?) ids
                    """), arguments: [SessionListStatement.jsonArray(ids)])
        while let row = try rows.next() {
            if let time = row[1] as Double? { result[row[0]] = time }
        }
        return result
    }

    /// How many non-continuation children hang under each of `ids`.
    static func childCounts(_ db: Database, _ schema: StateSchema, ids: [String]) throws -> [String: Int] {
        guard !ids.isEmpty else { return [:] }
        let rows = try db.rows(
            """
            SELECT ids.value, \(ConversationFiguresSQL.childCount(of: "ids.value", schema)) FROM json_each(?) ids
            """, arguments: [SessionListStatement.jsonArray(ids)])
        return Dictionary(rows.map { ($0[0] as String, $0[1] as Int) }, uniquingKeysWith: +)
    }

    /// The first user message of `id`, on one line and shortened.
    static func preview(_ db: Database, id: String) throws -> String? {
        previewText(try Data.fetchOne(db.cachedStatement(sql: "SELECT \(ConversationFiguresSQL.firstUserMessage(of: "?"))"), arguments: [id]))
    }

    /// Stored message content as a one-line preview.
    static func previewText(_ content: Data?) -> String? {
        content.flatMap { MessageContent.plainText(String(decoding: $0, as: UTF8.self)) }.map { Self.shorten($0, to: 120) }
    }

    /// The kind of the row `id`, and its parent id.
    static func kind(_ db: Database, _ schema: StateSchema, id: String) throws -> (kind: SessionKind, parent: String?)? {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT \(SessionKind.classification(schema)) AS kind, s.parent_session_id AS parent
                FROM sessions s LEFT JOIN sessions p ON p.id = s.parent_session_id WHERE s.id = ?
                """, arguments: [id])
        guard let row else { return nil }
        return (SessionKind(rawValue: row["kind"]) ?? .child, row["parent"])
    }

    /// The conversation `id` belongs to: walks up through compression parents to the first segment, then down the
    /// chain. `nil` when no such row exists.
    static func conversation(_ db: Database, _ schema: StateSchema, containing id: String) throws -> (kind: SessionKind, segments: [SessionRecord])? {
        guard let head = try heads(db, schema, containing: [id])[id] else { return nil }
        let later = head.record.endReason == "compression" ? try continuations(db, schema, roots: [head.record.id])[head.record.id] ?? [] : []
        return (head.kind, [head.record] + later)
    }

    /// For each of `ids`, the first segment of its conversation and that conversation's kind, in three queries
    /// however many ids there are (a rare continuation segment walks up to its root one parent at a time).
    static func heads(_ db: Database, _ schema: StateSchema, containing ids: [String]) throws -> [String: (record: SessionRecord, kind: SessionKind)]
    {
        guard !ids.isEmpty else { return [:] }
        let rows = try db.rows(
            """
            SELECT s.id, \(SessionKind.classification(schema)), s.parent_session_id
            FROM sessions s LEFT JOIN sessions p ON p.id = s.parent_session_id WHERE s.id IN (SELECT value FROM json_each(?))
            """, arguments: [SessionListStatement.jsonArray(ids)])
        var root: [String: (id: String, kind: SessionKind)] = [:]
        for row in rows {
            var current = (kind: SessionKind(rawValue: row[1]) ?? .child, parent: row[2] as String?)
            var rootID: String = row[0]
            var hops = 0
            while current.kind == .continuation, let parent = current.parent, hops < 1000, let next = try kind(db, schema, id: parent) {
                rootID = parent
                current = next
                hops += 1
            }
            root[row[0]] = (rootID, current.kind)
        }
        let records = try records(db, schema, ids: Array(Set(root.values.map(\.id))))
        return root.compactMapValues { head in records[head.id].map { (record: $0, kind: head.kind) } }
    }

    /// What a page query already read for its own rows, so summaries need not ask again.
    struct Prefetched {
        let lastActivity: Double?
        let children: Int
        let previewContent: Data?
    }

    /// Builds summaries for `heads` (first segments, in page order) with a constant number of queries; without
    /// `followChains` each row stands for itself instead of its whole compression chain. Figures in `prefetched`
    /// are used as they are.
    static func summaries(
        _ db: Database, _ schema: StateSchema, heads: [(record: SessionRecord, kind: SessionKind)], now: Date,
        followChains: Bool = true, prefetched: [String: Prefetched] = [:]
    ) throws -> [SessionSummary] {
        let roots = followChains ? heads.filter { $0.record.endReason == "compression" }.map(\.record.id) : []
        let chained = try continuations(db, schema, roots: roots)
        let segmentsByHead = heads.map { [$0.record] + (chained[$0.record.id] ?? []) }
        let missing = segmentsByHead.flatMap { $0.map(\.id) }.filter { prefetched[$0] == nil }
        var activity = try lastActivity(db, ids: missing)
        var children = try childCounts(db, schema, ids: missing)
        for (id, known) in prefetched {
            activity[id] = known.lastActivity
            children[id] = known.children
        }
        return try zip(heads, segmentsByHead).map { head, segments in
            let ids = segments.map(\.id)
            let newest = ids.compactMap { activity[$0] }.max()
            var preview: String?
            if head.record.title == nil {
                if let known = prefetched[head.record.id] {
                    preview = Self.previewText(known.previewContent)
                } else {
                    preview = try Self.preview(db, id: head.record.id)
                }
            }
            return SessionSummary(
                kind: head.kind, segments: segments, lastActiveAt: newest.map(Date.init(timeIntervalSince1970:)),
                childCount: ids.reduce(0) { $0 + (children[$1] ?? 0) }, preview: preview, now: now)
        }
    }

    static func shorten(_ text: String, to length: Int) -> String {
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return flat.count <= length ? flat : String(flat.prefix(length - 1)) + "…"
    }
}
