import Foundation

/// Creates, renames and deletes profiles and sets their descriptions with the agent's own `hermes profile`
/// commands (no model call in any of them), so what results is exactly what `hermes profile list` shows; the name
/// checks and the dry run of a delete are done here first, so a bad request never reaches the agent. A profile's
/// persona, `SOUL.md`, is read and replaced here (atomically, against its revision).
public struct ProfileManager: Sendable {
    /// What a delete would remove.
    public struct DeletionPlan: Sendable, Encodable, Equatable {
        /// One entry at the top of the profile's folder.
        public struct Entry: Sendable, Encodable, Equatable {
            /// Its name.
            public var name: String
            /// `file` or `folder`.
            public var kind: String
            /// Its size in bytes (a folder's is the sum of its files).
            public var bytes: Int64
            /// Files inside (a folder), 1 for a file.
            public var files: Int
        }

        /// The profile.
        public var profile: String
        /// Its folder.
        public var path: String
        /// Everything that goes.
        public var entries: [Entry]
        /// Total bytes.
        public var bytes: Int64
        /// Total files.
        public var files: Int
        /// Whether its gateway runs now (the agent stops it first).
        public var gatewayRunning: Bool
        /// Whether it is the sticky profile (the default becomes sticky again).
        public var active: Bool
        /// Whether this was only a dry run.
        public var dryRun: Bool
    }

    /// A profile's `SOUL.md`.
    public struct Persona: Sendable, Encodable, Equatable {
        /// The profile.
        public var profile: String
        /// Its text (empty when there is none).
        public var text: String
        /// Whether the file exists.
        public var exists: Bool
        /// Its revision, for `If-Match`.
        public var etag: String
        /// For a dry run: the unified diff from the file on disk to the text sent.
        public var diff: String?
    }

    /// The longest persona accepted.
    public static let personaLimit = 256 * 1024

    private let directory: ProfileDirectory
    private let command: HermesCommand
    private let audit: AuditLog
    private let events: EventBus

    /// Manages the profiles of `directory` with `command`.
    public init(directory: ProfileDirectory, command: HermesCommand, audit: AuditLog, events: EventBus) {
        self.directory = directory
        self.command = command
        self.audit = audit
        self.events = events
    }

    /// Creates `name`: empty (the agent seeds its bundled skills), or cloned from `source` — its config, `.env`,
    /// `SOUL.md` and skills (`hermes profile create --clone-from`), or everything but its history with `all`.
    public func create(_ text: String, cloneFrom source: String?, all: Bool, description: String?, actor: AuditActor?) async throws -> ProfileName {
        let name = try ProfileName.forNewProfile(text)
        guard !directory.exists(name) else { throw WorkspaceError.conflict("Profile \(name) already exists.") }
        var arguments = ["profile", "create", name.rawValue, "--no-alias"]
        if let source {
            let from = try ProfileName(source)
            guard directory.exists(from) else { throw WorkspaceError.notFound(what: "Profile \(from)") }
            arguments += ["--clone-from", from.rawValue] + (all ? ["--clone-all"] : [])
        } else if all {
            throw WorkspaceError.invalidInput("\"all\" copies a profile: name the one to clone with \"cloneFrom\".")
        }
        if let description {
            arguments += ["--description", try Self.checkedDescription(description)]
        }
        let argv = try command.arguments(arguments)
        try await audit.scoped(to: name).recording(.profilesCreate, target: name.rawValue, actor: actor) {
            try self.run(argv)
            guard self.directory.exists(name) else { throw WorkspaceError.unavailable("`hermes profile create` did not create \(name).") }
        }
        events.publish(.profilesChanged, .object(["profile": .string(name.rawValue), "change": .string("created")]))
        return name
    }

