import Foundation

/// Messaging pairing: strangers who asked the bot for access (their code was sent to them; the agent stores only its
/// salted hash) and the users already paired, per platform, where the gateway keeps them
/// (`platforms/pairing/` or the older `pairing/`). Read here; every change goes through the agent's own
/// `PairingStore` in its Python — approving by the code the stranger shows the owner (with the agent's failed-attempt
/// lockout), dropping a request, revoking a user — so its id normalisation, its allowlist mirroring and its file
/// format stay the agent's.
public struct Pairing: Sendable {
    /// A stranger waiting for approval.
    public struct Request: Sendable, Codable, Equatable {
        /// `telegram`, `discord`, `whatsapp`…
        public var platform: String
        /// The first 8 hex characters of the stored hash (what the agent's `hermes pairing list` shows; not the code).
        public var entry: String
        /// Their user id on the platform.
        public var userID: String
        /// Their display name, as the platform gave it.
        public var userName: String
        /// When they asked.
        public var createdAt: Date
        /// When their code stops working (the agent's one hour).
        public var expiresAt: Date
    }

    /// A paired user.
    public struct User: Sendable, Codable, Equatable {
        /// The platform.
        public var platform: String
        /// Their user id.
        public var userID: String
        /// Their display name.
        public var userName: String
        /// When they were approved.
        public var approvedAt: Date?
    }

    /// Requests and users.
    public struct Overview: Sendable, Codable, Equatable {
        /// Waiting strangers, oldest first.
        public var pending: [Request]
        /// Paired users by platform and name.
        public var approved: [User]
    }

    /// The agent's code lifetime, seconds.
    static let codeLifetime: TimeInterval = 3600

    private let home: HermesHome
    private let audit: AuditLog
    private let python: @Sendable () -> String?

    /// The pairing state of `home`; `python` finds the agent's interpreter.
    public init(home: HermesHome, audit: AuditLog, python: @escaping @Sendable () -> String? = { AgentRuntime.python() }) {
        self.home = home
        self.audit = audit
        self.python = python
    }

