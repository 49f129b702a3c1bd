import Foundation

/// One thing that happened that open pages should know about (a file changed on disk, a job ran…).
public struct WorkspaceEvent: Sendable, Equatable {
    /// Increasing id, for `Last-Event-ID` resumption.
    public var id: Int64
    /// What happened.
    public var kind: EventKind
    /// When it was published.
    public var at: Date
    /// Facts for the listener (never secret values).
    public var data: OrderedJSON

    /// The SSE `event:` name (`config.changed`).
    public var type: String { kind.rawValue }
}
