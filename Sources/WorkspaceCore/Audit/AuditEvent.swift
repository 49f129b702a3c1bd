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
    /// The profile it was done in (absent: the default profile, or the machine).
    public var profile: String?
    /// The role the actor's credential carried (absent for the system and for rows written before roles).
    public var role: Role?

    private enum CodingKeys: String, CodingKey {
        case id, at, actor, clientAddress, action, target, outcome, summary, requestID, profile, role
        /// The old spelling, written beside `requestID` until 0.3.
        case requestId
    }

    /// Reads an event; `requestID` wins over the deprecated `requestId`.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        id = try values.decodeIfPresent(Int64.self, forKey: .id)
        at = try values.decode(Date.self, forKey: .at)
        actor = try values.decode(String.self, forKey: .actor)
        clientAddress = try values.decodeIfPresent(String.self, forKey: .clientAddress)
        action = try values.decode(String.self, forKey: .action)
        target = try values.decode(String.self, forKey: .target)
        outcome = try values.decode(AuditOutcome.self, forKey: .outcome)
        summary = try values.decode(String.self, forKey: .summary)
        requestID = try values.decodeIfPresent(String.self, forKey: .requestID) ?? values.decodeIfPresent(String.self, forKey: .requestId)
        profile = try values.decodeIfPresent(String.self, forKey: .profile)
        role = try values.decodeIfPresent(Role.self, forKey: .role)
    }

    /// Writes the event with both spellings of the request id (`requestId` goes in 0.3).
    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encodeIfPresent(id, forKey: .id)
        try values.encode(at, forKey: .at)
        try values.encode(actor, forKey: .actor)
        try values.encodeIfPresent(clientAddress, forKey: .clientAddress)
        try values.encode(action, forKey: .action)
        try values.encode(target, forKey: .target)
        try values.encode(outcome, forKey: .outcome)
        try values.encode(summary, forKey: .summary)
        try values.encodeIfPresent(requestID, forKey: .requestID)
        try values.encodeIfPresent(requestID, forKey: .requestId)
        try values.encodeIfPresent(profile, forKey: .profile)
        try values.encodeIfPresent(role, forKey: .role)
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
        self.role = actor?.role
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
