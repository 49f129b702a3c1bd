import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct GatewayMonitorTests {
    private static let stateJSON = """
        {"pid":%d,"kind":"hermes-gateway","argv":["hermes","gateway","run"],"start_time":%d,"gateway_state":"running","exit_reason":null,\
        "restart_requested":false,"active_agents":2,"platforms":{"telegram":{"state":"connected","error_code":null,"error_message":null,\
        "updated_at":"2026-11-24T21:00:05+00:00"},"discord":{"state":"fatal","error_code":"invalid_token","error_message":"401","updated_at":"2026-11-24T21:00:05+00:00"}},\
        "updated_at":"2026-11-24T21:00:05+00:00"}
        """

    @Test func aHomeWithoutGatewayFilesIsStopped() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let status = await GatewayMonitor(home: fixture.home).status()
        #expect(status.liveness == .stopped)
        #expect(status.state == "stopped")
        #expect(status.platforms.isEmpty)
        #expect(status.apiServer.enabled)
        #expect(status.apiServer.reachable == false)
    }

    @Test func aDeadPidIsReportedStaleWithTheLastReportedPlatforms() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        try fixture.write(#"{"pid": 4194302, "kind": "hermes-gateway", "argv": ["hermes", "gateway", "run"], "start_time": 5}"#, to: "gateway.pid")
        try fixture.write(String(format: Self.stateJSON, 4_194_302, 5), to: "gateway_state.json")
        let status = await GatewayMonitor(home: fixture.home).status()
        #expect(status.liveness == .stalePid)
        #expect(status.state == "stopped")
        #expect(status.lastReportedState == "running")
        #expect(status.activeAgents == 0)
        #expect(status.platforms.map(\.name) == ["discord", "telegram"])
        #expect(status.platforms.first?.healthy == false)
    }

    @Test func aLiveGatewayHoldingTheLockIsRunning() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let gateway = try await FakeGateway.start(in: fixture)
        defer { gateway.stop() }
        let (pid, ticks) = (gateway.pid, gateway.startTicks)
        try fixture.write(String(format: Self.stateJSON, pid, ticks), to: "gateway_state.json")
        try fixture.write(String(Date().timeIntervalSince1970 - 30), to: "cron/ticker_heartbeat")
        let status = await GatewayMonitor(home: fixture.home).status()
        #expect(status.liveness == .running)
        #expect(status.state == "running")
        #expect(status.pid == pid)
        #expect(status.activeAgents == 2)
        #expect((status.uptimeSeconds ?? -1) >= 0)
        #expect(status.cronTicker.stale == false)
        #expect((status.cronTicker.heartbeatAgeSeconds ?? 0) >= 29)
    }

    @Test func aLiveProcessWithTheWrongStartTimeIsNotTheGateway() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let ownPid = Int(ProcessInfo.processInfo.processIdentifier)
        try fixture.write(String(format: Self.stateJSON, ownPid, 1), to: "gateway_state.json")
        let status = await GatewayMonitor(home: fixture.home).status()
        #expect(status.liveness == .stalePid)
    }

    @Test func gatewayCommandLinesAreRecognised() {
        #expect(ProcessTable.looksLikeGateway(["/usr/bin/python3", "/home/u/.local/bin/hermes", "gateway", "run"]))
        #expect(ProcessTable.looksLikeGateway(["hermes", "-p", "coder", "gateway", "restart"]))
        #expect(ProcessTable.looksLikeGateway(["/opt/hermes-gateway"]))
        #expect(ProcessTable.looksLikeGateway(["python", "/src/gateway/run.py"]))
        #expect(!ProcessTable.looksLikeGateway(["hermes", "chat"]))
        #expect(!ProcessTable.looksLikeGateway(["vim", "gateway", "run"]))
        #expect(!ProcessTable.looksLikeGateway(["hermes", "gateway"]))
    }

    @Test func aClosedLocalPortIsUnreachableQuickly() async {
        let result = await APIServerProbe().probe(host: "127.0.0.1", port: 1)
        #expect(!result.reachable)
        #expect(result.error != nil)
        #expect(!APIServerProbe.isLocal("10.0.0.5"))
        #expect(APIServerProbe.isLocal("0.0.0.0"))
    }
}
