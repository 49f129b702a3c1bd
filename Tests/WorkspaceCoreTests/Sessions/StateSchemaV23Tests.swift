import Foundation
import GRDB
import Testing

@testable import WorkspaceCore

/// A state.db in the layout upstream introduced with schema v23 (read from `hermes_state_common.py` in
/// NousResearch/hermes-agent: `SCHEMA_SQL`, `FTS_SQL`, `FTS_TRIGRAM_SQL` and the deferred-rebuild bookkeeping):
/// external-content FTS tables over the `messages_fts_src` / `messages_fts_trigram_src` views, triggers gated on
/// `state_meta.fts_rebuild_high_water` / `fts_rebuild_progress`, and newer columns (`active`, `compacted`,
/// `display_kind`, `title_source`, `last_activity_at`…). The reader lists, sums and searches it, and search says
/// when the index is partial.
@Suite struct StateSchemaV23Tests {
    /// The v23 shape, trimmed to the tables and columns a reader meets (extra columns are ignored by design).
    static let ddl = """
        CREATE TABLE schema_version (version INTEGER NOT NULL);
        INSERT INTO schema_version VALUES (23);
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY, source TEXT NOT NULL, created_source TEXT, user_id TEXT, session_key TEXT, chat_id TEXT,
            model TEXT, model_config TEXT, system_prompt TEXT, system_prompt_hash TEXT, parent_session_id TEXT,
            started_at REAL NOT NULL, ended_at REAL, end_reason TEXT, message_count INTEGER DEFAULT 0,
            tool_call_count INTEGER DEFAULT 0, input_tokens INTEGER DEFAULT 0, output_tokens INTEGER DEFAULT 0,
            cache_read_tokens INTEGER DEFAULT 0, cache_write_tokens INTEGER DEFAULT 0, reasoning_tokens INTEGER DEFAULT 0,
            cwd TEXT, billing_provider TEXT, billing_base_url TEXT, billing_mode TEXT, estimated_cost_usd REAL,
            actual_cost_usd REAL, cost_status TEXT, cost_source TEXT, pricing_version TEXT, title TEXT, title_source TEXT,
            last_activity_at REAL, api_call_count INTEGER DEFAULT 0, profile_name TEXT, archived INTEGER NOT NULL DEFAULT 0,
            pinned INTEGER NOT NULL DEFAULT 0, hidden INTEGER NOT NULL DEFAULT 0, tool_names TEXT,
            FOREIGN KEY (parent_session_id) REFERENCES sessions(id));
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL REFERENCES sessions(id), role TEXT NOT NULL,
            content TEXT, tool_call_id TEXT, tool_calls TEXT, tool_name TEXT, effect_disposition TEXT, timestamp REAL NOT NULL,
            token_count INTEGER, finish_reason TEXT, reasoning TEXT, reasoning_content TEXT, reasoning_details TEXT,
            platform_message_id TEXT, observed INTEGER DEFAULT 0, _compressed_summary INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1, compacted INTEGER NOT NULL DEFAULT 0, api_content TEXT, display_kind TEXT,
            display_metadata TEXT, display_identity BLOB, display_order INTEGER);
        CREATE TABLE state_meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE INDEX idx_sessions_started ON sessions(started_at DESC);
        CREATE INDEX idx_sessions_parent ON sessions(parent_session_id);
        CREATE INDEX idx_messages_session ON messages(session_id, timestamp);
        CREATE VIEW messages_fts_src AS
            SELECT id, CASE WHEN role = 'tool' THEN substr(COALESCE(content, ''), 1, 8192) ELSE content END AS content,
                   tool_name, tool_calls
            FROM messages;
        CREATE VIRTUAL TABLE messages_fts USING fts5(content, tool_name, tool_calls, content='messages_fts_src', content_rowid='id');
        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
        WHEN (new.id > COALESCE((SELECT CAST(value AS INTEGER) FROM state_meta WHERE key = 'fts_rebuild_high_water'), -1)
           OR new.id <= COALESCE((SELECT CAST(value AS INTEGER) FROM state_meta WHERE key = 'fts_rebuild_progress'), -1))
        BEGIN
            INSERT INTO messages_fts(rowid, content, tool_name, tool_calls)
            VALUES (new.id, CASE WHEN new.role = 'tool' THEN substr(COALESCE(new.content, ''), 1, 8192) ELSE new.content END,
                    new.tool_name, new.tool_calls);
        END;
        CREATE VIEW messages_fts_trigram_src AS
            SELECT m.id, m.role, m.content, m.tool_name FROM messages AS m JOIN sessions AS s ON s.id = m.session_id
            WHERE m.role <> 'tool' AND s.source NOT IN ('cron', 'subagent')
              AND json_extract(CASE WHEN json_valid(s.model_config) THEN s.model_config ELSE json_object() END, '$._delegate_from') IS NULL;
        CREATE VIRTUAL TABLE messages_fts_trigram USING fts5(content, tool_name, content='messages_fts_trigram_src', content_rowid='id', tokenize='trigram');
        CREATE TRIGGER messages_fts_trigram_insert AFTER INSERT ON messages
        WHEN new.role <> 'tool'
           AND EXISTS (SELECT 1 FROM sessions WHERE id = new.session_id AND source NOT IN ('cron', 'subagent'))
           AND (new.id > COALESCE((SELECT CAST(value AS INTEGER) FROM state_meta WHERE key = 'fts_rebuild_high_water'), -1)
             OR new.id <= COALESCE((SELECT CAST(value AS INTEGER) FROM state_meta WHERE key = 'fts_rebuild_progress'), -1))
        BEGIN
            INSERT INTO messages_fts_trigram(rowid, content, tool_name) VALUES (new.id, new.content, new.tool_name);
        END;
        """

