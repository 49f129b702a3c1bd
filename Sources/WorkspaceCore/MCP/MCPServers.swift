import Foundation

/// The agent's MCP servers, `mcp_servers` in config.yaml (`tools/mcp_tool.py`): each a stdio server (`command`,
/// `args`, `env`) or an HTTP one (`url`, `headers`, optional `transport: sse`), with `enabled` (default true) and
/// timeouts. The agent resolves `${VAR}` in any string from the environment, which includes `.env`.
///
/// Secrets never go into config.yaml from here: an `env` or `headers` value given as text is stored in `.env` as
/// `MCP_<SERVER>_<NAME>` and config.yaml gets `${MCP_<SERVER>_<NAME>}`; a value that already is a `${VAR}` reference
/// is kept as it is. Listing shows references and whether each is set, never a value. Edits go through the
/// comment-keeping editor (If-Match on config.yaml), so the rest of the file is untouched.
public struct MCPServers: Sendable {
    /// One server as the page shows it.
    public struct Server: Sendable, Encodable, Equatable {
        public var name: String
        /// `stdio`, `http` or `sse`.
        public var transport: String
        public var command: String?
        public var args: [String]
        public var url: String?
        public var enabled: Bool
        public var timeout: Int?
        public var connectTimeout: Int?
        /// `env` (stdio) and `headers` (http): each name with how its value is given.
        public var env: [Setting]
        public var headers: [Setting]
        /// Why the agent would skip it, in its own words where we check the same shape.
        public var warnings: [String]
    }

    /// An `env` or `headers` entry: a `${VAR}` reference (and whether VAR is set) or a literal, masked.
    public struct Setting: Sendable, Encodable, Equatable {
        public var name: String
        /// `${VAR}` as written, when the value is a reference.
        public var reference: String?
        /// Whether the referenced variable is set in `.env` or the environment.
        public var isSet: Bool
        /// A literal written straight into config.yaml (by hand), masked.
        public var masked: String?
    }

    /// What an add or edit sends: the value of each `env`/`headers` entry is a `${VAR}` reference (kept) or text
    /// (stored in `.env`).
    public struct Draft: Sendable, Decodable {
        public var command: String?
        public var args: [String]?
        public var url: String?
        public var transport: String?
        public var enabled: Bool?
        public var timeout: Int?
        public var connectTimeout: Int?
        public var env: [String: String]?
        public var headers: [String: String]?

        public init(
            command: String? = nil, args: [String]? = nil, url: String? = nil, transport: String? = nil, enabled: Bool? = nil,
            timeout: Int? = nil, connectTimeout: Int? = nil, env: [String: String]? = nil, headers: [String: String]? = nil
        ) {
            (self.command, self.args, self.url, self.transport, self.enabled) = (command, args, url, transport, enabled)
            (self.timeout, self.connectTimeout, self.env, self.headers) = (timeout, connectTimeout, env, headers)
        }
    }

    public struct List: Sendable, Encodable {
        public var items: [Server]
        /// config.yaml's revision, for If-Match.
        public var etag: String
    }

    let config: ConfigStore
    let keys: KeyVault

    public init(config: ConfigStore, keys: KeyVault) {
        self.config = config
        self.keys = keys
    }

    /// Every server, in config.yaml's order.
    public func list() throws -> List {
        let snapshot = try config.snapshot()
        guard case .object(let members)? = snapshot.value["mcp_servers"] else { return List(items: [], etag: snapshot.etag) }
        let defined = keys.definedNames()
        return List(items: members.map { server(named: $0.key, $0.value, defined: defined) }, etag: snapshot.etag)
    }