    /// Renames `old` to `new` (`hermes profile rename`: the folder, its wrapper and its service).
    public func rename(_ old: ProfileName, to text: String, actor: AuditActor?) async throws -> ProfileName {
        guard !old.isDefault else { throw WorkspaceError.invalidInput("The default profile cannot be renamed.") }
        guard directory.exists(old) else { throw WorkspaceError.notFound(what: "Profile \(old)") }
        let new = try ProfileName.forNewProfile(text)
        guard !directory.exists(new) else { throw WorkspaceError.conflict("Profile \(new) already exists.") }
        let argv = try command.arguments(["profile", "rename", old.rawValue, new.rawValue])
        try await audit.scoped(to: old).recording(.profilesRename, target: old.rawValue, actor: actor) {
            try self.run(argv)
            guard self.directory.exists(new) else { throw WorkspaceError.unavailable("`hermes profile rename` did not rename \(old).") }
        }
        events.publish(.profilesChanged, .object(["profile": .string(new.rawValue), "change": .string("renamed"), "from": .string(old.rawValue)]))
        return new
    }

    /// What deleting `name` removes; with `dryRun` false and `confirm` equal to the name, deletes it
    /// (`hermes profile delete --yes`: its gateway stopped, its service and wrapper removed, the folder gone).
    public func delete(_ name: ProfileName, confirm: String?, dryRun: Bool, gatewayRunning: Bool, actor: AuditActor?) async throws -> DeletionPlan {
        guard !name.isDefault else { throw WorkspaceError.invalidInput("The default profile cannot be deleted (it is the root home).") }
        let home = try directory.home(of: name)
        var plan = try await offloaded { self.plan(name, home: home, gatewayRunning: gatewayRunning) }
        plan.dryRun = dryRun
        if dryRun { return plan }
        guard confirm == name.rawValue else {
            throw WorkspaceError.invalidInput("To delete profile \(name), send \"confirm\": \"\(name)\" (a dry run lists what goes).")
        }
        let argv = try command.arguments(["profile", "delete", name.rawValue, "--yes"])
        try await audit.scoped(to: name).recording(.profilesDelete, target: name.rawValue, actor: actor) {
            try self.run(argv)
            guard !self.directory.exists(name) else { throw WorkspaceError.unavailable("`hermes profile delete` left \(name) in place.") }
        }
        events.publish(.profilesChanged, .object(["profile": .string(name.rawValue), "change": .string("deleted")]))
        return plan
    }

    /// Sets `name`'s description in its `profile.yaml` (`hermes profile describe --text`).
    public func describe(_ name: ProfileName, _ text: String, actor: AuditActor?) async throws {
        guard directory.exists(name) else { throw WorkspaceError.notFound(what: "Profile \(name)") }
        let description = try Self.checkedDescription(text)
        let argv = try command.arguments(["profile", "describe", name.rawValue, "--text", description])
        try await audit.scoped(to: name).recording(.profilesDescribe, target: name.rawValue, actor: actor) { try self.run(argv) }
        events.publish(.profilesChanged, .object(["profile": .string(name.rawValue), "change": .string("described")]))
    }

    /// `name`'s `SOUL.md`.
    public func persona(_ name: ProfileName) async throws -> Persona {
        let file = try directory.home(of: name).root.appendingPathComponent("SOUL.md")
        return try await offloaded {
            let data = FileManager.default.contents(atPath: file.path)
            return Persona(
                profile: name.rawValue, text: data.map { String(decoding: $0, as: UTF8.self) } ?? "", exists: data != nil,
                etag: Self.revision(of: data ?? Data()).tag)
        }
    }

