import Foundation
import GRDB

/// A compact copy of each session's counters and `session_model_usage` rows — no prompts, no messages — in a
/// database of the workspace's own (`workspace/mirror/<profile>.db`), kept current from the agent's writes, that
/// the analytics sum over and the Sessions list sorts by cost, tokens or messages from.
///
/// The copy keeps the agent's table and column names (only `model_config` shrinks to the two lineage markers the
/// list reads), so the analytics SQL and the list's lineage rules run on it unchanged. Each row also carries its
/// conversation's sort keys (a compression chain sums its segments) and whether the list shows it, indexed, so a
/// sorted page is one index range instead of a sort of every session.
///
/// Each question first brings the copy up to date when `state.db` changed, in one transaction that reads the
/// agent's file (attached read-only) at one snapshot: sessions inserted since the last look (by rowid), every
/// session the copy holds as still open, and every session with messages newer than the last look are copied
/// again, with their usage rows — a few rows per agent write — and when the counts say sessions were deleted,
/// the rows the agent no longer has are deleted here. It is copied in full instead when it cannot be sure: on
/// first use, when the agent's columns changed, when `state.db` was replaced, when rowids were renumbered
/// (VACUUM) or the newest session is gone, when the counts still do not add up, and every ``fullCopyInterval``
/// in case an ended session was changed without a new message. Nothing is ever written to `state.db`.
public final class SessionMirror: Sendable {
    /// How often the copy is redone in full at the latest.
    public static let fullCopyInterval: TimeInterval = 30 * 60

    /// The session columns the analytics and the sorted list read (those the agent's database has are copied).
    static let sessionColumns = [
        "source", "model", "billing_provider", "parent_session_id", "started_at", "ended_at", "end_reason", "message_count",
        "tool_call_count", "api_call_count", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens",
        "reasoning_tokens", "estimated_cost_usd", "actual_cost_usd", "cost_status", "archived", "profile_name",
    ]

    /// The sorts the copy keeps an index for, with the column holding each conversation's key.
    static let sortColumns: [(sort: SessionQuery.Sort, column: String)] = [
        (.cost, "conversation_cost"), (.tokens, "conversation_tokens"), (.messages, "conversation_messages"),
    ]

    private let source: StateDatabase
    private let url: URL
    private let now: @Sendable () -> Date
    private let pool = LockedValue<DatabasePool?>(nil)
    private let syncs = GenerationCache<Sync, StateDatabaseGeneration>(capacity: 1)
    private let schemaCache = LockedValue<StateSchema?>(nil)

    /// Mirrors `source` into the database at `url` (created on first use, folder 0700, file 0600).
    public init(source: StateDatabase, url: URL, now: @escaping @Sendable () -> Date = Date.init) {
        self.source = source
        self.url = url
        self.now = now
    }

    /// A row of a sorted page: a conversation and its sort key.
    public struct Keyed: Sendable, Equatable {
        public let id: String
        public let key: Double
    }

    /// What a sync did.
    public enum Sync: Sendable, Equatable {
        /// Nothing had changed.
        case unchanged
        /// Copied `sessions` sessions anew.
        case incremental(sessions: Int)
        /// Copied everything (`reason`).
        case full(reason: String)
    }