    /// The folder the agent uses: the legacy `pairing/` when it holds files, else `platforms/pairing/`.
    var folder: URL {
        let legacy = home.root.appendingPathComponent("pairing")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: legacy.path)) ?? []
        return files.isEmpty ? home.root.appendingPathComponent("platforms/pairing") : legacy
    }

    /// Requests (expired ones left out, as the agent prunes them) and paired users.
    public func overview(now: Date = Date()) -> Overview {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var pending: [Request] = []
        var approved: [User] = []
        for name in names.sorted() {
            let url = folder.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path), data.count <= 1_048_576,
                case .object(let members)? = try? OrderedJSON(parsing: String(decoding: data, as: UTF8.self))
            else { continue }
            if name.hasSuffix("-pending.json") {
                let platform = String(name.dropLast("-pending.json".count))
                for member in members {
                    guard let created = member.value["created_at"]?.doubleValue, let hash = member.value["hash"]?.stringValue else { continue }
                    let createdAt = Date(timeIntervalSince1970: created)
                    guard now.timeIntervalSince(createdAt) <= Self.codeLifetime else { continue }
                    pending.append(
                        Request(
                            platform: platform, entry: String(hash.prefix(8)), userID: member.value["user_id"]?.stringValue ?? "",
                            userName: member.value["user_name"]?.stringValue ?? "", createdAt: createdAt,
                            expiresAt: createdAt.addingTimeInterval(Self.codeLifetime)))
                }
            } else if name.hasSuffix("-approved.json") {
                let platform = String(name.dropLast("-approved.json".count))
                for member in members {
                    approved.append(
                        User(
                            platform: platform, userID: member.key, userName: member.value["user_name"]?.stringValue ?? "",
                            approvedAt: member.value["approved_at"]?.doubleValue.map(Date.init(timeIntervalSince1970:))))
                }
            }
        }
        return Overview(
            pending: pending.sorted { $0.createdAt < $1.createdAt },
            approved: approved.sorted { ($0.platform, $0.userName, $0.userID) < ($1.platform, $1.userName, $1.userID) })
    }

    /// Approves the stranger whose code is `code` on `platform` (the agent checks it against the stored hashes and
    /// counts a wrong one towards its lockout). Returns the paired user.
    public func approve(platform: String, code: String, actor: AuditActor?) async throws -> User {
        try Self.check(platform: platform)
        let code = code.trimmingCharacters(in: .whitespaces)
        guard (4...32).contains(code.count), code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw WorkspaceError.invalidInput("`code` is the pairing code the person was sent (letters and digits).")
        }
        guard overview().pending.contains(where: { $0.platform == platform }) else {
            throw WorkspaceError.conflict("Nobody is waiting to pair on \(platform).")
        }
        let answer = try await AgentRuntime.run(
            Self.script, arguments: ["approve", platform, code], home: home, python: python(), instead: "run hermes pairing approve \(platform) CODE")
        guard answer["ok"]?.boolValue == true else {
            try? await audit.record(
                AuditEvent(action: .pairingApprove, target: platform, outcome: .refused, summary: "wrong or expired code", actor: actor))
            throw WorkspaceError.conflict(
                answer["lockedOut"]?.boolValue == true
                    ? "Too many wrong codes for \(platform): the agent refuses approvals there for an hour."
                    : "No waiting request on \(platform) has that code (or it expired).")
        }
        let user = User(
            platform: platform, userID: answer["userID"]?.stringValue ?? "", userName: answer["userName"]?.stringValue ?? "", approvedAt: Date())
        try? await audit.record(AuditEvent(action: .pairingApprove, target: "\(platform):\(user.userID)", summary: user.userName, actor: actor))
        return user
    }

    /// Drops the waiting request `entry` (its hash prefix) on `platform`.
    public func deny(platform: String, entry: String, actor: AuditActor?) async throws {
        try Self.check(platform: platform)
        guard entry.count == 8, entry.allSatisfy(\.isHexDigit), overview().pending.contains(where: { $0.platform == platform && $0.entry == entry })
        else { throw WorkspaceError.notFound(what: "Pairing request \(entry.prefix(16)) on \(platform)") }
        let answer = try await AgentRuntime.run(
            Self.script, arguments: ["deny", platform, entry], home: home, python: python(), instead: "run hermes pairing clear-pending")
        guard answer["ok"]?.boolValue == true else { throw WorkspaceError.notFound(what: "Pairing request \(entry) on \(platform)") }
        try? await audit.record(AuditEvent(action: .pairingDeny, target: "\(platform):\(answer["userID"]?.stringValue ?? entry)", actor: actor))
    }

    /// Ends `userID`'s pairing on `platform`.
    public func revoke(platform: String, userID: String, actor: AuditActor?) async throws {
        try Self.check(platform: platform)
        guard !userID.isEmpty, userID.count <= 200, ApprovalQueue.isDisplayable(userID), !userID.contains("\n") else {
            throw WorkspaceError.invalidInput("`userID` is a paired user's id.")
        }
        // The list's own ids (what the Pairing card sends); the agent matches its aliases when it revokes.
        guard overview().approved.contains(where: { $0.platform == platform && $0.userID == userID }) else {
            throw WorkspaceError.notFound(what: "Paired user \(userID) on \(platform)")
        }
        let answer = try await AgentRuntime.run(
            Self.script, arguments: ["revoke", platform, userID], home: home, python: python(),
            instead: "run hermes pairing revoke \(platform) \(userID)")
        guard answer["ok"]?.boolValue == true else { throw WorkspaceError.notFound(what: "Paired user \(userID) on \(platform)") }
        try? await audit.record(AuditEvent(action: .pairingRevoke, target: "\(platform):\(userID)", actor: actor))
    }

    private static func check(platform: String) throws {
        guard (1...40).contains(platform.count), platform.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw WorkspaceError.invalidInput("`platform` is a platform name such as telegram.")
        }
    }

    /// The agent's `PairingStore` doing the change (`deny` drops one entry under the store's lock with its own
    /// load/save, the agent having no single-entry call).
    static let script = """
        import json, sys
        from gateway.pairing import PairingStore
        verb, platform, value = sys.argv[1], sys.argv[2], sys.argv[3]
        store = PairingStore()
        if verb == "approve":
            found = store.approve_code(platform, value)
            print(json.dumps({"ok": bool(found), "userID": (found or {}).get("user_id", ""), "userName": (found or {}).get("user_name", ""),
                              "lockedOut": bool(store._is_locked_out(platform))}))
        elif verb == "revoke":
            print(json.dumps({"ok": bool(store.revoke(platform, value))}))
        elif verb == "deny":
            with store._lock:
                pending = store._load_json(store._pending_path(platform))
                match = [key for key, entry in pending.items() if isinstance(entry, dict) and str(entry.get("hash", "")).startswith(value)]
                user = pending[match[0]].get("user_id", "") if len(match) == 1 else ""
                if len(match) == 1:
                    del pending[match[0]]
                    store._save_json(store._pending_path(platform), pending)
            print(json.dumps({"ok": len(match) == 1, "userID": user}))
        """
}
