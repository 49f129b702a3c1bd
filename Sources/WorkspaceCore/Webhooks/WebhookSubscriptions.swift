import Foundation

/// The gateway's dynamic webhook routes, `webhook_subscriptions.json` in the home (`hermes webhook subscribe`,
/// `gateway/platforms/webhook.py`): one object per route name with its HMAC `secret`, `events`, `prompt`, `skills`,
/// `deliver` and optional `enabled: false`. The webhook adapter reloads the file when its mtime changes, so a change
/// here takes effect without a gateway restart.
///
/// Written the way the agent's CLI writes it: `json.dump(indent=2, ensure_ascii=False)`, no trailing newline, mode
/// 0600 (it holds the secrets), temp + fsync + rename. Keys we do not know are kept. The secret is shown once, in
/// the answer that created it; lists never carry it.
public struct WebhookSubscriptions: Sendable {
    /// One route as the page shows it (no secret).
    public struct Subscription: Sendable, Encodable, Equatable {
        public var name: String
        public var description: String
        /// Event types that trigger it; empty means all.
        public var events: [String]
        public var prompt: String
        public var skills: [String]
        /// `log`, `telegram`, `discord`, `github_comment`…
        public var deliver: String
        /// Delivered straight to `deliver` without running the agent.
        public var deliverOnly: Bool
        public var enabled: Bool
        /// Whether the route has its own secret (else the platform's global one applies).
        public var hasSecret: Bool
        /// The route's secret is `INSECURE_NO_AUTH` (accepted by the agent on loopback hosts only).
        public var insecure: Bool
        public var createdAt: String?
        /// Where a service posts to: the webhook platform's address and `/webhooks/<name>`.
        public var url: String
    }

    /// Every route plus the platform's state.
    public struct List: Sendable, Encodable {
        public var items: [Subscription]
        /// Whether `platforms.webhook.enabled` is on (routes do nothing otherwise).
        public var platformEnabled: Bool
        /// The file's revision, for If-Match.
        public var etag: String
    }

    /// What a create or edit sends.
    public struct Draft: Sendable, Decodable {
        public var description: String?
        public var events: [String]?
        public var prompt: String?
        public var skills: [String]?
        public var deliver: String?
        public var deliverOnly: Bool?
        public var chatID: String?

        public init(
            description: String? = nil, events: [String]? = nil, prompt: String? = nil, skills: [String]? = nil, deliver: String? = nil,
            deliverOnly: Bool? = nil, chatID: String? = nil
        ) {
            (self.description, self.events, self.prompt, self.skills) = (description, events, prompt, skills)
            (self.deliver, self.deliverOnly, self.chatID) = (deliver, deliverOnly, chatID)
        }
    }

    /// The answer to a create: the route and its secret, shown this once.
    public struct Created: Sendable, Encodable {
        public var subscription: Subscription
        public var secret: String
        public var etag: String
    }

    private let home: HermesHome
    private let config: ConfigStore
    private let audit: AuditLog
    /// One writer at a time in this process (the agent's CLI takes no lock on this file).
    private let writing = NSLock()

    public init(home: HermesHome, config: ConfigStore, audit: AuditLog) {
        self.home = home
        self.config = config
        self.audit = audit
    }

    var file: URL { home.root.appendingPathComponent("webhook_subscriptions.json") }

    /// Every route in the file's order. A missing file is no routes; an unreadable one is a 422 naming it.
    public func list() throws -> List {
        let (members, etag) = try read()
        let (enabled, base) = platform()
        return List(
            items: members.compactMap { member in Self.subscription(member, base: base) }, platformEnabled: enabled, etag: etag)
    }

    /// Creates route `name` with a new secret (`secrets.token_urlsafe(32)`'s shape), when the file is still at
    /// `expecting`. A name that exists is a 409: edits keep the secret and go through `update`.
    public func create(_ name: String, _ draft: Draft, expecting: ExpectedRevision?, actor: AuditActor?) async throws -> Created {
        try Self.check(name: name)
        var fields = try Self.fields(draft)
        let secret = Self.newSecret()
        fields.insert(.init("secret", .string(secret)), at: 2)
        fields.append(.init("created_at", .string(Self.timestamp(Date()))))
        let created = fields
        let etag = try await change(.webhooksCreate, name, expecting: expecting, actor: actor) { members in
            guard !members.contains(where: { $0.key == name }) else { throw WorkspaceError.conflict("A subscription named \(name) exists.") }
            members.append(.init(name, .object(created)))
        }
        let (_, base) = platform()
        guard let subscription = Self.subscription(.init(name, .object(created)), base: base) else {
            throw WorkspaceError.storageFailure(path: file.path, reason: "the new subscription could not be read back")
        }
        return Created(subscription: subscription, secret: secret, etag: etag)
    }

