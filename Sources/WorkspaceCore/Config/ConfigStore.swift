import Foundation

/// The Config tab's service: reads `config.yaml`, applies surgical edits or whole-text saves after validating
/// them, keeps earlier versions, and records every write in the audit trail.
///
/// There is no lock the agent takes on this file, so every write re-reads it first, checks the caller's ETag
/// against what is on disk now, and replaces it atomically (temp file, fsync, rename, mode kept). Writes from
/// this process are serialised by the actor.
public actor ConfigStore {
    /// The largest configuration accepted, in bytes.
    public static let maximumSize = 512 * 1024

    private let home: HermesHome
    private let audit: AuditLog
    private let backups: ConfigBackups
    private let schema: ConfigSchema
    private let environment: [String: String]
    private let writer = AtomicFileWriter(defaultMode: 0o600)
    private let changes: HomeChanges
    /// The last parse of the file (or why it failed) and the config counter of ``HomeChanges`` it was read at.
    private let parsed = LockedValue<(generation: UInt64, snapshot: Result<ConfigSnapshot, any Error>)?>(nil)

    /// The store for `home`'s config, validating against `schema`.
    public init(
        home: HermesHome, audit: AuditLog, schema: ConfigSchema = .hermes,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.home = home
        self.audit = audit
        self.schema = schema
        self.environment = environment
        backups = ConfigBackups(home: home)
        changes = HomeChanges.of(home)
    }

    /// The file as it is on disk now; an absent file reads as an empty document.
    /// Parsed once per change of the file (the watcher's config counter), not once per call; read afresh every
    /// time where the home cannot be watched.
    public nonisolated func snapshot() throws -> ConfigSnapshot {
        guard let generation = changes.generation([.config]) else { return try read() }
        if let kept = parsed.value, kept.generation == generation { return try kept.snapshot.get() }
        let snapshot = Result { try read() }
        parsed.value = (generation, snapshot)
        return try snapshot.get()
    }

    /// `approvals.mode` and `approvals.timeout` as the file holds them now (defaults when it does not parse).
    public nonisolated func approvalSettings() -> ApprovalSettings {
        ApprovalSettings(config: try? snapshot().value)
    }

    private nonisolated func read() throws -> ConfigSnapshot {
        let url = home.configFile
        guard FileManager.default.fileExists(atPath: url.path) else { return try ConfigSnapshot(text: "", exists: false, modified: nil) }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw WorkspaceError.storageFailure(path: url.path, reason: "cannot read the file")
        }
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date
        return try ConfigSnapshot(text: Self.decode(data), exists: true, modified: modified)
    }

    /// The text on disk now and its ETag, even when it does not parse (so the raw editor can fix it).
    public nonisolated func rawText() throws -> (text: String, etag: String) {
        let data = FileManager.default.contents(atPath: home.configFile.path) ?? Data()
        let text = Self.decode(data)
        return (text, ConfigSnapshot.etag(of: text))
    }

    /// Where the file is.
    public nonisolated var configFile: URL { home.configFile }

    /// Whether the home refuses configuration writes.
    public nonisolated var isReadOnly: Bool { home.isManaged(environment: environment) }

    /// Applies `edits` as surgical text edits; values are checked against the schema at the edited paths.
    /// `source` says where in the workspace the edit was made, for the history ("Skills", "Approvals").
    public func patch(
        _ edits: [ConfigEdit], expecting: ExpectedRevision?, dryRun: Bool = false, actor: AuditActor?, source: String = "Config"
    ) async throws -> ConfigChange {
        guard !edits.isEmpty else { throw WorkspaceError.invalidInput("Send at least one operation.") }
        let current = try checkedCurrent(expecting: expecting, dryRun: dryRun)
        let text = try YAMLEditor().applying(edits, to: current.text)
        let edited = try parsed(text)
        let touched = edits.map(\.dottedPath)
        let issues = schema.issues(in: edited.value).filter { path, _ in touched.contains { Self.overlaps(path, $0) } }
        guard issues.isEmpty else { throw ConfigProblem.invalid(issues) }
        return try await commit(
            edited, over: current, dryRun: dryRun, action: .configPatch,
            target: touched.joined(separator: ", "), actor: actor, source: source)
    }

    /// Stores `text` exactly as sent, after checking its size, syntax and schema.
    public func replace(with text: String, expecting: ExpectedRevision?, dryRun: Bool = false, actor: AuditActor?) async throws -> ConfigChange {
        let current = try checkedCurrent(expecting: expecting, dryRun: dryRun)
        let replacement = try parsed(text)
        let issues = schema.issues(in: replacement.value)
        guard issues.isEmpty else { throw ConfigProblem.invalid(issues) }
        return try await commit(
            replacement, over: current, dryRun: dryRun, action: .configReplace, target: "config.yaml", actor: actor, source: "Raw YAML")
    }

    /// Puts back version `id` (the current text is kept as a version first, so a restore can be undone).
    public func restore(_ id: String, expecting: ExpectedRevision?, actor: AuditActor?) async throws -> ConfigChange {
        let current = try checkedCurrent(expecting: expecting, dryRun: false)
        let restored = try parsed(try backups.text(of: id))
        return try await commit(restored, over: current, dryRun: false, action: .configRestore, target: id, actor: actor, source: "History (restore)")
    }

    /// Kept versions, newest first, each with the diff to the version that replaced it.
    public nonisolated func history() throws -> [ConfigVersion] {
        try backups.history(
            current: (try? rawText().text) ?? "", file: "config.yaml", etag: ConfigSnapshot.etag(of:), shown: SecretRedaction.maskingYAML)
    }

    private struct Current {
        var text: String
        var exists: Bool
    }

    private func checkedCurrent(expecting: ExpectedRevision?, dryRun: Bool) throws -> Current {
        if !dryRun, isReadOnly {
            throw WorkspaceError.readOnly("This Hermes home is managed (HERMES_MANAGED or a .managed file); its configuration is read-only.")
        }
        let (text, etag) = try rawText()
        if !dryRun {
            try ExpectedRevision.check(
                expecting, against: Revision(tag: etag), missing: "Send the ETag of the configuration you edited in If-Match.",
                changed: "config.yaml changed on disk since you loaded it; reload and apply your change again.")
        }
        return Current(text: text, exists: FileManager.default.fileExists(atPath: home.configFile.path))
    }

    private func parsed(_ text: String) throws -> ConfigSnapshot {
        guard text.utf8.count <= Self.maximumSize else { throw ConfigProblem.tooLarge(limit: Self.maximumSize) }
        return try ConfigSnapshot(text: text, exists: true, modified: Date())
    }

    private func commit(
        _ new: ConfigSnapshot, over current: Current, dryRun: Bool, action: AuditAction, target: String,
        actor: AuditActor?, source: String
    ) async throws -> ConfigChange {
        let old = (try? YAMLDocument(text: current.text).value) ?? .object([])
        var change = ConfigChange(
            snapshot: new, changedPaths: ConfigDifference.paths(from: old, to: new.value),
            diff: LineDiff().unified(
                from: SecretRedaction.maskingYAML(current.text), to: SecretRedaction.maskingYAML(new.text), beforeName: "config.yaml",
                afterName: "config.yaml (new)"),
            written: false)
        guard !dryRun, new.text != current.text else { return change }
        do {
            if current.exists {
                let note = ConfigVersion.Change(summary: ConfigDifference.summary(from: old, to: new.value), source: source, actor: actor?.name)
                change.backupID = try backups.save(current.text, change: note).id
            }
            try writer.write(Data(new.text.utf8), to: home.configFile)
        } catch {
            try? await audit.record(AuditEvent(action: action, target: target, outcome: .failed, actor: actor))
            throw error
        }
        change.written = true
        change.snapshot = try snapshot()
        let summary = change.changedPaths.isEmpty ? "formatting only" : "changed " + change.changedPaths.prefix(20).joined(separator: ", ")
        try? await audit.record(AuditEvent(action: action, target: target, summary: summary, actor: actor))
        return change
    }

    /// Whether one dotted path lies inside the other (or they are equal).
    private static func overlaps(_ path: String, _ other: String) -> Bool {
        path == other || path.hasPrefix(other + ".") || other.hasPrefix(path + ".")
    }

    private static func decode(_ data: Data) -> String {
        String(decoding: data, as: UTF8.self)
    }
}
