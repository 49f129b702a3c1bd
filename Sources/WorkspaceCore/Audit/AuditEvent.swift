import Foundation

/// One change the workspace made on an operator's behalf, as the audit trail keeps it.
public struct AuditEvent: Sendable, Codable, Equatable {
    /// Row id (`nil` before it is stored).
    public var id: Int64?
    /// When it happened.
    public var at: Date
    /// What was done, dotted (`sessions.delete`).
    public var action: String
    /// What it was done to (ids, names; never secret values).
    public var target: String
    /// `ok`, `refused` or `failed`.
    public var outcome: String
    /// Who asked: the client address.
    public var actor: String?
    /// The request id, to find the access-log line.
    public var requestID: String?
    /// Facts about the change, as a flat map.
    public var details: [String: String]

    /// Creates an event stamped now.
    public init(action: String, target: String, outcome: String = "ok", actor: AuditActor?, details: [String: String] = [:], at: Date = Date()) {
        self.at = at
        self.action = action
        self.target = target
        self.outcome = outcome
        self.actor = actor?.address
        self.requestID = actor?.requestID
        self.details = details
    }
}

/// Who asked for a change: enough to correlate with the access log, nothing secret.
public struct AuditActor: Sendable, Equatable {
    /// Client address.
    public var address: String?
    /// Request id.
    public var requestID: String?

    /// Creates an actor.
    public init(address: String?, requestID: String?) {
        self.address = address
        self.requestID = requestID
    }
}
