import Foundation

/// The API Keys tab's service over `HERMES_HOME/.env`: lists keys masked, sets and deletes them with surgical
/// edits (comments, order, `export` prefixes and other lines kept; mode 0600; atomic), and reveals one value on
/// purpose, rate-limited and audited. No value ever goes into an error, a log line or the audit trail.
public actor KeyVault {
    private let home: HermesHome
    private let audit: AuditLog
    private let catalog: EnvCatalog
    private let environment: [String: String]
    private let revealLimiter: SlidingWindowLimiter
    private let skills: SkillsRegistry
    // The temporary file is created 0600, so the secrets are never readable by others, not even for a moment.
    private let writer = AtomicFileWriter(forcedMode: 0o600)

    /// The vault for `home`; `revealsPerMinute` reveals are allowed per client.
    public init(
        home: HermesHome, audit: AuditLog, catalog: EnvCatalog = .agent, revealsPerMinute: Int = 10,
        environment: [String: String] = ProcessInfo.processInfo.environment, skills: SkillsRegistry? = nil
    ) {
        self.home = home
        self.skills = skills ?? SkillsRegistry(home: home, environment: environment)
        self.audit = audit
        self.catalog = catalog
        self.environment = environment
        revealLimiter = SlidingWindowLimiter(limit: revealsPerMinute, window: 60)
    }

    /// The names `.env` defines: one read of the file, without the skill scan ``list()`` makes — for pages that only
    /// say whether a key is set.
    public nonisolated func definedNames() -> Set<String> {
        Set(DotEnvReader().names(in: envText()))
    }

    /// The entry for `name` as ``list()`` shows it (masked), or `nil`.
    public nonisolated func entry(_ name: String) -> KeyEntry? {
        list().first { $0.name == name }
    }

    /// Every key in `.env` (file order) followed by the catalog's unset entries.
    public nonisolated func list() -> [KeyEntry] {
        listing().entries
    }

    /// ``list()``, and whether the skills it names come from the home's own `skills/` folder only.
    public nonisolated func listing() -> (entries: [KeyEntry], homeFolderOnly: Bool) {
        let text = envText()
        let definitions = DotEnvReader().definitions(in: text)
        let values = Dictionary(definitions.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
        let exported = Set(definitions.filter(\.exported).map(\.name))
        var needs: [String: [String]] = [:]
        let (installed, homeFolderOnly) = skills.scanned()
        for skill in installed {
            for variable in skill.requiredVariables where !(needs[variable]?.contains(skill.name) ?? false) {
                needs[variable, default: []].append(skill.name)
            }
        }
        var names = DotEnvReader().names(in: text)
        let present = Set(names)
        names += catalog.entries.map(\.name).filter { !present.contains($0) }
        names += needs.keys.sorted().filter { !present.contains($0) && catalog.entry(named: $0) == nil }
        let entries = names.map { name in
            let known = catalog.entry(named: name)
            let value = values[name]
            let isSecret = known?.secret ?? true || SecretRedaction.isSecretName(name)
            return KeyEntry(
                name: name, isSet: value != nil, masked: isSecret ? value.map(SecretMask.mask) : nil,
                value: isSecret ? nil : value.map(SecretRedaction.maskingURLCredentials(in:)), isSecret: isSecret, known: known != nil,
                category: known?.category ?? (needs[name] != nil ? "skill" : "custom"),
                description: known?.description ?? "", url: known?.url, advanced: known?.advanced ?? false,
                tools: known?.tools ?? [], neededBy: needs[name] ?? [], exported: exported.contains(name))
        }
        return (entries, homeFolderOnly)
    }

    /// Whether the home refuses `.env` writes.
    public nonisolated var isReadOnly: Bool { home.isManaged(environment: environment) }

    /// Sets `name` to `value`; returns whether the key already existed.
    @discardableResult
    public func set(_ name: String, to value: String, actor: AuditActor?) async throws -> Bool {
        try DotEnvEditor().validate(name: name)
        try checkWritable()
        let text = envText()
        let existed = DotEnvReader().values(in: text)[name] != nil
        let edited = try DotEnvEditor().setting(name, to: value, in: text)
        try write(edited, action: .keysSet, name: name, actor: actor)
        try? await audit.record(AuditEvent(action: .keysSet, target: name, summary: existed ? "replaced" : "created", actor: actor))
        return existed
    }

    /// Removes every definition of `name`; not found when there is none.
    public func delete(_ name: String, actor: AuditActor?) async throws {
        try DotEnvEditor().validate(name: name)
        try checkWritable()
        let (edited, removed) = try DotEnvEditor().removing(name, from: envText())
        guard removed else { throw WorkspaceError.notFound(what: "Key \(name)") }
        try write(edited, action: .keysDelete, name: name, actor: actor)
        try? await audit.record(AuditEvent(action: .keysDelete, target: name, actor: actor))
    }

    /// The value of `name`, for an operator who asked to see it; limited per client and audited.
    public func reveal(_ name: String, actor: AuditActor?) async throws -> String {
        try DotEnvEditor().validate(name: name)
        do {
            try revealLimiter.admit(actor?.address ?? "local")
        } catch {
            try? await audit.record(AuditEvent(action: .keysReveal, target: name, outcome: .refused, summary: "rate limited", actor: actor))
            throw error
        }
        guard let value = DotEnvReader().values(in: envText())[name] else { throw WorkspaceError.notFound(what: "Key \(name)") }
        try? await audit.record(AuditEvent(action: .keysReveal, target: name, actor: actor))
        return value
    }

    /// The values `.env` holds (one read), for the workspace's own use: a key for a call it makes on the
    /// operator's behalf (a model endpoint test, which audits the call), or a setting that is not a credential but
    /// has no catalog entry saying so (a home channel's chat id). Never hand a credential to a client from here.
    nonisolated func rawValues() -> [String: String] {
        DotEnvReader().values(in: envText())
    }

    private func checkWritable() throws {
        guard !isReadOnly else {
            throw WorkspaceError.readOnly("This Hermes home is managed (HERMES_MANAGED or a .managed file); its .env is read-only.")
        }
    }

    private func write(_ text: String, action: AuditAction, name: String, actor: AuditActor?) throws {
        do {
            try writer.write(Data(text.utf8), to: home.envFile)
        } catch {
            Task { [audit] in try? await audit.record(AuditEvent(action: action, target: name, outcome: .failed, actor: actor)) }
            throw error
        }
    }

    private nonisolated func envText() -> String {
        guard let data = FileManager.default.contents(atPath: home.envFile.path) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
