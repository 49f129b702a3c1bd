import Foundation

/// Which audit events to list: newest first, paged by id, filtered by action prefix, target, actor, outcome and time.
public struct AuditQuery: Sendable, Equatable {
    /// Page size (1…500).
    public var limit = 50
    /// Only events older than this id (the previous page's `nextCursor`).
    public var beforeID: Int64?
    /// Actions starting with this (`config.` or `keys.reveal`).
    public var actionPrefix: String?
    /// Exact target.
    public var target: String?
    /// Exact actor.
    public var actor: String?
    /// Exact outcome.
    public var outcome: AuditOutcome?
    /// Events at or after this time.
    public var since: Date?
    /// Events before this time.
    public var until: Date?
    /// Events done in this profile (`default` for the root home and the machine).
    public var profile: String?

    /// Creates a query for the newest events.
    public init() {}
}

/// One page of audit events.
public struct AuditPage: Sendable, Codable, Equatable {
    /// The events, newest first.
    public var items: [AuditEvent]
    /// Pass as `cursor` for the next (older) page; `nil` at the end.
    public var nextCursor: String?
}
