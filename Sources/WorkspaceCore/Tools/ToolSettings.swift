import Foundation

/// Which tools the agent may use on each platform (`platform_toolsets.<platform>`) and where its shell commands run
/// (`terminal.*`).
///
/// Toolsets follow the agent's own rules, computed by its own code (`hermes_cli/tools_config.py` in its Python): a
/// platform without a list gets its default (`hermes-<platform>`, every tool), composites expand into the
/// configurable toolsets, `agent.disabled_toolsets` removes toolsets everywhere, MCP server names in a list are kept.
/// A toggle asks the agent's `_save_platform_tools` what the new list is (with its save captured, not run) and
/// writes that list — and the agent's matching `agent.disabled_toolsets` cleanup — through the comment-keeping
/// editor, so the result is what `hermes tools` would save while the rest of config.yaml stays byte-identical.
public struct ToolSettings: Sendable {
    /// One configurable toolset.
    public struct Toolset: Sendable, Encodable, Equatable {
        public var name: String
        public var label: String
        public var description: String
        /// Whether its keys are set (the agent's `_toolset_has_keys`).
        public var configured: Bool
    }

    /// One platform and the toolsets on for it.
    public struct Platform: Sendable, Encodable, Equatable {
        public var name: String
        public var label: String
        /// The composite used when config.yaml has no list for it.
        public var defaultToolset: String
        /// Whether config.yaml has an explicit list (else the default applies).
        public var explicit: Bool
        /// Configurable toolsets on, after `agent.disabled_toolsets`.
        public var enabled: [String]
        /// Toolsets this platform may not use (platform-restricted ones).
        public var unavailable: [String]
        /// Other entries of its list the agent keeps (MCP server names).
        public var kept: [String]
    }

    public struct Toolsets: Sendable, Encodable {
        public var toolsets: [Toolset]
        public var platforms: [Platform]
        /// `agent.disabled_toolsets`: off on every platform.
        public var disabledEverywhere: [String]
        /// The agent's own warnings for `platform_toolsets` (unknown names, zero tools).
        public var warnings: [String]
        public var etag: String
    }

    /// The terminal backend and its settings.
    public struct Terminal: Sendable, Encodable, Equatable {
        public var backend: String
        public var backends: [String]
        /// Every `terminal.*` setting this page edits, with its value from config.yaml or the agent's default.
        public var settings: [TerminalSetting]
        /// `.env` variables that override a config.yaml value (the agent reads `TERMINAL_*` from its environment).
        public var overriddenBy: [String]
        public var etag: String
    }

    public struct TerminalSetting: Sendable, Encodable, Equatable {
        public var key: String
        /// `string`, `integer`, `number`, `boolean`.
        public var type: String
        public var value: OrderedJSON
        /// Whether config.yaml sets it (else `value` is the agent's default).
        public var set: Bool
        /// The backends it applies to (empty: all).
        public var backends: [String]
        public var help: String
    }

    /// What a terminal edit sends: the backend and any settings to change (null removes a key, back to default).
    public struct TerminalDraft: Sendable {
        public var backend: String?
        public var settings: [String: OrderedJSON]?

        public init(backend: String? = nil, settings: [String: OrderedJSON]? = nil) {
            self.backend = backend
            self.settings = settings
        }

        /// From a request body `{"backend": "docker", "settings": {"docker_image": "…", "timeout": null}}`.
        public init(json: OrderedJSON) throws {
            guard case .object(let members) = json else { throw WorkspaceError.invalidInput("Send a JSON object.") }
            for member in members {
                switch (member.key, member.value) {
                case ("backend", .string(let text)): backend = text
                case ("settings", .object(let values)): settings = Dictionary(values.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
                case ("backend", _), ("settings", _): throw WorkspaceError.invalidInput("backend is a string and settings an object.")
                default: throw WorkspaceError.invalidInput("Unknown field \(member.key.prefix(60)); send backend and settings.")
                }
            }
        }
    }

    /// The backends of 0.19 (`tools/terminal_tool.py`).
    public static let backends = ["local", "docker", "ssh", "modal", "daytona", "singularity"]

