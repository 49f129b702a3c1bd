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
    }

    /// Gateway health.
    public var gateway: GatewayStatus
    /// This workspace.
    public var workspace: Workspace
    /// The host machine.
    public var host: HostStats
}
