import Foundation

/// Puts together the Status tab's snapshot.
///
/// Gateway and host figures are each kept for a second and shared by concurrent callers, so polling
/// clients, a slow filesystem or a dead gateway cost at most one measurement per second.
public struct StatusService: Sendable {
    private let home: HermesHome
    private let gateway: RecentValue<GatewayStatus>
    private let host: RecentValue<HostStats>
    private let startedAt: Date
    private let timeZone: AgentTimeZone

    /// Creates the service for `home`, counting uptime from `startedAt`.
    public init(
        home: HermesHome, gateway: GatewayMonitor, hostReader: HostStatsReader = HostStatsReader(),
        startedAt: Date = Date(), freshness: Duration = .seconds(1)
    ) {
        self.home = home
        let restartCheck = RestartCheck(home: home)
        self.gateway = RecentValue(lifetime: freshness) {
            var status = await gateway.status()
            if status.liveness == .running, let started = status.startedAt { status.restartNeeded = restartCheck.report(gatewayStartedAt: started) }
            return status
        }
        self.host = RecentValue(lifetime: freshness) { hostReader.read(diskPath: home.path) }
        self.startedAt = startedAt
        timeZone = AgentTimeZone(home: home)
    }

    /// The gateway's status, with what needs a restart (at most a second old).
    public func gatewayStatus() async -> GatewayStatus { await gateway.value() }

    /// The current status.
    public func snapshot() async -> WorkspaceStatus {
        async let gatewayStatus = gateway.value()
        async let hostStats = host.value()
        let workspace = WorkspaceStatus.Workspace(
            version: WorkspaceVersion.current, home: home.path, startedAt: startedAt,
            uptimeSeconds: max(0, Date().timeIntervalSince(startedAt)), agentTimeZone: timeZone.current.identifier,
            demoHome: FileManager.default.fileExists(atPath: home.demoMarker.path))
        return await WorkspaceStatus(gateway: gatewayStatus, workspace: workspace, host: hostStats)
    }
}