    /// The terminal settings this page edits, with the agent's defaults (`DEFAULT_CONFIG["terminal"]`).
    static let terminalCatalog: [(key: String, type: String, value: OrderedJSON, backends: [String], help: String)] = [
        ("cwd", "string", .string("."), [], "Working directory for commands."),
        ("timeout", "integer", .int(180), [], "Seconds a command may run."),
        ("persistent_shell", "boolean", .bool(true), [], "Keep one shell between commands."),
        ("docker_image", "string", .string("nikolaik/python-nodejs:python3.11-nodejs20"), ["docker"], "Image commands run in."),
        ("docker_network", "boolean", .bool(true), ["docker"], "Give the container network access."),
        ("singularity_image", "string", .string("docker://nikolaik/python-nodejs:python3.11-nodejs20"), ["singularity"], "Image commands run in."),
        ("modal_image", "string", .string("nikolaik/python-nodejs:python3.11-nodejs20"), ["modal"], "Image commands run in."),
        ("modal_mode", "string", .string("auto"), ["modal"], "auto, sandbox or function."),
        ("daytona_image", "string", .string("nikolaik/python-nodejs:python3.11-nodejs20"), ["daytona"], "Image commands run in."),
        ("container_cpu", "number", .int(1), ["docker", "singularity", "modal", "daytona"], "CPUs for the container."),
        ("container_memory", "integer", .int(5_120), ["docker", "singularity", "modal", "daytona"], "Memory for the container, MB."),
        ("container_disk", "integer", .int(51_200), ["docker", "singularity", "modal", "daytona"], "Disk for the container, MB."),
        ("container_persistent", "boolean", .bool(true), ["docker", "singularity", "modal", "daytona"], "Keep its files between sessions."),
        ("ssh_host", "string", .string(""), ["ssh"], "Host commands run on."),
        ("ssh_user", "string", .string(""), ["ssh"], "User to sign in as."),
        ("ssh_port", "integer", .int(22), ["ssh"], "SSH port."),
        ("ssh_key", "string", .string(""), ["ssh"], "Path of the private key (the key itself never goes here)."),
    ]

    private let home: HermesHome
    private let config: ConfigStore
    private let keys: KeyVault
    private let python: @Sendable () -> String?
    /// The agent's last answer and the config.yaml revision and `.env` signature it was computed from: its Python
    /// takes a second or two to start, and the answer changes only with those (or a plugin, which takes a restart).
    private let recent = LockedValue<(etag: String, env: FileSignature?, answer: OrderedJSON)?>(nil)

    public init(home: HermesHome, config: ConfigStore, keys: KeyVault, python: @escaping @Sendable () -> String? = { AgentRuntime.python() }) {
        self.home = home
        self.config = config
        self.keys = keys
        self.python = python
    }

    // MARK: - Toolsets

    /// Every configurable toolset and, per platform, which are on — as the agent resolves them.
    public func toolsets() async throws -> Toolsets {
        let snapshot = try config.snapshot()
        let answer: OrderedJSON
        // Whether a toolset's keys are set comes from .env: a new key shows without a config change.
        let env = FileSignature(path: home.envFile.path)
        if let kept = recent.value, kept.etag == snapshot.etag, kept.env == env {
            answer = kept.answer
        } else {
            answer = try await AgentRuntime.run(
                Self.script, arguments: ["list"], home: home, python: python(), instead: "run hermes tools to see and change toolsets")
            recent.value = (snapshot.etag, env, answer)
        }
        return Toolsets(
            toolsets: (answer["toolsets"]?.arrayValue ?? []).map {
                Toolset(
                    name: $0["name"]?.stringValue ?? "", label: $0["label"]?.stringValue ?? "", description: $0["description"]?.stringValue ?? "",
                    configured: $0["configured"]?.boolValue ?? false)
            },
            platforms: (answer["platforms"]?.arrayValue ?? []).map {
                Platform(
                    name: $0["name"]?.stringValue ?? "", label: $0["label"]?.stringValue ?? "", defaultToolset: $0["default"]?.stringValue ?? "",
                    explicit: $0["explicit"]?.boolValue ?? false, enabled: $0["enabled"]?.stringList ?? [],
                    unavailable: $0["unavailable"]?.stringList ?? [], kept: $0["kept"]?.stringList ?? [])
            },
            disabledEverywhere: snapshot.value["agent"]?["disabled_toolsets"]?.stringList ?? [],
            warnings: answer["warnings"]?.stringList ?? [], etag: snapshot.etag)
    }

