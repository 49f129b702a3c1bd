import Foundation
import GRDB

/// The approvals queue in `workspace/workspace.db`: requests the agent's plugin submits, decided by an operator,
/// by an "always" rule, by an earlier "session" approval, or denied when `approvals.timeout` passes. A long-polling
/// waiter is woken the moment its request is decided; one that goes away leaves nothing behind.
public actor ApprovalQueue {
    private let storage: WorkspaceDatabase
    private let audit: AuditLog
    private let events: EventBus
    private let timeout: @Sendable () -> TimeInterval
    private let clock: any WorkspaceClock
    private let allowlist: @Sendable (String?) -> CommandAllowlist?
    private let webhook: ApprovalWebhook?
    private var waiters: [String: [UUID: CheckedContinuation<Void, Never>]] = [:]

    /// The queue of `home`; `timeout` gives `approvals.timeout` in seconds at submission time; `webhook` is told of
    /// every new pending request.
    public init(
        home: HermesHome, audit: AuditLog, events: EventBus, clock: any WorkspaceClock = SystemClock(), database: WorkspaceDatabase? = nil,
        allowlist: @escaping @Sendable (String?) -> CommandAllowlist? = { _ in nil }, webhook: ApprovalWebhook? = nil,
        timeout: @escaping @Sendable () -> TimeInterval
    ) {
        self.clock = clock
        self.allowlist = allowlist
        self.webhook = webhook
        storage = database ?? WorkspaceDatabase(home: home)
        self.audit = audit
        self.events = events
        self.timeout = timeout
    }

    /// Stores a submission and decides it at once when a rule or a session approval covers it.
    public func submit(_ submission: ApprovalSubmission, actor: AuditActor?, now: Date? = nil) async throws -> ApprovalRequest {
        let now = now ?? clock.now()
        try Self.check(submission)
        let db = try open()
        let id = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var request = ApprovalRequest(
            id: id, createdAt: now, expiresAt: now.addingTimeInterval(max(1, timeout())), sessionID: submission.sessionId,
            platform: submission.platform, tool: submission.tool, action: submission.action, workdir: submission.workdir,
            reason: submission.reason, risks: submission.risks ?? [], status: .pending, description: submission.description,
            patternKeys: submission.patternKeys ?? [], allowPermanent: submission.allowPermanent ?? true,
            smartDenied: submission.smartDenied ?? false, surface: submission.surface, profile: submission.profile)
        // When the agent's own gate asks (it sends its surface or pattern keys), the agent consulted its allowlist and
        // session approvals first; the exact-action rules and the session shortcut here are for the first bridge.
        let firstBridge = request.patternKeys.isEmpty && request.surface == nil
        try Self.write(db) { db in
            if firstBridge,
                let rule = try Int64.fetchOne(
                    db, sql: "SELECT id FROM approval_rules WHERE tool = ? AND action = ?", arguments: [request.tool, request.action])
            {
                request.status = .approved
                request.scope = .always
                request.decidedBy = "rule:\(rule)"
                request.decidedVia = "rule"
                request.decidedAt = now
            } else if firstBridge, let session = request.sessionID,
                try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT 1 FROM approvals WHERE session_id = ? AND tool = ? AND action = ? AND status = 'approved' AND scope IN ('session', 'always') LIMIT 1
                        """, arguments: [session, request.tool, request.action]) == true
            {
                request.status = .approved
                request.scope = .session
                request.decidedBy = "session"
                request.decidedVia = "session"
                request.decidedAt = now
            }
            try Self.insert(request, into: db)
            try db.execute(sql: "UPDATE approvals SET submitter = ? WHERE id = ?", arguments: [actor?.credentialID, id])
        }
        try? await audit.record(
            AuditEvent(
                action: .approvalsSubmit, target: id, outcome: request.status == .pending ? .pending : .autoApproved,
                summary: "\(request.tool): \(request.action.prefix(160))", actor: actor))
        if request.status == .pending, let webhook {
            let pending = request
            Task.detached { await webhook.deliver(pending) }
        }
        if request.status == .pending {
            let expiry = request.expiresAt
            Task { [weak self] in
                try? await Task.sleep(for: .seconds(max(0, expiry.timeIntervalSinceNow) + 0.05))
                try? await self?.expireDue()
            }
        }
        await published()
        return request
    }

    /// One request.
    public func request(_ id: String) async throws -> ApprovalRequest {
        try await expireDue()
        guard Self.isID(id), let request = try Self.read(try open(), { db in try Self.fetch(db, "WHERE id = ?", [id]).first }) else {
            throw WorkspaceError.notFound(what: "Approval \(id)")
        }
        return request
    }

    /// Requests with `status` (all when `nil`), newest first.
    public func list(status: ApprovalRequest.Status?, limit: Int) async throws -> [ApprovalRequest] {
        try await expireDue()
        return try Self.read(try open()) { db in
            if let status {
                return try Self.fetch(
                    db, "WHERE status = ? ORDER BY created_at \(status == .pending ? "ASC" : "DESC") LIMIT ?", [status.rawValue, limit])
            }
            return try Self.fetch(db, "ORDER BY created_at DESC LIMIT ?", [limit])
        }
    }

    /// Approves (with `scope`) or denies (with `reason`) a pending request and wakes its waiters.
    public func decide(
        _ id: String, approve: Bool, scope: ApprovalRequest.Scope = .once, reason: String? = nil, actor: AuditActor?, now: Date? = nil
    ) async throws -> ApprovalRequest {
        let now = now ?? clock.now()
        guard (reason?.count ?? 0) <= 1_000 else { throw WorkspaceError.invalidInput("The reason is longer than 1,000 characters.") }
        try await expireDue()
        var request = try await self.request(id)
        guard request.status == .pending else { throw WorkspaceError.conflict("Approval \(id) was already \(request.status.rawValue).") }
        let submitter = try Self.read(try open()) { db in
            try String.fetchOne(db, sql: "SELECT submitter FROM approvals WHERE id = ?", arguments: [id])
        }
        if let submitter, submitter == actor?.credentialID {
            throw WorkspaceError.forbidden("The credential that submitted approval \(id) cannot decide it; a person signed in as an operator must.")
        }
        if approve, !request.choices.contains(scope.rawValue) {
            throw WorkspaceError.invalidInput(
                "The agent offers \(request.choices.filter { $0 != "deny" }.joined(separator: ", ")) for approval \(id), not \(scope.rawValue).")
        }
        if approve, scope == .always, !request.patternKeys.isEmpty, let allowlist = allowlist(request.profile) {
            // Written before the decision is stored: if config.yaml cannot be edited the request stays pending.
            try await allowlist.add(request.patternKeys, actor: actor)
        }
        request.status = approve ? .approved : .denied
        request.scope = approve ? scope : nil
        request.denyReason = approve ? nil : reason.flatMap { $0.isEmpty ? nil : $0 }
        request.decidedBy = actor?.name ?? "operator"
        request.decidedVia = "workspace"
        request.decidedAt = now
        let decided = request
        try Self.write(try open()) { db in
            try db.execute(
                sql: """
                    UPDATE approvals SET status = ?, scope = ?, deny_reason = ?, decided_by = ?, decided_at = ?, decided_via = ?
                    WHERE id = ? AND status = 'pending'
                    """,
                arguments: [
                    decided.status.rawValue, decided.scope?.rawValue, decided.denyReason, decided.decidedBy, now.timeIntervalSince1970,
                    decided.decidedVia, id,
                ])
            if approve, scope == .always, decided.patternKeys.isEmpty {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO approval_rules (tool, action, created_at, created_by, request_id) VALUES (?, ?, ?, ?, ?)",
                    arguments: [decided.tool, decided.action, now.timeIntervalSince1970, decided.decidedBy, id])
            }
        }
        try? await audit.record(
            AuditEvent(
                action: approve ? .approvalsApprove : .approvalsDeny, target: id,
                summary: approve ? "scope \(scope.rawValue): \(request.tool): \(request.action.prefix(160))" : (request.denyReason ?? ""),
                actor: actor))
        wake(id)
        await published()
        return request
    }

    /// Records how the agent's own prompt settled request `id` (an answer in the chat, on the API server, at the
    /// terminal, or its timeout), as the bridge that submitted it reports. Only that credential may report. When a
    /// person's answer here lost the race to the other surface, the other surface's answer is what ran, so it is
    /// what the request says from then on.
    public func recordOutcome(_ id: String, _ outcome: ApprovalOutcome, actor: AuditActor?, now: Date? = nil) async throws -> ApprovalRequest {
        let now = now ?? clock.now()
        let surfaces = ["chat", "terminal", "headless"]
        guard surfaces.contains(outcome.surface) else { throw WorkspaceError.invalidInput("`surface` is chat, terminal or headless.") }
        let status: ApprovalRequest.Status
        let scope: ApprovalRequest.Scope?
        switch outcome.choice {
        case "once", "session", "always":
            status = .approved
            scope = ApprovalRequest.Scope(rawValue: outcome.choice)
        case "deny": (status, scope) = (.denied, nil)
        case "timeout": (status, scope) = (.expired, nil)
        default: throw WorkspaceError.invalidInput("`choice` is once, session, always, deny or timeout.")
        }
        var request = try await self.request(id)
        let submitter = try Self.read(try open()) { db in
            try String.fetchOne(db, sql: "SELECT submitter FROM approvals WHERE id = ?", arguments: [id])
        }
        guard let submitter, submitter == actor?.credentialID else {
            throw WorkspaceError.forbidden("Only the bridge that submitted approval \(id) reports how the agent settled it.")
        }
        if request.status == status && (request.scope == scope || status != .approved) { return request }
        let late = request.status != .pending && request.decidedVia == "workspace"
        request.status = status
        request.scope = scope
        request.decidedVia = status == .expired ? "timeout" : outcome.surface
        request.decidedBy = request.decidedVia  // the surface is who answered: the agent does not say which person
        request.denyReason = late ? "answered on the \(outcome.surface) before the workspace's answer reached the agent" : nil
        request.decidedAt = now
        let settled = request
        try Self.write(try open()) { db in
            try db.execute(
                sql: "UPDATE approvals SET status = ?, scope = ?, deny_reason = ?, decided_by = ?, decided_at = ?, decided_via = ? WHERE id = ?",
                arguments: [
                    settled.status.rawValue, settled.scope?.rawValue, settled.denyReason, settled.decidedBy, now.timeIntervalSince1970,
                    settled.decidedVia, id,
                ])
        }
        try? await audit.record(
            AuditEvent(
                action: .approvalsOutcome, target: id, outcome: .ok,
                summary: "\(outcome.choice) on the \(outcome.surface): \(request.tool): \(request.action.prefix(160))", actor: actor))
        wake(id)
        await published()
        return request
    }

    /// Returns as soon as the request is decided, or after `seconds` with it still pending.
    public func waitForDecision(_ id: String, seconds: TimeInterval) async throws -> ApprovalRequest {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let request = try await self.request(id)
            guard request.status == .pending, Date() < deadline, !Task.isCancelled else { return request }
            await suspend(id, until: min(deadline, request.expiresAt.addingTimeInterval(0.05)))
        }
    }

    /// Number of waiters parked on `id` (zero once they returned or went away).
    public func waiterCount(_ id: String) -> Int { waiters[id]?.count ?? 0 }

    /// The "always" rules, newest first.
    public func rules() async throws -> [ApprovalRule] {
        try Self.read(try open()) { db in
            try Row.fetchAll(db, sql: "SELECT * FROM approval_rules ORDER BY id DESC").map { row in
                ApprovalRule(
                    id: row["id"], tool: row["tool"], action: row["action"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                    createdBy: row["created_by"], requestID: row["request_id"])
            }
        }
    }

    /// Removes a rule.
    public func deleteRule(_ id: Int64, actor: AuditActor?) async throws {
        let removed = try Self.write(try open()) { db -> Int in
            try db.execute(sql: "DELETE FROM approval_rules WHERE id = ?", arguments: [id])
            return db.changesCount
        }
        guard removed > 0 else { throw WorkspaceError.notFound(what: "Rule \(id)") }
        try? await audit.record(AuditEvent(action: .approvalsRuleDelete, target: String(id), actor: actor))
    }

    /// Marks requests past their time as expired (a denial) and wakes their waiters.
    public func expireDue(now: Date? = nil) async throws {
        let now = now ?? clock.now()
        let expired = try Self.write(try open()) { db -> [String] in
            let ids = try String.fetchAll(
                db, sql: "SELECT id FROM approvals WHERE status = 'pending' AND expires_at <= ?", arguments: [now.timeIntervalSince1970])
            if !ids.isEmpty {
                try db.execute(
                    sql:
                        "UPDATE approvals SET status = 'expired', decided_by = 'timeout', decided_at = ? WHERE status = 'pending' AND expires_at <= ?",
                    arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970])
            }
            return ids
        }
        guard !expired.isEmpty else { return }
        expired.forEach(wake)
        await published()
    }

    /// Pending requests right now.
    public func pendingCount() async throws -> Int {
        try Self.read(try open()) { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM approvals WHERE status = 'pending'") ?? 0 }
    }

    /// Tells every page that the Approvals tab changed (requests, staged writes, pairing), with the count of
    /// pending requests the sidebar shows.
    public func published() async {
        let pending = (try? await pendingCount()) ?? 0
        _ = events.publish(.approvalsChanged, .object(["pending": .int(pending)]))
    }

    private func suspend(_ id: String, until deadline: Date) async {
        let token = UUID()
        let alarm = Task { [weak self] in
            try? await Task.sleep(for: .seconds(max(0, deadline.timeIntervalSinceNow)))
            await self?.resume(id, token)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in waiters[id, default: [:]][token] = continuation }
        } onCancel: {
            Task { await self.resume(id, token) }
        }
        alarm.cancel()
    }

    private func resume(_ id: String, _ token: UUID) {
        guard let continuation = waiters[id]?.removeValue(forKey: token) else { return }
        if waiters[id]?.isEmpty == true { waiters[id] = nil }
        continuation.resume()
    }

    private func wake(_ id: String) {
        let parked = waiters.removeValue(forKey: id) ?? [:]
        parked.values.forEach { $0.resume() }
    }

    private func open() throws -> DatabaseQueue { try storage.get() }

    /// The queue's tables in `workspace.db`, registered by ``WorkspaceDatabase`` (the names are history: never rename
    /// one). Queues kept in the separate `approvals.db` of earlier builds are copied in by ``WorkspaceDatabase``.
    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("approvals") { db in
            try db.execute(
                sql: """
                    CREATE TABLE approvals (
                        id TEXT PRIMARY KEY, created_at REAL NOT NULL, expires_at REAL NOT NULL, session_id TEXT, platform TEXT,
                        tool TEXT NOT NULL, action TEXT NOT NULL, workdir TEXT, reason TEXT, risks TEXT NOT NULL,
                        status TEXT NOT NULL, scope TEXT, decided_by TEXT, decided_at REAL, deny_reason TEXT);
                    CREATE INDEX approvals_status ON approvals(status, created_at);
                    CREATE TABLE approval_rules (
                        id INTEGER PRIMARY KEY AUTOINCREMENT, tool TEXT NOT NULL, action TEXT NOT NULL, created_at REAL NOT NULL,
                        created_by TEXT NOT NULL, request_id TEXT, UNIQUE(tool, action));
                    """)
        }
        migrator.registerMigration("approvals_submitter") { db in
            try db.execute(sql: "ALTER TABLE approvals ADD COLUMN submitter TEXT")
        }
        migrator.registerMigration("approvals_agent_gate") { db in
            try db.execute(
                sql: """
                    ALTER TABLE approvals ADD COLUMN description TEXT;
                    ALTER TABLE approvals ADD COLUMN pattern_keys TEXT NOT NULL DEFAULT '[]';
                    ALTER TABLE approvals ADD COLUMN allow_permanent INTEGER NOT NULL DEFAULT 1;
                    ALTER TABLE approvals ADD COLUMN smart_denied INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE approvals ADD COLUMN surface TEXT;
                    ALTER TABLE approvals ADD COLUMN decided_via TEXT;
                    """)
        }
        migrator.registerMigration("approvals_profile") { db in
            try db.execute(sql: "ALTER TABLE approvals ADD COLUMN profile TEXT")
        }
    }

    private static func write<T>(_ database: DatabaseQueue, _ body: (Database) throws -> T) throws -> T {
        try database.write(body)
    }

    private static func read<T>(_ database: DatabaseQueue, _ body: (Database) throws -> T) throws -> T {
        try database.read(body)
    }

    private static func check(_ submission: ApprovalSubmission) throws {
        guard !submission.tool.isEmpty, submission.tool.count <= 200 else {
            throw WorkspaceError.invalidInput("`tool` is required (≤ 200 characters).")
        }
        guard !submission.action.isEmpty, submission.action.count <= 20_000 else {
            throw WorkspaceError.invalidInput("`action` is required (≤ 20,000 characters).")
        }
        for text in [submission.sessionId, submission.platform, submission.workdir, submission.reason, submission.description].compactMap({ $0 })
            + (submission.risks ?? []) + (submission.patternKeys ?? [])
        {
            guard text.count <= 4_000 else { throw WorkspaceError.invalidInput("A field is longer than 4,000 characters.") }
        }
        guard (submission.risks ?? []).count <= 50, (submission.patternKeys ?? []).count <= 50 else {
            throw WorkspaceError.invalidInput("At most 50 risks and 50 pattern keys.")
        }
        if let surface = submission.surface, !["cli", "gateway", "headless"].contains(surface) {
            throw WorkspaceError.invalidInput("`surface` is cli, gateway or headless.")
        }
        if let profile = submission.profile, !(profile == "default" || ProfileName.isWellFormed(profile)) {
            throw WorkspaceError.invalidInput("`profile` is not a profile name.")
        }
        let fields =
            [("tool", submission.tool), ("action", submission.action)]
            + [
                ("sessionId", submission.sessionId), ("platform", submission.platform),
                ("workdir", submission.workdir), ("reason", submission.reason), ("description", submission.description),
            ]
            .compactMap { name, value in value.map { (name, $0) } } + (submission.risks ?? []).map { ("risks", $0) }
            + (submission.patternKeys ?? []).map { ("patternKeys", $0) }
        for (name, text) in fields where !Self.isDisplayable(text) {
            throw WorkspaceError.invalidInput(
                "`\(name)` holds NUL or a control character (only tab and newline are allowed): what runs must be what is shown.")
        }
    }

    /// Whether `text` holds no NUL and no C0/C1 control other than tab and newline (a carriage return could hide
    /// the start of a line in a terminal; NUL would cut the stored text short of what runs).
    static func isDisplayable(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            scalar == "\t" || scalar == "\n" || !(scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value))
        }
    }

    private static func isID(_ id: String) -> Bool {
        id.count == 32 && id.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    private static func insert(_ request: ApprovalRequest, into db: Database) throws {
        let risks = OrderedJSON.array(request.risks.map(OrderedJSON.string)).rendered(.compact)
        try db.execute(
            sql: """
                INSERT INTO approvals (id, created_at, expires_at, session_id, platform, tool, action, workdir, reason, risks, status, scope,
                    decided_by, decided_at, description, pattern_keys, allow_permanent, smart_denied, surface, decided_via, profile)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                request.id, request.createdAt.timeIntervalSince1970, request.expiresAt.timeIntervalSince1970, request.sessionID, request.platform,
                request.tool, request.action, request.workdir, request.reason, risks, request.status.rawValue, request.scope?.rawValue,
                request.decidedBy, request.decidedAt?.timeIntervalSince1970, request.description,
                OrderedJSON.array(request.patternKeys.map(OrderedJSON.string)).rendered(.compact), request.allowPermanent, request.smartDenied,
                request.surface, request.decidedVia, request.profile,
            ])
    }

    private static func fetch(_ db: Database, _ clause: String, _ arguments: StatementArguments) throws -> [ApprovalRequest] {
        try Row.fetchAll(db, sql: "SELECT * FROM approvals " + clause, arguments: arguments).map { row in
            let risks = Self.strings(row["risks"])
            return ApprovalRequest(
                id: row["id"], createdAt: Date(timeIntervalSince1970: row["created_at"]), expiresAt: Date(timeIntervalSince1970: row["expires_at"]),
                sessionID: row["session_id"], platform: row["platform"], tool: row["tool"], action: row["action"], workdir: row["workdir"],
                reason: row["reason"], risks: risks, status: ApprovalRequest.Status(rawValue: row["status"]) ?? .pending,
                scope: (row["scope"] as String?).flatMap(ApprovalRequest.Scope.init(rawValue:)), decidedBy: row["decided_by"],
                decidedAt: (row["decided_at"] as Double?).map(Date.init(timeIntervalSince1970:)), denyReason: row["deny_reason"],
                description: row["description"], patternKeys: Self.strings(row["pattern_keys"]), allowPermanent: row["allow_permanent"],
                smartDenied: row["smart_denied"], surface: row["surface"], decidedVia: row["decided_via"], profile: row["profile"])
        }
    }

    private static func strings(_ text: String?) -> [String] {
        (try? OrderedJSON(parsing: text ?? "[]")).flatMap { value -> [String]? in
            if case .array(let items) = value { return items.compactMap(\.stringValue) }
            return nil
        } ?? []
    }
}
