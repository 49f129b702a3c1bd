import Foundation

/// The messaging platforms the gateway connects (`gateway/config.py`, 0.19): each enabled by
/// `platforms.<id>.enabled` in config.yaml, or — when that is not set — by its credential in `.env`
/// (`TELEGRAM_BOT_TOKEN`…); its home channel (where cron output for `deliver: telegram` goes) is
/// `<ID>_HOME_CHANNEL` (+ `_NAME`, `_THREAD_ID`) in `.env`, else `platforms.<id>.home_channel`. The live state is what
/// the gateway last wrote to `gateway_state.json`, marked stale when the gateway is not running.
public struct Channels: Sendable {
    /// One platform as the Channels tab shows it.
    public struct Channel: Sendable, Encodable, Equatable {
        public var id: String
        public var label: String
        /// Whether config.yaml or `.env` mention it at all.
        public var configured: Bool
        /// Whether the gateway would start it.
        public var enabled: Bool
        /// Why: `config` (platforms.<id>.enabled), `credential` (its key in .env), or `off`.
        public var enabledBy: String
        /// Its variables in `.env`, masked, as the API Keys tab lists them.
        public var keys: [KeyEntry]
        public var home: Home?
        /// What the gateway last reported, when it did.
        public var live: PlatformStatus?
        /// Whether `live` is from a gateway that is not running now.
        public var liveIsStale: Bool
    }

    /// A home channel.
    public struct Home: Sendable, Encodable, Equatable {
        public var chatID: String
        public var name: String?
        public var threadID: String?
        /// `env` or `config`.
        public var source: String
    }

    public struct List: Sendable, Encodable {
        public var items: [Channel]
        /// config.yaml's revision.
        public var etag: String
    }

    /// Platform id, label, the `.env` prefix of its variables and the variable that holds its credential.
    static let platforms: [(id: String, label: String, prefix: String, credential: String?)] = [
        ("telegram", "Telegram", "TELEGRAM_", "TELEGRAM_BOT_TOKEN"), ("discord", "Discord", "DISCORD_", "DISCORD_BOT_TOKEN"),
        ("slack", "Slack", "SLACK_", "SLACK_BOT_TOKEN"), ("whatsapp", "WhatsApp", "WHATSAPP_", "WHATSAPP_ENABLED"),
        ("signal", "Signal", "SIGNAL_", "SIGNAL_ACCOUNT"), ("matrix", "Matrix", "MATRIX_", "MATRIX_ACCESS_TOKEN"),
        ("mattermost", "Mattermost", "MATTERMOST_", "MATTERMOST_TOKEN"), ("email", "Email", "EMAIL_", "EMAIL_ADDRESS"),
        ("sms", "SMS (Twilio)", "TWILIO_", "TWILIO_ACCOUNT_SID"), ("teams", "Microsoft Teams", "TEAMS_", nil),
        ("feishu", "Feishu / Lark", "FEISHU_", "FEISHU_APP_ID"), ("dingtalk", "DingTalk", "DINGTALK_", nil), ("wecom", "WeCom", "WECOM_", nil),
        ("line", "LINE", "LINE_", nil), ("irc", "IRC", "IRC_", nil), ("bluebubbles", "BlueBubbles (iMessage)", "BLUEBUBBLES_", nil),
        ("webhook", "Webhooks", "WEBHOOK_", nil), ("api_server", "API server", "API_SERVER_", "API_SERVER_KEY"),
    ]

    private let config: ConfigStore
    private let keys: KeyVault
    private let status: StatusService

    public init(config: ConfigStore, keys: KeyVault, status: StatusService) {
        self.config = config
        self.keys = keys
        self.status = status
    }

