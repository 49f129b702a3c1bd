/// How a `sessions` row relates to its parent, as the agent records lineage.
public enum SessionKind: String, Sendable, Codable {
    /// No parent: a conversation of its own.
    case root
    /// Continues its parent's conversation after context compression (parent ended with `compression`).
    case continuation
    /// A `/branch` fork (`model_config._branched_from`, or a parent that ended `branched`).
    case branch
    /// A delegated subagent run (`model_config._delegate_from`).
    case delegate
    /// A child the agent gave no recognisable reason for.
    case child
    /// Its parent row no longer exists; listed like a root.
    case orphan

    /// SQL that classifies the row aliased `s` against its parent aliased `p` (LEFT JOINed on the parent id).
    static func classification(_ schema: StateSchema, session s: String = "s", parent p: String = "p") -> String {
        schema.fragment("kind \(s) \(p)") { buildClassification(schema, session: s, parent: p) }
    }

    private static func buildClassification(_ schema: StateSchema, session s: String, parent p: String) -> String {
        let delegate = SessionColumns.marker("_delegate_from", schema: schema, alias: s)
        let branch = SessionColumns.marker("_branched_from", schema: schema, alias: s)
        return """
            CASE WHEN \(s).parent_session_id IS NULL THEN 'root'
                 WHEN \(p).id IS NULL THEN 'orphan'
                 WHEN \(delegate) IS NOT NULL THEN 'delegate'
                 WHEN \(branch) IS NOT NULL THEN 'branch'
                 WHEN \(p).end_reason = 'compression' THEN 'continuation'
                 WHEN \(p).end_reason = 'branched' THEN 'branch'
                 ELSE 'child' END
            """
    }

    /// The joins of one step along a compression chain: from the segment whose id is `segment` to the session
    /// (aliased `child`) that continues it — a child of a parent that ended in `compression`, with no branch or
    /// delegate marker. The recursive walks over chains are built from this one rule.
    static func continuationStep(_ schema: StateSchema, from segment: String, child: String) -> String {
        let delegate = SessionColumns.marker("_delegate_from", schema: schema, alias: child)
        let branch = SessionColumns.marker("_branched_from", schema: schema, alias: child)
        return """
            JOIN sessions cp ON cp.id = \(segment) AND cp.end_reason = 'compression'
            JOIN sessions \(child) ON \(child).parent_session_id = \(segment) AND \(delegate) IS NULL AND \(branch) IS NULL
            """
    }
}