    /// Replaces `name`'s `SOUL.md` with `text` when it is still at `revision` (temp, fsync, rename; its mode kept),
    /// keeping the old text as a version; `dryRun` only answers the diff from the file on disk to `text`.
    public func savePersona(
        _ name: ProfileName, _ text: String, revision: ExpectedRevision?, dryRun: Bool = false, actor: AuditActor?
    ) async throws -> Persona {
        let home = try directory.home(of: name)
        guard text.utf8.count <= Self.personaLimit else { throw WorkspaceError.invalidInput("SOUL.md may hold at most \(Self.personaLimit) bytes.") }
        guard !text.contains("\u{0}") else { throw WorkspaceError.invalidInput("SOUL.md may not contain NUL characters.") }
        let file = home.root.appendingPathComponent("SOUL.md")
        if dryRun {
            let current = try await persona(name)
            var proposed = Persona(profile: name.rawValue, text: text, exists: current.exists, etag: current.etag)
            proposed.diff = LineDiff().unified(from: current.text, to: text, beforeName: "SOUL.md", afterName: "SOUL.md (new)")
            return proposed
        }
        guard let revision else { throw WorkspaceError.revisionRequired("Send If-Match with the etag of the SOUL.md you edited.") }
        guard !home.isManaged() else { throw WorkspaceError.readOnly("This home is managed by a package manager; SOUL.md is read-only here.") }
        try await audit.scoped(to: name).recording(.profilesSoul, target: "SOUL.md", actor: actor) {
            let existing = FileManager.default.contents(atPath: file.path)
            let current = existing ?? Data()
            guard revision.admits(Self.revision(of: current)) else {
                throw WorkspaceError.conflict("SOUL.md changed since you read it; reload and edit again.")
            }
            guard current != Data(text.utf8) else { return }
            if let existing {
                let old = String(decoding: existing, as: UTF8.self)
                let lines = { (text: String) in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
                let summary = ConfigDifference.counted(from: lines(old), to: lines(text), one: "line", many: "lines")
                let note = ConfigVersion.Change(summary: summary, source: "Persona", actor: actor?.name)
                try ConfigBackups(home: home, file: "SOUL.md").save(old, change: note)
            }
            try AtomicFileWriter(defaultMode: 0o644).write(Data(text.utf8), to: file)
        }
        return try await persona(name)
    }

    /// Earlier versions of `name`'s `SOUL.md`, newest first, each with the diff to the one that replaced it.
    public func personaHistory(_ name: ProfileName) async throws -> [ConfigVersion] {
        let home = try directory.home(of: name)
        return try await offloaded {
            let current = FileManager.default.contents(atPath: home.root.appendingPathComponent("SOUL.md").path)
            return try ConfigBackups(home: home, file: "SOUL.md").history(
                current: current.map { String(decoding: $0, as: UTF8.self) } ?? "", file: "SOUL.md",
                etag: { Self.revision(of: Data($0.utf8)).tag })
        }
    }

    static func revision(of data: Data) -> Revision { Revision.digest("soul", of: data, bytes: 12) }

    private static func checkedDescription(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= 500, !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" }) else {
            throw WorkspaceError.invalidInput("A description is at most 500 characters of text.")
        }
        return trimmed
    }

    private func plan(_ name: ProfileName, home: HermesHome, gatewayRunning: Bool) -> DeletionPlan {
        let manager = FileManager.default
        var entries: [DeletionPlan.Entry] = []
        for entry in ((try? manager.contentsOfDirectory(atPath: home.path)) ?? []).sorted() {
            let url = home.root.appendingPathComponent(entry)
            var isDirectory: ObjCBool = false
            _ = manager.fileExists(atPath: url.path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                var bytes: Int64 = 0
                var files = 0
                if let walker = manager.enumerator(at: url, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey]) {
                    for case let file as URL in walker {
                        guard let values = try? file.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey]), values.isRegularFile == true else {
                            continue
                        }
                        bytes += Int64(values.fileSize ?? 0)
                        files += 1
                        if files > 200_000 { break }
                    }
                }
                entries.append(.init(name: entry, kind: "folder", bytes: bytes, files: files))
            } else {
                let size = (try? manager.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? 0
                entries.append(.init(name: entry, kind: "file", bytes: size, files: 1))
            }
        }
        return DeletionPlan(
            profile: name.rawValue, path: home.path, entries: entries, bytes: entries.reduce(0) { $0 + $1.bytes },
            files: entries.reduce(0) { $0 + $1.files }, gatewayRunning: gatewayRunning, active: directory.active() == name, dryRun: true)
    }

    /// Runs the agent's command (blocking; called off the pool); a non-zero exit is refused with what it printed.
    private func run(_ argv: [String]) throws {
        let child = ChildProcess(arguments: argv, environment: command.environment(root: directory.root))
        let outcome = try child.run(timeout: 180)
        guard outcome.exitStatus == 0 else {
            let printed = String(decoding: outcome.output + outcome.errors, as: UTF8.self)
            let lines = printed.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let said = lines.last { $0.hasPrefix("Error:") } ?? lines.suffix(3).joined(separator: " ")
            throw WorkspaceError.invalidInput("The agent refused: \(said.prefix(400))")
        }
    }
}