    /// Every known platform, those configured first.
    public func list() async throws -> List {
        let snapshot = try config.snapshot()
        let gateway = await status.gatewayStatus()
        let running = gateway.liveness == .running || gateway.liveness == .runningElsewhere
        let entries = keys.list()
        let env = keys.rawValues()
        let items = Self.platforms.map { platform -> Channel in
            let block = snapshot.value["platforms"]?[platform.id] ?? snapshot.value["gateway"]?["platforms"]?[platform.id]
            let own = entries.filter { $0.name.hasPrefix(platform.prefix) && !$0.name.hasPrefix(platform.prefix + "HOME_CHANNEL") }
            let credentialSet = platform.credential.map { name in entries.contains { $0.name == name && $0.isSet } } ?? false
            let explicit = block?["enabled"]?.boolValue
            let enabled = explicit ?? credentialSet
            let live = gateway.platforms.first { $0.name == platform.id }
            return Channel(
                id: platform.id, label: platform.label, configured: block != nil || own.contains(where: \.isSet), enabled: enabled,
                enabledBy: explicit != nil ? "config" : credentialSet ? "credential" : "off", keys: own.filter { $0.isSet || $0.known },
                home: Self.home(platform.id, block: block, env: env), live: live, liveIsStale: live != nil && !running)
        }
        return List(items: items.filter(\.configured) + items.filter { !$0.configured }, etag: snapshot.etag)
    }

    /// Sets `platforms.<id>.enabled` (explicit: it wins over a credential in `.env`).
    public func setEnabled(_ id: String, _ enabled: Bool, actor: AuditActor?) async throws -> List {
        try Self.check(id)
        _ = try await config.patch(
            [ConfigEdit(path: ["platforms", id, "enabled"], operation: .set(.bool(enabled)))], expecting: .any, actor: actor, source: "Channels")
        return try await list()
    }

    /// Sets the home channel in `.env` (`<ID>_HOME_CHANNEL`, `_NAME`, `_THREAD_ID`); an empty chat id removes it.
    public func setHome(_ id: String, chatID: String, name: String?, threadID: String?, actor: AuditActor?) async throws -> List {
        try Self.check(id)
        let base = Self.homeVariable(id)
        let values = [(base, chatID), (base + "_NAME", name ?? ""), (base + "_THREAD_ID", threadID ?? "")]
        for (_, value) in values where value.count > 256 || value.contains(where: { $0.isNewline || $0 == "\0" }) {
            throw WorkspaceError.invalidInput("A home channel is one line of at most 256 characters.")
        }
        guard chatID.isEmpty || chatID.range(of: #"^[A-Za-z0-9@:._#!+=-]{1,256}$"#, options: .regularExpression) != nil else {
            throw WorkspaceError.invalidInput("A chat id is letters, digits and @ : . _ # ! + = - only.")
        }
        let existing = keys.list()
        for (variable, value) in values {
            if chatID.isEmpty || value.isEmpty {
                if existing.contains(where: { $0.name == variable && $0.isSet }) { try await keys.delete(variable, actor: actor) }
            } else {
                _ = try await keys.set(variable, to: value, actor: actor)
            }
        }
        return try await list()
    }

    /// `TELEGRAM_HOME_CHANNEL` for `telegram`.
    static func homeVariable(_ id: String) -> String { id.uppercased() + "_HOME_CHANNEL" }

    private static func check(_ id: String) throws {
        guard platforms.contains(where: { $0.id == id }) else { throw WorkspaceError.notFound(what: "Platform \(id.prefix(40))") }
    }

    /// The home channel: `.env`'s values as written (a chat id is not a credential, but a name missing from the
    /// agent's catalog would be listed masked, and the page edits what it shows), else config.yaml's.
    private static func home(_ id: String, block: OrderedJSON?, env: [String: String]) -> Home? {
        let base = homeVariable(id)
        let value = { (name: String) in env[name].flatMap { $0.isEmpty ? nil : $0 } }
        if let chat = value(base) { return Home(chatID: chat, name: value(base + "_NAME"), threadID: value(base + "_THREAD_ID"), source: "env") }
        if let config = block?["home_channel"], let chat = config["chat_id"].flatMap({ $0.stringValue ?? $0.intValue.map(String.init) }) {
            return Home(chatID: chat, name: config["name"]?.stringValue, threadID: config["thread_id"]?.stringValue, source: "config")
        }
        return nil
    }
}