    /// Adds or replaces server `name` when config.yaml is still at `expecting`. Returns the new list.
    public func save(_ name: String, _ draft: Draft, expecting: ExpectedRevision?, actor: AuditActor?) async throws -> List {
        try Self.checkName(name)
        guard let expecting else { throw WorkspaceError.revisionRequired("Send If-Match with the etag of the configuration you edited.") }
        var members: [OrderedJSON.Member] = []
        let command = draft.command?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        let url = draft.url?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        switch (command, url) {
        case (nil, nil), (.some, .some): throw WorkspaceError.invalidInput("A server has either a command (stdio) or a url (HTTP), not both.")
        case (let command?, nil):
            guard !command.contains("\0"), !(draft.args ?? []).contains(where: { $0.contains("\0") }) else {
                throw WorkspaceError.invalidInput("The command and its arguments may not contain NUL.")
            }
            members.append(.init("command", .string(command)))
            members.append(.init("args", .array((draft.args ?? []).map(OrderedJSON.string))))
        case (nil, let url?):
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil else {
                throw WorkspaceError.invalidInput("The url must be an http or https address.")
            }
            guard parsed.user == nil, parsed.password == nil else {
                throw WorkspaceError.invalidInput("Put credentials in a header (stored in .env), not in the url.")
            }
            members.append(.init("url", .string(url)))
            if let transport = draft.transport?.nilIfEmpty {
                guard ["sse", "http", "streamable_http"].contains(transport) else {
                    throw WorkspaceError.invalidInput("transport is sse or http (Streamable HTTP, the default).")
                }
                if transport == "sse" { members.append(.init("transport", .string("sse"))) }
            }
        }
        for (key, value) in [("timeout", draft.timeout), ("connect_timeout", draft.connectTimeout)] {
            guard let value else { continue }
            guard (1...86_400).contains(value) else { throw WorkspaceError.invalidInput("\(key) is 1 to 86400 seconds.") }
            members.append(.init(key, .int(value)))
        }
        var secrets: [(String, String)] = []
        for (block, values, validName) in [
            ("env", draft.env ?? [:], #"^[A-Za-z_][A-Za-z0-9_]{0,127}$"#), ("headers", draft.headers ?? [:], #"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$"#),
        ] where !values.isEmpty {
            guard command != nil || block == "headers", url != nil || block == "env" else {
                throw WorkspaceError.invalidInput(block == "env" ? "env belongs to a stdio server." : "headers belong to an HTTP server.")
            }
            var written: [OrderedJSON.Member] = []
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                guard key.range(of: validName, options: .regularExpression) != nil else {
                    throw WorkspaceError.invalidInput("\(block) name \(key.prefix(60)) is not valid.")
                }
                guard !value.contains("\0"), !value.contains("\n"), !value.contains("\r") else {
                    throw WorkspaceError.invalidInput("\(block).\(key) may not contain line breaks or NUL.")
                }
                guard !value.isEmpty else {
                    throw WorkspaceError.invalidInput("\(block).\(key) needs a value (text, stored in .env) or a ${VAR} reference.")
                }
                if EnvReference.variable(in: value) != nil {
                    written.append(.init(key, .string(value)))
                } else {
                    let variable = Self.variable(server: name, key: key)
                    secrets.append((variable, value))
                    written.append(.init(key, .string("${\(variable)}")))
                }
            }
            members.append(.init(block, .object(written)))
        }
        members.append(.init("enabled", .bool(draft.enabled ?? true)))
        let entry = OrderedJSON.object(members)
        if let refusal = Self.suspicious(name, entry) { throw WorkspaceError.invalidInput(refusal) }
        // Checked before any file changes: a stale revision writes neither .env nor config.yaml.
        let snapshot = try config.snapshot()
        try ExpectedRevision.check(
            expecting, against: Revision(tag: snapshot.etag), missing: "Send If-Match with the etag of the configuration you edited.",
            changed: "config.yaml changed on disk since you loaded it; reload and apply your change again.")
        for (variable, value) in secrets { _ = try await keys.set(variable, to: value, actor: actor) }
        _ = try await config.patch(
            [ConfigEdit(path: ["mcp_servers", name], operation: .set(entry))], expecting: .exactly(snapshot.etag), actor: actor, source: "MCP servers"
        )
        return try list()
    }

    /// Turns server `name` on or off (`enabled`), keeping everything else.
    public func setEnabled(_ name: String, _ enabled: Bool, expecting: ExpectedRevision?, actor: AuditActor?) async throws -> List {
        try requireServer(name)
        _ = try await config.patch(
            [ConfigEdit(path: ["mcp_servers", name, "enabled"], operation: .set(.bool(enabled)))], expecting: expecting ?? .any, actor: actor,
            source: "MCP servers")
        return try list()
    }

