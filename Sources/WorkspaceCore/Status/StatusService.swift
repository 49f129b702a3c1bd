import Foundation

/// Puts together the Status tab's snapshot.
public struct StatusService: Sendable {
    private let home: HermesHome
    private let gateway: GatewayMonitor
    private let hostReader: HostStatsReader
    private let startedAt: Date

    /// Creates the service for `home`, counting uptime from `startedAt`.
    public init(home: HermesHome, gateway: GatewayMonitor, hostReader: HostStatsReader = HostStatsReader(), startedAt: Date = Date()) {
        self.home = home
        self.gateway = gateway
        self.hostReader = hostReader
        self.startedAt = startedAt
    }

    /// The current status.
    public func snapshot() async -> WorkspaceStatus {
        let gatewayStatus = await gateway.status()
        let workspace = WorkspaceStatus.Workspace(
            version: WorkspaceVersion.current, home: home.path, startedAt: startedAt,
            uptimeSeconds: max(0, Date().timeIntervalSince(startedAt)))
        return WorkspaceStatus(gateway: gatewayStatus, workspace: workspace, host: hostReader.read(diskPath: home.path))
    }
}
