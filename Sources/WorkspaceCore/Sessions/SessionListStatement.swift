import Foundation
import GRDB

/// The SQL of a session list: which rows, filtered and ordered by a keyset so that pages stay stable while the
/// agent inserts.
///
/// The default order (by start) walks the agent's `started_at` index and stops after one page. The other orders
/// and the open/ended filter need per-conversation figures; those come from a recursive walk of compression
/// chains, computed only when asked for.
struct SessionListStatement {
    let sql: String
    let arguments: StatementArguments

    /// `chainIDs` are the segments of the parent conversation when listing its children.
    init(query: SessionQuery, schema: StateSchema, chainIDs: [String], counting: Bool = false) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        let kind = SessionKind.classification(schema)

        if query.parentID != nil {
            conditions.append("s.parent_session_id IN (SELECT value FROM json_each(?)) AND (\(kind)) != 'continuation'")
            arguments += [Self.jsonArray(chainIDs)]
        } else {
            conditions.append("(s.parent_session_id IS NULL OR p.id IS NULL)")
        }
        // Newest-first pages walk the start-time index and stop after a page; letting SQLite pick the platform index
        // instead would sort every session of that platform first. Unary `+` keeps these filters off any index.
        Self.addFilters(of: query, schema: schema, unindexed: query.sort == .started ? "+" : "", to: &conditions, &arguments)
        if let text = query.text, !text.isEmpty {
            let escaped = Self.escapeLike(text)
            let titleMatch = schema.has("title", in: "sessions") ? " OR s.title LIKE '%' || ? || '%' ESCAPE '\\'" : ""
            conditions.append("(s.id LIKE ? || '%' ESCAPE '\\'\(titleMatch))")
            arguments += [escaped]
            if !titleMatch.isEmpty { arguments += [escaped] }
        }
        switch query.state {
        case .any: break
        case .open: conditions.append(Self.perConversation(schema, own: "s.ended_at IS NULL", chained: "SUM(y.ended_at IS NULL) > 0"))
        case .ended: conditions.append("NOT " + Self.perConversation(schema, own: "s.ended_at IS NULL", chained: "SUM(y.ended_at IS NULL) > 0"))
        }
        if let empty = query.empty {
            let count = Self.perConversation(
                schema, own: "COALESCE(\(schema.column("message_count", in: "sessions", alias: "s", fallback: "0")), 0)",
                chained: "SUM(COALESCE(\(schema.column("message_count", in: "sessions", alias: "y", fallback: "0")), 0))")
            conditions.append(empty ? "\(count) = 0" : "\(count) > 0")
        }
        if let hasChildren = query.hasChildren {
            let exists = """
                EXISTS (SELECT 1 FROM sessions c LEFT JOIN sessions cp ON cp.id = c.parent_session_id
                        WHERE c.parent_session_id IN (\(Self.segments(schema)) SELECT id FROM chain)
                          AND (\(SessionKind.classification(schema, session: "c", parent: "cp"))) != 'continuation')
                """
            conditions.append(hasChildren ? exists : "NOT \(exists)")
        }