    /// Three sessions written as the agent writes them, then a deferred rebuild started: the old index dropped, the
    /// high-water mark at the last message, the backfill through the first session only; then a new message.
    private func makeHome() throws -> (FixtureHome, DatabaseQueue) {
        let fixture = try FixtureHome.empty()
        let queue = try DatabaseQueue(path: fixture.home.stateDatabase.path)
        try queue.write { db in
            try db.execute(sql: Self.ddl)
            let sessions: [(String, String, Double, Int, Int, Double)] = [
                ("v23-a", "cli", 1_764_000_000, 1_000, 200, 0.25), ("v23-b", "telegram", 1_764_003_600, 3_000, 500, 1.5),
                ("v23-c", "cron", 1_764_007_200, 500, 50, 0.05),
            ]
            for (id, source, started, input, output, cost) in sessions {
                try db.execute(
                    sql: """
                        INSERT INTO sessions (id, source, model, started_at, ended_at, end_reason, message_count, input_tokens, output_tokens,
                            estimated_cost_usd, title, title_source, last_activity_at, api_call_count)
                        VALUES (?, ?, 'anthropic/claude-sonnet-4.5', ?, ?, 'user_exit', 3, ?, ?, ?, ?, 'llm', ?, 2)
                        """, arguments: [id, source, started, started + 60, input, output, cost, "Talk \(id)", started + 50])
            }
            let words = ["v23-a": "aardvark", "v23-b": "bumblebee", "v23-c": "cormorant"]
            for id in ["v23-a", "v23-b", "v23-c"] {
                let started = try Double.fetchOne(db, sql: "SELECT started_at FROM sessions WHERE id = ?", arguments: [id]) ?? 0
                try db.execute(
                    sql: "INSERT INTO messages (session_id, role, content, timestamp) VALUES (?, 'user', ?, ?)",
                    arguments: [id, "tell me about the \(words[id]!)", started + 1])
                try db.execute(
                    sql: "INSERT INTO messages (session_id, role, content, tool_calls, timestamp) VALUES (?, 'assistant', NULL, ?, ?)",
                    arguments: [id, #"[{"function":{"name":"terminal","arguments":"{\"command\":\"grep -r quokkaflag\"}"}}]"#, started + 2])
                try db.execute(
                    sql: "INSERT INTO messages (session_id, role, content, timestamp) VALUES (?, 'assistant', ?, ?)",
                    arguments: [id, "The \(words[id]!) is lovely.", started + 3])
            }
            // A deferred rebuild begins (the agent's v23 migration): index emptied, H = last id, backfill so far P = 3.
            try db.execute(sql: "INSERT INTO messages_fts(messages_fts) VALUES('delete-all')")
            try db.execute(sql: "INSERT INTO messages_fts_trigram(messages_fts_trigram) VALUES('delete-all')")
            let high = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM messages") ?? 0
            try db.execute(
                sql: "INSERT INTO state_meta (key, value) VALUES ('fts_rebuild_high_water', ?), ('fts_rebuild_progress', '3')",
                arguments: [String(high)])
            try db.execute(
                sql:
                    "INSERT INTO messages_fts(rowid, content, tool_name, tool_calls) SELECT id, content, tool_name, tool_calls FROM messages_fts_src WHERE id <= 3"
            )
            // A new message after the drop is indexed live by the gated trigger.
            try db.execute(
                sql: "INSERT INTO messages (session_id, role, content, timestamp) VALUES ('v23-b', 'user', 'and the zeppelin?', 1764003700)")
            try db.execute(sql: "UPDATE sessions SET message_count = 4 WHERE id = 'v23-b'")
        }
        return (fixture, queue)
    }

    @Test func aV23DatabaseIsListedSummedAndSearchedWithThePartialIndexNotice() async throws {
        let (fixture, _) = try makeHome()
        defer { fixture.remove() }
        let database = StateDatabase(url: fixture.home.stateDatabase)
        let store = SessionStore(database: database)
        let page = try await store.page(SessionQuery(), includeTotal: true)
        #expect(page.items.map(\.id) == ["v23-c", "v23-b", "v23-a"], "newest first")
        #expect(page.items.first { $0.id == "v23-b" }.map { $0.title == "Talk v23-b" && $0.messageCount == 4 && $0.tokens.input == 3_000 } == true)
        let stats = try await store.stats()
        #expect(stats.available && stats.sessions == 3 && stats.conversations == 3, "\(stats)")

        let analytics = AnalyticsService(
            database: database, timeZone: AgentTimeZone(home: fixture.home, environment: [:]), now: { Date(timeIntervalSince1970: 1_764_100_000) })
        let usage = try await analytics.usage(
            try AnalyticsRange(
                from: Date(timeIntervalSince1970: 1_763_900_000), to: Date(timeIntervalSince1970: 1_764_100_000),
                timeZone: TimeZone(identifier: "UTC")!,
                bucket: .day))
        #expect(usage.totals.sessions == 3 && usage.totals.tokens.input == 4_500 && usage.totals.tokens.output == 750, "\(usage.totals)")
        #expect(abs(usage.totals.cost.estimatedUSD - 1.8) < 0.0001)

        let search = SessionSearch(database: database)
        let backfilled = try await search.search(try SearchQuery("aardvark"))
        #expect(backfilled.items.map(\.conversation.id) == ["v23-a"])
        #expect(backfilled.notice?.contains("6 of 9 older messages are not indexed yet") == true, "\(backfilled.notice ?? "no notice")")
        let waiting = try await search.search(try SearchQuery("cormorant"))
        #expect(waiting.items.isEmpty && waiting.notice != nil, "a message in the gap is not found yet, and search says why")
        let live = try await search.search(try SearchQuery("zeppelin"))
        #expect(live.items.map(\.conversation.id) == ["v23-b"])
        let toolCall = try await search.search(try SearchQuery("quokkaflag"))
        #expect(toolCall.items.map(\.conversation.id) == ["v23-a"], "a match in the tool_calls column")
        #expect(
            toolCall.items.first?.hits.first?.snippet.contains { $0.match && $0.text.contains("quokkaflag") } == true,
            "the snippet shows the matching column")
        let transcript = try await store.transcript(id: "v23-b")
        #expect(transcript.items.count == 4)
    }

    @Test func aFinishedRebuildHasNoNotice() async throws {
        let (fixture, queue) = try makeHome()
        defer { fixture.remove() }
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO messages_fts(messages_fts) VALUES('rebuild')")
            try db.execute(sql: "DELETE FROM state_meta WHERE key IN ('fts_rebuild_high_water', 'fts_rebuild_progress')")
        }
        let results = try await SessionSearch(database: StateDatabase(url: fixture.home.stateDatabase)).search(try SearchQuery("cormorant"))
        #expect(results.items.map(\.conversation.id) == ["v23-c"] && results.notice == nil)
        try await queue.write { db in try db.execute(sql: "INSERT INTO state_meta (key, value) VALUES ('fts_stale', '1')") }
        let stale = try await SessionSearch(database: StateDatabase(url: fixture.home.stateDatabase)).search(try SearchQuery("cormorant"))
        #expect(stale.notice?.contains("being repaired") == true)
    }
}
