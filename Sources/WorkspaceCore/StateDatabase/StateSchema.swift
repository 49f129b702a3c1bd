import GRDB

/// What the open `state.db` actually has: tables and their columns, read with `PRAGMA table_info`.
///
/// A database last opened by an older agent lacks newer columns (the agent adds them on its next open), so every
/// query is built from this description instead of assuming schema version 22.
public struct StateSchema: Sendable, Equatable {
    /// Column names per table name.
    public let columns: [String: Set<String>]
    /// The agent's `schema_version` row, when present.
    public let agentVersion: Int?
    /// SQL text built from this description, kept with it: the same schema builds the same text every time.
    private let fragments = Fragments()

    /// Creates a description.
    public init(columns: [String: Set<String>], agentVersion: Int?) {
        self.columns = columns
        self.agentVersion = agentVersion
    }

    public static func == (lhs: StateSchema, rhs: StateSchema) -> Bool {
        lhs.columns == rhs.columns && lhs.agentVersion == rhs.agentVersion
    }

    /// The text `build` makes from this schema, built once per `key` (which must name every other input of
    /// `build`); a session page's statement is assembled from a few of them instead of a few hundred lookups.
    func fragment(_ key: String, _ build: () -> String) -> String {
        if let text = fragments.texts.value[key] { return text }
        let text = build()
        fragments.texts.withValue { texts in
            if texts.count < Fragments.limit { texts[key] = text }
        }
        return text
    }

    private final class Fragments: Sendable {
        /// Keys are query shapes, never values, so a few dozen are ever made; the bound is a guard, not a cache policy.
        static let limit = 512
        let texts = LockedValue<[String: String]>([:])
    }

    /// Reads the description from `db`.
    public static func read(_ db: Database) throws -> StateSchema {
        var columns: [String: Set<String>] = [:]
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
        for table in tables where Self.interesting.contains(table) {
            let names = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.quotedDatabaseIdentifier))").map { $0["name"] as String }
            columns[table] = Set(names)
        }
        var version: Int?
        if columns["schema_version"] != nil {
            version = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM schema_version")
        }
        return StateSchema(columns: columns, agentVersion: version)
    }

    private static let interesting: Set<String> = [
        "sessions", "messages", "session_model_usage", "messages_fts", "messages_fts_trigram", "schema_version", "state_meta",
    ]

    /// Whether `table` exists.
    public func has(table: String) -> Bool { columns[table] != nil }

    /// Whether `table` has `column`.
    public func has(_ column: String, in table: String) -> Bool { columns[table]?.contains(column) ?? false }

    /// `alias.column` when the column exists, else `fallback` (an SQL literal) so result shapes never change.
    public func column(_ column: String, in table: String, alias: String, fallback: String = "NULL") -> String {
        has(column, in: table) ? "\(alias).\(column)" : fallback
    }

    /// Whether the sessions and messages tables a reader needs are present.
    public var hasSessions: Bool { has(table: "sessions") && has(table: "messages") }
    /// Whether per-model usage rows exist.
    public var hasModelUsage: Bool { has(table: "session_model_usage") }
}
