import Foundation

/// Turns skills on and off the way the agent stores it: `skills.disabled` (everywhere) and
/// `skills.platform_disabled.<platform>` (on one platform), sorted lists written into `config.yaml` with the
/// comment-preserving editor, so the rest of the file stays as it was.
public struct SkillToggles: Sendable {
    /// Platform ids the agent knows.
    public static let platforms: Set<String> = [
        "cli", "telegram", "discord", "slack", "whatsapp", "whatsapp_cloud", "signal", "bluebubbles", "email", "homeassistant",
        "mattermost", "matrix", "dingtalk", "feishu", "wecom", "wecom_callback", "weixin", "qqbot", "yuanbao", "webhook", "api_server", "cron",
    ]

    private let config: ConfigStore
    private let registry: SkillsRegistry

    /// Toggles stored through `config`.
    public init(config: ConfigStore, registry: SkillsRegistry) {
        self.config = config
        self.registry = registry
    }

    /// Enables or disables `name` everywhere, or on `platform` only.
    public func set(_ name: String, enabled: Bool, platform: String?, actor: AuditActor?) async throws -> ConfigChange {
        if let platform, !Self.platforms.contains(platform) {
            throw WorkspaceError.invalidInput("Unknown platform \(platform). Platforms: \(Self.platforms.sorted().joined(separator: ", ")).")
        }
        let known = try await offloaded { [registry] in registry.skills().contains { $0.name == name } }
        guard known else { throw WorkspaceError.notFound(what: "Skill \(name)") }
        let path = platform.map { ["skills", "platform_disabled", $0] } ?? ["skills", "disabled"]
        var attempt = 0
        while true {
            let snapshot = try config.snapshot()
            var list = path.reduce(Optional(snapshot.value), { $0?[$1] })?.stringList ?? []
            list.removeAll { $0 == name }
            if !enabled { list.append(name) }
            let edit = ConfigEdit(path: path, operation: .set(.array(Array(Set(list)).sorted().map(OrderedJSON.string))))
            do {
                return try await config.patch([edit], expecting: .exactly(snapshot.etag), actor: actor, source: "Skills")
            } catch WorkspaceError.conflict where attempt < 2 {
                attempt += 1
            }
        }
    }
}