        let key = Self.sortKey(query.sort, schema: schema)
        if let cursor = query.cursor {
            let comparison = query.ascending ? ">" : "<"
            // The leading `key <=/>= ?` gives SQLite an index range to start from instead of walking from the top.
            conditions.append("\(key) \(comparison)= ? AND (\(key) \(comparison) ? OR s.id \(comparison) ?)")
            arguments += [cursor.value, cursor.value, cursor.id]
        }
        let direction = query.ascending ? "ASC" : "DESC"
        let matching = """
            FROM sessions s LEFT JOIN sessions p ON p.id = s.parent_session_id
            WHERE \(conditions.joined(separator: " AND "))
            """
        if counting {
            self.sql = "SELECT COUNT(*) \(matching)"
        } else {
            // Only the order and the cut, on the sort key alone: the page's full rows are read by ``init(rowsOf:schema:)``,
            // so no sorter carries every column (and the lineage) of every matching session, nor of the page itself.
            self.sql = "SELECT s.rowid, s.id, \(key) AS sort_key \(matching) ORDER BY sort_key \(direction), s.id \(direction) LIMIT ?"
            arguments += [query.limit + 1]
        }
        self.arguments = arguments
    }

    /// The filters a mirror row holds too: platforms, models, start range, archived, profile.
    private static func addFilters(
        of query: SessionQuery, schema: StateSchema, unindexed: String, to conditions: inout [String], _ arguments: inout StatementArguments
    ) {
        if !query.platforms.isEmpty, schema.has("source", in: "sessions") {
            conditions.append("\(unindexed)s.source IN (SELECT value FROM json_each(?))")
            arguments += [Self.jsonArray(query.platforms)]
        }
        if !query.models.isEmpty, schema.has("model", in: "sessions") {
            conditions.append("\(unindexed)s.model IN (SELECT value FROM json_each(?))")
            arguments += [Self.jsonArray(query.models)]
        }
        if let from = query.startedFrom {
            conditions.append("s.started_at >= ?")
            arguments += [from.timeIntervalSince1970]
        }
        if let before = query.startedBefore {
            conditions.append("s.started_at < ?")
            arguments += [before.timeIntervalSince1970]
        }
        if schema.has("archived", in: "sessions") {
            switch query.archived {
            case .exclude: conditions.append("COALESCE(s.archived, 0) = 0")
            case .only: conditions.append("s.archived != 0")
            case .include: break
            }
        } else if query.archived == .only {
            conditions.append("0")
        }
        if let profile = query.profile, schema.has("profile_name", in: "sessions") {
            if profile == "default" {
                conditions.append("(s.profile_name IS NULL OR s.profile_name = '' OR s.profile_name = 'default')")
            } else {
                conditions.append("s.profile_name = ?")
                arguments += [profile]
            }
        }
    }

    /// Whether ``SessionMirror`` holds every filter of `query` (the others need the agent's rows or messages).
    static func mirrorCanFilter(_ query: SessionQuery) -> Bool {
        (query.text ?? "").isEmpty && query.state == .any && query.empty == nil && query.hasChildren == nil && query.parentID == nil
    }

    /// The ids and keys of a page of `query` on a ``SessionMirror`` (whose `schema` has the `listed` and
    /// per-conversation key columns), in order, one more than the limit.
    init(mirrorPageOf query: SessionQuery, schema: StateSchema) {
        var conditions = ["s.listed"]
        var arguments = StatementArguments()
        Self.addFilters(of: query, schema: schema, unindexed: "", to: &conditions, &arguments)
        let key = "s." + (SessionMirror.sortColumns.first { $0.sort == query.sort }?.column ?? "conversation_cost")
        if let cursor = query.cursor {
            let comparison = query.ascending ? ">" : "<"
            conditions.append("\(key) \(comparison)= ? AND (\(key) \(comparison) ? OR s.id \(comparison) ?)")
            arguments += [cursor.value, cursor.value, cursor.id]
        }
        let direction = query.ascending ? "ASC" : "DESC"
        sql = """
            SELECT s.id, \(key) FROM sessions s WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(key) \(direction), s.id \(direction) LIMIT ?
            """
        arguments += [query.limit + 1]
        self.arguments = arguments
    }

    /// Where the rows of a page are found: by the rowids its own statement gave, or by the ids a mirror named.
    enum Rows {
        case rowids([Int64])
        case ids([String])
    }

    /// The full rows of the sessions `rows` names, each with the page's own figures (columns SessionColumns.count and
    /// on: kind, newest message, children, a preview for untitled rows) and last its index in `rows`. Rows come in
    /// no particular order (the caller places them by that index); a named session since deleted is left out.
    init(rowsOf rows: Rows, schema: StateSchema) {
        let title = schema.column("title", in: "sessions", alias: "s")
        let join: String
        switch rows {
        case .rowids(let rowids):
            join = "s.rowid = page.value"
            arguments = ["[" + rowids.map(String.init).joined(separator: ",") + "]"]
        case .ids(let ids):
            join = "s.id = page.value"
            arguments = [Self.jsonArray(ids)]
        }
        sql = schema.fragment("page rows \(join)") {
            """
            SELECT \(SessionColumns.select(schema)), \(SessionKind.classification(schema)) AS kind,
                   \(ConversationFiguresSQL.newestMessage(of: "s.id")) AS last_activity,
                   \(ConversationFiguresSQL.childCount(of: "s.id", schema)) AS children,
                   CASE WHEN \(title) IS NULL THEN \(ConversationFiguresSQL.firstUserMessage(of: "s.id")) END AS preview_content,
                   page.key AS position
            FROM json_each(?) page
            JOIN sessions s ON \(join) LEFT JOIN sessions p ON p.id = s.parent_session_id
            """
        }
    }

    /// The count of everything the same filters match (ignoring cursor and limit).
    static func count(query: SessionQuery, schema: StateSchema, chainIDs: [String]) -> SessionListStatement {
        var unpaged = query
        unpaged.cursor = nil
        return SessionListStatement(query: unpaged, schema: schema, chainIDs: chainIDs, counting: true)
    }

    static func sortKey(_ sort: SessionQuery.Sort, schema: StateSchema) -> String {
        func column(_ name: String, _ alias: String, _ fallback: String = "0") -> String {
            schema.column(name, in: "sessions", alias: alias, fallback: fallback)
        }
        func tokens(_ alias: String) -> String {
            ["input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens"].map { column($0, alias) }.joined(separator: " + ")
        }
        func cost(_ alias: String) -> String {
            "COALESCE(\(column("actual_cost_usd", alias, "NULL")), \(column("estimated_cost_usd", alias)), 0)"
        }
        func activity(_ alias: String) -> String {
            "COALESCE(\(ConversationFiguresSQL.newestMessage(of: "\(alias).id")), \(column("started_at", alias)))"
        }
        switch sort {
        case .started: return column("started_at", "s")
        case .activity: return perConversation(schema, own: activity("s"), chained: "MAX(\(activity("y")))")
        case .cost: return perConversation(schema, own: cost("s"), chained: "SUM(\(cost("y")))")
        case .tokens: return perConversation(schema, own: tokens("s"), chained: "SUM(\(tokens("y")))")
        case .messages: return perConversation(schema, own: column("message_count", "s"), chained: "SUM(\(column("message_count", "y")))")
        }
    }

    /// `own` for an ordinary row; for a row that ended in compression, `chained` aggregated over its segments
    /// (aliased `y`). The chain is walked only for those few rows, through the parent index.
    private static func perConversation(_ schema: StateSchema, own: String, chained: String) -> String {
        "(CASE WHEN s.end_reason = 'compression' THEN (\(segments(schema)) SELECT \(chained) FROM chain JOIN sessions y ON y.id = chain.id) ELSE \(own) END)"
    }

    /// A `WITH` clause naming `chain(id)`: the row aliased `s` and the segments that continue it after compression.
    private static func segments(_ schema: StateSchema) -> String {
        """
        WITH RECURSIVE chain(id) AS (
            SELECT s.id UNION
            SELECT x.id FROM chain \(SessionKind.continuationStep(schema, from: "chain.id", child: "x"))
        )
        """
    }

    /// `values` as a JSON array of strings, for `json_each(?)` (one bound argument instead of a variable IN list).
    static func jsonArray(_ values: [String]) -> String {
        "[" + values.map { OrderedJSON.string($0).rendered(.compact) }.joined(separator: ",") + "]"
    }

    private static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
