import Foundation

/// One thing that happened that open pages should know about (a file changed on disk, a job ran…).
public struct WorkspaceEvent: Sendable, Equatable {
    /// Increasing id, for `Last-Event-ID` resumption.
    public var id: Int64
    /// Dotted type: `config.changed`, `env.changed`, `cron.jobs.changed`, `gateway.changed`.
    public var type: String
    /// When it was published.
    public var at: Date
    /// Facts for the listener (never secret values).
    public var data: OrderedJSON
}
