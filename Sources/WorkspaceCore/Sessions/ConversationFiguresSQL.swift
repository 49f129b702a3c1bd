/// The per-session figures a summary needs beyond its own row, as scalar SQL over a session id expression; the
/// page statement and the lookups for other segments use the same text, so the rules live in one place.
enum ConversationFiguresSQL {
    /// Time of the newest message of the session `id` (one seek on the agent's `(session_id, timestamp)` index).
    static func newestMessage(of id: String) -> String {
        "(SELECT MAX(m.timestamp) FROM messages m WHERE m.session_id = \(id))"
    }

    /// Branches, delegates and other children of the session `id` (continuations are part of the conversation).
    static func childCount(of id: String, _ schema: StateSchema) -> String {
        """
        (SELECT COUNT(*) FROM sessions c JOIN sessions cp ON cp.id = c.parent_session_id
         WHERE c.parent_session_id = \(id) AND (\(SessionKind.classification(schema, session: "c", parent: "cp"))) != 'continuation')
        """
    }

    /// The first user message of the session `id`, as bytes (the agent's structured content starts with NUL).
    static func firstUserMessage(of id: String) -> String {
        """
        (SELECT CAST(m.content AS BLOB) FROM messages m WHERE m.session_id = \(id) AND m.role = 'user' ORDER BY m.timestamp, m.id LIMIT 1)
        """
    }
}
