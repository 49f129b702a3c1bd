import Foundation

/// The agent's built-in memory: `memories/MEMORY.md` (its own notes) and `memories/USER.md` (what it knows about
/// the user), listed and edited entry by entry.
///
/// Every write takes the agent's lock (`flock` on `MEMORY.md.lock` / `USER.md.lock`, waited for, bounded), re-reads
/// the file under it, checks the revision the editor saw and the character limit from `config.yaml`
/// (`memory.memory_char_limit`, `memory.user_char_limit`), keeps the old text as a version, and replaces the file
/// atomically (temp, fsync, rename; its mode kept, 0600 for a new file). The agent snapshots memory when a session
/// starts, so an edit reaches it at its next session.
public struct MemoryNotes: Sendable {
    /// Which file.
    public enum Target: String, Sendable, CaseIterable, Codable {
        /// `MEMORY.md`, the agent's notes.
        case memory
        /// `USER.md`, the user profile.
        case user

        /// The file's name.
        public var fileName: String { self == .memory ? "MEMORY.md" : "USER.md" }
        /// Its limit's key under `memory:` in config.yaml, and the agent's default.
        var limitKey: (key: String, fallback: Int) { self == .memory ? ("memory_char_limit", 2200) : ("user_char_limit", 1375) }
    }

    /// One file as the Memory tab shows it.
    public struct Document: Sendable, Encodable, Equatable {
        public var target: Target
        public var file: String
        public var exists: Bool
        /// The revision to send back in If-Match.
        public var etag: String
        public var entries: [String]
        /// Characters used, as the agent counts them, and the limit from config.yaml.
        public var used: Int
        public var limit: Int
    }

    /// Both files and the settings that decide whether the agent uses them.
    public struct Overview: Sendable, Encodable {
        public var memoryEnabled: Bool
        public var userProfileEnabled: Bool
        /// `memory.provider`: an external memory plugin, or empty for the built-in files only.
        public var provider: String
        /// `memory.write_approval`: whether the agent's own writes wait for approval.
        public var writeApproval: Bool
        public var files: [Document]
        /// When an edit reaches the agent.
        public var note = "The agent reads these files when a session starts: an edit here reaches it at its next session."
    }

    private let home: HermesHome
    private let config: ConfigStore
    private let audit: AuditLog
    private let lockTimeout: TimeInterval
    private let writer = AtomicFileWriter(defaultMode: 0o600)

    /// The memory of `home`, limits read through `config`.
    public init(home: HermesHome, config: ConfigStore, audit: AuditLog, lockTimeout: TimeInterval = 10) {
        self.home = home
        self.config = config
        self.audit = audit
        self.lockTimeout = lockTimeout
    }

    /// `memories/` of the home.
    public var directory: URL { home.root.appendingPathComponent("memories") }

    /// The file of `target`.
    public func file(_ target: Target) -> URL { directory.appendingPathComponent(target.fileName) }

    /// Both files with the memory settings.
    public func overview() throws -> Overview {
        let memory = memorySettings()
        func flag(_ key: String, _ fallback: Bool) -> Bool { if case .bool(let value)? = memory?[key] { value } else { fallback } }
        let provider: String = if case .string(let value)? = memory?["provider"] { value } else { "" }
        return Overview(
            memoryEnabled: flag("memory_enabled", true), userProfileEnabled: flag("user_profile_enabled", true), provider: provider,
            writeApproval: flag("write_approval", false), files: Target.allCases.map { read($0, settings: memory) })
    }

    /// One file.
    public func document(_ target: Target) throws -> Document {
        read(target, settings: memorySettings())
    }

    /// `memory:` of config.yaml (nil when unreadable: the agent's defaults apply).
    private func memorySettings() -> OrderedJSON? {
        (try? config.snapshot().value["memory"]) ?? nil
    }

    private func read(_ target: Target, settings: OrderedJSON?) -> Document {
        let url = file(target)
        let data = FileManager.default.contents(atPath: url.path)
        let text = data.map { String(decoding: $0, as: UTF8.self) } ?? ""
        let entries = MemoryEntries.parse(text)
        return Document(
            target: target, file: "memories/\(target.fileName)", exists: data != nil, etag: Self.etag(of: text), entries: entries,
            used: MemoryEntries.size(of: entries), limit: Self.limit(of: target, in: settings))
    }

