import Foundation

/// Everything the Status tab shows: the gateway, the workspace itself, and the host.
public struct WorkspaceStatus: Sendable, Codable, Equatable {
    /// Facts about this workspace process.
    public struct Workspace: Sendable, Codable, Equatable {
        /// Version of Hermes Workspace.
        public var version: String
        /// The Hermes home being served.
        public var home: String
        /// When this process started.
        public var startedAt: Date
        /// Seconds since it started.
        public var uptimeSeconds: Double
        /// The agent's time zone (IANA id: its `timezone` setting, else `TZ`, else this machine's): the zone every
        /// time the agent schedules or records is shown in.
        public var agentTimeZone: String
        /// Whether the home is one `hermes-workspace demo` wrote (made-up data).
        public var demoHome: Bool
    }

    /// Gateway health.
    public var gateway: GatewayStatus
    /// This workspace.
    public var workspace: Workspace
    /// The host machine.
    public var host: HostStats
}