    /// Removes server `name` from config.yaml (its `.env` variables stay, listed in the API Keys tab).
    public func remove(_ name: String, expecting: ExpectedRevision?, actor: AuditActor?) async throws -> List {
        try requireServer(name)
        guard let expecting else { throw WorkspaceError.revisionRequired("Send If-Match with the etag of the configuration you edited.") }
        _ = try await config.patch(
            [ConfigEdit(path: ["mcp_servers", name], operation: .delete)], expecting: expecting, actor: actor, source: "MCP servers")
        return try list()
    }

    /// The `.env` variable a literal `key` of server `name` is stored in: `MCP_GITHUB_GITHUB_TOKEN`.
    static func variable(server: String, key: String) -> String {
        let clean = { (text: String) in text.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined() }
        return "MCP_\(clean(server))_\(clean(key))"
    }

    private func requireServer(_ name: String) throws {
        try Self.checkName(name)
        guard try list().items.contains(where: { $0.name == name }) else { throw WorkspaceError.notFound(what: "MCP server \(name)") }
    }

    private static func checkName(_ name: String) throws {
        guard name.range(of: #"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"#, options: .regularExpression) != nil else {
            throw WorkspaceError.invalidInput("A server name is 1 to 64 letters, digits, dots, dashes or underscores.")
        }
    }

    /// `defined`: the names `.env` sets.
    func server(named name: String, _ value: OrderedJSON, defined: Set<String>) -> Server {
        let settings = { (block: String) -> [Setting] in
            guard case .object(let members)? = value[block] else { return [] }
            return members.map { member in
                let text = member.value.stringValue ?? member.value.rendered(.compact)
                if let variable = EnvReference.variable(in: text) {
                    return Setting(name: member.key, reference: text, isSet: defined.contains(variable), masked: nil)
                }
                return Setting(name: member.key, reference: nil, isSet: !text.isEmpty, masked: SecretMask.mask(text))
            }
        }
        let url = value["url"]?.stringValue
        var warnings: [String] = []
        if let refusal = Self.suspicious(name, value) { warnings.append(refusal + " The agent skips it.") }
        let literals = (settings("env") + settings("headers")).filter { $0.masked != nil }.map(\.name)
        if !literals.isEmpty {
            warnings.append("\(literals.joined(separator: ", ")) written as text in config.yaml; save the server here to move it into .env.")
        }
        return Server(
            name: name, transport: url == nil ? "stdio" : (value["transport"]?.stringValue == "sse" ? "sse" : "http"),
            command: value["command"]?.stringValue, args: value["args"]?.stringList ?? [], url: url.map(SecretRedaction.maskingURLCredentials),
            enabled: value["enabled"]?.boolValue
                ?? (value["enabled"]?.stringValue.map { !["false", "no", "off", "0"].contains($0.lowercased()) } ?? true),
            timeout: value["timeout"]?.intValue, connectTimeout: value["connect_timeout"]?.intValue, env: settings("env"),
            headers: settings("headers"),
            warnings: warnings)
    }

    /// The shapes the agent refuses to start (`hermes_cli/mcp_security.py`): a shell interpreter whose inline
    /// script reaches the network or writes an OS persistence surface.
    static func suspicious(_ name: String, _ entry: OrderedJSON) -> String? {
        guard let command = entry["command"]?.stringValue else { return nil }
        let base = (command.split(separator: "/").last.map(String.init) ?? command).lowercased()
        guard ["bash", "sh", "zsh", "dash", "fish", "cmd", "cmd.exe", "powershell", "powershell.exe", "pwsh", "pwsh.exe"].contains(base) else {
            return nil
        }
        let script = (entry["args"]?.stringList ?? []).joined(separator: " ")
        if script.range(
            of: #"(?<![\w.-])(curl|wget|nc|ncat|socat)(?![\w.-])|/dev/tcp/|Invoke-WebRequest|Invoke-RestMethod"#,
            options: [.regularExpression, .caseInsensitive]) != nil
        {
            return "MCP server '\(name)' runs the shell \(command) with a script that reaches the network; the agent refuses that shape."
        }
        if script.range(of: #"authorized_keys|/etc/ssh|/etc/pam\.d|sudoers|crontab|\.bashrc|\.zshrc|\.profile"#, options: .regularExpression) != nil {
            return
                "MCP server '\(name)' runs the shell \(command) with a script that writes to a login or persistence file; the agent refuses that shape."
        }
        return nil
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
