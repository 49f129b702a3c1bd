import GRDB

/// The `sessions` columns the workspace reads, built against whatever schema the database has.
enum SessionColumns {
    /// A `model_config` marker key (`_branched_from`, `_delegate_from`) of the row aliased `alias`; NULL when the
    /// column is missing or holds text that is not JSON.
    static func marker(_ key: String, schema: StateSchema, alias: String) -> String {
        guard schema.has("model_config", in: "sessions") else { return "NULL" }
        return "(CASE WHEN json_valid(\(alias).model_config) THEN json_extract(\(alias).model_config, '$.\(key)') END)"
    }

    /// How many columns ``select(_:alias:)`` yields; what follows them in a row starts at this index.
    static let count = 26

    /// The select list that fills a ``SessionRecord`` from the row aliased `s`, in the order
    /// ``SessionRecord/init(row:at:)`` reads them by position (lookups by name cost a lowercasing per column).
    static func select(_ schema: StateSchema, alias s: String = "s") -> String {
        schema.fragment("columns \(s)") { build(schema, alias: s) }
    }

    private static func build(_ schema: StateSchema, alias s: String) -> String {
        func column(_ name: String, _ fallback: String = "NULL") -> String {
            "\(schema.column(name, in: "sessions", alias: s, fallback: fallback)) AS \(name)"
        }
        return [
            "\(s).id AS id", column("source", "'unknown'"), column("title"), column("model"), column("started_at", "0"),
            column("ended_at"), column("end_reason"), column("message_count", "0"), column("tool_call_count", "0"),
            column("api_call_count", "0"), column("input_tokens", "0"), column("output_tokens", "0"),
            column("cache_read_tokens", "0"), column("cache_write_tokens", "0"), column("reasoning_tokens", "0"),
            column("estimated_cost_usd"), column("actual_cost_usd"), column("cost_status"), column("billing_provider"),
            column("parent_session_id"), column("profile_name"), column("archived", "0"), column("cwd"),
            column("user_id"), column("chat_type"), column("display_name"),
        ].joined(separator: ", ")
    }
}