    /// Turns `toolset` on or off for `platform`, writing what the agent's `hermes tools` would write.
    public func setToolset(
        _ toolset: String, platform: String, enabled: Bool, expecting: ExpectedRevision?, actor: AuditActor?
    ) async throws -> Toolsets {
        for (value, what) in [(toolset, "toolset"), (platform, "platform")] {
            guard value.range(of: #"^[a-z0-9][a-z0-9_-]{0,63}$"#, options: .regularExpression) != nil else {
                throw WorkspaceError.invalidInput("`\(what)` is a \(what) name such as \(what == "toolset" ? "web" : "telegram").")
            }
        }
        guard let expecting else { throw WorkspaceError.revisionRequired("Send If-Match with the etag of the configuration you edited.") }
        let snapshot = try config.snapshot()
        try ExpectedRevision.check(
            expecting, against: Revision(tag: snapshot.etag), missing: "Send If-Match with the etag of the configuration you edited.",
            changed: "config.yaml changed on disk since you loaded it; reload and apply your change again.")
        // Names the agent does not know are refused from its last answer, without starting its Python again.
        let known = try await toolsets()
        guard let target = known.platforms.first(where: { $0.name == platform }) else {
            throw WorkspaceError.notFound(what: "Platform \(platform)")
        }
        guard known.toolsets.contains(where: { $0.name == toolset }) else { throw WorkspaceError.notFound(what: "Toolset \(toolset)") }
        if enabled, target.unavailable.contains(toolset) { throw WorkspaceError.invalidInput("\(toolset) cannot be used on \(platform).") }
        let answer = try await AgentRuntime.run(
            Self.script, arguments: ["toggle", platform, toolset, enabled ? "on" : "off"], home: home, python: python(),
            instead: "run hermes tools to change toolsets")
        if let refusal = answer["refused"]?.stringValue { throw WorkspaceError.invalidInput(refusal) }
        var edits = [
            ConfigEdit(path: ["platform_toolsets", platform], operation: .set(.array((answer["list"]?.stringList ?? []).map(OrderedJSON.string))))
        ]
        if let disabled = answer["disabled"]?.stringList {
            edits.append(ConfigEdit(path: ["agent", "disabled_toolsets"], operation: .set(.array(disabled.map(OrderedJSON.string)))))
        }
        if let known = answer["known"]?.stringList {
            edits.append(ConfigEdit(path: ["known_plugin_toolsets", platform], operation: .set(.array(known.map(OrderedJSON.string)))))
        }
        _ = try await config.patch(edits, expecting: .exactly(snapshot.etag), actor: actor, source: "Tools tab")
        return try await toolsets()
    }

    // MARK: - Terminal

    /// The backend and its settings as config.yaml has them (defaults where it is silent).
    public func terminal() throws -> Terminal {
        let snapshot = try config.snapshot()
        let section = snapshot.value["terminal"]
        let defined = keys.definedNames()
        let bridged = Self.terminalCatalog.map { "TERMINAL_" + $0.key.uppercased() } + ["TERMINAL_ENV"]
        return Terminal(
            backend: section?["backend"]?.stringValue ?? "local", backends: Self.backends,
            settings: Self.terminalCatalog.map { entry in
                let written = section?[entry.key]
                return TerminalSetting(
                    key: entry.key, type: entry.type, value: written ?? entry.value, set: written != nil, backends: entry.backends, help: entry.help)
            },
            overriddenBy: bridged.filter(defined.contains).sorted(), etag: snapshot.etag)
    }

    /// Sets the backend and the settings `draft` names, each checked against its type.
    public func setTerminal(_ draft: TerminalDraft, expecting: ExpectedRevision?, actor: AuditActor?) async throws -> Terminal {
        guard let expecting else { throw WorkspaceError.revisionRequired("Send If-Match with the etag of the configuration you edited.") }
        var edits: [ConfigEdit] = []
        if let backend = draft.backend {
            guard Self.backends.contains(backend) else {
                throw WorkspaceError.invalidInput("backend is one of \(Self.backends.joined(separator: ", ")).")
            }
            edits.append(ConfigEdit(path: ["terminal", "backend"], operation: .set(.string(backend))))
        }
        for (key, value) in (draft.settings ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let entry = Self.terminalCatalog.first(where: { $0.key == key }) else {
                throw WorkspaceError.invalidInput("terminal.\(key.prefix(60)) is not a setting this page edits.")
            }
            if value == .null {
                edits.append(ConfigEdit(path: ["terminal", key], operation: .delete))
                continue
            }
            try Self.check(value, entry.type, key)
            edits.append(ConfigEdit(path: ["terminal", key], operation: .set(value)))
        }
        guard !edits.isEmpty else { throw WorkspaceError.invalidInput("Send a backend or at least one setting.") }
        _ = try await config.patch(edits, expecting: expecting, actor: actor, source: "Tools tab")
        return try terminal()
    }

