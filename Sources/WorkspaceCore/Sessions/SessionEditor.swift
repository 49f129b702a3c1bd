import Foundation
import GRDB

/// Renames and archives conversations in the agent's `state.db` with the agent's own rules (`hermes_state.py`,
/// `SessionDB.set_session_title` / `set_session_archived`, 0.19): a title is cleaned as the agent cleans it
/// (control, zero-width and direction-override characters removed, whitespace collapsed, at most 100 characters,
/// empty means none) and unique across sessions — a title held by a compressed ancestor of the same conversation
/// moves to it, any other holder is a conflict; archiving covers the whole compression chain, so the list's
/// projected tip cannot resurrect it. Each change is one short write transaction, audited.
public struct SessionEditor: Sendable {
    /// The agent's limit.
    public static let maximumTitleLength = 100

    private let store: SessionStore
    private let audit: AuditLog

    public init(store: SessionStore, audit: AuditLog) {
        self.store = store
        self.audit = audit
    }

    /// `title` as the agent stores it, or nil for none; a title over the limit after cleaning is refused.
    public static func cleaned(_ title: String?) throws -> String? {
        guard let title else { return nil }
        let removed = title.unicodeScalars.filter { scalar in
            let value = scalar.value
            if value < 0x20, ![0x09, 0x0A, 0x0D].contains(value) { return false }
            if value == 0x7F { return false }
            if (0x200B...0x200F).contains(value) || (0x2028...0x202E).contains(value) || (0x2060...0x2069).contains(value) { return false }
            if [0xFEFF, 0xFFFC, 0xFFF9, 0xFFFA, 0xFFFB].contains(value) { return false }
            return true
        }
        let text = String(String.UnicodeScalarView(removed)).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard !text.isEmpty else { return nil }
        guard text.unicodeScalars.count <= maximumTitleLength else {
            throw WorkspaceError.invalidInput("A title is at most \(maximumTitleLength) characters.")
        }
        return text
    }

    /// Sets (or, with an empty text, clears) the title of session `id`.
    public func rename(_ id: String, to title: String?, actor: AuditActor?) async throws {
        let title = try Self.cleaned(title)
        let changed = try await store.database.write { db, schema -> Int in
            guard schema.has("title", in: "sessions") else {
                throw WorkspaceError.unavailable("This state.db has no session titles (an older agent).")
            }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM sessions WHERE id = ?", arguments: [id]) == true else {
                throw WorkspaceError.notFound(what: "Session \(id)")
            }
            if let title, let holder = try String.fetchOne(db, sql: "SELECT id FROM sessions WHERE title = ? AND id != ?", arguments: [title, id]) {
                guard try Self.isCompressionAncestor(db, ancestor: holder, of: id) else {
                    throw WorkspaceError.conflict("The title “\(title)” is already used by session \(holder).")
                }
                try db.execute(sql: "UPDATE sessions SET title = NULL WHERE id = ?", arguments: [holder])
            }
            try db.execute(sql: "UPDATE sessions SET title = ? WHERE id = ?", arguments: [title, id])
            return db.changesCount
        }
        guard changed != nil else { throw WorkspaceError.notFound(what: "Session \(id) (there is no state.db)") }
        try? await audit.record(
            AuditEvent(action: .sessionsRename, target: id, summary: title.map { "titled “\($0)”" } ?? "title cleared", actor: actor))
    }

    /// Archives (hides from the default list, keeps every message) or unarchives session `id` and its whole
    /// compression chain. Returns how many rows changed.
    @discardableResult
    public func setArchived(_ id: String, _ archived: Bool, actor: AuditActor?) async throws -> Int {
        let rows = try await store.database.write { db, schema -> Int in
            guard schema.has("archived", in: "sessions") else {
                throw WorkspaceError.unavailable("This state.db cannot archive sessions (an older agent).")
            }
            try db.execute(
                sql: """
                    WITH RECURSIVE
                      ancestors(id) AS (
                        SELECT ? UNION
                        SELECT parent.id FROM ancestors a JOIN sessions child ON child.id = a.id
                        JOIN sessions parent ON parent.id = child.parent_session_id WHERE parent.end_reason = 'compression'),
                      descendants(id) AS (
                        SELECT ? UNION
                        SELECT child.id FROM descendants d JOIN sessions parent ON parent.id = d.id
                        JOIN sessions child ON child.parent_session_id = parent.id WHERE parent.end_reason = 'compression'),
                      lineage(id) AS (SELECT id FROM ancestors UNION SELECT id FROM descendants)
                    UPDATE sessions SET archived = ? WHERE id IN (SELECT id FROM lineage)
                    """, arguments: [id, id, archived ? 1 : 0])
            return db.changesCount
        }
        guard let rows, rows > 0 else { throw WorkspaceError.notFound(what: "Session \(id)") }
        try? await audit.record(
            AuditEvent(action: archived ? .sessionsArchive : .sessionsUnarchive, target: id, summary: "\(rows) rows", actor: actor))
        return rows
    }

    /// Whether `ancestor` is an ended-by-compression predecessor of `id` (the same conversation, continued).
    private static func isCompressionAncestor(_ db: Database, ancestor: String, of id: String) throws -> Bool {
        var current = id
        for _ in 0..<1_000 {
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT p.id AS parent, p.end_reason AS reason FROM sessions c JOIN sessions p ON p.id = c.parent_session_id WHERE c.id = ?",
                    arguments: [current])
            else { return false }
            let parent: String = row["parent"]
            guard (row["reason"] as String?) == "compression" else { return false }
            if parent == ancestor { return true }
            current = parent
        }
        return false
    }
}