    /// Replaces the entries of `target` with `entries` (an edit, a deletion and a new order are all this), when the
    /// file is still at `expecting`. Returns the new document.
    public func replace(_ target: Target, with entries: [String], expecting: ExpectedRevision?, actor: AuditActor?) async throws -> Document {
        guard let expecting else { throw WorkspaceError.revisionRequired("Send If-Match with the etag of the \(target.fileName) you edited.") }
        let entries = try MemoryEntries.checked(entries)
        return try await write(target, action: .memoryReplace, actor: actor) { current, etag in
            try ExpectedRevision.check(
                expecting, against: Revision(tag: etag), missing: "Send If-Match with the etag of the \(target.fileName) you edited.",
                changed: "\(target.fileName) changed since you loaded it (the agent may have written to it); reload and edit again.")
            return entries
        }
    }

    /// Appends `entry` to `target` under the lock, whatever the file holds now (as the agent's own `add` does).
    public func add(_ target: Target, entry: String, actor: AuditActor?) async throws -> Document {
        let entry = try MemoryEntries.checked([entry])[0]
        return try await write(target, action: .memoryAdd, actor: actor) { current, _ in
            guard !current.contains(entry) else { throw WorkspaceError.conflict("\(target.fileName) already holds this entry.") }
            return current + [entry]
        }
    }

    /// Earlier versions of `target`, newest first, each with the diff to the one that replaced it.
    public func history(_ target: Target) throws -> [ConfigVersion] {
        let current = FileManager.default.contents(atPath: file(target).path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        // Memory files end without a newline; one is added to both sides so the last entry diffs as a whole line.
        return try ConfigBackups(home: home, file: target.fileName).history(
            current: current, file: target.fileName, etag: Self.etag(of:), shown: { $0 + "\n" })
    }

    /// The revision of a file's text.
    public static func etag(of text: String) -> String { ConfigSnapshot.etag(of: text) }

    private static func limit(of target: Target, in settings: OrderedJSON?) -> Int {
        let (key, fallback) = target.limitKey
        if case .int(let value)? = settings?[key], value > 0 { return value }
        return fallback
    }

    /// Under the agent's lock: reads the file, lets `change` compute the new entries, checks the limit, keeps the old
    /// text as a version and writes the new one; audited either way.
    private func write(
        _ target: Target, action: AuditAction, actor: AuditActor?, _ change: @escaping @Sendable ([String], String) throws -> [String]
    ) async throws -> Document {
        let url = file(target)
        let limit = Self.limit(of: target, in: memorySettings())
        let (home, directory, writer, lockTimeout) = (home, directory, writer, lockTimeout)
        return try await audit.recording(action, target: target.fileName, actor: actor) {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return try AgentFileLock.memory(home: home, file: target.fileName, timeout: lockTimeout).withLock {
                let before = FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) }
                let current = MemoryEntries.parse(before ?? "")
                let entries = try change(current, Self.etag(of: before ?? ""))
                let used = MemoryEntries.size(of: entries)
                guard used <= limit else {
                    throw WorkspaceError.limitExceeded(
                        "\(target.fileName) would hold \(used) characters; its limit is \(limit) (memory.\(target.limitKey.key) in config.yaml).")
                }
                let text = MemoryEntries.render(entries)
                if let before, before != text {
                    let note = ConfigVersion.Change(
                        summary: ConfigDifference.counted(from: current, to: entries, one: "entry", many: "entries"), source: "Memory",
                        actor: actor?.name)
                    try ConfigBackups(home: home, file: target.fileName).save(before, change: note)
                }
                if before != text { try writer.write(Data(text.utf8), to: url) }
                return Document(
                    target: target, file: "memories/\(target.fileName)", exists: true, etag: Self.etag(of: text), entries: entries, used: used,
                    limit: limit)
            }
        }
    }
}
