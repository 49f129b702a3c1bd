import Foundation

/// The Skills tab's use cases: the filtered list with its categories, one skill with its files, audited SKILL.md
/// edits and new skills, and enable/disable stored in `config.yaml`. File work runs off the pool here.
public struct SkillService: Sendable {
    /// A filter over the list.
    public struct Filter: Sendable {
        /// Words in the name, description or tags (case-insensitive).
        public var search: String?
        /// One category; the empty string means skills without one.
        public var category: String?
        /// Only enabled (`true`) or disabled (`false`) skills.
        public var enabled: Bool?

        /// Names the filter unambiguously (for keeping its answer).
        public var key: String { CacheKey.joining([search, category, enabled.map { "\($0)" }]) }

        /// A filter; `nil` fields match everything.
        public init(search: String? = nil, category: String? = nil, enabled: Bool? = nil) {
            self.search = search
            self.category = category
            self.enabled = enabled
        }
    }

    /// Skills that pass a filter, and every category there is.
    public struct Listing: Sendable, Encodable {
        /// The skills.
        public var items: [Skill]
        /// All categories, sorted.
        public var categories: [String]
    }

    /// A skill after enabling or disabling it.
    public struct Toggled: Sendable, Encodable {
        /// The skill as it is now.
        public var skill: Skill
        /// `config.yaml`'s ETag after the change.
        public var configEtag: String
    }

    let registry: SkillsRegistry
    let workbench: SkillWorkbench
    let toggles: SkillToggles
    let audit: AuditLog

    /// The service over `home`'s skills; toggles go through `config`.
    public init(home: HermesHome, registry: SkillsRegistry, config: ConfigStore, audit: AuditLog) {
        self.registry = registry
        self.audit = audit
        workbench = SkillWorkbench(home: home, registry: registry)
        toggles = SkillToggles(config: config, registry: registry)
    }

    /// The skills `filter` lets through.
    public func list(_ filter: Filter) async throws -> Listing {
        try await listing(filter).listing
    }

    /// ``list(_:)``, and whether every skill in it comes from the home's own `skills/` folder.
    public func listing(_ filter: Filter) async throws -> (listing: Listing, homeFolderOnly: Bool) {
        let (all, homeFolderOnly) = try await offloaded { [registry] in registry.scanned() }
        let search = filter.search?.lowercased()
        let items = all.filter { skill in
            (filter.category == nil || skill.category == filter.category || (filter.category == "" && skill.category == nil))
                && (filter.enabled == nil || skill.enabled == filter.enabled)
                && (search.map { text in ([skill.name, skill.description] + skill.tags).contains { $0.lowercased().contains(text) } } ?? true)
        }
        return (Listing(items: items, categories: Array(Set(all.compactMap(\.category))).sorted()), homeFolderOnly)
    }

    /// One skill with its files.
    public func detail(of name: String) async throws -> SkillDetail {
        try await offloaded { [workbench] in try workbench.detail(of: name) }
    }

    /// A text file inside skill `name`.
    public func file(_ path: String, of name: String) async throws -> String {
        try await offloaded { [workbench] in try workbench.file(path, of: name) }
    }

    /// Writes a new local skill.
    public func create(name: String, category: String?, description: String, body: String, actor: AuditActor?) async throws -> SkillDetail {
        try await audit.recording(.skillsCreate, target: name, actor: actor) { [workbench] in
            try workbench.create(name: name, category: category.flatMap { $0.isEmpty ? nil : $0 }, description: description, body: body)
        }
    }

    /// Replaces skill `name`'s SKILL.md when `revision` admits its current one.
    public func updateContent(
        of name: String, to text: String, revision: ExpectedRevision?, actor: AuditActor?
    ) async throws -> SkillDetail {
        try await audit.recording(.skillsEdit, target: name, actor: actor) { [workbench] in
            try workbench.updateContent(of: name, to: text, expecting: revision)
        }
    }

    /// Enables or disables skill `name` (for one platform, or everywhere).
    public func setEnabled(_ name: String, enabled: Bool, platform: String?, actor: AuditActor?) async throws -> Toggled {
        let change = try await toggles.set(name, enabled: enabled, platform: platform, actor: actor)
        guard let skill = try await offloaded({ [registry] in registry.skills().first { $0.name == name } }) else {
            throw WorkspaceError.notFound(what: "Skill \(name)")
        }
        return Toggled(skill: skill, configEtag: change.snapshot.etag)
    }
}