    /// Replaces route `name`'s settings, keeping its secret, creation time, enabled flag and any key we do not know.
    public func update(_ name: String, _ draft: Draft, expecting: ExpectedRevision?, actor: AuditActor?) async throws -> List {
        try Self.check(name: name)
        let fields = try Self.fields(draft)
        _ = try await change(.webhooksUpdate, name, expecting: expecting, actor: actor) { members in
            guard let index = members.firstIndex(where: { $0.key == name }), case .object(var route) = members[index].value else {
                throw WorkspaceError.notFound(what: "Webhook subscription \(name)")
            }
            let managed = Set(fields.map(\.key) + ["deliver_only", "deliver_extra"])
            for field in fields {
                if let at = route.firstIndex(where: { $0.key == field.key }) { route[at].value = field.value } else { route.append(field) }
            }
            let given = Set(fields.map(\.key))
            route.removeAll { managed.contains($0.key) && !given.contains($0.key) }
            members[index].value = .object(route)
        }
        return try list()
    }

    /// Turns route `name` on or off. Off is `"enabled": false` (the adapter's test); on removes the key, so the
    /// file reads as the agent's own CLI would have written it.
    public func setEnabled(_ name: String, _ enabled: Bool, expecting: ExpectedRevision?, actor: AuditActor?) async throws -> List {
        try Self.check(name: name)
        _ = try await change(enabled ? .webhooksEnable : .webhooksDisable, name, expecting: expecting ?? .any, actor: actor) { members in
            guard let index = members.firstIndex(where: { $0.key == name }), case .object(var route) = members[index].value else {
                throw WorkspaceError.notFound(what: "Webhook subscription \(name)")
            }
            route.removeAll { $0.key == "enabled" }
            if !enabled { route.append(.init("enabled", .bool(false))) }
            members[index].value = .object(route)
        }
        return try list()
    }

    /// Removes route `name`.
    public func remove(_ name: String, expecting: ExpectedRevision?, actor: AuditActor?) async throws -> List {
        try Self.check(name: name)
        _ = try await change(.webhooksDelete, name, expecting: expecting, actor: actor) { members in
            guard members.contains(where: { $0.key == name }) else { throw WorkspaceError.notFound(what: "Webhook subscription \(name)") }
            members.removeAll { $0.key == name }
        }
        return try list()
    }

    // MARK: - The file

    private func read() throws -> ([OrderedJSON.Member], String) {
        guard let data = FileManager.default.contents(atPath: file.path) else { return ([], Self.etag(of: nil)) }
        guard data.count <= 4 * 1_048_576 else { throw WorkspaceError.limitExceeded("\(file.lastPathComponent) is larger than 4 MiB.") }
        let etag = Self.etag(of: data)
        guard case .object(let members)? = try? OrderedJSON(parsing: String(decoding: data, as: UTF8.self)) else {
            // The agent treats an unreadable file as no routes; we refuse to overwrite what someone may be fixing.
            throw WorkspaceError.storageFailure(path: file.path, reason: "it is not a JSON object; fix or remove it by hand")
        }
        return (members, etag)
    }

    /// Reads, applies `edit`, writes atomically (0600), audits. Returns the new revision.
    private func change(
        _ action: AuditAction, _ name: String, expecting: ExpectedRevision?, actor: AuditActor?,
        _ edit: @escaping @Sendable (inout [OrderedJSON.Member]) throws -> Void
    ) async throws -> String {
        let (file, writing) = (file, writing)
        return try await audit.recording(action, target: name, actor: actor) {
            writing.lock()
            defer { writing.unlock() }
            let (members, etag) = try read()
            guard let expecting else {
                throw WorkspaceError.revisionRequired("Send If-Match with the etag of the subscriptions you edited.")
            }
            try ExpectedRevision.check(
                expecting, against: Revision(tag: etag), missing: "Send If-Match with the etag of the subscriptions you edited.",
                changed: "webhook_subscriptions.json changed on disk since you loaded it; reload and apply your change again.")
            var edited = members
            try edit(&edited)
            let data = Data(OrderedJSON.object(edited).rendered(.indented).utf8)
            try AtomicFileWriter(defaultMode: 0o600, forcedMode: 0o600).write(data, to: file)
            return Self.etag(of: data)
        }
    }

    static func etag(of data: Data?) -> String {
        guard let data else { return "\"webhooks-none\"" }
        return Revision.digest("webhooks", of: data, bytes: 12).tag
    }

