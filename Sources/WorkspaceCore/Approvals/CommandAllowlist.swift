import Foundation

/// The agent's permanent approvals: `command_allowlist` in `config.yaml`, a list of pattern keys (what the agent's
/// own "always" stores, e.g. `delete in root path`), exact commands or globs (`podman *`). The agent honours it
/// with the workspace stopped. Edited through ``ConfigStore`` — comments kept, written atomically, versioned and
/// audited like any config edit.
public struct CommandAllowlist: Sendable {
    /// One entry.
    public struct Entry: Sendable, Codable, Equatable {
        /// The text as it stands in the list.
        public var pattern: String
        /// `text` (the agent matches it both as a pattern key of its detector and as an exact command), `glob`
        /// (has `*`, `?` or `[`: commands matching it) or `plugin rule` (an escalation rule key).
        public var kind: String
    }

    private let config: ConfigStore

    /// The list in `config`'s file.
    public init(config: ConfigStore) {
        self.config = config
    }

    /// The entries now, in file order.
    public func entries() throws -> [Entry] {
        try config.snapshot().value["command_allowlist"]?.stringList.map { pattern in
            Entry(pattern: pattern, kind: Self.kind(of: pattern))
        } ?? []
    }

    /// Adds `keys` the list does not hold yet (security-scan keys, `tirith:…`, never: the agent keeps them to a
    /// session). Returns the keys added.
    @discardableResult
    public func add(_ keys: [String], actor: AuditActor?) async throws -> [String] {
        let snapshot = try config.snapshot()
        var list = snapshot.value["command_allowlist"]?.stringList ?? []
        var added: [String] = []
        for key in keys where !key.isEmpty && !key.hasPrefix("tirith:") && !list.contains(key) {
            list.append(key)
            added.append(key)
        }
        guard !added.isEmpty else { return [] }
        _ = try await config.patch(
            [ConfigEdit(path: ["command_allowlist"], operation: .set(.array(list.map(OrderedJSON.string))))],
            expecting: .exactly(snapshot.etag), actor: actor, source: "Approvals")
        return added
    }

    /// Removes `pattern`; not-found when the list does not hold it.
    public func remove(_ pattern: String, actor: AuditActor?) async throws {
        let snapshot = try config.snapshot()
        let list = snapshot.value["command_allowlist"]?.stringList ?? []
        guard list.contains(pattern) else { throw WorkspaceError.notFound(what: "Allowlist entry \"\(pattern.prefix(200))\"") }
        _ = try await config.patch(
            [ConfigEdit(path: ["command_allowlist"], operation: .set(.array(list.filter { $0 != pattern }.map(OrderedJSON.string))))],
            expecting: .exactly(snapshot.etag), actor: actor, source: "Approvals")
    }

    static func kind(of pattern: String) -> String {
        if pattern.hasPrefix("plugin_rule:") { return "plugin rule" }
        return pattern.contains(where: { "*?[".contains($0) }) ? "glob" : "text"
    }
}