    private static func check(_ value: OrderedJSON, _ type: String, _ key: String) throws {
        switch (type, value) {
        case ("boolean", .bool), ("number", .int), ("number", .double): return
        case ("integer", .int(let number)):
            guard number >= 0, number <= 10_000_000 else { throw WorkspaceError.invalidInput("terminal.\(key) is 0 to 10000000.") }
        case ("string", .string(let text)):
            guard text.count <= 1_000, !text.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
                throw WorkspaceError.invalidInput("terminal.\(key) is one line of at most 1000 characters.")
            }
            if key == "ssh_key", text.contains("PRIVATE KEY") {
                throw WorkspaceError.invalidInput("terminal.ssh_key is the path of the key file, not the key.")
            }
            if key == "modal_mode", !["auto", "sandbox", "function"].contains(text) {
                throw WorkspaceError.invalidInput("terminal.modal_mode is auto, sandbox or function.")
            }
        default: throw WorkspaceError.invalidInput("terminal.\(key) must be a \(type).")
        }
    }

    /// The agent's own resolution. `list` prints every configurable toolset and each platform's state; `toggle`
    /// runs `_save_platform_tools` with its `save_config` captured and prints what it would have saved.
    static let script = """
        import json, sys
        import hermes_cli.tools_config as tc
        from hermes_cli.config import load_config
        from hermes_cli.platforms import PLATFORMS
        config = load_config()
        rows = tc._get_effective_configurable_toolsets()
        names = [key for key, _, _ in rows]
        def platform_state(name, info):
            listed = (config.get("platform_toolsets") or {}).get(name)
            enabled = sorted(tc._get_platform_tools(config, name, include_default_mcp_servers=False))
            defaults = {p.default_toolset for p in PLATFORMS.values()}
            kept = [str(e) for e in listed if str(e) not in names and str(e) not in defaults] if isinstance(listed, list) else []
            return {"name": name, "label": info.label.strip(), "default": info.default_toolset, "explicit": isinstance(listed, list),
                    "enabled": [t for t in enabled if t in names], "kept": kept,
                    "unavailable": [t for t in names if not tc._toolset_allowed_for_platform(t, name)]}
        verb = sys.argv[1]
        if verb == "list":
            from hermes_cli.toolset_validation import validate_platform_toolsets
            from toolsets import validate_toolset
            toolsets = [{"name": key, "label": tc.gui_toolset_label(label) if hasattr(tc, "gui_toolset_label") else label,
                         "description": desc, "configured": bool(tc._toolset_has_keys(key, config))} for key, label, desc in rows]
            platforms = [platform_state(name, info) for name, info in PLATFORMS.items()]
            warnings = validate_platform_toolsets(config.get("platform_toolsets"), validate_toolset)
            print(json.dumps({"toolsets": toolsets, "platforms": platforms, "warnings": warnings}))
        else:
            platform, toolset, state = sys.argv[2], sys.argv[3], sys.argv[4]
            if platform not in PLATFORMS:
                print(json.dumps({"refused": f"{platform} is not a platform the agent knows."})); sys.exit(0)
            if toolset not in names:
                print(json.dumps({"refused": f"{toolset} is not a configurable toolset."})); sys.exit(0)
            if state == "on" and not tc._toolset_allowed_for_platform(toolset, platform):
                print(json.dumps({"refused": f"{toolset} cannot be used on {platform}."})); sys.exit(0)
            before = json.loads(json.dumps(config.get("agent", {}).get("disabled_toolsets") if isinstance(config.get("agent"), dict) else None))
            enabled = set(tc._get_platform_tools(config, platform, include_default_mcp_servers=False))
            enabled.add(toolset) if state == "on" else enabled.discard(toolset)
            saved = {}
            tc.save_config = lambda c: saved.update(c)
            tc._save_platform_tools(config, platform, enabled)
            agent = saved.get("agent") if isinstance(saved.get("agent"), dict) else {}
            answer = {"list": saved["platform_toolsets"][platform]}
            if agent.get("disabled_toolsets") != before and before is not None:
                answer["disabled"] = agent.get("disabled_toolsets")
            known = (saved.get("known_plugin_toolsets") or {}).get(platform) if isinstance(saved.get("known_plugin_toolsets"), dict) else None
            if known is not None:
                answer["known"] = known
            print(json.dumps(answer))
        """
}
