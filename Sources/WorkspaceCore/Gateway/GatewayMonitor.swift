import Foundation

/// Works out the gateway's health from its files, `/proc` and its local API port.
///
/// Every call measures afresh; `StatusService` keeps the result for a second so that polling clients
/// and a slow or dead gateway cost at most one probe per second.
public struct GatewayMonitor: Sendable {
    private let home: HermesHome
    private let files: GatewayFiles
    private let processes: ProcessTable
    private let probe: APIServerProbe

    /// Creates a monitor for `home`.
    public init(home: HermesHome, processes: ProcessTable = ProcessTable(), probe: APIServerProbe = APIServerProbe()) {
        self.home = home
        self.files = GatewayFiles(home: home)
        self.processes = processes
        self.probe = probe
    }

    /// Measures the gateway's status now.
    public func status() async -> GatewayStatus {
        var warnings: [String] = []
        var stateFile: GatewayStateFile?
        do { stateFile = try files.stateFile() } catch { warnings.append("gateway_state.json could not be read: \(error)") }
        let record = files.processRecord()
        let live = liveProcess(record: record, stateFile: stateFile)
        let reported = stateFile?.state
        var liveness: GatewayStatus.Liveness
        if live != nil {
            liveness = .running
        } else if files.pidFileExists || stateFile?.claimsAlive == true {
            liveness = .stalePid
        } else {
            liveness = .stopped
        }
        // A gateway in another PID namespace (the agent in one container, the workspace in another): its pid is not
        // a process here at all, yet its state file says it runs and its API server answers (or its lock is held).
        let pid = live?.pid ?? record?.pid ?? stateFile?.record?.pid
        var apiServer = await apiServerStatus(probe: live != nil)
        if live == nil, stateFile?.claimsAlive == true, let pid, processes.snapshot(of: pid) == nil {
            if apiServer.enabled, APIServerProbe.isLocal(apiServer.host) { apiServer = await apiServerStatus(probe: true) }
            if apiServer.reachable == true || files.lockIsHeld() { liveness = .runningElsewhere }
        }
        let shownState: String
        switch liveness {
        case .running: shownState = reported ?? "running"
        case .runningElsewhere: shownState = "\(reported ?? "running") (not in this PID namespace)"
        default: shownState = reported == "startup_failed" ? "startup_failed" : "stopped"
        }
        let startedAt = live.flatMap { processes.startDate(ticks: $0.startTicks) }
        let alive = liveness == .running || liveness == .runningElsewhere
        return GatewayStatus(
            liveness: liveness, state: shownState, lastReportedState: reported, pid: pid,
            startedAt: startedAt, uptimeSeconds: startedAt.map { max(0, Date().timeIntervalSince($0)) },
            activeAgents: alive ? stateFile?.activeAgents ?? 0 : 0,
            exitReason: stateFile?.exitReason, updatedAt: stateFile?.updatedAt,
            platforms: stateFile?.platforms ?? [], apiServer: apiServer,
            cronTicker: CronTickerStatus(home: home), warnings: warnings)
    }

    private func liveProcess(record: GatewayProcessRecord?, stateFile: GatewayStateFile?) -> ProcessSnapshot? {
        if let record, files.lockIsHeld(), let snapshot = verified(record) {
            return snapshot
        }
        guard let stateFile, stateFile.claimsAlive, let stateRecord = stateFile.record else { return nil }
        return verified(stateRecord)
    }

    private func verified(_ record: GatewayProcessRecord) -> ProcessSnapshot? {
        guard let snapshot = processes.snapshot(of: record.pid), !snapshot.isZombie else { return nil }
        if let ticks = record.startTicks, ticks != snapshot.startTicks { return nil }
        return ProcessTable.looksLikeGateway(snapshot.arguments) ? snapshot : nil
    }

    private func apiServerStatus(probe gatewayAlive: Bool) async -> APIServerStatus {
        let settings = APIServerSettings(home: home)
        let (enabled, host, port) = (settings.enabled, settings.host, settings.port)
        var status = APIServerStatus(enabled: enabled, host: host, port: port, reachable: nil, latencyMilliseconds: nil, version: nil, error: nil)
        guard enabled, APIServerProbe.isLocal(host) else { return status }
        guard gatewayAlive else {
            status.reachable = false
            status.error = "the gateway is not running"
            return status
        }
        let result = await probe.probe(host: host, port: port)
        status.reachable = result.reachable
        status.latencyMilliseconds = result.latencyMilliseconds
        status.version = result.version
        status.error = result.error
        return status
    }
}