    /// `platforms.webhook.enabled` and the address services post to (the CLI's `_get_webhook_base_url`).
    private func platform() -> (Bool, String) {
        let webhook = (try? config.snapshot())?.value["platforms"]?["webhook"]
        let enabled = webhook?["enabled"]?.boolValue ?? false
        let extra = webhook?["extra"]
        let host = extra?["host"]?.stringValue ?? ""
        let port = extra?["port"]?.intValue ?? extra?["port"]?.stringValue.flatMap { Int($0) } ?? 8644
        var shown = host.isEmpty || host == "0.0.0.0" || host == "::" ? "localhost" : host
        if shown.contains(":"), !shown.hasPrefix("[") { shown = "[\(shown)]" }
        return (enabled, "http://\(shown):\(port)")
    }

    // MARK: - Shapes

    static func subscription(_ member: OrderedJSON.Member, base: String) -> Subscription? {
        let route = member.value
        guard case .object = route else { return nil }
        let secret = route["secret"]?.stringValue ?? ""
        return Subscription(
            name: member.key, description: route["description"]?.stringValue ?? "", events: route["events"]?.stringList ?? [],
            prompt: route["prompt"]?.stringValue ?? "", skills: route["skills"]?.stringList ?? [], deliver: route["deliver"]?.stringValue ?? "log",
            deliverOnly: route["deliver_only"]?.boolValue ?? false, enabled: route["enabled"]?.boolValue != false, hasSecret: !secret.isEmpty,
            insecure: secret == "INSECURE_NO_AUTH", createdAt: route["created_at"]?.stringValue, url: "\(base)/webhooks/\(member.key)")
    }

    /// The CLI's name rule: lowercase letters, digits, `-` and `_`, starting with a letter or digit.
    static func check(name: String) throws {
        guard name.range(of: #"^[a-z0-9][a-z0-9_-]{0,63}$"#, options: .regularExpression) != nil else {
            throw WorkspaceError.invalidInput(
                "A subscription name is lowercase letters, digits, - and _ (at most 64), starting with a letter or digit.")
        }
    }

    /// The members a draft sets, in the CLI's order (`secret` and `created_at` are added by `create`).
    static func fields(_ draft: Draft) throws -> [OrderedJSON.Member] {
        func clean(_ text: String?, _ field: String, limit: Int, lines: Bool = false) throws -> String {
            let text = (text ?? "").trimmingCharacters(in: .whitespaces)
            guard text.count <= limit else { throw WorkspaceError.invalidInput("\(field) is at most \(limit) characters.") }
            guard !text.unicodeScalars.contains(where: { $0.value < 0x20 && !(lines && ($0 == "\n" || $0 == "\t")) }) else {
                throw WorkspaceError.invalidInput("\(field) may not contain control characters\(lines ? " other than tab and newline" : "").")
            }
            return text
        }
        func names(_ values: [String]?, _ field: String) throws -> [String] {
            try (values ?? []).map { try clean($0, field, limit: 100) }.filter { !$0.isEmpty }
        }
        let deliver = try clean(draft.deliver, "deliver", limit: 40)
        guard deliver.isEmpty || deliver.range(of: #"^[a-z][a-z0-9_]*$"#, options: .regularExpression) != nil else {
            throw WorkspaceError.invalidInput("deliver is log or a platform name such as telegram or github_comment.")
        }
        let events = try names(draft.events, "events")
        let skills = try names(draft.skills, "skills")
        guard events.count <= 50, skills.count <= 50 else { throw WorkspaceError.invalidInput("At most 50 events and 50 skills.") }
        var fields: [OrderedJSON.Member] = [
            .init("description", .string(try clean(draft.description, "description", limit: 500))),
            .init("events", .array(events.map(OrderedJSON.string))),
            .init("prompt", .string(try clean(draft.prompt, "prompt", limit: 20_000, lines: true))),
            .init("skills", .array(skills.map(OrderedJSON.string))), .init("deliver", .string(deliver.isEmpty ? "log" : deliver)),
        ]
        if draft.deliverOnly == true {
            guard !deliver.isEmpty, deliver != "log" else {
                throw WorkspaceError.invalidInput("Direct delivery needs a real target in deliver (telegram, discord, github_comment…), not log.")
            }
            fields.append(.init("deliver_only", .bool(true)))
        }
        let chat = try clean(draft.chatID, "chatID", limit: 200)
        if !chat.isEmpty { fields.append(.init("deliver_extra", .object([.init("chat_id", .string(chat))]))) }
        return fields
    }

    /// 32 random bytes in URL-safe base64 without padding: the shape of `secrets.token_urlsafe(32)`.
    static func newSecret() -> String { SecretText.random() }

    /// `time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())`: ISO 8601 in UTC to the second.
    static func timestamp(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
