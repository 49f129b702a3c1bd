import Foundation

/// Imports conversations exported by the agent (`hermes sessions export`, `SessionDB.export_session` /
/// `export_all`, the reference dashboard) into `state.db` — through the agent's own `SessionDB.import_sessions` in
/// its Python, so its validation, limits (500 sessions, 10,000 messages each, 25 MiB), id-collision skipping,
/// parent detaching and FTS indexing are the agent's, in one write transaction with its lock-retry.
///
/// A dry run runs the same code inside that transaction and rolls it back: the preview says exactly what the import
/// would do (imported, skipped because the id exists, detached from a missing parent) and the database is unchanged.
/// Invalid input imports nothing, as the agent's code refuses the whole batch.
public struct SessionImporter: Sendable {
    /// What an import did (or, dry run, would do).
    public struct Report: Sendable, Encodable, Equatable {
        public var dryRun: Bool
        public var ok: Bool
        /// Sessions in the payload and their messages.
        public var sessions: Int
        public var messages: Int
        public var imported: Int
        public var skipped: Int
        public var detached: Int
        public var importedIDs: [String]
        public var skippedIDs: [String]
        public var errors: [Problem]
    }

    public struct Problem: Sendable, Encodable, Equatable {
        public var index: Int
        public var sessionID: String?
        public var error: String
    }

    private let home: HermesHome
    private let audit: AuditLog
    private let python: @Sendable () -> String?

    public init(home: HermesHome, audit: AuditLog, python: @escaping @Sendable () -> String? = { AgentRuntime.python() }) {
        self.home = home
        self.audit = audit
        self.python = python
    }

    /// The sessions in `body`: a JSON array of sessions, `{"sessions": [...]}`, one session object, or JSON Lines
    /// with one session per line (`hermes sessions export`).
    static func sessions(in body: Data) throws -> [OrderedJSON] {
        let text = String(decoding: body, as: UTF8.self)
        if let whole = try? OrderedJSON(parsing: text) {
            switch whole {
            case .array(let items): return items
            case .object where whole["sessions"] != nil:
                guard case .array(let items)? = whole["sessions"] else { throw WorkspaceError.invalidInput("`sessions` must be a list.") }
                return items
            case .object where whole["conversation"] != nil:
                throw WorkspaceError.invalidInput(
                    "This is the workspace's own transcript export (one conversation as the page shows it); import takes the agent's export (hermes sessions export, or the session JSON of the agent's dashboard)."
                )
            case .object: return [whole]
            default: throw WorkspaceError.invalidInput("Send a JSON array of sessions, {\"sessions\": [...]}, one session, or JSON Lines.")
            }
        }
        var sessions: [OrderedJSON] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            guard let value = try? OrderedJSON(parsing: trimmed), case .object = value else {
                throw WorkspaceError.invalidInput("Line \(number + 1) is not a JSON object; send JSON or JSON Lines with one session per line.")
            }
            sessions.append(value)
        }
        guard !sessions.isEmpty else { throw WorkspaceError.invalidInput("The body holds no sessions.") }
        return sessions
    }

    /// The shape every session must have before the agent's code is asked (which then checks everything else):
    /// an object with a non-empty string `id` and a `messages` list of objects with a string `role`.
    static func checkShape(_ sessions: [OrderedJSON]) throws {
        for (index, session) in sessions.enumerated() {
            guard case .object = session, let id = session["id"]?.stringValue, !id.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw WorkspaceError.invalidInput("Session \(index + 1) needs an \"id\" (a string): is this the agent's session export?")
            }
            guard let messages = session["messages"], case .array(let items) = messages else {
                throw WorkspaceError.invalidInput("Session \(id.prefix(64)) needs a \"messages\" list.")
            }
            guard items.allSatisfy({ $0["role"]?.stringValue?.isEmpty == false }) else {
                throw WorkspaceError.invalidInput("Every message of session \(id.prefix(64)) needs a \"role\" (user, assistant, tool…).")
            }
        }
    }

    /// Imports (or previews) the sessions in `body`.
    public func importSessions(_ body: Data, dryRun: Bool, actor: AuditActor?) async throws -> Report {
        let sessions = try Self.sessions(in: body)
        guard sessions.count <= 500 else { throw WorkspaceError.invalidInput("At most 500 sessions per import (the agent's limit).") }
        try Self.checkShape(sessions)
        let messages = sessions.reduce(0) { $0 + ($1["messages"]?.arrayValue.count ?? 0) }
        let payload = Data(OrderedJSON.array(sessions).rendered(.compact).utf8)
        let answer = try await AgentRuntime.run(
            Self.script, arguments: [dryRun ? "dry" : "write"], input: payload, home: home, python: python(),
            instead: "import with the agent's own dashboard or SessionDB.import_sessions")
        let problems = (answer["errors"]?.arrayValue ?? []).map {
            Problem(index: $0["index"]?.intValue ?? 0, sessionID: $0["session_id"]?.stringValue, error: $0["error"]?.stringValue ?? "")
        }
        let report = Report(
            dryRun: dryRun, ok: answer["ok"]?.boolValue ?? false, sessions: sessions.count, messages: messages,
            imported: answer["imported"]?.intValue ?? 0, skipped: answer["skipped"]?.intValue ?? 0, detached: answer["detached"]?.intValue ?? 0,
            importedIDs: answer["imported_ids"]?.stringList ?? [], skippedIDs: answer["skipped_ids"]?.stringList ?? [],
            errors: problems)
        if let refusal = answer["refused"]?.stringValue { throw WorkspaceError.invalidInput(refusal) }
        if !dryRun {
            try? await audit.record(
                AuditEvent(
                    action: .sessionsImport, target: "\(report.imported) sessions", outcome: report.ok ? .ok : .refused,
                    summary: report.ok
                        ? "imported \(report.imported), skipped \(report.skipped) existing, detached \(report.detached)"
                        : "refused: \(problems.first?.error ?? "invalid payload")",
                    actor: actor))
        }
        return report
    }

    /// Reads the sessions from stdin and hands them to the agent's `import_sessions`. `dry`: its write callback
    /// runs inside the agent's transaction and a sentinel exception carries the result out, so the agent's own
    /// `_execute_write` rolls everything back.
    static let script = """
        import json, sys
        from hermes_state import SessionDB
        sessions = json.loads(sys.stdin.read())
        db = SessionDB()
        try:
            if sys.argv[1] == "dry":
                class Preview(Exception):
                    pass
                write = db._execute_write
                def preview(fn):
                    def run(conn):
                        raise Preview(fn(conn))
                    try:
                        write(run)
                    except Preview as done:
                        return done.args[0]
                db._execute_write = preview
            try:
                result = db.import_sessions(sessions)
            except ValueError as error:
                result = {"refused": str(error)}
        finally:
            db.close()
        print(json.dumps(result, default=str))
        """
}
