import Foundation

/// One change the workspace made (or refused) on an operator's behalf, as the audit trail keeps it.
public struct AuditEvent: Sendable, Codable, Equatable {
    /// Row id (`nil` before it is stored).
    public var id: Int64?
    /// When it happened.
    public var at: Date
    /// Who asked: `token` for the API token, or a login user's name.
    public var actor: String
    /// The client's address.
    public var clientAddress: String?
    /// What was done, dotted (`config.patch`, `keys.reveal`): an ``AuditAction`` raw value (a string, so rows an older or
    /// newer build wrote still read).
    public var action: String
    /// What it was done to (a path, a key name, an id).
    public var target: String
    /// How it ended.
    public var outcome: AuditOutcome
    /// A short account of the change that never holds a secret value (changed paths, a key's name).
    public var summary: String
    /// The request id, to find the access-log line.
    public var requestID: String?

    private enum CodingKeys: String, CodingKey {
        case id, at, actor, clientAddress, action, target, outcome, summary
        case requestID = "requestId"
    }

    /// Creates an event stamped now.
    public init(action: AuditAction, target: String, outcome: AuditOutcome = .ok, summary: String = "", actor: AuditActor?, at: Date = Date()) {
        self.at = at
        self.actor = actor?.name ?? "system"
        self.clientAddress = actor?.address
        self.action = action.rawValue
        self.target = target
        self.outcome = outcome
        self.summary = summary
        self.requestID = actor?.requestID
    }
}

/// Who asked for a change: enough to correlate with the access log, nothing secret.
public struct AuditActor: Sendable, Equatable {
    /// `token` for the API token, or a login user's name.
    public var name: String
    /// Client address.
    public var address: String?
    /// Request id.
    public var requestID: String?
    /// The role the credential carried (`nil` for the system itself).
    public var role: Role?
    /// The credential's stable id, so a decision can be refused to the credential that asked.
    public var credentialID: String?

    /// Creates an actor.
    public init(name: String = "token", address: String?, requestID: String?, role: Role? = nil, credentialID: String? = nil) {
        self.role = role
        self.credentialID = credentialID
        self.name = name
        self.address = address
        self.requestID = requestID
    }
}