    /// Runs `body` on the copy, brought up to date first; `nil` when `state.db` does not exist.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database, StateSchema) throws -> T) async throws -> T? {
        try await read { db, schema, _ in try body(db, schema) }
    }

    /// Runs `body` on the copy, brought up to date first, with the copy's settled epoch: rows marked `settled`
    /// are unchanged for as long as the epoch is (see ``settle(_:)``), so figures summed over them can be kept
    /// per epoch while the few `settled = 0` rows are summed afresh. `nil` when `state.db` does not exist.
    /// Throws ``NotReady`` while the first copy is still being made (in the background, started by the first
    /// read): callers answer from state.db meanwhile instead of waiting seconds on a large home.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database, StateSchema, Int) throws -> T) async throws -> T? {
        guard source.exists else { return nil }
        guard try hasCopy() else { throw NotReady() }
        _ = try await syncs.value(for: "sync", generation: source.generation) { [self] in try await sync() }
        return try await open().read { [self] db in
            let schema = try schemaCache.value ?? StateSchema.read(db)
            schemaCache.value = schema
            return try body(db, schema, try Int.fetchOne(db, sql: "SELECT epoch FROM meta") ?? 0)
        }
    }

    /// The ids and sort keys of one page of `query` (one more row than its limit, so the caller sees whether more
    /// follow), from the copy's index; `nil` when the copy cannot answer it (another sort, a filter it does not
    /// hold, a list of children), while its first copy is being made, or when `state.db` does not exist.
    public func page(_ query: SessionQuery) async throws -> [Keyed]? {
        guard query.parentID == nil, Self.sortColumns.contains(where: { $0.sort == query.sort }), SessionListStatement.mirrorCanFilter(query)
        else { return nil }
        do {
            let keyed = try await read { db, schema -> [Keyed]? in
                guard schema.hasSessions, schema.has("listed", in: "sessions") else { return nil }
                let statement = SessionListStatement(mirrorPageOf: query, schema: schema)
                return try Row.fetchAll(db.cachedStatement(sql: statement.sql), arguments: statement.arguments).map {
                    Keyed(id: $0[0], key: $0[1] ?? 0)
                }
            }
            return keyed ?? nil
        } catch is NotReady {
            return nil
        }
    }

    /// What the settled rows sum to for `key` (a report and its window), as ``keep(sum:key:epoch:)`` stored it for
    /// `epoch`: kept in the copy, so every process reading this home and every restart reuses it.
    public static func keptSum(_ db: Database, key: String, epoch: Int) throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT value FROM sums WHERE key = ? AND epoch = ?", arguments: [key, epoch])
    }

    /// Stores `sum` for `key` while the copy is still at `epoch` (a sum of another epoch is never stored); a failure
    /// only means it is summed again next time.
    public func keep(sum: Data, key: String, epoch: Int) async {
        _ = try? await open().write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO sums (key, epoch, value) SELECT ?, ?, ? WHERE (SELECT epoch FROM meta) = ?",
                arguments: [key, epoch, sum, epoch])
            // Old windows (yesterday's "last 30 days") are not asked for again.
            try db.execute(sql: "DELETE FROM sums WHERE key NOT IN (SELECT key FROM sums ORDER BY rowid DESC LIMIT 256)")
        }
    }

    /// The copy is still being made for the first time.
    public struct NotReady: Error {}

    private let copied = LockedValue(false)
    private let firstCopy = LockedValue<Task<Void, Never>?>(nil)

    /// Whether a copy exists; when none does, starts making the first in the background.
    private func hasCopy() throws -> Bool {
        if copied.value { return true }
        if try open().read({ db in try Row.fetchOne(db, sql: "SELECT 1 FROM meta") != nil }) {
            copied.value = true
            return true
        }
        firstCopy.withValue { task in
            guard task == nil else { return }
            task = Task.detached(priority: .utility) { [self] in
                do {
                    try await sync()
                    copied.value = true
                } catch {
                    // Tried again by the next read.
                }
                firstCopy.value = nil
            }
        }
        return false
    }

    /// Brings the copy up to date now (``read(_:)`` does this when `state.db` changed).
    @discardableResult
    public func sync() async throws -> Sync {
        let inode = FileSignature(path: source.url.path).map { String($0.inode) } ?? ""
        let now = now().timeIntervalSince1970
        let agent = Self.uri(source.url)
        let sync = try await open().writeWithoutTransaction { db -> Sync in
            try db.execute(sql: "ATTACH DATABASE ? AS agent", arguments: [agent])
            defer { try? db.execute(sql: "DETACH DATABASE agent") }
            var sync = Sync.unchanged
            // Deferred: the agent's file is only read, so only a read lock is ever taken on it.
            try db.inTransaction(.deferred) {
                sync = try Self.sync(db, inode: inode, now: now)
                return .commit
            }
            return sync
        }
        if sync != .unchanged { schemaCache.value = nil }
        return sync
    }

    // MARK: - Keeping the copy

    private struct Meta {
        var inode: String
        var columns: String
        var usageColumns: String
        var maxRowID: Int64
        var maxRowIDSession: String
        var maxMessageID: Int64
        var fullAt: Double
        var epoch: Int
    }

    /// The layout of the copy; a copy of another layout is dropped and made anew.
    static let format = 2

    /// How many unsettled rows the copy lets gather (sessions that ended since the last settling, new ones) before
    /// it settles them, which starts a new epoch.
    static let unsettledLimit = 500

    /// One sync inside the transaction, with the agent's database attached as `agent`.
    private static func sync(_ db: Database, inode: String, now: Double) throws -> Sync {
        let agentSessions = try columns(db, "sessions")
        let agentUsage = try columns(db, "session_model_usage")
        let hasMessages = try !columns(db, "messages").isEmpty
        let columns = sessionColumns.filter(agentSessions.contains)
        let usageColumns = agentUsage.sorted()
        let meta = try meta(db)
        guard !agentSessions.isEmpty, hasMessages else {
            // No sessions here either, so readers say so as they do on the agent's file.
            try db.execute(
                sql: "DROP TABLE IF EXISTS main.sessions; DROP TABLE IF EXISTS main.session_model_usage; DROP TABLE IF EXISTS main.messages")
            try writeMeta(
                db,
                Meta(
                    inode: inode, columns: "", usageColumns: "", maxRowID: 0, maxRowIDSession: "", maxMessageID: 0, fullAt: now,
                    epoch: (meta?.epoch ?? Int(now * 1000)) + 1))
            return .full(reason: "state.db has no sessions")
        }
        let newest = try Row.fetchOne(db, sql: "SELECT rowid, id FROM agent.sessions ORDER BY rowid DESC LIMIT 1")
        var next = Meta(
            inode: inode, columns: columns.joined(separator: ","), usageColumns: usageColumns.joined(separator: ","),
            maxRowID: newest?[0] ?? 0, maxRowIDSession: newest?[1] ?? "",
            maxMessageID: try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM agent.messages") ?? 0, fullAt: meta?.fullAt ?? now,
            // A copy made anew starts its epochs from the clock, so no reader's kept sums match an old copy's.
            epoch: meta?.epoch ?? Int(now * 1000))
        var reason: String?
        if let meta {
            if meta.inode != inode {
                reason = "state.db was replaced"
            } else if meta.columns != next.columns || meta.usageColumns != next.usageColumns {
                reason = "the agent's columns changed"
            } else if now - meta.fullAt > fullCopyInterval {
                reason = "periodic full copy"
            } else if meta.maxRowID > 0,
                try String.fetchOne(db, sql: "SELECT id FROM agent.sessions WHERE rowid = ?", arguments: [meta.maxRowID]) != meta.maxRowIDSession
            {
                reason = "rowids were renumbered or the newest session was deleted"
            }
        } else {
            reason = "first use"
        }
        let select = copiedSelect(columns, agentColumns: agentSessions)
        let names = (["agent_rowid", "id"] + columns + ["model_config"]).map(\.quotedDatabaseIdentifier).joined(separator: ", ")
        if reason == nil, let meta {
            let open = columns.contains("ended_at") ? try String.fetchAll(db, sql: "SELECT id FROM main.sessions WHERE ended_at IS NULL") : []
            let written = try String.fetchAll(
                db, sql: "SELECT DISTINCT session_id FROM agent.messages WHERE id > ? AND id <= ?", arguments: [meta.maxMessageID, next.maxMessageID])
            let inserted = try String.fetchAll(
                db, sql: "SELECT id FROM agent.sessions WHERE rowid > ? AND rowid <= ?", arguments: [meta.maxRowID, next.maxRowID])
            var changedIDs = Set(open + written + inserted)
            var disturbed = false
            // Every session the agent holds is one the copy had or one inserted since; when the counts say
            // otherwise, the rows the agent no longer has are deleted here too (with their usage rows).
            let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM main.sessions") ?? 0
            let held = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM agent.sessions") ?? 0
            var gone = 0
            if before + inserted.count != held {
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT m.id, \(columns.contains("parent_session_id") ? "m.parent_session_id" : "NULL"), m.settled FROM main.sessions m
                        WHERE NOT EXISTS (SELECT 1 FROM agent.sessions a WHERE a.id = m.id)
                        """)
                gone = rows.count
                for row in rows {
                    changedIDs.insert(row[0])
                    if let parent: String = row[1] { changedIDs.insert(parent) }
                    disturbed = disturbed || row[2] as Bool
                }
                let ids = SessionListStatement.jsonArray(rows.map { $0[0] })
                try db.execute(sql: "DELETE FROM main.sessions WHERE id IN (SELECT value FROM json_each(?))", arguments: [ids])
                if !usageColumns.isEmpty {
                    try db.execute(sql: "DELETE FROM main.session_model_usage WHERE session_id IN (SELECT value FROM json_each(?))", arguments: [ids])
                }
            }
            if before - gone + inserted.count == held {
                guard !changedIDs.isEmpty else {
                    try writeMeta(db, next)
                    return .unchanged
                }
                let changed = SessionListStatement.jsonArray(Array(changedIDs))
                // A settled row that changes takes its old figures out of what was summed for this epoch.
                disturbed =
                    try disturbed
                    || Bool.fetchOne(
                        db, sql: "SELECT EXISTS (SELECT 1 FROM main.sessions WHERE settled AND id IN (SELECT value FROM json_each(?)))",
                        arguments: [changed]) ?? true
                try db.execute(
                    sql:
                        "INSERT OR REPLACE INTO main.sessions (\(names)) SELECT \(select) FROM agent.sessions s WHERE s.id IN (SELECT value FROM json_each(?))",
                    arguments: [changed])
                let copied = db.changesCount
                if !usageColumns.isEmpty {
                    let usage = usageColumns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
                    try db.execute(
                        sql: "DELETE FROM main.session_model_usage WHERE session_id IN (SELECT value FROM json_each(?))", arguments: [changed])
                    try db.execute(
                        sql: """
                            INSERT INTO main.session_model_usage (\(usage))
                            SELECT \(usage) FROM agent.session_model_usage WHERE session_id IN (SELECT value FROM json_each(?))
                            """, arguments: [changed])
                }
                try updateKeys(db, of: changed)
                let unsettled = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM main.sessions WHERE NOT settled") ?? 0
                if disturbed || unsettled > unsettledLimit { try settle(db, &next) }
                try writeMeta(db, next)
                return .incremental(sessions: copied + gone)
            }
            reason = "the session counts do not add up"
        }
        try db.execute(sql: "DROP TABLE IF EXISTS main.sessions; DROP TABLE IF EXISTS main.session_model_usage; DROP TABLE IF EXISTS main.messages")
        let definitions =
            (["agent_rowid INTEGER PRIMARY KEY", "id TEXT NOT NULL UNIQUE"] + columns.map(\.quotedDatabaseIdentifier) + [
                "model_config TEXT", "listed INTEGER NOT NULL DEFAULT 0", "settled INTEGER NOT NULL DEFAULT 0",
            ] + sortColumns.map { "\($0.column) REAL NOT NULL DEFAULT 0" }).joined(separator: ", ")
        try db.execute(sql: "CREATE TABLE main.sessions (\(definitions))")
        // The lineage rules look for a messages table; the copy keeps none of their rows.
        try db.execute(sql: "CREATE TABLE main.messages (id INTEGER PRIMARY KEY, session_id TEXT)")
        if columns.contains("started_at") { try db.execute(sql: "CREATE INDEX main.sessions_started ON sessions(started_at)") }
        if columns.contains("parent_session_id") { try db.execute(sql: "CREATE INDEX main.sessions_parent ON sessions(parent_session_id)") }
        for (_, column) in sortColumns {
            try db.execute(sql: "CREATE INDEX main.sessions_\(column) ON sessions(\(column), id) WHERE listed")
        }
        try db.execute(sql: "INSERT INTO main.sessions (\(names)) SELECT \(select) FROM agent.sessions s")
        if !usageColumns.isEmpty {
            let usage = usageColumns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
            try db.execute(sql: "CREATE TABLE main.session_model_usage (\(usage))")
            try db.execute(sql: "INSERT INTO main.session_model_usage SELECT \(usage) FROM agent.session_model_usage")
            try db.execute(sql: "CREATE INDEX main.usage_session ON session_model_usage(session_id)")
        }
        try db.execute(sql: "CREATE INDEX main.sessions_unsettled ON sessions(started_at) WHERE settled = 0")
        try updateKeys(db, of: nil)
        try settle(db, &next)
        next.fullAt = now
        try writeMeta(db, next)
        return .full(reason: reason ?? "first use")
    }

    /// Marks every ended session settled (all of them when the agent keeps no end times) and starts a new epoch.
    /// Open sessions stay unsettled: the agent still writes to them.
    private static func settle(_ db: Database, _ meta: inout Meta) throws {
        let columns = try Set(Row.fetchAll(db, sql: "PRAGMA main.table_info(sessions)").map { $0["name"] as String })
        try db.execute(sql: "UPDATE main.sessions SET settled = \(columns.contains("ended_at") ? "(ended_at IS NOT NULL)" : "1")")
        try db.execute(sql: "DELETE FROM main.sums")
        meta.epoch += 1
    }

    /// The select list copying an agent row: rowid, id, `columns`, and `model_config` cut to the lineage markers.
    private static func copiedSelect(_ columns: [String], agentColumns: Set<String>) -> String {
        let markers =
            agentColumns.contains("model_config")
            ? """
            CASE WHEN json_valid(s.model_config) AND (json_extract(s.model_config, '$._delegate_from') IS NOT NULL
                                                     OR json_extract(s.model_config, '$._branched_from') IS NOT NULL)
                 THEN json_object('_delegate_from', json_extract(s.model_config, '$._delegate_from'),
                                  '_branched_from', json_extract(s.model_config, '$._branched_from')) END
            """ : "NULL"
        return (["s.rowid", "s.id"] + columns.map { "s.\($0.quotedDatabaseIdentifier)" } + [markers]).joined(separator: ", ")
    }

    /// Recomputes whether each row is listed and its conversation's sort keys: for the rows of `changed` (a JSON
    /// array of ids), their ancestors (a changed segment changes its chain's sums) and their children (whose
    /// parent may have just arrived), or for every row when `changed` is nil.
    private static func updateKeys(_ db: Database, of changed: String?) throws {
        let schema = try StateSchema.read(db)
        let keys = sortColumns.map { "\($0.column) = \(SessionListStatement.sortKey($0.sort, schema: schema))" }.joined(separator: ", ")
        let listed = "listed = (s.parent_session_id IS NULL OR NOT EXISTS (SELECT 1 FROM main.sessions p WHERE p.id = s.parent_session_id))"
        guard let changed else {
            try db.execute(sql: "UPDATE main.sessions AS s SET \(listed), \(keys)")
            return
        }
        try db.execute(
            sql: """
                WITH RECURSIVE up(id) AS (
                    SELECT value FROM json_each(?1)
                    UNION SELECT t.parent_session_id FROM up JOIN main.sessions t ON t.id = up.id WHERE t.parent_session_id IS NOT NULL
                )
                UPDATE main.sessions AS s SET \(listed), \(keys)
                WHERE s.id IN (SELECT id FROM up) OR s.parent_session_id IN (SELECT value FROM json_each(?1))
                """, arguments: [changed])
    }

    /// The columns of the agent's `table` (none when it has no such table).
    private static func columns(_ db: Database, _ table: String) throws -> Set<String> {
        Set(try Row.fetchAll(db, sql: "PRAGMA agent.table_info(\(table.quotedDatabaseIdentifier))").map { $0["name"] as String })
    }

    private static func meta(_ db: Database) throws -> Meta? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM main.meta") else { return nil }
        return Meta(
            inode: row["inode"], columns: row["columns"], usageColumns: row["usage_columns"], maxRowID: row["max_rowid"],
            maxRowIDSession: row["max_rowid_session"], maxMessageID: row["max_message_id"], fullAt: row["full_at"], epoch: row["epoch"])
    }

    private static func writeMeta(_ db: Database, _ meta: Meta) throws {
        try db.execute(sql: "DELETE FROM main.meta")
        try db.execute(
            sql: """
                INSERT INTO main.meta (format, inode, columns, usage_columns, max_rowid, max_rowid_session, max_message_id, full_at, epoch)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                format, meta.inode, meta.columns, meta.usageColumns, meta.maxRowID, meta.maxRowIDSession, meta.maxMessageID, meta.fullAt,
                meta.epoch,
            ])
    }

    /// `url` as an SQLite URI that opens it read-only.
    static func uri(_ url: URL) -> String {
        var components = URLComponents()
        components.scheme = "file"
        components.path = url.standardizedFileURL.path
        components.queryItems = [URLQueryItem(name: "mode", value: "ro")]
        return components.string ?? "file:\(url.path)?mode=ro"
    }

    private func open() throws -> DatabasePool {
        try pool.withValue { pool in
            if let pool { return pool }
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            var configuration = Configuration()
            configuration.label = "session mirror"
            configuration.busyMode = .timeout(5)
            // Two readers with 1 MiB of pages each: its rows are small, and the server's memory stays under 80 MB.
            configuration.maximumReaderCount = 2
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -1024") }
            let opened = try DatabasePool(path: url.path, configuration: configuration)
            try opened.write { db in
                // A copy in another layout (an older workspace's) is dropped; the next sync makes it anew.
                if try db.tableExists("meta"),
                    try !db.columns(in: "meta").contains(where: { $0.name == "format" })
                        || Int.fetchOne(db, sql: "SELECT MAX(format) FROM meta") != Self.format
                {
                    try db.execute(
                        sql:
                            "DROP TABLE IF EXISTS meta; DROP TABLE IF EXISTS sessions; DROP TABLE IF EXISTS session_model_usage; DROP TABLE IF EXISTS messages"
                    )
                }
                try db.execute(
                    sql: """
                        CREATE TABLE IF NOT EXISTS meta (format INTEGER NOT NULL, inode TEXT NOT NULL, columns TEXT NOT NULL,
                            usage_columns TEXT NOT NULL, max_rowid INTEGER NOT NULL, max_rowid_session TEXT NOT NULL,
                            max_message_id INTEGER NOT NULL, full_at REAL NOT NULL, epoch INTEGER NOT NULL);
                        CREATE TABLE IF NOT EXISTS sums (key TEXT PRIMARY KEY, epoch INTEGER NOT NULL, value BLOB NOT NULL);
                        """)
            }
            chmod(url.path, 0o600)
            pool = opened
            return opened
        }
    }
}
